import type { Updateable } from 'kysely';

import type { PageRequest } from './page.js';
import type { Db, TeamTable } from './schema.js';

export async function insertTeam(db: Db, row: TeamTable): Promise<void> {
  await db.insertInto('teams').values(row).execute();
}

export async function findTeam(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface TeamFilter {
  status?: string | undefined;
  name?: string | undefined;
  vertical?: string | undefined;
}

export async function listTeams(
  db: Db,
  organizationId: string,
  filter: TeamFilter,
  page: PageRequest,
) {
  let query = db.selectFrom('teams').selectAll().where('organization_id', '=', organizationId);

  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.name !== undefined) query = query.where('name', '=', filter.name);
  if (filter.vertical !== undefined) {
    // Verticals are stored as a JSON array of strings that cannot hold % or _.
    query = query.where('verticals', 'like', `%${JSON.stringify(filter.vertical)}%`);
  }
  if (page.after !== undefined) query = query.where('id', '<', page.after);

  return query
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Available teams with a known location, the candidates for a nearest-team dispatch. */
export async function listAvailableLocatedTeams(db: Db, organizationId: string) {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'AVAILABLE')
    .where('lat', 'is not', null)
    .where('lng', 'is not', null)
    .orderBy('id')
    .execute();
}

export async function updateTeam(
  db: Db,
  organizationId: string,
  id: string,
  changes: Updateable<TeamTable>,
): Promise<void> {
  await db
    .updateTable('teams')
    .set(changes)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

/**
 * Compare-and-set of a team's status: only a team still in `from` changes, so
 * two dispatches racing for one team cannot both take it.
 */
export async function swapTeamStatus(
  db: Db,
  organizationId: string,
  id: string,
  from: string,
  to: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('teams')
    .set({ status: to, updated_at: at })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
