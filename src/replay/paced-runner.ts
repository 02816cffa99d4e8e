/** Something to do at a time of the file's clock, touching the things its keys name. */
export interface PacedAction {
  at: Date;
  /** What the action reads or changes (a mission, a team, an event): it waits for earlier ones. */
  keys: readonly string[];
}

export interface PaceOptions {
  /** How many actions may be under way at once. */
  concurrency: number;
  /** The file's clock runs this many times faster than the wall clock; `max` does not wait. */
  speed: number | 'max';
  /** The wall clock, in ms; injected by tests. */
  now?: () => number;
  /** Waits `ms`, never more than {@link LONGEST_TIMER_MS}; injected by tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Once aborted, no new action starts; those under way finish. */
  signal?: AbortSignal;
}

/**
 * Performs `actions` in their order: each starts once its time has come on
 * the compressed clock, every earlier action sharing one of its keys has
 * finished, and fewer than `concurrency` are under way. Unrelated actions thus
 * overlap while a mission's, a team's or an event's own stay in sequence.
 *
 * `perform` reports its own failures; one that throws stops the run (no new
 * action starts) and the error is rethrown once those under way have ended.
 */
export async function runPaced<A extends PacedAction>(
  actions: readonly A[],
  perform: (action: A) => Promise<void>,
  options: PaceOptions,
): Promise<void> {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => sleepUnlessAborted(ms, options.signal));
  const slots = new Slots(options.concurrency);
  const lastOn = new Map<string, Promise<void>>();
  const underway = new Set<Promise<void>>();
  // Enough queued ahead to keep every slot busy without holding the whole file in promises.
  const ahead = Math.max(64, options.concurrency * 16);
  const stopped: { failure: { error: unknown } | null } = { failure: null };
  const room: { wake: (() => void) | null } = { wake: null };

  const first = actions[0]?.at.getTime() ?? 0;
  const start = now();
  for (const action of actions) {
    if (stopped.failure !== null || options.signal?.aborted) break;
    if (options.speed !== 'max') {
      const due = start + (action.at.getTime() - first) / options.speed;
      // In turns a timer can take; the signal is looked at after each.
      for (let left = due - now(); left > 0; left = due - now()) {
        if (options.signal?.aborted) break;
        await sleep(Math.min(left, LONGEST_TIMER_MS));
      }
    }
    // One waiter woken by the next action to end (a race over every pending one would
    // leave a handler on each, for every turn of this loop).
    while (underway.size >= ahead) await new Promise<void>((wake) => (room.wake = wake));

    const before = action.keys.flatMap((key) => lastOn.get(key) ?? []);
    const done = (async () => {
      await Promise.all(before);
      await slots.take();
      try {
        if (stopped.failure === null && !options.signal?.aborted) await perform(action);
      } catch (error) {
        stopped.failure ??= { error };
      } finally {
        slots.give();
      }
    })();

    for (const key of action.keys) lastOn.set(key, done);
    underway.add(done);
    void done.then(() => {
      underway.delete(done);
      for (const key of action.keys) if (lastOn.get(key) === done) lastOn.delete(key);
      const wake = room.wake;
      room.wake = null;
      wake?.();
    });
  }

  await Promise.all(underway);
  if (stopped.failure !== null) throw stopped.failure.error;
}

/**
 * The longest wait setTimeout takes, 2^31 - 1 ms (24.8 days): a longer one
 * fires at once, with a TimeoutOverflowWarning.
 */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Waits `ms`, or less when `signal` is aborted meanwhile: Ctrl-C does not wait out a gap. */
function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    const end = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', end);
      done();
    };
    const timer = setTimeout(end, ms);
    signal?.addEventListener('abort', end, { once: true });
  });
}

/** A counting semaphore, first come first served. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(count: number) {
    this.free = count;
  }

  take(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.free += 1;
    else next();
  }
}
