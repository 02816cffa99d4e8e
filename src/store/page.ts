import { WedeError } from '../domain/wede-error.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface PageRequest {
  limit: number;
  after: string | undefined;
}

export interface Page<T> {
  rows: T[];
  nextCursor: string | null;
}

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Cursors are opaque to callers: the last id seen, wrapped so nobody builds one by hand. */
export function encodeCursor(id: string): string {
  return Buffer.from(`v1:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;

  const decoded = Buffer.from(cursor, 'base64url').toString();
  const id = decoded.startsWith('v1:') ? decoded.slice(3) : '';
  if (!ID_PATTERN.test(id)) {
    throw new WedeError('validation_failed', 'cursor is not one this server issued', {
      field: 'cursor',
    });
  }
  return id;
}

export function pageRequest(limit: number | undefined, cursor: string | undefined): PageRequest {
  return { limit: limit ?? DEFAULT_PAGE_SIZE, after: decodeCursor(cursor) };
}

/** Cuts the one extra row a query fetched to learn whether another page follows. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  if (rows.length <= limit) return { rows, nextCursor: null };

  const kept = rows.slice(0, limit);
  return { rows: kept, nextCursor: encodeCursor(kept[kept.length - 1]!.id) };
}
