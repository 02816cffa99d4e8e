import { can } from '../domain/permissions.js';
import { notFound, WedeError } from '../domain/wede-error.js';
import { findMission } from '../store/mission-store.js';
import type { Db } from '../store/schema.js';
import type { Actor } from './actor.js';
import { markSent } from './mark-sent.js';

/**
 * A device's receipt for a mission pushed to it: the first one marks the
 * mission SENT over the internet; later ones change nothing. Only an operator
 * of the mission's own team confirms it; for anyone else the mission does not
 * exist, as on the API. The answer is the mission's status afterwards.
 */
export async function confirmReceipt(trx: Db, actor: Actor, missionId: string): Promise<string> {
  const { principal } = actor;
  const mission = await findMission(trx, principal.organizationId, missionId);
  if (!mission || principal.teamId === null || mission.team_id !== principal.teamId) {
    throw notFound('mission', missionId);
  }
  if (!can(principal, 'missions:receive')) {
    throw new WedeError('forbidden', 'this needs the missions:receive permission');
  }

  const sent = await markSent(trx, actor, principal.organizationId, missionId, 'internet');
  return (sent ?? mission).status;
}
