import { seesWholeOrganization, type Principal } from '../domain/permissions.js';
import { notFound } from '../domain/wede-error.js';
import { findMission, type MissionRow } from '../store/mission-store.js';
import type { Db } from '../store/schema.js';

/** Whether a principal may see a mission at all; operators see only their team's. */
export function canSeeMission(principal: Principal, mission: { team_id: string }): boolean {
  return seesWholeOrganization(principal) || mission.team_id === principal.teamId;
}

/** A mission the principal may see, or a 404 that does not reveal whether it exists. */
export async function loadVisibleMission(
  db: Db,
  principal: Principal,
  missionId: string,
): Promise<MissionRow> {
  const mission = await findMission(db, principal.organizationId, missionId);
  if (!mission || !canSeeMission(principal, mission)) throw notFound('mission', missionId);
  return mission;
}
