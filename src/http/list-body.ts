import { toPage } from '../store/page.js';

/**
 * The list shape of every collection: `{data, count, next_cursor}`, where `count`
 * is the number of items in this page and `next_cursor` leads to the next one.
 */
export function listBody<Row extends { id: string }, Json>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Json,
) {
  const { rows: kept, nextCursor } = toPage(rows, limit);
  return { data: kept.map(present), count: kept.length, next_cursor: nextCursor };
}
