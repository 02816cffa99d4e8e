import type { MissionStatus } from './mission-lifecycle.js';
import { can, type Principal } from './permissions.js';

export type AuthorityVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'system_status' | 'not_team_operator' | 'no_permission' };

/** Statuses that only Wede itself sets: on dispatch, and by the delivery engine. */
export const SYSTEM_STATUSES: readonly MissionStatus[] = ['CREATED', 'SENT'];

const FIELD_STATUSES: readonly MissionStatus[] = ['ACK', 'ON_ROUTE', 'ON_SITE'];

/**
 * Who may move a mission to `to`: ACK, ON_ROUTE and ON_SITE belong to a field
 * operator of the mission's own team; COMPLETED and FAILED also to a supervisor.
 */
export function authorizeStatus(
  principal: Principal,
  mission: { teamId: string },
  to: MissionStatus,
): AuthorityVerdict {
  if (SYSTEM_STATUSES.includes(to)) return { allowed: false, reason: 'system_status' };

  const isTeamOperator = can(principal, 'missions:receive') && principal.teamId === mission.teamId;

  if (FIELD_STATUSES.includes(to)) {
    return isTeamOperator ? { allowed: true } : { allowed: false, reason: 'not_team_operator' };
  }

  if (isTeamOperator || can(principal, 'missions:manage')) return { allowed: true };
  return { allowed: false, reason: 'no_permission' };
}
