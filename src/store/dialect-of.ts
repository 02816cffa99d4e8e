import { PostgresAdapter } from 'kysely';

import type { Db } from './schema.js';

/** Row locks exist only on PostgreSQL; SQLite serializes every write transaction. */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
