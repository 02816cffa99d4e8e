import type { AuditLogTable, Db } from './schema.js';

export async function insertAuditRow(db: Db, row: AuditLogTable): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/** One organization's chain in order, a page at a time so a long log fits in memory. */
export async function listAuditRows(
  db: Db,
  organizationId: string,
  afterSeq: number,
  limit: number,
) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** The seq of an organization's latest change; 0 for an unknown organization. */
export async function lastAuditSeq(db: Db, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select('audit_seq')
    .where('id', '=', organizationId)
    .executeTakeFirst();
  return row?.audit_seq ?? 0;
}
