import { checkedId, type ApiCall, type CallOptions, type WriteOptions } from '../api-call.js';
import type { HistoryEntry, Mission, MissionListQuery, Page, StatusUpdate } from '../api-types.js';
import { everyItem } from '../pages.js';

/** Missions: what a team was sent to do, from dispatch to completion. */
export class Missions {
  constructor(private readonly call: ApiCall) {}

  /**
   * One page of missions, newest first: pass the page's `next_cursor` as
   * `cursor` for the next. A field operator's key sees only its team's.
   * Needs `missions:view`.
   */
  async list(query: MissionListQuery = {}, options?: CallOptions): Promise<Page<Mission>> {
    const { status, ...rest } = query;
    // The API takes several statuses as one comma-separated value.
    const statuses = status === undefined ? undefined : [status].flat().join(',');
    return this.call.result(
      this.call.http.GET('/v1/missions', {
        params: { query: { ...rest, status: statuses } },
        ...this.call.read(options),
      }),
    );
  }

  /** Every mission matching `query`, newest first, fetched a page at a time as you iterate. */
  all(query: Omit<MissionListQuery, 'cursor'> = {}, options?: CallOptions): AsyncIterable<Mission> {
    return everyItem((cursor) => this.list({ ...query, cursor }, options));
  }

  /** One mission. Needs `missions:view`; another team's or organization's is `not_found`. */
  async get(id: string, options?: CallOptions): Promise<Mission> {
    return this.call.result(
      this.call.http.GET('/v1/missions/{id}', {
        params: { path: { id: checkedId(id) } },
        ...this.call.read(options),
      }),
    );
  }

  /**
   * Moves a mission forward (ACK, ON_ROUTE, ON_SITE, COMPLETED, FAILED), with
   * feedback for its vertical's parser, and `occurred_at` when reported late.
   * Answers the mission as it now is. Needs `missions:receive` (the mission's
   * own team) or `missions:manage`; a status out of order is `invalid_transition`.
   */
  async updateStatus(id: string, update: StatusUpdate, options?: WriteOptions): Promise<Mission> {
    return this.call.result(
      this.call.http.PATCH('/v1/missions/{id}/status', {
        params: { path: { id: checkedId(id) } },
        body: update,
        ...this.call.write(options),
      }),
    );
  }

  /** Every transition of a mission, oldest first: who, when, through which channel, feedback. */
  async history(id: string, options?: CallOptions): Promise<HistoryEntry[]> {
    const answer = await this.call.result(
      this.call.http.GET('/v1/missions/{id}/history', {
        params: { path: { id: checkedId(id) } },
        ...this.call.read(options),
      }),
    );
    return answer.data;
  }
}
