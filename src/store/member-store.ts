import type { Updateable } from 'kysely';

import type { PageRequest } from './page.js';
import type { Db, MemberTable } from './schema.js';

export async function insertMember(db: Db, row: MemberTable): Promise<void> {
  await db.insertInto('members').values(row).execute();
}

export async function findMember(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom('members')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface MemberFilter {
  teamId?: string | undefined;
  role?: string | undefined;
}

export async function listMembers(
  db: Db,
  organizationId: string,
  filter: MemberFilter,
  page: PageRequest,
) {
  let query = db.selectFrom('members').selectAll().where('organization_id', '=', organizationId);

  if (filter.teamId !== undefined) query = query.where('team_id', '=', filter.teamId);
  if (filter.role !== undefined) query = query.where('role', '=', filter.role);
  if (page.after !== undefined) query = query.where('id', '<', page.after);

  return query
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function updateMember(
  db: Db,
  organizationId: string,
  id: string,
  changes: Updateable<MemberTable>,
): Promise<void> {
  await db
    .updateTable('members')
    .set(changes)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

/** The members of a team, oldest first. */
export async function listTeamMemberIds(db: Db, organizationId: string, teamId: string) {
  const rows = await db
    .selectFrom('members')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('team_id', '=', teamId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}
