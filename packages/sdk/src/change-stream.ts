import type { Mission } from './api-types.js';
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

/** One committed change, as the server sends it; `seq` orders them in an organization. */
export interface StreamChange {
  type: 'change';
  seq: number;
  /** What happened: `mission.created`, `mission.status_updated`, `event.created`, … */
  event: string;
  occurred_at: string;
  data: {
    mission_id?: string;
    event_id?: string;
    team_id?: string;
    status?: string;
    /** On `mission.created`: the mission as `missions.get` shows it. */
    mission?: Mission;
    [field: string]: unknown;
  };
}

/**
 * The stream could not resume where it left off (more changes were missed than
 * the server replays): reload what you hold through the API, then carry on.
 */
export interface StreamResync {
  type: 'resync';
  reason: 'resume_too_old';
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
   * Confirm receipt of each new mission of this device's team as it arrives,
   * which marks it `SENT` over `internet` and stops the SMS escalation.
   */
  confirmReceipts?: boolean;
  /** Waits between reconnections: doubling from `baseDelayMs` (500) up to `maxDelayMs` (30 s). */
  reconnect?: { baseDelayMs?: number; maxDelayMs?: number };
  /** Closes the stream; the iteration then ends. */
  signal?: AbortSignal;
  /** Each (re)connection, once the server has said hello: a good time to flush queued updates. */
  onOpen?: (hello: StreamHello) => void;
  /** A failed connection (before it is tried again) or a message the server refused. */
  onError?: (error: WedeError) => void;
}

const OPEN = 1;
const GREETING_TIMEOUT_MS = 15_000;
/** Messages kept for sending while not connected; the oldest go first when full. */
const OUTGOING_LIMIT = 1_000;

/**
 * The live stream of changes, as an async iterable: reconnects with backoff
 * and resumes after the last `seq` it saw, so a dropped link or a server
 * restart loses nothing and repeats nothing. Read it with `for await`; one
 * reader at a time. Ends when closed; throws a WedeError when the key is
 * refused (401, 403).
 */
export class ChangeStream implements AsyncIterable<StreamItem> {
  /** The last change seen; keep it to resume a later stream with `after`. */
  lastSeq: number | undefined;
  /** The latest greeting; null until the first connection is open. */
  hello: StreamHello | null = null;

  private readonly buffer: StreamItem[] = [];
  private waiting: {
    resolve: (result: IteratorResult<StreamItem>) => void;
    reject: (error: unknown) => void;
  } | null = null;
  private socket: StreamSocket | null = null;
  private readonly outgoing: string[] = [];
  private ended = false;
  private failure: WedeError | null = null;
  private readonly stop = new AbortController();

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
    this.wake();
  }

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
    const item = this.buffer.shift();
    if (item !== undefined) return Promise.resolve({ done: false, value: item });
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ done: true, value: undefined });

    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  private push(item: StreamItem): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting.resolve({ done: false, value: item });
    else this.buffer.push(item);
  }

  private wake(): void {
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
      let greeted = false;
      try {
        const ticket = await this.issueTicket(this.stop.signal);
        greeted = await this.connect(ticket);
      } catch (error) {
        if (this.ended) return;
        const failure = asWedeError(error);
        // A refused key stays refused: trying again would only hammer the server.
        if (failure.status === 401 || failure.status === 403) return this.fail(failure);
        this.options.onError?.(failure);
      }
      if (this.ended) return;

      failures = greeted ? 0 : failures + 1;
      const ceiling = Math.min(max, base * 2 ** failures);
      await sleep(Math.round(ceiling / 2 + (Math.random() * ceiling) / 2), this.stop.signal).catch(
        () => undefined,
      );
    }
  }

  /** One connection, until it closes; true when the server said hello on it. */
  private connect(ticket: string): Promise<boolean> {
    const url = new URL(this.url);
    url.searchParams.set('ticket', ticket);
    if (this.lastSeq !== undefined) url.searchParams.set('after', String(this.lastSeq));

    return new Promise((resolve) => {
      let greeted = false;
      const socket = new this.Socket(url.toString());
      this.socket = socket;
      // A handshake that hangs (a captive portal, a half-open link) is given up and retried.
      const unanswered = setTimeout(() => socket.close(), GREETING_TIMEOUT_MS);
      socket.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !this.receive(event.data)) return;
        greeted = true;
        clearTimeout(unanswered);
      });
      // Every failure ends in close, which is where the connection is given up.
      socket.addEventListener('error', () => undefined);
      socket.addEventListener('close', () => {
        clearTimeout(unanswered);
        if (this.socket === socket) this.socket = null;
        resolve(greeted);
      });
    });
  }

  /** Handles one message from the server; true when it was the greeting. */
  private receive(text: string): boolean {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return false;
    }

    if (message.type === 'hello') {
      this.greet(message as unknown as StreamHello);
      return true;
    }
    if (message.type === 'change') this.accept(message as unknown as StreamChange);
    if (message.type === 'error') this.refused(String(message.code), String(message.message));
    return false;
  }

  private greet(hello: StreamHello): void {
    this.hello = {
      seq: hello.seq,
      member_id: hello.member_id ?? null,
      team_id: hello.team_id ?? null,
    };
    this.lastSeq ??= hello.seq;
    for (const text of this.outgoing.splice(0)) this.socket?.send(text);
    this.options.onOpen?.(this.hello);
  }

  private accept(change: StreamChange): void {
    // A resume may overlap what was already seen: each change is handed over once.
    if (this.lastSeq !== undefined && change.seq <= this.lastSeq) return;
    this.lastSeq = change.seq;
    this.push(change);

    const ownTeam = this.hello?.member_id !== null && change.data.team_id === this.hello?.team_id;
    if (this.options.confirmReceipts && change.event === 'mission.created' && ownTeam) {
      this.confirm(String(change.data.mission_id));
    }
  }

  private refused(code: string, message: string): void {
    if (code === 'resume_too_old') {
      // The server goes on from now; resuming from its greeting loses nothing more.
      this.lastSeq = this.hello?.seq ?? this.lastSeq;
      this.push({ type: 'resync', reason: 'resume_too_old', message });
      return;
    }
    this.options.onError?.(new WedeError(0, code, message));
  }

  private sendWhenOpen(message: Record<string, unknown>): void {
    const text = JSON.stringify(message);
    if (this.connected) this.socket!.send(text);
    else if (this.outgoing.push(text) > OUTGOING_LIMIT) this.outgoing.shift();
  }

  private fail(error: WedeError): void {
    this.failure = error;
    this.ended = true;
    this.stop.abort();
    this.wake();
  }
}

function asWedeError(error: unknown): WedeError {
  if (error instanceof WedeError) return error;
  const message = (error as Error)?.message ?? String(error);
  return new WedeError(0, 'network_error', message, {}, null, { cause: error });
}
