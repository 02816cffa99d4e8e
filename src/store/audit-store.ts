import { compiledQuery } from './compiled-query.js';
import type { AuditLogTable, Db } from './schema.js';

// Every change appends one: compiled once.
const newAuditRow = compiledQuery((db: Db, row: AuditLogTable) =>
  db.insertInto('audit_log').values({
    organization_id: row.organization_id,
    seq: row.seq,
    at: row.at,
    actor_key_id: row.actor_key_id,
    actor_member_id: row.actor_member_id,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    data: row.data,
    prev_hash: row.prev_hash,
    hash: row.hash,
  }),
);

export async function insertAuditRow(db: Db, row: AuditLogTable): Promise<void> {
  await newAuditRow(db, row);
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
