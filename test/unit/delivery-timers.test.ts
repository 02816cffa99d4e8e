import { describe, expect, it } from 'vitest';

import { deliveryTimers } from '../../src/domain/delivery-timers.js';

const DELAYS = {
  escalationSeconds: { critical: 10, high: 20, medium: 30, low: 60 },
  undeliveredSeconds: { critical: 60, high: 120, medium: 180, low: 300 },
};
const NOW = new Date('2026-06-09T18:10:00.000Z');
const secondsBefore = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

function timersOf(dispatchedAt: Date, priority: 'critical' | 'low' = 'critical') {
  return deliveryTimers(dispatchedAt, NOW, priority, DELAYS).map((timer) => ({
    kind: timer.kind,
    runAt: timer.runAt.toISOString(),
  }));
}

describe('deliveryTimers', () => {
  it('counts both timers from a dispatch made now, by priority', () => {
    expect(timersOf(NOW, 'low')).toEqual([
      { kind: 'escalate', runAt: '2026-06-09T18:11:00.000Z' },
      { kind: 'undelivered', runAt: '2026-06-09T18:15:00.000Z' },
    ]);
  });

  it('keeps counting from the dispatch when it was entered a few seconds late', () => {
    expect(timersOf(secondsBefore(4))).toEqual([
      { kind: 'escalate', runAt: '2026-06-09T18:10:06.000Z' },
      { kind: 'undelivered', runAt: '2026-06-09T18:10:56.000Z' },
    ]);
  });

  it('keeps a timer due exactly when the dispatch is recorded', () => {
    expect(timersOf(secondsBefore(10)).map((timer) => timer.kind)).toEqual([
      'escalate',
      'undelivered',
    ]);
  });

  it('leaves out the text to the crew once its moment has passed, but keeps the alert', () => {
    expect(timersOf(secondsBefore(30))).toEqual([
      { kind: 'undelivered', runAt: '2026-06-09T18:10:30.000Z' },
    ]);
  });

  it('sets no timer at all for a dispatch imported from years ago', () => {
    expect(timersOf(new Date('2017-01-01T10:00:00.000Z'))).toEqual([]);
  });
});
