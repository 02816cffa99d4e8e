import type { Priority } from './vocabulary.js';

export type DeliveryTimerKind = 'escalate' | 'undelivered';

export interface DeliveryTimer {
  kind: DeliveryTimerKind;
  runAt: Date;
}

/** Seconds after dispatch at which each timer runs, per priority. */
export interface DeliveryDelays {
  escalationSeconds: Record<Priority, number>;
  undeliveredSeconds: Record<Priority, number>;
}

/**
 * The delivery timers of a new mission. They count from its dispatch; one
 * whose moment has already passed when the dispatch is recorded (a dispatch
 * entered late, or imported from history) is not set: the moment to text the
 * crew or alert supervisors is gone, and an import of a week of dispatches
 * must not fire thousands of texts and alerts at once.
 */
export function deliveryTimers(
  dispatchedAt: Date,
  recordedAt: Date,
  priority: Priority,
  delays: DeliveryDelays,
): DeliveryTimer[] {
  const after = (seconds: number) => new Date(dispatchedAt.getTime() + seconds * 1000);
  const timers: DeliveryTimer[] = [
    { kind: 'escalate', runAt: after(delays.escalationSeconds[priority]) },
    { kind: 'undelivered', runAt: after(delays.undeliveredSeconds[priority]) },
  ];
  return timers.filter((timer) => timer.runAt >= recordedAt);
}
