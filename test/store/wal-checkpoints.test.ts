import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';

import { openDatabase, type Database } from '../../src/store/database.js';

/** Rows of `t` in the database file itself, without its WAL: what checkpoints copied. */
function rowsInFile(path: string): number {
  const copy = `${path}.copy`;
  copyFileSync(path, copy);
  const file = new SQLite(copy, { readonly: true });
  try {
    const table = file.prepare("select 1 from sqlite_master where name = 't'").get();
    if (table === undefined) return 0;
    return (file.prepare('select count(*) as n from t').get() as { n: number }).n;
  } finally {
    file.close();
  }
}

async function writeRows(database: Database, count: number): Promise<void> {
  await sql`create table if not exists t (n integer)`.execute(database.db);
  for (let n = 0; n < count; n += 1) await sql`insert into t values (${n})`.execute(database.db);
}

describe('WAL checkpoints on a worker thread', () => {
  let folder = '';
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  it('copy committed writes into the database file without a commit doing it', async () => {
    folder = mkdtempSync(join(tmpdir(), 'wede-wal-'));
    const path = join(folder, 'wede.db');
    database = openDatabase({ kind: 'sqlite', path }, undefined, { backgroundCheckpoints: true });

    await writeRows(database, 20);
    await expect.poll(() => rowsInFile(path), { timeout: 5_000, interval: 100 }).toBe(20);
  });

  it('leave checkpoints to SQLite when not asked, so small writes stay in the WAL', async () => {
    folder = mkdtempSync(join(tmpdir(), 'wede-wal-'));
    const path = join(folder, 'wede.db');
    database = openDatabase({ kind: 'sqlite', path });

    await writeRows(database, 20);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(rowsInFile(path)).toBe(0);
  });

  it('checkpoint inline again once stopped, and keep every committed row', async () => {
    folder = mkdtempSync(join(tmpdir(), 'wede-wal-'));
    const path = join(folder, 'wede.db');
    database = openDatabase({ kind: 'sqlite', path }, undefined, { backgroundCheckpoints: true });
    await writeRows(database, 50);
    await database.close();
    database = undefined;

    const file = new SQLite(path);
    expect((file.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(50);
    file.close();
  });
});
