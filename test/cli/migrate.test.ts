import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import {
  CHILD_TIMEOUT_MS,
  databaseUrl,
  killAllWede,
  runWede,
  startWede,
  withDatabase,
} from '../support/wede-cli.js';

const TIMEOUT = CHILD_TIMEOUT_MS * 3;

describe.each(databaseKinds())('wede migrate [%s]', (kind) => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    env = { DATABASE_URL: databaseUrl(database.config) };
  });
  afterEach(async () => {
    await killAllWede();
    await database.drop().catch(() => undefined);
  });

  it(
    'applies the migration to a new database, then says it is up to date',
    async () => {
      const first = await runWede(['migrate'], env);

      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(first.stdout).toMatch(/applied 0001-initial/);
      expect(first.stdout).not.toMatch(/up to date/);
      const tables = await withDatabase(database.config, async ({ db }) =>
        db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('rows'))
          .executeTakeFirst(),
      );
      expect(Number(tables?.rows)).toBe(0);

      const second = await runWede(['migrate'], env);

      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(second.stdout).toMatch(/up to date/);
      expect(second.stdout).not.toMatch(/applied/);
    },
    TIMEOUT,
  );

  it(
    'leaves a migrated database for the first start to set up',
    async () => {
      expect((await runWede(['migrate'], env)).code).toBe(0);
      // Nothing to check yet, and nothing wrong.
      const verify = await runWede(['audit', 'verify'], env);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      expect(verify.stdout).not.toMatch(/BROKEN/);

      const server = await startWede(env);
      const key = await server.printedKey();

      expect((await server.api(key).get('/v1/missions')).status).toBe(200);
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    },
    TIMEOUT,
  );

  it(
    'finds a database made by `wede serve` up to date',
    async () => {
      const server = await startWede(env);
      await server.printedKey();
      await server.stop();

      const result = await runWede(['migrate'], env);

      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(/up to date/);
    },
    TIMEOUT,
  );
});
