import { describe, expect, it } from 'vitest';

import { CLOCK_SKEW_TOLERANCE_MS, resolveReportedTime } from '../../src/domain/reported-time.js';

import { titled } from './titled.js';

const NOW = new Date('2026-06-09T18:10:00.000Z');
const PREVIOUS = new Date('2026-06-09T18:02:00.000Z');

const at = (offsetMs: number, from: Date = NOW) => new Date(from.getTime() + offsetMs);

describe('resolveReportedTime', () => {
  it('allows a device clock to run five seconds ahead', () => {
    expect(CLOCK_SKEW_TOLERANCE_MS).toBe(5_000);
  });

  it('takes the server time when nothing was reported', () => {
    expect(resolveReportedTime(undefined, PREVIOUS, NOW)).toEqual({ ok: true, at: NOW });
  });

  it('takes the server time when nothing was reported and the previous change is now', () => {
    expect(resolveReportedTime(undefined, NOW, NOW)).toEqual({ ok: true, at: NOW });
  });

  it.each(
    titled(
      [
        { title: 'exactly now', reported: at(0) },
        { title: 'one millisecond ago', reported: at(-1) },
        { title: 'three minutes ago', reported: at(-3 * 60_000) },
        { title: 'one millisecond after the previous change', reported: at(1, PREVIOUS) },
      ],
      (r) => `keeps a reported time of ${r.title} as it is`,
    ),
  )('%s', (_title, { reported }) => {
    expect(resolveReportedTime(reported, PREVIOUS, NOW)).toEqual({ ok: true, at: reported });
  });

  it('keeps a reported time equal to the previous change', () => {
    expect(resolveReportedTime(new Date(PREVIOUS), PREVIOUS, NOW)).toEqual({
      ok: true,
      at: PREVIOUS,
    });
  });

  it.each(
    titled(
      [
        { title: 'one millisecond', ahead: 1 },
        { title: 'two and a half seconds', ahead: 2_500 },
        { title: 'four seconds', ahead: 4_000 },
        { title: 'exactly five seconds', ahead: 5_000 },
      ],
      (r) => `clamps a reported time ${r.title} ahead of the server to now`,
    ),
  )('%s', (_title, { ahead }) => {
    expect(resolveReportedTime(at(ahead), PREVIOUS, NOW)).toEqual({ ok: true, at: NOW });
  });

  it.each(
    titled(
      [
        { title: 'five seconds and one millisecond', ahead: 5_001 },
        { title: 'six seconds', ahead: 6_000 },
        { title: 'an hour', ahead: 3_600_000 },
        { title: 'a year', ahead: 365 * 24 * 3_600_000 },
      ],
      (r) => `refuses a reported time ${r.title} ahead of the server as in_future`,
    ),
  )('%s', (_title, { ahead }) => {
    expect(resolveReportedTime(at(ahead), PREVIOUS, NOW)).toEqual({
      ok: false,
      reason: 'in_future',
    });
  });

  it.each(
    titled(
      [
        { title: 'one millisecond', before: 1 },
        { title: 'a minute', before: 60_000 },
        { title: 'a day', before: 24 * 3_600_000 },
      ],
      (r) => `refuses a reported time ${r.title} before the previous change`,
    ),
  )('%s', (_title, { before }) => {
    expect(resolveReportedTime(at(-before, PREVIOUS), PREVIOUS, NOW)).toEqual({
      ok: false,
      reason: 'before_previous',
    });
  });

  it('refuses a time before the previous change even when previous is only just past', () => {
    const previous = at(-10);
    expect(resolveReportedTime(at(-11), previous, NOW)).toEqual({
      ok: false,
      reason: 'before_previous',
    });
  });

  it('does not change the dates it is given', () => {
    const reported = at(3_000);
    const previous = new Date(PREVIOUS);
    const now = new Date(NOW);
    resolveReportedTime(reported, previous, now);
    expect([reported, previous, now].map((d) => d.getTime())).toEqual([
      NOW.getTime() + 3_000,
      PREVIOUS.getTime(),
      NOW.getTime(),
    ]);
  });

  // Another server's clock may have stamped the previous change a little ahead of ours.
  describe('when the previous change is stamped slightly after now', () => {
    const previous = at(3_000);

    it('takes the previous change time when nothing was reported', () => {
      expect(resolveReportedTime(undefined, previous, NOW)).toEqual({ ok: true, at: previous });
    });

    it('refuses a reported time between now and the previous change', () => {
      expect(resolveReportedTime(at(1_000), previous, NOW)).toEqual({
        ok: false,
        reason: 'before_previous',
      });
    });

    it('never resolves an accepted reported time to before the previous change', () => {
      const verdict = resolveReportedTime(at(4_000), previous, NOW);
      expect(verdict.ok).toBe(true);
      if (!verdict.ok) return;
      expect(verdict.at.getTime()).toBeGreaterThanOrEqual(previous.getTime());
      expect(verdict.at.getTime()).toBeLessThanOrEqual(at(4_000).getTime());
    });
  });

  describe('with no change before it (a new event)', () => {
    it('takes the server time when nothing was reported', () => {
      expect(resolveReportedTime(undefined, null, NOW)).toEqual({ ok: true, at: NOW });
    });

    it('keeps a reported time years in the past', () => {
      const past = new Date('2017-01-01T09:58:30.000Z');
      expect(resolveReportedTime(past, null, NOW)).toEqual({ ok: true, at: past });
    });

    it('clamps a reported time within the clock skew to now', () => {
      expect(resolveReportedTime(at(4_000), null, NOW)).toEqual({ ok: true, at: NOW });
    });

    it('refuses a reported time beyond the clock skew as in_future', () => {
      expect(resolveReportedTime(at(5_001), null, NOW)).toEqual({
        ok: false,
        reason: 'in_future',
      });
    });
  });
});
