import { setImmediate as nextTurn } from 'node:timers/promises';

import { sql } from 'kysely';

import type { Database } from './database.js';
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

/** How long reading rows may hold the event loop before other requests get a turn. */
const SLICE_MS = 10;
const ROWS_BETWEEN_CLOCK_READS = 512;

/**
 * Calls `visit` with the times of every mission the filter matches, and the
 * value of the group column: only these columns, filtered in SQL, through the
 * (organization_id, dispatched_at) index when a time window is given.
 *
 * A million rows take seconds to read. On an SQLite file they are streamed
 * from a read-only connection of their own, never all held at once, and
 * every 10 ms the event loop gets a turn, so that a status update is never
 * kept waiting behind a report. PostgreSQL's rows arrive without blocking
 * the loop, and are then visited in the same slices. Rejects when `signal`
 * is aborted (the server is closing), between two slices.
 */
export async function forEachMissionTimes(
  database: Database,
  organizationId: string,
  filter: ResponseTimeFilter,
  groupColumn: ResponseTimeGroupColumn | null,
  visit: (row: MissionTimesRow) => void,
  signal: AbortSignal,
): Promise<void> {
  const query = missionTimesQuery(database.reader, organizationId, filter, groupColumn);
  const connection = database.openOwnReader();
  if (connection === null) {
    await visitInSlices(await query.execute(), visit, signal);
    return;
  }

  try {
    const compiled = query.compile();
    const statement = connection.prepare(compiled.sql).raw();
    const rows = statement.iterate(...compiled.parameters) as IterableIterator<RawTimesRow>;
    await visitInSlices(rowsOf(rows), visit, signal);
  } finally {
    connection.close();
  }
}

type RawTimesRow = [string, string | null, string | null, string | null, string | null];

function* rowsOf(rows: Iterable<RawTimesRow>): Generator<MissionTimesRow> {
  for (const [dispatchedAt, onRouteAt, onSiteAt, completedAt, groupValue] of rows) {
    yield {
      dispatched_at: dispatchedAt,
      on_route_at: onRouteAt,
      on_site_at: onSiteAt,
      completed_at: completedAt,
      group_value: groupValue,
    };
  }
}

async function visitInSlices<Row>(
  rows: Iterable<Row>,
  visit: (row: Row) => void,
  signal: AbortSignal,
): Promise<void> {
  let sliceStart = performance.now();
  let sinceClockRead = 0;
  for (const row of rows) {
    visit(row);

    sinceClockRead += 1;
    if (sinceClockRead < ROWS_BETWEEN_CLOCK_READS) continue;
    sinceClockRead = 0;
    if (performance.now() - sliceStart < SLICE_MS) continue;

    await nextTurn();
    signal.throwIfAborted();
    sliceStart = performance.now();
  }
}

function missionTimesQuery(
  db: Db,
  organizationId: string,
  filter: ResponseTimeFilter,
  groupColumn: ResponseTimeGroupColumn | null,
) {
  // The column order is what the raw SQLite rows are read by.
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
  return query;
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
