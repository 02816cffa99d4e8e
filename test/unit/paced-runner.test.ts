import { describe, expect, it } from 'vitest';

import { LONGEST_TIMER_MS, runPaced } from '../../src/replay/paced-runner.js';

const T0 = Date.UTC(2017, 0, 1);

interface Job {
  name: string;
  at: Date;
  keys: string[];
}

const job = (name: string, seconds: number, keys: string[]): Job => ({
  name,
  at: new Date(T0 + seconds * 1000),
  keys,
});

/** A perform that records starts and ends, each job taking `ms` of real time. */
function recorder(ms = 5) {
  const log: string[] = [];
  let underway = 0;
  let most = 0;
  const perform = async (action: Job) => {
    underway += 1;
    most = Math.max(most, underway);
    log.push(`start ${action.name}`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    log.push(`end ${action.name}`);
    underway -= 1;
  };
  return { log, perform, most: () => most };
}

describe('runPaced', () => {
  it('never starts an action before earlier ones sharing a key have ended', async () => {
    const { log, perform } = recorder();
    await runPaced(
      [job('a1', 0, ['a']), job('b1', 0, ['b']), job('a2', 0, ['a']), job('ab', 0, ['a', 'b'])],
      perform,
      { concurrency: 8, speed: 'max' },
    );

    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    expect(log.indexOf('start ab')).toBeGreaterThan(log.indexOf('end a2'));
    expect(log.indexOf('start ab')).toBeGreaterThan(log.indexOf('end b1'));
    // Unrelated actions overlap.
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('keeps at most `concurrency` actions under way', async () => {
    const { perform, most } = recorder();
    const jobs = Array.from({ length: 20 }, (_, index) => job(`j${index}`, 0, [`k${index}`]));
    await runPaced(jobs, perform, { concurrency: 3, speed: 'max' });

    expect(most()).toBe(3);
  });

  it("starts each action when the file's clock, divided by the speed, reaches it", async () => {
    let now = 1_000;
    const slept: number[] = [];
    const started: number[] = [];
    await runPaced(
      [job('a', 0, ['a']), job('b', 60, ['b']), job('c', 600, ['c'])],
      async () => {
        started.push(now);
      },
      {
        concurrency: 1,
        speed: 60,
        now: () => now,
        // The clock moves once the wait is over, as a real one would.
        sleep: (ms) =>
          new Promise((resolve) => {
            slept.push(ms);
            setTimeout(() => {
              now += ms;
              resolve();
            }, 0);
          }),
      },
    );

    expect(slept).toEqual([1_000, 9_000]);
    expect(started).toEqual([1_000, 2_000, 11_000]);
  });

  it('waits longer than a timer can in turns a timer takes, to the millisecond', async () => {
    let now = 0;
    const slept: number[] = [];
    const started: number[] = [];
    // 36 minutes of the file at --speed 0.001: 25 days, more than one timer holds.
    const gapMs = 36 * 60_000 * 1000;
    await runPaced(
      [job('a', 0, ['a']), job('b', 36 * 60, ['b'])],
      async () => {
        started.push(now);
      },
      {
        concurrency: 1,
        speed: 0.001,
        now: () => now,
        sleep: (ms) =>
          new Promise((resolve) => {
            slept.push(ms);
            setTimeout(() => {
              now += ms;
              resolve();
            }, 0);
          }),
      },
    );

    expect(slept).toEqual([LONGEST_TIMER_MS, gapMs - LONGEST_TIMER_MS]);
    expect(started).toEqual([0, gapMs]);
  });

  it('ends a wait as soon as its signal is aborted', async () => {
    const stop = new AbortController();
    const done: string[] = [];
    const startedAt = performance.now();
    await runPaced(
      [job('a', 0, ['a']), job('b', 3_600, ['b'])],
      async (action) => {
        done.push(action.name);
        setTimeout(() => stop.abort(), 20);
      },
      { concurrency: 1, speed: 1, signal: stop.signal },
    );

    expect(done).toEqual(['a']);
    expect(performance.now() - startedAt).toBeLessThan(5_000);
  });

  it('stops starting actions after one throws, and rethrows once the others end', async () => {
    const done: string[] = [];
    const run = runPaced(
      [job('a', 0, ['a']), job('b', 0, ['a']), job('c', 0, ['c'])],
      async (action) => {
        if (action.name === 'a') throw new Error('broken');
        done.push(action.name);
      },
      { concurrency: 1, speed: 'max' },
    );

    await expect(run).rejects.toThrow('broken');
    expect(done).not.toContain('b');
  });

  it('starts nothing more once its signal is aborted, and ends without an error', async () => {
    const stop = new AbortController();
    const done: string[] = [];
    await runPaced(
      [job('a', 0, ['a']), job('b', 0, ['b']), job('c', 0, ['c'])],
      async (action) => {
        done.push(action.name);
        if (action.name === 'a') stop.abort();
      },
      { concurrency: 1, speed: 'max', signal: stop.signal },
    );

    expect(done).toEqual(['a']);
  });

  it('performs a long run, more actions than it queues ahead, each once and in order', async () => {
    const done: string[] = [];
    const jobs = Array.from({ length: 500 }, (_, index) => job(`j${index}`, index, ['one']));
    await runPaced(
      jobs,
      async (action) => {
        await new Promise((resolve) => setImmediate(resolve));
        done.push(action.name);
      },
      { concurrency: 2, speed: 'max' },
    );

    expect(done).toEqual(jobs.map((action) => action.name));
  });
});
