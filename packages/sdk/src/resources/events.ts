import { checkedId, type ApiCall, type CallOptions, type WriteOptions } from '../api-call.js';
import type {
  EventChanges,
  EventClosing,
  EventListQuery,
  NewEvent,
  Page,
  WedeEvent,
} from '../api-types.js';
import { everyItem } from '../pages.js';

/** Events: the incidents teams are dispatched to. */
export class Events {
  constructor(private readonly call: ApiCall) {}

  /**
   * Records an event (`OPEN`). Needs `events:manage`. A supervisor's or admin's
   * key may give `occurred_at`, when the incident was really received (an
   * import, a late entry); it defaults to now and may not be in the future.
   *
   * @example
   * const event = await client.events.create({
   *   vertical: 'fire', priority: 'high', lat: 37.77, lng: -122.42,
   *   occurred_at: '2017-01-01T09:58:30Z',
   * });
   */
  async create(event: NewEvent, options?: WriteOptions): Promise<WedeEvent> {
    return this.call.result(
      this.call.http.POST('/v1/events', { body: event, ...this.call.write(options) }),
    );
  }

  /** One page of events, newest first; pass `next_cursor` as `cursor` for the next. */
  async list(query: EventListQuery = {}, options?: CallOptions): Promise<Page<WedeEvent>> {
    return this.call.result(
      this.call.http.GET('/v1/events', { params: { query }, ...this.call.read(options) }),
    );
  }

  /** Every event matching `query`, fetched a page at a time as you iterate. */
  all(query: Omit<EventListQuery, 'cursor'> = {}, options?: CallOptions): AsyncIterable<WedeEvent> {
    return everyItem((cursor) => this.list({ ...query, cursor }, options));
  }

  /** One event. Needs `events:view`. */
  async get(id: string, options?: CallOptions): Promise<WedeEvent> {
    return this.call.result(
      this.call.http.GET('/v1/events/{id}', {
        params: { path: { id: checkedId(id) } },
        ...this.call.read(options),
      }),
    );
  }

  /** Corrects an open event: title, notes, address, priority, place. Needs `events:manage`. */
  async update(id: string, changes: EventChanges, options?: WriteOptions): Promise<WedeEvent> {
    return this.call.result(
      this.call.http.PATCH('/v1/events/{id}', {
        params: { path: { id: checkedId(id) } },
        body: changes,
        ...this.call.write(options),
      }),
    );
  }

  /**
   * Closes an event. One with active missions is refused unless
   * `fail_active_missions` is set, which ends them `FAILED` with `reason`.
   */
  async close(id: string, closing: EventClosing = {}, options?: WriteOptions): Promise<WedeEvent> {
    return this.call.result(
      this.call.http.POST('/v1/events/{id}/close', {
        params: { path: { id: checkedId(id) } },
        body: closing,
        ...this.call.write(options),
      }),
    );
  }
}
