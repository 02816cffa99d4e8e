import { describe, expect, it } from 'vitest';

import { WedeError } from '../../src/domain/wede-error.js';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  pageRequest,
  toPage,
} from '../../src/store/page.js';

import { titled } from './titled.js';

const IDS = [
  '0197f0a4-6c1e-7d3a-9b2f-4e5d6c7b8a90',
  '0197f0a4-6c1e-7d3a-9b2f-4e5d6c7b8a91',
  '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];
const ID = IDS[0]!;

/** Calls decodeCursor and returns what it threw, failing when it threw nothing. */
function refusal(cursor: string): unknown {
  try {
    decodeCursor(cursor);
  } catch (error) {
    return error;
  }
  throw new Error(`decodeCursor accepted ${JSON.stringify(cursor)}`);
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('encodeCursor and decodeCursor', () => {
  it.each(IDS)('gives back %s from its cursor', (id) => {
    expect(decodeCursor(encodeCursor(id))).toBe(id);
  });

  it.each(IDS)('does not show the id %s in its cursor', (id) => {
    expect(encodeCursor(id)).not.toContain(id);
  });

  it('makes cursors that are safe in a query string', () => {
    for (const id of IDS) expect(encodeCursor(id)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('gives different ids different cursors', () => {
    expect(new Set(IDS.map(encodeCursor)).size).toBe(IDS.length);
  });

  it('reads no cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it.each(
    titled(
      [
        { title: 'an empty cursor', cursor: '' },
        { title: 'a bare id that was never wrapped', cursor: ID },
        { title: 'a cursor cut short', cursor: encodeCursor(ID).slice(0, -4) },
        { title: 'a cursor with bytes added', cursor: `${encodeCursor(ID)}AAAA` },
        { title: 'a cursor with its start changed', cursor: `x${encodeCursor(ID).slice(1)}` },
        { title: 'a cursor of another version', cursor: b64(`v2:${ID}`) },
        { title: 'a cursor without its version', cursor: b64(ID) },
        { title: 'a cursor wrapping something else', cursor: b64('v1:not-an-id') },
        { title: 'a cursor wrapping an upper-case id', cursor: b64(`v1:${ID.toUpperCase()}`) },
        { title: 'a cursor wrapping an id with a newline', cursor: b64(`v1:${ID}\n`) },
        { title: 'a cursor wrapping two ids', cursor: b64(`v1:${ID}${ID}`) },
        { title: 'an offset cursor of another API', cursor: b64(JSON.stringify({ offset: 50 })) },
        { title: 'a page number', cursor: '2' },
        { title: 'text that is not base64url', cursor: 'next page please!' },
      ],
      (r) => `refuses ${r.title} as validation_failed`,
    ),
  )('%s', (_title, { cursor }) => {
    const error = refusal(cursor);
    expect(error).toBeInstanceOf(WedeError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      status: 400,
      details: { field: 'cursor' },
    });
  });
});

describe('pageRequest', () => {
  it('asks for the default page size of 50 from the start', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(50);
    expect(pageRequest(undefined, undefined)).toEqual({ limit: 50, after: undefined });
  });

  it('keeps a given limit and decodes the cursor into the id to continue after', () => {
    expect(pageRequest(10, encodeCursor(ID))).toEqual({ limit: 10, after: ID });
  });

  it('refuses a tampered cursor as validation_failed', () => {
    expect(() => pageRequest(10, b64('v1:nope'))).toThrow(WedeError);
  });
});

describe('toPage', () => {
  const rows = (n: number) => IDS.slice(0, n).map((id) => ({ id }));

  it.each(
    titled(
      [
        { title: 'fewer rows than the limit', count: 2, limit: 3 },
        { title: 'exactly the limit', count: 3, limit: 3 },
        { title: 'no rows', count: 0, limit: 3 },
      ],
      (r) => `ends the list when the query found ${r.title}`,
    ),
  )('%s', (_title, { count, limit }) => {
    expect(toPage(rows(count), limit)).toEqual({ rows: rows(count), nextCursor: null });
  });

  it('cuts the extra row and points the next cursor at the last row kept', () => {
    const page = toPage(rows(4), 3);
    expect(page.rows).toEqual(rows(3));
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor!)).toBe(IDS[2]);
  });

  it('pages one row at a time', () => {
    const page = toPage(rows(2), 1);
    expect(page.rows).toEqual([{ id: IDS[0] }]);
    expect(decodeCursor(page.nextCursor!)).toBe(IDS[0]);
  });
});
