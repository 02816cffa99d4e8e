import { compiledQuery } from './compiled-query.js';
import { isPostgres } from './dialect-of.js';
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
 * Serializes the writes of one organization on PostgreSQL. Every write ends up
 * appending to the organization's audit chain anyway; taking that lock first,
 * before any row it will touch, means two writes can never wait on each other in
 * opposite order. SQLite runs one write transaction at a time already.
 */
export async function lockOrganizationWrites(db: Db, organizationId: string): Promise<void> {
  if (!isPostgres(db)) return;
  await db
    .selectFrom('organizations')
    .select('id')
    .where('id', '=', organizationId)
    .forUpdate()
    .execute();
}

// Every change moves the chain: compiled once.
const nextAuditSeq = compiledQuery((db: Db, organizationId: string) =>
  db
    .updateTable('organizations')
    .set((eb) => ({ audit_seq: eb('audit_seq', '+', 1) }))
    .where('id', '=', organizationId)
    .returning(['audit_seq', 'audit_head']),
);
const newAuditHead = compiledQuery((db: Db, organizationId: string, hash: string) =>
  db.updateTable('organizations').set({ audit_head: hash }).where('id', '=', organizationId),
);

/**
 * Takes the next audit sequence number of an organization. On PostgreSQL the
 * update also locks the row until commit, which keeps the hash chain linear.
 */
export async function takeAuditSeq(db: Db, organizationId: string) {
  const { rows } = await nextAuditSeq(db, organizationId);
  if (rows[0] === undefined) throw new Error(`no organization ${organizationId}`);
  return rows[0];
}

export async function setAuditHead(db: Db, organizationId: string, hash: string): Promise<void> {
  await newAuditHead(db, organizationId, hash);
}
