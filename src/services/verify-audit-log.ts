import { CHAIN_START, verifyChainRows, type ChainBreak } from '../domain/audit-chain.js';
import { listAuditRows } from '../store/audit-store.js';
import { listOrganizations } from '../store/organization-store.js';
import type { Db } from '../store/schema.js';

export interface ChainReport {
  organizationId: string;
  organizationName: string;
  rows: number;
  broken: ChainBreak | undefined;
}

const PAGE_ROWS = 5_000;

/** Walks every organization's audit chain and reports the first row that does not verify. */
export async function verifyAuditLog(db: Db): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];

  for (const organization of await listOrganizations(db)) {
    reports.push({
      organizationId: organization.id,
      organizationName: organization.name,
      ...(await verifyChain(db, organization.id, organization.audit_head)),
    });
  }
  return reports;
}

async function verifyChain(db: Db, organizationId: string, head: string) {
  let rows = 0;
  let position = CHAIN_START;

  for (;;) {
    const page = await listAuditRows(db, organizationId, position.nextSeq - 1, PAGE_ROWS);
    if (page.length === 0) break;

    const verdict = verifyChainRows(page.map(toRecord), position);
    if ('broken' in verdict) return { rows: rows + page.length, broken: verdict.broken };

    rows += page.length;
    position = verdict.end;
  }

  // A chain cut short at its end still links; the head kept on the organization tells.
  if (position.hash !== head) {
    return { rows, broken: { seq: position.nextSeq, reason: 'truncated' as const } };
  }
  return { rows, broken: undefined };
}

function toRecord(row: Awaited<ReturnType<typeof listAuditRows>>[number]) {
  return {
    organizationId: row.organization_id,
    seq: row.seq,
    at: row.at,
    actorKeyId: row.actor_key_id,
    actorMemberId: row.actor_member_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    data: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
