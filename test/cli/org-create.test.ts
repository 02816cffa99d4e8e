import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ApiClient } from '../support/api-client.js';
import { dispatchedMission, makeEvent, makeTeam } from '../support/factories.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import {
  CHILD_TIMEOUT_MS,
  databaseUrl,
  killAllWede,
  runWede,
  startWede,
  withDatabase,
  type WedeServer,
} from '../support/wede-cli.js';

const TIMEOUT = CHILD_TIMEOUT_MS * 3;

async function organizationNames(database: TestDatabase): Promise<string[]> {
  return withDatabase(database.config, async ({ db }) =>
    (await db.selectFrom('organizations').select('name').orderBy('id').execute()).map(
      (row) => row.name,
    ),
  );
}

describe.each(databaseKinds())('wede org create [%s]', (kind) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let server: WedeServer;
  let defaultApi: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    env = { DATABASE_URL: databaseUrl(database.config) };
    const adminKey = `admin-${randomBytes(16).toString('hex')}`;
    server = await startWede({ ...env, WEDE_ADMIN_KEY: adminKey });
    defaultApi = server.api(adminKey);
  }, TIMEOUT);
  afterAll(async () => {
    await killAllWede();
    await database.drop().catch(() => undefined);
  });

  it(
    'creates an organization whose key, the last line, works on the running server',
    async () => {
      const defaultEvent = await makeEvent(defaultApi);
      const defaultMission = await dispatchedMission(defaultApi);

      const result = await runWede(['org', 'create', 'Porto Civil Protection'], env);

      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('Porto Civil Protection');
      const key = result.lines.at(-1)!;
      expect(key).toMatch(/^wede_[A-Za-z0-9_-]{40,}$/);
      expect(result.stdout.match(/wede_[A-Za-z0-9_-]+/g)).toEqual([key]);

      const porto = server.api(key);
      const missions = await porto.get('/v1/missions');
      expect(missions.status).toBe(200);
      expect(missions.body).toMatchObject({ data: [], count: 0 });
      // Nothing of the default organization is visible, and it answers 404, never 403.
      expect((await porto.get(`/v1/events/${defaultEvent.id}`)).status).toBe(404);
      expect((await porto.get(`/v1/missions/${defaultMission.mission.id}`)).status).toBe(404);
      expect((await porto.get(`/v1/teams/${defaultMission.team.id}`)).status).toBe(404);
      expect((await porto.get('/v1/events')).body.count).toBe(0);
      expect((await porto.get('/v1/teams')).body.count).toBe(0);
      const keys = await porto.get('/v1/keys');
      expect(keys.body.data).toHaveLength(1);
      expect(keys.body.data[0]).toMatchObject({ role: 'admin', prefix: key.slice(0, 12) });

      // It is an admin of its own organization, and the other way round holds too.
      const portoTeam = await makeTeam(porto);
      const portoEvent = await makeEvent(porto);
      expect((await defaultApi.get(`/v1/teams/${portoTeam.id}`)).status).toBe(404);
      expect((await defaultApi.get(`/v1/events/${portoEvent.id}`)).status).toBe(404);
      expect(
        (
          await porto.post('/v1/teams/dispatch', {
            event_id: defaultEvent.id,
            team_id: portoTeam.id,
          })
        ).status,
      ).toBe(404);

      expect(await organizationNames(database)).toEqual(['default', 'Porto Civil Protection']);
    },
    TIMEOUT,
  );

  it(
    'gives each organization its own key, even under the same name',
    async () => {
      const first = await runWede(['org', 'create', 'Braga'], env);
      const second = await runWede(['org', 'create', 'Braga'], env);
      expect(first.code).toBe(0);
      expect(second.code).toBe(0);

      const firstApi = server.api(first.lines.at(-1)!);
      const secondApi = server.api(second.lines.at(-1)!);
      const event = await makeEvent(firstApi);

      expect(first.lines.at(-1)).not.toBe(second.lines.at(-1));
      expect((await secondApi.get(`/v1/events/${event.id}`)).status).toBe(404);
    },
    TIMEOUT,
  );

  it(
    'trims the name it is given',
    async () => {
      const result = await runWede(['org', 'create', '  Faro Lifeguards  '], env);

      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('"Faro Lifeguards"');
      expect(await organizationNames(database)).toContain('Faro Lifeguards');
    },
    TIMEOUT,
  );

  it.each([
    ['an empty', ''],
    ['a blank', '   '],
    ['a too long', 'x'.repeat(201)],
  ])(
    'refuses %s name with a message, creating nothing',
    async (_what, name) => {
      const before = await organizationNames(database);

      const result = await runWede(['org', 'create', name], env);

      expect(result.code, result.stdout + result.stderr).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stdout + result.stderr).toMatch(/organization name/);
      expect(result.stdout + result.stderr).not.toMatch(/wede_/);
      expect(await organizationNames(database)).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    'refuses to run without a name',
    async () => {
      const result = await runWede(['org', 'create'], env);

      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toMatch(/missing required argument 'name'/);
    },
    TIMEOUT,
  );
});
