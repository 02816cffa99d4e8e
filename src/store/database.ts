import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';

import type { DatabaseConfig } from '../config/load-config.js';
import type { Schema } from './schema.js';
import { WalCheckpoints } from './wal-checkpoints.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Schema>;
  /**
   * For reads that must not queue behind writes. SQLite has one writing
   * connection that every transaction holds until it commits; a second,
   * read-only connection sees the last commit without waiting its turn (WAL).
   * PostgreSQL's pool needs no such thing, so there it is `db` itself.
   */
  readonly reader: Kysely<Schema>;
  dialect: Dialect;
  /**
   * A new read-only SQLite connection of its own, for one long read that
   * yields to other work between rows (a connection can run one statement at
   * a time, so a shared one would stall every other read meanwhile). Null
   * where there is none to be had: PostgreSQL, or an in-memory database. The
   * caller closes it.
   */
  openOwnReader(): SQLite.Database | null;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** SQLite: run WAL checkpoints on a worker thread rather than in commits (the server). */
  backgroundCheckpoints?: boolean;
}

/** Opens the configured database; the file and its folder are created for SQLite. */
export function openDatabase(
  config: DatabaseConfig,
  logger?: Logger,
  options: DatabaseOptions = {},
): Database {
  if (config.kind === 'postgres') {
    const db = new Kysely<Schema>({ dialect: postgresDialect(config.url, logger) });
    return {
      db,
      reader: db,
      dialect: 'postgres',
      openOwnReader: () => null,
      close: () => db.destroy(),
    };
  }

  const connection = openSqlite(config.path);
  const checkpoints =
    options.backgroundCheckpoints && config.path !== ':memory:'
      ? new WalCheckpoints(config.path, connection, logger)
      : undefined;
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: reusingStatements(connection) }),
  });
  // Opened on first use: a read-only connection needs the file, and the CLI never reads so.
  let reader: Kysely<Schema> | undefined;
  return {
    db,
    get reader() {
      if (config.path === ':memory:') return db;
      reader ??= new Kysely<Schema>({ dialect: sqliteReaderDialect(config.path) });
      return reader;
    },
    dialect: 'sqlite',
    openOwnReader: () => (config.path === ':memory:' ? null : readOnlyConnection(config.path)),
    close: async () => {
      await checkpoints?.stop();
      await reader?.destroy();
      await db.destroy();
    },
  };
}

function openSqlite(path: string): SQLite.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  const connection = new SQLite(path);
  connection.pragma('journal_mode = WAL');
  // FULL keeps an accepted status update through a power cut, not only a process crash.
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  return connection;
}

const STATEMENTS_KEPT = 500;

/**
 * Kysely prepares every query anew, and on the hot path preparing costs more
 * than running: the same SQL text gets the same prepared statement back. The
 * cache is bounded because `in (?, ?, …)` lists make texts of many lengths.
 * Safe because the one connection runs one statement at a time and nothing
 * here streams rows from a statement while reusing it.
 */
function reusingStatements(connection: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        if (statements.size >= STATEMENTS_KEPT) statements.clear();
        statement = connection.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      connection.close();
    },
  };
}

function sqliteReaderDialect(path: string): SqliteDialect {
  return new SqliteDialect({ database: reusingStatements(readOnlyConnection(path)) });
}

function readOnlyConnection(path: string): SQLite.Database {
  const connection = new SQLite(path, { readonly: true });
  connection.pragma('busy_timeout = 5000');
  return connection;
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
