import type { Db, OrganizationTable } from './schema.js';

export async function insertOrganization(db: Db, row: OrganizationTable): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export async function findOrganization(db: Db, id: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDefaultOrganization(db: Db) {
  return db.selectFrom('organizations').selectAll().where('is_default', '=', 1).executeTakeFirst();
}

export async function listOrganizations(db: Db) {
  return db.selectFrom('organizations').selectAll().orderBy('id').execute();
}

/**
 * Takes the next audit sequence number of an organization. On PostgreSQL the
 * update also locks the row until commit, which keeps the hash chain linear.
 */
export async function takeAuditSeq(db: Db, organizationId: string) {
  return db
    .updateTable('organizations')
    .set((eb) => ({ audit_seq: eb('audit_seq', '+', 1) }))
    .where('id', '=', organizationId)
    .returning(['audit_seq', 'audit_head'])
    .executeTakeFirstOrThrow();
}

export async function setAuditHead(db: Db, organizationId: string, hash: string): Promise<void> {
  await db
    .updateTable('organizations')
    .set({ audit_head: hash })
    .where('id', '=', organizationId)
    .execute();
}
