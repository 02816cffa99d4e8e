import { WedeError } from '../domain/wede-error.js';
import {
  teamMissionDispatchedBetween,
  teamMissionUnderWayAt,
  type MissionRow,
} from '../store/mission-store.js';
import type { Db, TeamTable } from '../store/schema.js';
import { iso } from './actor.js';

/*
 * A team is on one mission at a time, in the record as on the street. Times
 * entered late (an import, an offline device) could break that: a dispatch
 * while another mission was under way, or a mission going on past the start of
 * the team's next one. Missions may still be entered in any order.
 */

/** Refuses a dispatch at `at` while one of the team's missions was under way. */
export async function refuseWhileTeamWasBusy(trx: Db, team: TeamTable, at: Date): Promise<void> {
  const busy = await teamMissionUnderWayAt(trx, team.organization_id, team.id, iso(at));
  if (busy === undefined) return;

  throw new WedeError(
    'invalid_occurred_at',
    `occurred_at is while team ${team.name} was on mission ${busy.id} ` +
      `(${busy.dispatched_at} to ${busy.last_transition_at})`,
    {
      field: 'occurred_at',
      bound: 'team_busy_until',
      earliest: busy.last_transition_at,
      team_id: team.id,
      mission_id: busy.id,
    },
  );
}

/** True when a dispatch at `at` would find the team on another mission. */
export async function wasTeamBusyAt(trx: Db, team: TeamTable, at: Date): Promise<boolean> {
  return (await teamMissionUnderWayAt(trx, team.organization_id, team.id, iso(at))) !== undefined;
}

/**
 * Refuses a change of `mission` at `at` when its team had by then been sent on
 * a later mission: this one would not have ended before the next began.
 */
export async function refuseAfterTeamsNextMission(
  trx: Db,
  mission: MissionRow,
  at: Date,
): Promise<void> {
  const next = await teamMissionDispatchedBetween(trx, mission, mission.dispatched_at, iso(at));
  if (next === undefined) return;

  throw new WedeError(
    'invalid_occurred_at',
    `this mission's team was sent on mission ${next.id} at ${next.dispatched_at}; ` +
      'a change of this one must come before that (give its occurred_at)',
    {
      field: 'occurred_at',
      bound: 'team_next_mission',
      latest: next.dispatched_at,
      mission_id: next.id,
    },
  );
}
