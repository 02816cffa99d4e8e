import { ApiCall, type CallOptions, type WriteOptions } from './api-call.js';
import type { DispatchResult } from './api-types.js';
import { ChangeStream, type StreamOptions, type StreamSocketClass } from './change-stream.js';
import { OfflineQueue, type OfflineQueueOptions } from './offline-queue.js';
import { Events } from './resources/events.js';
import { Keys } from './resources/keys.js';
import { Members } from './resources/members.js';
import { Missions } from './resources/missions.js';
import { Reports } from './resources/reports.js';
import { Teams } from './resources/teams.js';
import { Webhooks } from './resources/webhooks.js';
import { retryPolicyOf, type RetryPolicy } from './retry-policy.js';
import type { Fetch } from './transport.js';
import { WedeError } from './wede-error.js';

export interface WedeClientOptions {
  /** Where the server is, e.g. `https://wede.example.org` (a path prefix is kept). */
  baseUrl: string;
  /** The API key (`wede_…`): a member's, for a field device, or a system's. */
  apiKey: string;
  /** How calls that get no answer, a 429 or a 5xx are retried; `false` never retries. */
  retry?: Partial<RetryPolicy> | false;
  /** The fetch to send requests with; default: the platform's. */
  fetch?: Fetch;
  /** The WebSocket class for `stream()`; default: the platform's (`ws` on Node 20). */
  WebSocket?: StreamSocketClass;
}

/** What `requestBackup` takes: the spec's four fields, and optionally a team and a note. */
export interface BackupRequest {
  /** The mission asking for backup. */
  mission_id: string;
  /** Its event: the backup is a new mission on it. */
  event_id: string;
  /** Where the backup should go, e.g. the device's location; default: the event's place. */
  event_lat?: number;
  event_lng?: number;
  /** A particular team; default: the nearest available team serving the event's vertical. */
  team_id?: string;
  notes?: string;
  /**
   * When the backup was really sent (RFC 3339), for a record entered late or
   * imported; supervisor and admin keys only. Default: now.
   */
  occurred_at?: string;
  /**
   * Take `team_id` even if it is busy on another event: that mission ends
   * `FAILED` with reason `diverted`. Needs `teams:dispatch` (not a field operator).
   */
  divert?: boolean;
  /** With `divert`: the mission the team is expected to be on; if it has moved on, 409. */
  divert_from?: string;
}

/**
 * The Wede API: one instance per key. Every write carries an Idempotency-Key
 * and is retried safely; every failure is a {@link WedeError}.
 *
 * @example
 * const client = new WedeClient({ baseUrl: 'http://127.0.0.1:8080', apiKey });
 * const { data } = await client.missions.list({ status: ['CREATED', 'SENT'] });
 */
export class WedeClient {
  readonly missions: Missions;
  readonly teams: Teams;
  readonly events: Events;
  readonly members: Members;
  readonly keys: Keys;
  readonly webhooks: Webhooks;
  readonly reports: Reports;

  private readonly call: ApiCall;
  private readonly baseUrl: URL;
  private readonly WebSocket: StreamSocketClass | undefined;

  /** A client of the server at `baseUrl`, acting with `apiKey`; bad options throw a TypeError. */
  constructor(options: WedeClientOptions) {
    this.baseUrl = checkedBaseUrl(options.baseUrl);
    if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
      throw new TypeError('apiKey must be a non-empty string');
    }

    const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
    this.call = new ApiCall(this.baseUrl.href, options.apiKey, retryPolicyOf(options.retry), send);
    this.WebSocket =
      options.WebSocket ?? (globalThis as { WebSocket?: StreamSocketClass }).WebSocket;
    this.missions = new Missions(this.call);
    this.teams = new Teams(this.call);
    this.events = new Events(this.call);
    this.members = new Members(this.call);
    this.keys = new Keys(this.call);
    this.webhooks = new Webhooks(this.call);
    this.reports = new Reports(this.call);
  }

  /**
   * Asks for a backup team on the event of a mission: a new mission for
   * another team (the nearest available one unless `team_id` is given), while
   * the asking mission goes on. A field operator may ask only for an event his
   * own team is on. Answers the backup mission.
   */
  requestBackup(request: BackupRequest, options?: WriteOptions): Promise<DispatchResult> {
    const { mission_id, ...dispatch } = request;
    return this.teams.dispatch({ ...dispatch, backup_of: mission_id }, options);
  }

  /**
   * Opens the live stream of changes this key may see (a device: its team's
   * missions; a console: the organization's). Reconnects by itself and
   * resumes where it left off. Read it with `for await`; `close()` ends it.
   *
   * @example
   * for await (const item of client.stream({ confirmReceipts: true })) {
   *   if (item.type === 'change' && item.event === 'mission.created') show(item.data.mission);
   * }
   */
  stream(options: StreamOptions = {}): ChangeStream {
    if (this.WebSocket === undefined) {
      throw new TypeError(
        'no WebSocket class here: pass one as the WebSocket option (e.g. from the ws package)',
      );
    }
    const url = new URL('v1/stream', this.baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ticket = (signal: AbortSignal) => this.streamTicket({ signal });
    return new ChangeStream(url, ticket, this.WebSocket, options);
  }

  /**
   * A queue for status updates made while offline: each keeps the time it
   * happened and they are sent in order once the server answers.
   */
  offlineQueue(options?: OfflineQueueOptions): OfflineQueue {
    return new OfflineQueue(this.missions, options);
  }

  /** A one-time ticket that opens the stream where a header cannot be sent (a browser). */
  private async streamTicket(options: CallOptions): Promise<string> {
    const answer = await this.call.result(
      this.call.http.POST('/v1/stream/tickets', this.call.write({ ...options, retry: false })),
    );
    // A replayed ticket request shows no ticket (only its hash was kept): ask again.
    if (answer.ticket === null) {
      throw new WedeError(0, 'network_error', 'the stream ticket was not received; asking again');
    }
    return answer.ticket;
  }
}

function checkedBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not echoed: a mistyped URL may hold a password.
    throw new TypeError('baseUrl must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`baseUrl must be http or https, got ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('baseUrl must not hold credentials: the API key is the only one');
  }
  // Relative paths resolve under the prefix only when it ends with a slash.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}
