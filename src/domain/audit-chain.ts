import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers, in a fixed order. */
export interface AuditRecord {
  organizationId: string;
  seq: number;
  at: string;
  actorKeyId: string | null;
  actorMemberId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of one row, chained to the hash of the row before it. */
export function auditHash(previousHash: string, record: AuditRecord): string {
  const canonical = JSON.stringify([
    previousHash,
    record.organizationId,
    record.seq,
    record.at,
    record.actorKeyId,
    record.actorMemberId,
    record.action,
    record.entityType,
    record.entityId,
    record.data,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak = {
  seq: number;
  reason: 'hash_mismatch' | 'broken_link' | 'gap' | 'truncated';
};

/** Where a verified stretch of chain ends: the next row must link to it. */
export interface ChainPosition {
  hash: string;
  nextSeq: number;
}

export const CHAIN_START: ChainPosition = { hash: GENESIS_HASH, nextSeq: 1 };

/**
 * Verifies consecutive rows of one organization's chain from `start`; returns
 * the first row that does not verify, or the position after the last row.
 */
export function verifyChainRows(
  rows: readonly (AuditRecord & { prevHash: string; hash: string })[],
  start: ChainPosition = CHAIN_START,
): { broken: ChainBreak } | { end: ChainPosition } {
  let { hash: previousHash, nextSeq } = start;

  for (const row of rows) {
    if (row.seq !== nextSeq) return { broken: { seq: row.seq, reason: 'gap' } };
    if (row.prevHash !== previousHash) return { broken: { seq: row.seq, reason: 'broken_link' } };
    if (auditHash(previousHash, row) !== row.hash) {
      return { broken: { seq: row.seq, reason: 'hash_mismatch' } };
    }

    previousHash = row.hash;
    nextSeq += 1;
  }
  return { end: { hash: previousHash, nextSeq } };
}
