import type { Updateable } from 'kysely';

import { ACTIVE_STATUSES } from '../domain/mission-lifecycle.js';
import { compiledQuery } from './compiled-query.js';
import type { PageRequest } from './page.js';
import type { Db, MissionHistoryTable, MissionTable } from './schema.js';

export type MissionRow = MissionTable;

export async function insertMission(db: Db, row: MissionTable, memberIds: readonly string[]) {
  await db.insertInto('missions').values(row).execute();
  if (memberIds.length === 0) return;

  await db
    .insertInto('mission_members')
    .values(
      memberIds.map((memberId) => ({
        organization_id: row.organization_id,
        mission_id: row.id,
        member_id: memberId,
      })),
    )
    .execute();
}

// Every status update reads its mission and adds a history row: compiled once.
const missionById = compiledQuery((db: Db, organizationId: string, id: string) =>
  db
    .selectFrom('missions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id),
);
const newHistoryRow = compiledQuery((db: Db, row: MissionHistoryTable) =>
  db.insertInto('mission_history').values({
    id: row.id,
    organization_id: row.organization_id,
    mission_id: row.mission_id,
    sequence: row.sequence,
    from_status: row.from_status,
    to_status: row.to_status,
    occurred_at: row.occurred_at,
    recorded_at: row.recorded_at,
    channel: row.channel,
    actor_key_id: row.actor_key_id,
    actor_member_id: row.actor_member_id,
    feedback: row.feedback,
    reason: row.reason,
  }),
);

export async function findMission(db: Db, organizationId: string, id: string) {
  const { rows } = await missionById(db, organizationId, id);
  return rows[0];
}

export async function listMissionMemberIds(db: Db, missionIds: readonly string[]) {
  if (missionIds.length === 0) return new Map<string, string[]>();

  const rows = await db
    .selectFrom('mission_members')
    .select(['mission_id', 'member_id'])
    .where('mission_id', 'in', missionIds)
    .orderBy('member_id')
    .execute();

  const byMission = new Map<string, string[]>();
  for (const row of rows) {
    const ids = byMission.get(row.mission_id) ?? [];
    ids.push(row.member_id);
    byMission.set(row.mission_id, ids);
  }
  return byMission;
}

export interface MissionFilter {
  statuses?: readonly string[] | undefined;
  teamId?: string | undefined;
  memberId?: string | undefined;
  eventId?: string | undefined;
}

export async function listMissions(
  db: Db,
  organizationId: string,
  filter: MissionFilter,
  page: PageRequest,
) {
  let query = db
    .selectFrom('missions')
    .selectAll('missions')
    .where('missions.organization_id', '=', organizationId);

  if (filter.statuses !== undefined) query = query.where('status', 'in', filter.statuses);
  if (filter.teamId !== undefined) query = query.where('team_id', '=', filter.teamId);
  if (filter.eventId !== undefined) query = query.where('event_id', '=', filter.eventId);
  if (filter.memberId !== undefined) {
    const memberId = filter.memberId;
    query = query.where('missions.id', 'in', (eb) =>
      eb
        .selectFrom('mission_members')
        .select('mission_id')
        .where('organization_id', '=', organizationId)
        .where('member_id', '=', memberId),
    );
  }
  if (page.after !== undefined) query = query.where('missions.id', '<', page.after);

  return query
    .orderBy('missions.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/**
 * Compare-and-set of a mission's status: the update applies only while the
 * mission is still in `from`, so of two concurrent updates exactly one wins.
 */
export async function swapMissionStatus(
  db: Db,
  organizationId: string,
  id: string,
  from: string,
  changes: Updateable<MissionTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('missions')
    .set(changes)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function listActiveMissions(
  db: Db,
  organizationId: string,
  scope: { eventId?: string; teamId?: string },
) {
  let query = db
    .selectFrom('missions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('status', 'in', ACTIVE_STATUSES);

  if (scope.eventId !== undefined) query = query.where('event_id', '=', scope.eventId);
  if (scope.teamId !== undefined) query = query.where('team_id', '=', scope.teamId);

  return query.orderBy('id').execute();
}

/** The open events a team has a mission on, where backups of other teams may join it. */
export async function listOpenEventIdsOfTeam(
  db: Db,
  organizationId: string,
  teamId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('missions as m')
    .innerJoin('events as e', 'e.id', 'm.event_id')
    .select('m.event_id')
    .distinct()
    .where('m.organization_id', '=', organizationId)
    .where('m.team_id', '=', teamId)
    .where('m.status', 'not in', ['COMPLETED', 'FAILED'])
    .where('e.status', '=', 'OPEN')
    .execute();
  return rows.map((row) => row.event_id);
}

/** When the last of an event's missions last changed: the event cannot close earlier. */
export async function latestMissionChangeOfEvent(
  db: Db,
  organizationId: string,
  eventId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('missions')
    .select((eb) => eb.fn.max('last_transition_at').as('latest'))
    .where('organization_id', '=', organizationId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row?.latest ?? null;
}

// A team's missions do not overlap, so only its last one dispatched by `at` can
// still have been under way then: one step down the index, not a scan.
const lastTeamMissionBy = compiledQuery(
  (db: Db, organizationId: string, teamId: string, at: string) =>
    db
      .selectFrom('missions')
      .select(['id', 'dispatched_at', 'last_transition_at'])
      .where('organization_id', '=', organizationId)
      .where('team_id', '=', teamId)
      .where('dispatched_at', '<=', at)
      .orderBy('dispatched_at', 'desc')
      .limit(1),
);

/** A finished mission of the team that was under way at `at`, if any (dispatched, not ended). */
export async function teamMissionUnderWayAt(
  db: Db,
  organizationId: string,
  teamId: string,
  at: string,
): Promise<Pick<MissionTable, 'id' | 'dispatched_at' | 'last_transition_at'> | undefined> {
  const { rows } = await lastTeamMissionBy(db, organizationId, teamId, at);
  const [last] = rows;
  return last !== undefined && last.last_transition_at > at ? last : undefined;
}

// Every status update asks it (a team is on one mission at a time): compiled once.
const teamMissionInWindow = compiledQuery(
  (db: Db, mission: TeamMissionKey, after: string, before: string) =>
    db
      .selectFrom('missions')
      .select(['id', 'dispatched_at'])
      .where('organization_id', '=', mission.organization_id)
      .where('team_id', '=', mission.team_id)
      .where('dispatched_at', '>', after)
      .where('dispatched_at', '<', before)
      .where('id', '!=', mission.id)
      .orderBy('dispatched_at')
      .limit(1),
);

type TeamMissionKey = Pick<MissionTable, 'id' | 'organization_id' | 'team_id'>;

/** The first mission of the team dispatched after `after` and before `before`, if any. */
export async function teamMissionDispatchedBetween(
  db: Db,
  mission: TeamMissionKey,
  after: string,
  before: string,
): Promise<Pick<MissionTable, 'id' | 'dispatched_at'> | undefined> {
  const { rows } = await teamMissionInWindow(db, mission, after, before);
  return rows[0];
}

export async function insertHistory(db: Db, row: MissionHistoryTable): Promise<void> {
  await newHistoryRow(db, row);
}

export async function listHistory(db: Db, organizationId: string, missionId: string) {
  return db
    .selectFrom('mission_history')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('mission_id', '=', missionId)
    .orderBy('sequence')
    .execute();
}
