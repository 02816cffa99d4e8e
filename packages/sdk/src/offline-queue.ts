import { newIdempotencyKey } from './api-call.js';
import type { Mission, StatusUpdate } from './api-types.js';
import type { Missions } from './resources/missions.js';
import type { RetryPolicy } from './retry-policy.js';
import { WedeError } from './wede-error.js';

/** A status update waiting to be sent: with the time it happened and its own identity. */
export interface QueuedUpdate {
  mission_id: string;
  /** The update as it will be sent; `occurred_at` is set when it is queued. */
  update: StatusUpdate & { occurred_at: string };
  /** The same key on every try, so an update that did arrive is never applied twice. */
  idempotency_key: string;
}

/**
 * Where the queue keeps its updates between tries; plain JSON, so a browser's
 * localStorage, a file or a mobile key-value store all serve.
 */
export interface QueueStorage {
  load(): QueuedUpdate[] | Promise<QueuedUpdate[]>;
  save(updates: QueuedUpdate[]): void | Promise<void>;
}

/** Keeps the queue in memory: it lasts as long as the program. */
export function memoryQueueStorage(): QueueStorage {
  let kept: QueuedUpdate[] = [];
  return {
    load: () => kept.map((update) => structuredClone(update)),
    save: (updates) => {
      kept = updates.map((update) => structuredClone(update));
    },
  };
}

export interface OfflineQueueOptions {
  /** Default: memory. Give one that survives a restart of the app. */
  storage?: QueueStorage;
  /**
   * While updates wait, try again this often (ms); 0 waits for the next
   * `flush()` or `updateStatus()`. Default 15,000.
   */
  retryEveryMs?: number;
  /** How each send is retried before the queue waits for the next try. Default: once, 10 s. */
  retry?: Partial<RetryPolicy> | false;
  /** Each update the server refused (a 4xx): it is taken off the queue. */
  onRejected?: (update: QueuedUpdate, error: WedeError) => void;
  /** The clock that stamps `occurred_at`. */
  now?: () => Date;
}

/** What one flush did. */
export interface FlushResult {
  /** The missions as the server answered, in the order sent. */
  sent: Mission[];
  /** Updates the server refused, taken off the queue. */
  rejected: { update: QueuedUpdate; error: WedeError }[];
  /** Updates still waiting (no answer, or the server busy): the next flush sends them first. */
  waiting: number;
}

const SEND_ONCE: Partial<RetryPolicy> = { retries: 0, timeoutMs: 10_000 };

/**
 * Status updates made while offline: each is stamped with the time it
 * happened and sent in order once the server answers. An update the server
 * refuses (a status already passed, say) is dropped and reported; one that got
 * no answer stays first in line, so a later update never overtakes it.
 */
export class OfflineQueue {
  private readonly storage: QueueStorage;
  private running: Promise<FlushResult> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  /** Made by `client.offlineQueue()`, which gives it the client's missions. */
  constructor(
    private readonly missions: Missions,
    private readonly options: OfflineQueueOptions = {},
  ) {
    this.storage = options.storage ?? memoryQueueStorage();
  }

  /**
   * Queues a status update with the time it happens now, then tries to send
   * what is queued. Resolves with the flush; a send that gets no answer is not
   * an error, the update just waits.
   */
  async updateStatus(missionId: string, update: StatusUpdate): Promise<FlushResult> {
    const queued: QueuedUpdate = {
      mission_id: missionId,
      update: { ...update, occurred_at: update.occurred_at ?? this.now().toISOString() },
      idempotency_key: newIdempotencyKey(),
    };
    await this.exclusive(async () => {
      const updates = await this.storage.load();
      await this.storage.save([...updates, queued]);
    });
    return this.flush();
  }

  /** Sends the waiting updates, oldest first, stopping at the first that gets no answer. */
  flush(): Promise<FlushResult> {
    return this.exclusive(() => this.sendWaiting());
  }

  /** The updates waiting, oldest first. */
  async pending(): Promise<QueuedUpdate[]> {
    return this.storage.load();
  }

  /** Stops trying by itself; what waits stays in storage. */
  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async sendWaiting(): Promise<FlushResult> {
    const result: FlushResult = { sent: [], rejected: [], waiting: 0 };
    const updates = await this.storage.load();
    // A mission whose update the server could not take now keeps the rest of its
    // updates behind it; other missions' updates still go.
    const held = new Set<string>();
    const kept: QueuedUpdate[] = [];

    for (const [index, next] of updates.entries()) {
      if (held.has(next.mission_id)) {
        kept.push(next);
        continue;
      }
      const outcome = await this.send(next);
      if (outcome === 'offline') {
        kept.push(...updates.slice(index));
        break;
      }
      if (outcome === 'held') {
        held.add(next.mission_id);
        kept.push(next);
        continue;
      }

      if ('mission' in outcome) result.sent.push(outcome.mission);
      else {
        result.rejected.push({ update: next, error: outcome.refusal });
        this.callBack(() => this.options.onRejected?.(next, outcome.refusal));
      }
      await this.storage.save([...kept, ...updates.slice(index + 1)]);
    }

    await this.storage.save(kept);
    result.waiting = kept.length;
    this.schedule(result.waiting);
    return result;
  }

  /** One update sent, and what became of it. */
  private async send(
    queued: QueuedUpdate,
  ): Promise<{ mission: Mission } | { refusal: WedeError } | 'held' | 'offline'> {
    const options = { retry: this.options.retry ?? SEND_ONCE };
    try {
      const mission = await this.missions.updateStatus(queued.mission_id, queued.update, {
        ...options,
        idempotencyKey: queued.idempotency_key,
      });
      return { mission };
    } catch (error) {
      if (!(error instanceof WedeError) || error.unanswered || error.status === 401) {
        return 'offline';
      }
      if (error.code === 'invalid_occurred_at') return this.sendUntimed(queued);
      return isRefusal(error) ? { refusal: error } : 'held';
    }
  }

  /**
   * The device's clock is off (ahead of the server's, or behind the mission's
   * last change): the update is worth more than its time, so it is sent again
   * without one and takes the server's.
   */
  private async sendUntimed(
    queued: QueuedUpdate,
  ): Promise<{ mission: Mission } | { refusal: WedeError } | 'held' | 'offline'> {
    const update: StatusUpdate = { ...queued.update };
    delete update.occurred_at;
    try {
      const mission = await this.missions.updateStatus(queued.mission_id, update, {
        retry: this.options.retry ?? SEND_ONCE,
        idempotencyKey: `${queued.idempotency_key}:untimed`,
      });
      return { mission };
    } catch (error) {
      if (!(error instanceof WedeError) || error.unanswered) return 'offline';
      return isRefusal(error) ? { refusal: error } : 'held';
    }
  }

  private schedule(waiting: number): void {
    const every = this.options.retryEveryMs ?? 15_000;
    if (this.closed || waiting === 0 || every <= 0 || this.timer !== null) return;

    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => undefined);
    }, every);
    // In Node, a queue waiting for the network must not keep the program alive.
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** One flush or enqueue at a time, so updates keep their order. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const before = this.running ?? Promise.resolve();
    const turn = before.catch(() => undefined).then(work);
    this.running = turn.then(
      () => EMPTY,
      () => EMPTY,
    );
    return turn;
  }

  /** A callback that throws must not stop the queue. */
  private callBack(call: () => void): void {
    try {
      call();
    } catch {
      // The caller's bug; the queue goes on.
    }
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

const EMPTY: FlushResult = { sent: [], rejected: [], waiting: 0 };

/**
 * The server answered no to this update itself: trying again would get the
 * same answer. (A refused key, 401, is handled before: it is not the update's fault.)
 */
function isRefusal(error: WedeError): boolean {
  return error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
}
