import { sql } from 'kysely';

import type { Db } from './schema.js';

/** Which missions a report covers; times are RFC 3339 UTC text as stored. */
export interface ResponseTimeFilter {
  /** dispatched_at at or after this */
  from?: string | undefined;
  /** dispatched_at before this */
  to?: string | undefined;
  vertical?: string | undefined;
  teamId?: string | undefined;
  priority?: string | undefined;
}

/** The mission column a report groups by, when it groups by one. */
export type ResponseTimeGroupColumn = 'vertical' | 'team_id' | 'priority';

export interface MissionTimesRow {
  dispatched_at: string;
  on_route_at: string | null;
  on_site_at: string | null;
  completed_at: string | null;
  group_value: string | null;
}

/**
 * The times of every mission the filter matches, and the value of the group
 * column: only these columns, filtered in SQL, through the
 * (organization_id, dispatched_at) index when a time window is given.
 */
export async function listMissionTimes(
  db: Db,
  organizationId: string,
  filter: ResponseTimeFilter,
  groupColumn: ResponseTimeGroupColumn | null,
): Promise<MissionTimesRow[]> {
  let query = db
    .selectFrom('missions')
    .select(['dispatched_at', 'on_route_at', 'on_site_at', 'completed_at'])
    .select((eb) =>
      groupColumn === null
        ? sql<string | null>`null`.as('group_value')
        : eb.ref(groupColumn).as('group_value'),
    )
    .where('organization_id', '=', organizationId);

  if (filter.from !== undefined) query = query.where('dispatched_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('dispatched_at', '<', filter.to);
  if (filter.vertical !== undefined) query = query.where('vertical', '=', filter.vertical);
  if (filter.teamId !== undefined) query = query.where('team_id', '=', filter.teamId);
  if (filter.priority !== undefined) query = query.where('priority', '=', filter.priority);

  return query.execute();
}

/** The names of an organization's teams among `teamIds`, by id. */
export async function teamNamesById(
  db: Db,
  organizationId: string,
  teamIds: readonly string[],
): Promise<Map<string, string>> {
  if (teamIds.length === 0) return new Map();

  const rows = await db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', teamIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
