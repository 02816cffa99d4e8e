import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeEvent } from '../support/factories.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import {
  CHILD_TIMEOUT_MS,
  databaseUrl,
  killAllWede,
  logLines,
  printedKeys,
  runWede,
  startWede,
  type WedeServer,
} from '../support/wede-cli.js';

const TIMEOUT = CHILD_TIMEOUT_MS * 3;

function configuredKey(): string {
  return `configured-${randomBytes(18).toString('hex')}`;
}

async function canListMissions(server: WedeServer, key: string): Promise<number> {
  return (await server.api(key).get('/v1/missions')).status;
}

describe.each(databaseKinds())('wede serve [%s]', (kind) => {
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
    'shows the new admin key and says why when its port is taken, exiting 1',
    async () => {
      const holder = createServer();
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
      const { port } = holder.address() as AddressInfo;

      try {
        const refused = await runWede(['serve'], { ...env, PORT: String(port) });

        expect(refused.code, refused.stdout + refused.stderr).toBe(1);
        expect(refused.stderr).toContain(`127.0.0.1:${port} is already in use`);
        expect(refused.stderr).toContain('set PORT');
        const [key] = printedKeys(refused.stdout);
        expect(key).toMatch(/^wede_/);

        // The key shown before the failure is the organization's admin key.
        const server = await startWede(env);
        expect(await canListMissions(server, key!)).toBe(200);
        expect(server.stdout).not.toContain(key);
      } finally {
        holder.close();
      }
    },
    TIMEOUT,
  );

  it(
    'prints an admin key on the first start only, and stops cleanly on SIGTERM',
    async () => {
      const first = await startWede(env);
      const key = await first.printedKey();

      expect(key).toMatch(/^wede_[A-Za-z0-9_-]{40,}$/);
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await canListMissions(first, key)).toBe(200);
      expect(await canListMissions(first, `${key}x`)).toBe(401);

      const firstExit = await first.stop();
      expect(firstExit, first.stdout + first.stderr).toEqual({ code: 0, signal: null });
      expect(printedKeys(first.stdout)).toEqual([key]);
      // Shown on the terminal, never in the logs (only its hash is kept).
      const logs = logLines(first.stdout);
      expect(logs.some((line) => line.msg === 'shutting down')).toBe(true);
      expect(JSON.stringify(logs)).not.toContain(key);

      const second = await startWede(env);
      expect(await canListMissions(second, key)).toBe(200);
      expect(await second.stop()).toEqual({ code: 0, signal: null });
      expect(second.stdout).not.toMatch(/wede_/);
      expect(second.stdout).not.toContain(key);
    },
    TIMEOUT,
  );

  it(
    'uses WEDE_ADMIN_KEY as the admin key from the first start, printing none',
    async () => {
      const adminKey = configuredKey();
      const server = await startWede({ ...env, WEDE_ADMIN_KEY: adminKey });

      expect(await canListMissions(server, adminKey)).toBe(200);
      expect(await server.stop()).toEqual({ code: 0, signal: null });
      expect(server.stdout).not.toMatch(/wede_/);
      expect(server.stdout + server.stderr).not.toContain(adminKey);

      // The key is kept: it still works on a start without the variable.
      const later = await startWede(env);
      expect(await canListMissions(later, adminKey)).toBe(200);
      expect(later.stdout).not.toMatch(/wede_/);
    },
    TIMEOUT,
  );

  it(
    'adds WEDE_ADMIN_KEY to the default organization when set only on a later start',
    async () => {
      const first = await startWede(env);
      const printed = await first.printedKey();
      const event = await makeEvent(first.api(printed));
      await first.stop();

      const adminKey = configuredKey();
      const second = await startWede({ ...env, WEDE_ADMIN_KEY: adminKey });
      const asConfigured = second.api(adminKey);

      expect(await canListMissions(second, adminKey)).toBe(200);
      expect(await canListMissions(second, printed)).toBe(200);
      // Same organization: the event made with the printed key is visible.
      expect((await asConfigured.get(`/v1/events/${event.id}`)).status).toBe(200);
      // An admin key: it can make keys.
      expect(
        (await asConfigured.post('/v1/keys', { name: 'ops', role: 'dispatcher' })).status,
      ).toBe(201);
      await second.stop();
      expect(second.stdout).not.toMatch(/wede_/);

      // Starting again with the same variable adds nothing and breaks nothing.
      const third = await startWede({ ...env, WEDE_ADMIN_KEY: adminKey });
      expect(await canListMissions(third, adminKey)).toBe(200);
      const keys = await third.api(adminKey).get('/v1/keys');
      const bootstrapKeys = keys.body.data.filter((key: any) => key.name === 'admin (bootstrap)');
      expect(bootstrapKeys).toHaveLength(2);
    },
    TIMEOUT,
  );

  it(
    'still starts, with the key working, after the WEDE_ADMIN_KEY key was revoked',
    async () => {
      // "That exact string is ensured as the admin key": a revoked one included.
      const adminKey = configuredKey();
      const first = await startWede({ ...env, WEDE_ADMIN_KEY: adminKey });
      const api = first.api(adminKey);
      const keys = await api.get('/v1/keys');
      const bootstrap = keys.body.data.find((key: any) => key.name === 'admin (bootstrap)');
      expect((await api.delete(`/v1/keys/${bootstrap.id}`)).status).toBe(200);
      expect(await canListMissions(first, adminKey)).toBe(401);
      await first.stop();

      const second = await startWede({ ...env, WEDE_ADMIN_KEY: adminKey });

      expect(await canListMissions(second, adminKey)).toBe(200);
    },
    TIMEOUT,
  );

  it(
    'creates the default organization on its first start even after `wede org create`',
    async () => {
      const created = await runWede(['org', 'create', 'Porto Civil Protection'], env);
      expect(created.code, created.stdout + created.stderr).toBe(0);
      const portoKey = created.lines.at(-1)!;

      const server = await startWede(env);
      // Were a key coming, it would follow the listening line at once; do not wait long.
      const defaultKey = await server.printedKey(10_000);
      const porto = server.api(portoKey);
      const portoEvent = await makeEvent(porto);

      expect(defaultKey).not.toBe(portoKey);
      expect(await canListMissions(server, defaultKey)).toBe(200);
      // The default organization is not Porto's: it does not see Porto's event.
      expect((await server.api(defaultKey).get(`/v1/events/${portoEvent.id}`)).status).toBe(404);
    },
    TIMEOUT,
  );
});

describe('wede serve on SQLite paths', () => {
  const folders: string[] = [];
  const newFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), 'wede-cli-serve-'));
    folders.push(folder);
    return folder;
  };

  afterEach(killAllWede);
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it(
    'takes a sqlite: URL, creating the file and its folders',
    async () => {
      const path = join(newFolder(), 'nested', 'deeper', 'wede.db');
      const server = await startWede({ DATABASE_URL: `sqlite://${path}` });
      const key = await server.printedKey();

      expect(await canListMissions(server, key)).toBe(200);
      expect(await server.stop()).toEqual({ code: 0, signal: null });
      expect(existsSync(path)).toBe(true);
      expect(
        logLines(server.stdout).find((line) => line.msg === 'wede is listening'),
      ).toMatchObject({ database: 'sqlite' });
    },
    TIMEOUT,
  );

  it(
    'keeps its data in ./data/wede.db when DATABASE_URL is not set',
    async () => {
      const cwd = newFolder();
      const server = await startWede({}, { cwd });
      const key = await server.printedKey();

      expect(await canListMissions(server, key)).toBe(200);
      await server.stop();
      expect(existsSync(join(cwd, 'data', 'wede.db'))).toBe(true);

      const again = await startWede({}, { cwd });
      expect(await canListMissions(again, key)).toBe(200);
      await again.stop();
      expect(again.stdout).not.toMatch(/wede_/);
    },
    TIMEOUT,
  );

  it(
    'listens on the HOST it is given',
    async () => {
      const server = await startWede({
        DATABASE_URL: join(newFolder(), 'wede.db'),
        HOST: 'localhost',
      });
      const key = await server.printedKey();

      expect(server.url).toMatch(/^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+$/);
      expect(await canListMissions(server, key)).toBe(200);
    },
    TIMEOUT,
  );
});
