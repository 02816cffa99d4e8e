import type { Mission, MissionStatus } from './api-types.js';
import { sleep } from './transport.js';
import { WedeError } from './wede-error.js';

/** The part of a WebSocket the stream uses: the browser's, Node 22's, or `ws`. */
export interface StreamSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close' | 'error' | 'open', listener: () => void): void;
}

/** A WebSocket class. */
export type StreamSocketClass = new (url: string) => StreamSocket;

type Fields = { [field: string]: unknown };

interface Change<Event extends string, Data> {
  type: 'change';
  /** The organization's change number: it only grows; keep the last to resume. */
  seq: number;
  event: Event;
  occurred_at: string;
  data: Data & Fields;
}

interface MissionChangeData {
  mission_id: string;
  event_id: string;
  team_id: string;
  status: MissionStatus;
  /** Grows by one with each transition of the mission. */
  sequence: number;
}

/**
 * One committed change, as the server sends it. Compare `event` to narrow
 * `data`: `mission.created` carries the whole `mission`, as `missions.get`
 * shows it. Changes of events, teams, members and keys carry their record.
 */
export type StreamChange =
  | Change<'mission.created', MissionChangeData & { backup_of: string | null; mission: Mission }>
  | Change<
      'mission.status_updated',
      MissionChangeData & {
        previous_status: MissionStatus;
        occurred_at: string;
        channel: 'api' | 'sms' | 'internet' | 'system';
        feedback: Record<string, unknown> | null;
        reason: string | null;
      }
    >
  | Change<'mission.undelivered', MissionChangeData>
  | Change<'event.closed', { event_id: string; status: 'CLOSED'; reason: string | null }>
  | Change<'team.status_changed', { team_id: string; previous_status: string; status: string }>
  | Change<'team.location_updated', { team_id: string; lat: number; lng: number }>
  | Change<
      | 'event.created'
      | 'event.updated'
      | 'team.created'
      | 'team.updated'
      | 'member.created'
      | 'member.updated'
      | 'key.created'
      | 'key.revoked'
      | 'endpoint.disabled',
      { id?: string }
    >;

/**
 * The stream could not resume where it left off: more changes were missed than
 * the server replays, or the server is behind what this stream saw (restored
 * from a backup). Reload what you hold through the API, then carry on.
 */
export interface StreamResync {
  type: 'resync';
  reason: 'resume_too_old' | 'server_behind';
  message: string;
}

export type StreamItem = StreamChange | StreamResync;

/** The server's greeting: where the stream starts, and whose device this is. */
export interface StreamHello {
  seq: number;
  /** The member the key belongs to; null for a console or system key. */
  member_id: string | null;
  team_id: string | null;
}

export interface StreamOptions {
  /**
   * Start after this `seq`, one kept from an earlier stream's `lastSeq`: every
   * change after it comes first, in order. Without it, changes from now on.
   */
  after?: number;
  /**
   * Confirm receipt of each new mission of this device's team as the loop
   * takes it (not before: a mission nobody read is not received), which marks
   * it `SENT` over `internet` and stops the SMS escalation.
   */
  confirmReceipts?: boolean;
  /** Waits between reconnections: doubling from `baseDelayMs` (500) up to `maxDelayMs` (30 s). */
  reconnect?: { baseDelayMs?: number; maxDelayMs?: number };
  /**
   * A connection that hears nothing for this long (ms) is taken for dead and
   * replaced; the server sends a `ping` every 20 s. Default 50,000.
   */
  idleTimeoutMs?: number;
  /** Closes the stream; the iteration then ends. */
  signal?: AbortSignal;
  /** Each (re)connection, once the server has said hello: a good time to flush queued updates. */
  onOpen?: (hello: StreamHello) => void;
  /** A failed connection (before it is tried again) or a message the server refused. */
  onError?: (error: WedeError) => void;
}

const OPEN = 1;
const GREETING_TIMEOUT_MS = 15_000;
const IDLE_TIMEOUT_MS = 50_000;
/** Messages kept for sending while not connected; the oldest go first when full. */
const OUTGOING_LIMIT = 1_000;
/** Changes held for a reader that does not keep up; beyond it the stream stops reading. */
const BUFFER_LIMIT = 10_000;

type Waiting = {
  resolve: (result: IteratorResult<StreamItem>) => void;
  reject: (error: unknown) => void;
};

/**
 * The live stream of changes, as an async iterable: reconnects with backoff
 * and resumes after the last `seq` it saw, so a dropped link or a server
 * restart loses nothing and repeats nothing. Read it with `for await`; one
 * reader at a time. Ends when closed; throws a WedeError when the key is
 * refused (401, 403).
 */
export class ChangeStream implements AsyncIterable<StreamItem> {
  /** The last change received; keep it to resume a later stream with `after`. */
  lastSeq: number | undefined;
  /** The latest greeting; null until the first connection is open. */
  hello: StreamHello | null = null;

  private readonly buffer: StreamItem[] = [];
  private waiting: Waiting | null = null;
  private socket: StreamSocket | null = null;
  private readonly outgoing: string[] = [];
  private ended = false;
  private failure: WedeError | null = null;
  private readonly stop = new AbortController();
  private drained: (() => void) | null = null;
  private greeters: { resolve: (hello: StreamHello) => void; reject: (error: unknown) => void }[] =
    [];

  /** Made by `client.stream()`; it connects at once. */
  constructor(
    private readonly url: URL,
    private readonly issueTicket: (signal: AbortSignal) => Promise<string>,
    private readonly Socket: StreamSocketClass,
    private readonly options: StreamOptions = {},
  ) {
    this.lastSeq = options.after;
    const { signal } = options;
    if (signal?.aborted) this.close();
    signal?.addEventListener('abort', () => this.close(), { once: true });
    if (!this.ended) void this.run();
  }

  /**
   * Resolves once the server has greeted this stream (at once if it has):
   * from then on no change is missed. Wait for it before loading what you
   * hold through the API, or before acting on what the stream should see.
   */
  opened(): Promise<StreamHello> {
    if (this.hello !== null) return Promise.resolve(this.hello);
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.reject(new WedeError(0, 'aborted', 'the stream is closed'));

    return new Promise((resolve, reject) => this.greeters.push({ resolve, reject }));
  }

  /** True while a connection is open and greeted. */
  get connected(): boolean {
    return this.socket?.readyState === OPEN && this.hello !== null;
  }

  /**
   * Confirms receipt of a mission of this device's team (sent once connected,
   * if not now). The server's answer is not awaited; a refusal goes to `onError`.
   */
  confirm(missionId: string): void {
    this.sendWhenOpen({ type: 'receipt', mission_id: missionId });
  }

  /** Reports this device's team's location, as `teams.updateLocation` does. */
  sendLocation(lat: number, lng: number): void {
    this.sendWhenOpen({ type: 'location', lat, lng });
  }

  /** Closes the connection and ends the iteration; changes already received are still read. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.stop.abort();
    this.socket?.close(1000, 'closed by the client');
    this.drained?.();
    this.wake();
  }

  /** The changes, in order, for `for await`; leaving the loop closes the stream. */
  [Symbol.asyncIterator](): AsyncIterator<StreamItem> {
    return {
      next: () => this.next(),
      return: async () => {
        this.close();
        return { done: true, value: undefined };
      },
    };
  }

  private next(): Promise<IteratorResult<StreamItem>> {
    if (this.waiting) {
      return Promise.reject(new TypeError('a stream has one reader at a time'));
    }
    const item = this.buffer.shift();
    if (item !== undefined) {
      if (this.buffer.length < BUFFER_LIMIT / 2) this.drained?.();
      return Promise.resolve(this.handOver(item));
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ done: true, value: undefined });

    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  private push(item: StreamItem): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) return waiting.resolve(this.handOver(item));

    this.buffer.push(item);
    // A reader that does not keep up: stop reading; the next connection resumes after
    // the last change held, once the reader has caught up.
    if (this.buffer.length >= BUFFER_LIMIT) this.socket?.close(1000, 'the reader is behind');
  }

  /** The reader takes a change: now, and only now, it counts as received. */
  private handOver(item: StreamItem): IteratorResult<StreamItem> {
    if (this.options.confirmReceipts && item.type === 'change' && this.isOwnNewMission(item)) {
      this.confirm(item.data.mission_id as string);
    }
    return { done: false, value: item };
  }

  private isOwnNewMission(change: StreamChange): boolean {
    // Checked field by field: the frame came over the network.
    const { team_id: teamId, mission_id: missionId } = change.data as Fields;
    return (
      change.event === 'mission.created' &&
      typeof missionId === 'string' &&
      typeof teamId === 'string' &&
      this.hello !== null &&
      this.hello.member_id !== null &&
      teamId === this.hello.team_id
    );
  }

  private wake(): void {
    const ended = this.failure ?? new WedeError(0, 'aborted', 'the stream is closed');
    for (const greeter of this.greeters.splice(0)) greeter.reject(ended);

    const waiting = this.waiting;
    if (!waiting || this.buffer.length > 0) return;
    this.waiting = null;
    if (this.failure) waiting.reject(this.failure);
    else waiting.resolve({ done: true, value: undefined });
  }

  private async run(): Promise<void> {
    const base = this.options.reconnect?.baseDelayMs ?? 500;
    const max = this.options.reconnect?.maxDelayMs ?? 30_000;
    let failures = 0;

    while (!this.ended) {
      await this.untilDrained();
      if (this.ended) return;

      let greeted = false;
      try {
        const ticket = await this.issueTicket(this.stop.signal);
        // Closed while the ticket was on its way: no socket may open after close().
        if (this.ended) return;
        greeted = await this.connect(ticket);
      } catch (error) {
        if (this.ended) return;
        const failure = asWedeError(error);
        // A refused key stays refused: trying again would only hammer the server.
        if (failure.status === 401 || failure.status === 403) return this.fail(failure);
        this.report(failure);
      }
      if (this.ended) return;

      failures = greeted ? 0 : failures + 1;
      const ceiling = Math.min(max, base * 2 ** failures);
      await sleep(Math.round(ceiling / 2 + (Math.random() * ceiling) / 2), this.stop.signal).catch(
        () => undefined,
      );
    }
  }

  private untilDrained(): Promise<void> {
    if (this.buffer.length < BUFFER_LIMIT) return Promise.resolve();
    return new Promise((resolve) => {
      this.drained = () => {
        this.drained = null;
        resolve();
      };
    });
  }

  /** One connection, until it closes or goes quiet; true when the server said hello on it. */
  private connect(ticket: string): Promise<boolean> {
    const url = new URL(this.url);
    url.searchParams.set('ticket', ticket);
    if (this.lastSeq !== undefined) url.searchParams.set('after', String(this.lastSeq));

    return new Promise((resolve) => {
      let greeted = false;
      let quiet: ReturnType<typeof setTimeout> | undefined;
      const socket = new this.Socket(url.toString());
      this.socket = socket;

      const finish = () => {
        clearTimeout(quiet);
        if (this.socket === socket) this.socket = null;
        resolve(greeted);
      };
      // A handshake that hangs, or a link gone half-open (a phone between cell
      // towers): the socket is dropped without waiting for a closing handshake.
      const abandon = () => {
        const { terminate } = socket as { terminate?: () => void };
        if (terminate) terminate.call(socket);
        else socket.close();
        finish();
      };
      const listen = (ms: number) => {
        clearTimeout(quiet);
        quiet = setTimeout(abandon, ms);
      };
      listen(GREETING_TIMEOUT_MS);

      socket.addEventListener('message', (event) => {
        if (this.socket !== socket) return;
        listen(this.options.idleTimeoutMs ?? IDLE_TIMEOUT_MS);
        if (typeof event.data !== 'string') return;
        if (this.receive(event.data, socket)) greeted = true;
      });
      // Every failure ends in close, which is where the connection is given up.
      socket.addEventListener('error', () => undefined);
      socket.addEventListener('close', finish);
    });
  }

  /** Handles one message from the server; true when it was the greeting. */
  private receive(text: string, socket: StreamSocket): boolean {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return false;
    }
    if (!isObject(message)) return false;

    if (message.type === 'hello' && isSeq(message.seq)) {
      this.greet(message as unknown as StreamHello, socket);
      return true;
    }
    if (message.type === 'change' && isSeq(message.seq) && isObject(message.data)) {
      this.accept(message as unknown as StreamChange);
    }
    if (message.type === 'error') this.refused(String(message.code), String(message.message));
    return false;
  }

  private greet(hello: StreamHello, socket: StreamSocket): void {
    this.hello = {
      seq: hello.seq,
      member_id: typeof hello.member_id === 'string' ? hello.member_id : null,
      team_id: typeof hello.team_id === 'string' ? hello.team_id : null,
    };

    // The server is behind what this stream saw (restored from a backup, another
    // environment): what it sends next would look old. Start again from its seq.
    if (this.lastSeq !== undefined && hello.seq < this.lastSeq) {
      const message = `the server is at seq ${hello.seq}, before this stream's ${this.lastSeq}`;
      this.lastSeq = hello.seq;
      this.push({ type: 'resync', reason: 'server_behind', message });
      socket.close(1000, 'resuming from the server seq');
      return;
    }

    this.lastSeq ??= hello.seq;
    for (const text of this.outgoing.splice(0)) socket.send(text);
    for (const greeter of this.greeters.splice(0)) greeter.resolve(this.hello);
    this.callBack(() => this.options.onOpen?.(this.hello!));
  }

  private accept(change: StreamChange): void {
    // A resume may overlap what was already seen: each change is handed over once.
    if (this.lastSeq !== undefined && change.seq <= this.lastSeq) return;
    this.lastSeq = change.seq;
    this.push(change);
  }

  private refused(code: string, message: string): void {
    if (code === 'resume_too_old') {
      // The server goes on from now; resuming from its greeting loses nothing more.
      this.lastSeq = this.hello?.seq ?? this.lastSeq;
      this.push({ type: 'resync', reason: 'resume_too_old', message });
      return;
    }
    this.report(new WedeError(0, code, message));
  }

  private sendWhenOpen(message: Record<string, unknown>): void {
    const text = JSON.stringify(message);
    if (this.connected) this.socket!.send(text);
    else if (this.outgoing.push(text) > OUTGOING_LIMIT) this.outgoing.shift();
  }

  private report(error: WedeError): void {
    this.callBack(() => this.options.onError?.(error));
  }

  /** A callback that throws must not stop the stream: the stream is what saves the mission. */
  private callBack(call: () => void): void {
    try {
      call();
    } catch {
      // The caller's bug; the stream goes on.
    }
  }

  private fail(error: WedeError): void {
    this.failure = error;
    this.ended = true;
    this.stop.abort();
    this.wake();
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSeq(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function asWedeError(error: unknown): WedeError {
  if (error instanceof WedeError) return error;
  const message = (error as Error)?.message ?? String(error);
  return new WedeError(0, 'network_error', message, {}, null, { cause: error });
}
