import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { inject } from 'vitest';

import type { DatabaseConfig } from '../../src/config/load-config.js';

export type DatabaseKind = 'sqlite' | 'postgres';

/** The databases this run covers: SQLite always, PostgreSQL whenever it is reachable. */
export function databaseKinds(): DatabaseKind[] {
  return inject('postgresUrl') === null ? ['sqlite'] : ['sqlite', 'postgres'];
}

export interface TestDatabase {
  config: DatabaseConfig;
  /** Deletes the file or drops the database. */
  drop(): Promise<void>;
}

/** A new, empty database: a file in a temporary folder, or a fresh PostgreSQL database. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'wede-test-'));
    return {
      config: { kind: 'sqlite', path: join(folder, 'wede.db') },
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }

  const adminUrl = inject('postgresUrl');
  if (adminUrl === null) throw new Error('PostgreSQL is not available in this run');

  const name = `wede_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
