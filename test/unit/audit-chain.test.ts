import { describe, expect, it } from 'vitest';

import {
  CHAIN_START,
  GENESIS_HASH,
  auditHash,
  verifyChainRows,
  type AuditRecord,
  type ChainPosition,
} from '../../src/domain/audit-chain.js';

import { titled } from './titled.js';

type Row = AuditRecord & { prevHash: string; hash: string };

const RECORD: AuditRecord = {
  organizationId: 'org-1',
  seq: 1,
  at: '2026-06-09T18:00:00.000Z',
  actorKeyId: 'key-1',
  actorMemberId: null,
  action: 'mission.created',
  entityType: 'mission',
  entityId: 'm-1',
  data: '{"status":"CREATED"}',
};

const ACTIONS = ['mission.created', 'mission.sent', 'mission.ack', 'mission.on_site', 'team.set'];

/** A correctly chained run of `count` rows of one organization, from seq 1. */
function chain(count: number): Row[] {
  const rows: Row[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const record: AuditRecord = {
      organizationId: 'org-1',
      seq,
      at: `2026-06-09T18:0${seq % 10}:00.000Z`,
      actorKeyId: seq % 2 === 0 ? 'key-1' : null,
      actorMemberId: seq % 3 === 0 ? 'member-7' : null,
      action: ACTIONS[(seq - 1) % ACTIONS.length]!,
      entityType: 'mission',
      entityId: `m-${seq}`,
      data: JSON.stringify({ seq }),
    };
    const hash = auditHash(prevHash, record);
    rows.push({ ...record, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe('auditHash', () => {
  it('gives the same hash for the same row twice', () => {
    expect(auditHash(GENESIS_HASH, RECORD)).toBe(auditHash(GENESIS_HASH, { ...RECORD }));
  });

  it('is a 64-character lowercase hex SHA-256', () => {
    expect(auditHash(GENESIS_HASH, RECORD)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the value stored chains were written with', () => {
    expect(auditHash(GENESIS_HASH, RECORD)).toBe(
      'bbfa8a394ed3c7f7fb225e6d86d36d3711f3d9e82502f22cff5622d17f99cf6b',
    );
  });

  it('starts chains from a genesis hash of 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(CHAIN_START).toEqual({ hash: GENESIS_HASH, nextSeq: 1 });
  });

  it('ignores fields outside the record, such as the stored hashes', () => {
    const row = { ...RECORD, prevHash: 'x'.repeat(64), hash: 'y'.repeat(64) };
    expect(auditHash(GENESIS_HASH, row)).toBe(auditHash(GENESIS_HASH, RECORD));
  });

  it.each(
    titled<{ field: string; change: Partial<AuditRecord> }>(
      [
        { field: 'organizationId', change: { organizationId: 'org-2' } },
        { field: 'seq', change: { seq: 2 } },
        { field: 'at', change: { at: '2026-06-09T18:00:00.001Z' } },
        { field: 'actorKeyId', change: { actorKeyId: 'key-2' } },
        { field: 'actorKeyId (to null)', change: { actorKeyId: null } },
        { field: 'actorKeyId (to the string "null")', change: { actorKeyId: 'null' } },
        { field: 'actorMemberId', change: { actorMemberId: 'member-1' } },
        { field: 'actorMemberId (to the string "null")', change: { actorMemberId: 'null' } },
        { field: 'action', change: { action: 'mission.completed' } },
        { field: 'entityType', change: { entityType: 'event' } },
        { field: 'entityId', change: { entityId: 'm-2' } },
        { field: 'data', change: { data: '{"status":"SENT"}' } },
        { field: 'data (by one space)', change: { data: '{"status": "CREATED"}' } },
      ],
      (r) => `changes when ${r.field} changes`,
    ),
  )('%s', (_title, { change }) => {
    expect(auditHash(GENESIS_HASH, { ...RECORD, ...change })).not.toBe(
      auditHash(GENESIS_HASH, RECORD),
    );
  });

  it('changes when the previous hash changes', () => {
    expect(auditHash('1'.repeat(64), RECORD)).not.toBe(auditHash(GENESIS_HASH, RECORD));
  });

  it('changes when the seq is given as a string instead of a number', () => {
    const stringly = { ...RECORD, seq: '1' as unknown as number };
    expect(auditHash(GENESIS_HASH, stringly)).not.toBe(auditHash(GENESIS_HASH, RECORD));
  });

  it.each(
    titled(
      [
        {
          title: 'action and entityType',
          a: { action: 'mission.ab', entityType: 'c' },
          b: { action: 'mission.a', entityType: 'bc' },
        },
        {
          title: 'entityType and entityId',
          a: { entityType: 'mi', entityId: 'ssion' },
          b: {
            entityType: 'mission',
            entityId: '',
          },
        },
        {
          title: 'actorKeyId and actorMemberId',
          a: { actorKeyId: 'k', actorMemberId: null },
          b: { actorKeyId: null, actorMemberId: 'k' },
        },
        {
          title: 'organizationId and at',
          a: { organizationId: 'org-12', at: '026' },
          b: { organizationId: 'org-1', at: '2026' },
        },
      ],
      (r) => `keeps characters moved between ${r.title} from colliding`,
    ),
  )('%s', (_title, { a, b }) => {
    expect(auditHash(GENESIS_HASH, { ...RECORD, ...a })).not.toBe(
      auditHash(GENESIS_HASH, { ...RECORD, ...b }),
    );
  });
});

describe('verifyChainRows', () => {
  it('verifies a valid chain and ends after its last row', () => {
    const rows = chain(5);
    expect(verifyChainRows(rows)).toEqual({ end: { hash: rows[4]!.hash, nextSeq: 6 } });
  });

  it('verifies a single genesis row', () => {
    const rows = chain(1);
    expect(verifyChainRows(rows)).toEqual({ end: { hash: rows[0]!.hash, nextSeq: 2 } });
  });

  it('returns the start position unchanged for no rows', () => {
    const start: ChainPosition = { hash: 'a'.repeat(64), nextSeq: 42 };
    expect(verifyChainRows([], start)).toEqual({ end: start });
    expect(verifyChainRows([])).toEqual({ end: CHAIN_START });
  });

  it.each(
    titled<{ field: string; edit: Partial<AuditRecord> }>(
      [
        { field: 'data', edit: { data: '{"seq":99}' } },
        { field: 'action', edit: { action: 'mission.completed' } },
        { field: 'at', edit: { at: '2026-06-09T17:00:00.000Z' } },
        { field: 'organizationId', edit: { organizationId: 'org-2' } },
        { field: 'actorKeyId', edit: { actorKeyId: 'key-9' } },
        { field: 'actorMemberId', edit: { actorMemberId: 'member-9' } },
        { field: 'entityType', edit: { entityType: 'event' } },
        { field: 'entityId', edit: { entityId: 'm-99' } },
      ],
      (r) => `reports hash_mismatch at the row whose ${r.field} was edited`,
    ),
  )('%s', (_title, { edit }) => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, ...edit };
    expect(verifyChainRows(rows)).toEqual({ broken: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('reports hash_mismatch at a row whose stored hash was edited', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, hash: 'f'.repeat(64) };
    expect(verifyChainRows(rows)).toEqual({ broken: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('reports hash_mismatch at the last row when only the last row was edited', () => {
    const rows = chain(5);
    rows[4] = { ...rows[4]!, data: '{}' };
    expect(verifyChainRows(rows)).toEqual({ broken: { seq: 5, reason: 'hash_mismatch' } });
  });

  it.each(
    titled(
      [
        { title: 'the first row', removed: 0, seq: 2 },
        { title: 'a middle row', removed: 2, seq: 4 },
        { title: 'the second-to-last row', removed: 3, seq: 5 },
      ],
      (r) => `reports a gap at the row after ${r.title} when it was removed`,
    ),
  )('%s', (_title, { removed, seq }) => {
    const rows = chain(5);
    rows.splice(removed, 1);
    expect(verifyChainRows(rows)).toEqual({ broken: { seq, reason: 'gap' } });
  });

  it('reports a gap when a row appears twice', () => {
    const rows = chain(4);
    rows.splice(2, 0, rows[1]!);
    expect(verifyChainRows(rows)).toEqual({ broken: { seq: 2, reason: 'gap' } });
  });

  it('reports a gap when two rows are swapped', () => {
    const rows = chain(4);
    [rows[1], rows[2]] = [rows[2]!, rows[1]!];
    expect(verifyChainRows(rows)).toEqual({ broken: { seq: 3, reason: 'gap' } });
  });

  it.each(
    titled(
      [
        { title: 'the first row', index: 0 },
        { title: 'a middle row', index: 2 },
        { title: 'the last row', index: 4 },
      ],
      (r) => `reports broken_link when the prev_hash of ${r.title} was altered`,
    ),
  )('%s', (_title, { index }) => {
    const rows = chain(5);
    rows[index] = { ...rows[index]!, prevHash: 'e'.repeat(64) };
    expect(verifyChainRows(rows)).toEqual({
      broken: { seq: index + 1, reason: 'broken_link' },
    });
  });

  it('reports broken_link even when the altered row was re-hashed to match its new link', () => {
    const rows = chain(5);
    const forged = { ...rows[2]!, prevHash: 'e'.repeat(64) };
    forged.hash = auditHash(forged.prevHash, forged);
    rows[2] = forged;
    expect(verifyChainRows(rows)).toEqual({ broken: { seq: 3, reason: 'broken_link' } });
  });

  it('reports broken_link at the next row when an edited row was re-hashed alone', () => {
    const rows = chain(5);
    const forged = { ...rows[2]!, data: '{"seq":"forged"}' };
    forged.hash = auditHash(forged.prevHash, forged);
    rows[2] = forged;
    expect(verifyChainRows(rows)).toEqual({ broken: { seq: 4, reason: 'broken_link' } });
  });

  it('ends on another hash when a row and every row after it were rewritten', () => {
    const original = chain(5);
    const rewritten = original.map((row) => ({ ...row }));
    rewritten[2]!.data = '{"seq":"forged"}';
    for (let i = 2; i < rewritten.length; i += 1) {
      const row = rewritten[i]!;
      row.prevHash = rewritten[i - 1]!.hash;
      row.hash = auditHash(row.prevHash, row);
    }
    const verdict = verifyChainRows(rewritten);
    expect(verdict).toHaveProperty('end');
    expect(verdict).not.toEqual({ end: { hash: original[4]!.hash, nextSeq: 6 } });
  });

  it('verifies a chain checked in two pages from the end the first page returns', () => {
    const rows = chain(7);
    const first = verifyChainRows(rows.slice(0, 3));
    expect(first).toEqual({ end: { hash: rows[2]!.hash, nextSeq: 4 } });
    if (!('end' in first)) return;
    expect(verifyChainRows(rows.slice(3), first.end)).toEqual({
      end: { hash: rows[6]!.hash, nextSeq: 8 },
    });
  });

  it.each([1, 2, 3, 4, 5, 6])('verifies a seven-row chain split after row %i', (split) => {
    const rows = chain(7);
    const first = verifyChainRows(rows.slice(0, split));
    if (!('end' in first)) throw new Error(`first page broke: ${JSON.stringify(first)}`);
    expect(verifyChainRows(rows.slice(split), first.end)).toEqual(verifyChainRows(rows));
  });

  it('reports a gap when a second page is verified from the chain start', () => {
    const rows = chain(6);
    expect(verifyChainRows(rows.slice(3))).toEqual({ broken: { seq: 4, reason: 'gap' } });
  });

  it('reports broken_link when a second page is verified from the wrong hash', () => {
    const rows = chain(6);
    const wrong: ChainPosition = { hash: rows[1]!.hash, nextSeq: 4 };
    expect(verifyChainRows(rows.slice(3), wrong)).toEqual({
      broken: { seq: 4, reason: 'broken_link' },
    });
  });

  it('reports the break in a second page by its seq in the whole chain', () => {
    const rows = chain(6);
    rows[4] = { ...rows[4]!, action: 'mission.failed' };
    const first = verifyChainRows(rows.slice(0, 3));
    if (!('end' in first)) throw new Error('first page should verify');
    expect(verifyChainRows(rows.slice(3), first.end)).toEqual({
      broken: { seq: 5, reason: 'hash_mismatch' },
    });
  });

  it('reports only the first break when there are several', () => {
    const rows = chain(6);
    rows[1] = { ...rows[1]!, data: 'x' };
    rows[4] = { ...rows[4]!, prevHash: '0'.repeat(64) };
    expect(verifyChainRows(rows)).toEqual({ broken: { seq: 2, reason: 'hash_mismatch' } });
  });
});
