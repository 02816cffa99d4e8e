import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';

import type { DatabaseConfig } from '../config/load-config.js';
import type { Schema } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Schema>;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Opens the configured database; the file and its folder are created for SQLite. */
export function openDatabase(config: DatabaseConfig, logger?: Logger): Database {
  const db =
    config.kind === 'sqlite'
      ? new Kysely<Schema>({ dialect: sqliteDialect(config.path) })
      : new Kysely<Schema>({ dialect: postgresDialect(config.url, logger) });

  return { db, dialect: config.kind, close: () => db.destroy() };
}

function sqliteDialect(path: string): SqliteDialect {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  const connection = new SQLite(path);
  connection.pragma('journal_mode = WAL');
  // FULL keeps an accepted status update through a power cut, not only a process crash.
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');

  return new SqliteDialect({ database: connection });
}

function postgresDialect(url: string, logger: Logger | undefined): PostgresDialect {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server (restart, failover) is replaced on the
  // next query; unheard, the pool's error event would end the process.
  pool.on('error', (error) => logger?.warn({ err: error }, 'idle PostgreSQL connection lost'));
  return new PostgresDialect({ pool });
}

// Deadlock and serialization failures are PostgreSQL telling us to try again.
const RETRYABLE_PG_CODES = new Set(['40001', '40P01']);
const MAX_TRANSACTION_ATTEMPTS = 3;

/** Runs `work` in one transaction, retrying it when PostgreSQL asks for a retry. */
export async function inTransaction<T>(
  db: Kysely<Schema>,
  work: (trx: Transaction<Schema>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const retryable = typeof code === 'string' && RETRYABLE_PG_CODES.has(code);
      if (!retryable || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
    }
  }
}

/** A unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
