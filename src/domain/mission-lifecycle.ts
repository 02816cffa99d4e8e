/**
 * The mission lifecycle of the spec: forward only, skipping allowed, two final
 * states. Pure rules; who may make a move is decided in status-authority.ts.
 */
export const MISSION_STATUSES = [
  'CREATED',
  'SENT',
  'ACK',
  'ON_ROUTE',
  'ON_SITE',
  'COMPLETED',
  'FAILED',
] as const;

export type MissionStatus = (typeof MISSION_STATUSES)[number];

export const FINAL_STATUSES: readonly MissionStatus[] = ['COMPLETED', 'FAILED'];

export const ACTIVE_STATUSES: readonly MissionStatus[] = MISSION_STATUSES.filter(
  (status) => !FINAL_STATUSES.includes(status),
);

/** The mission field that records when each status was reached. */
export const TIMESTAMP_FIELD = {
  CREATED: 'dispatched_at',
  SENT: 'sent_at',
  ACK: 'ack_at',
  ON_ROUTE: 'on_route_at',
  ON_SITE: 'on_site_at',
  COMPLETED: 'completed_at',
  FAILED: 'failed_at',
} as const satisfies Record<MissionStatus, string>;

export type MissionTimestampField = (typeof TIMESTAMP_FIELD)[MissionStatus];

// COMPLETED and FAILED share the last rank: FAILED is reachable from any
// non-final state, and neither may follow the other.
const RANK: Record<MissionStatus, number> = {
  CREATED: 0,
  SENT: 1,
  ACK: 2,
  ON_ROUTE: 3,
  ON_SITE: 4,
  COMPLETED: 5,
  FAILED: 5,
};

export function isMissionStatus(value: string): value is MissionStatus {
  return (MISSION_STATUSES as readonly string[]).includes(value);
}

export function isFinal(status: MissionStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export type TransitionVerdict =
  { allowed: true } | { allowed: false; reason: 'final' | 'not_forward' };

/** Whether a mission in `from` may move to `to`, ignoring who asks. */
export function checkTransition(from: MissionStatus, to: MissionStatus): TransitionVerdict {
  if (isFinal(from)) return { allowed: false, reason: 'final' };
  if (RANK[to] <= RANK[from]) return { allowed: false, reason: 'not_forward' };
  return { allowed: true };
}
