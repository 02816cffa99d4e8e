import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseConfig } from '../../src/config/load-config.js';
import type { AuditLogTable } from '../../src/store/schema.js';
import {
  dispatch,
  fieldTeam,
  makeEvent,
  makeKey,
  makeTeam,
  roleClient,
} from '../support/factories.js';
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
const PORTO = 'Porto Civil Protection';

async function auditRows(config: DatabaseConfig, organizationId: string) {
  return withDatabase(config, ({ db }) =>
    db
      .selectFrom('audit_log')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('seq')
      .execute(),
  );
}

async function organizationId(config: DatabaseConfig, name: string): Promise<string> {
  return withDatabase(
    config,
    async ({ db }) =>
      (
        await db
          .selectFrom('organizations')
          .select('id')
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).id,
  );
}

/** Drives a working day through the API of a `wede serve` child, then creates an organization. */
async function realisticSession(env: Record<string, string>): Promise<void> {
  const adminKey = `admin-${randomBytes(16).toString('hex')}`;
  const server = await startWede({ ...env, WEDE_ADMIN_KEY: adminKey });
  const api = server.api(adminKey);

  const crew = await fieldTeam(api, { name: 'Ambulance 12' });
  const fireTeam = await makeTeam(api, { name: 'Engine 3', verticals: ['fire'] });
  expect(
    (await api.patch(`/v1/members/${crew.operatorMember.id}`, { phone: '+351912345678' })).status,
  ).toBe(200);
  expect((await api.patch(`/v1/teams/${fireTeam.id}`, { name: 'Engine 3B' })).status).toBe(200);
  const dispatcher = await roleClient(api, 'dispatcher');
  await makeKey(api, { role: 'supervisor' });
  const keys = await api.get('/v1/keys');
  const supervisorKey = keys.body.data.find((key: any) => key.role === 'supervisor');
  expect((await api.delete(`/v1/keys/${supervisorKey.id}`)).status).toBe(200);

  const collapse = await makeEvent(dispatcher);
  expect(
    (await dispatcher.patch(`/v1/events/${collapse.id}`, { priority: 'critical' })).status,
  ).toBe(200);
  const mission = await dispatch(dispatcher, { event_id: collapse.id, team_id: crew.team.id });
  expect(
    (await crew.operator.put(`/v1/teams/${crew.team.id}/location`, { lat: 38.72, lng: -9.14 }))
      .status,
  ).toBe(200);
  for (const [status, feedback] of [
    ['ACK', undefined],
    ['ON_ROUTE', undefined],
    ['ON_SITE', { patient_condition: 'serious' }],
    ['COMPLETED', { patient_condition: 'stable', observations: 'BP 120/80' }],
  ] as const) {
    const update = await crew.operator.patch(
      `/v1/missions/${mission.id}/status`,
      { status, feedback },
      { headers: { 'idempotency-key': `status-${status}` } },
    );
    expect(update.status, JSON.stringify(update.body)).toBe(200);
  }

  const fire = await makeEvent(dispatcher, { vertical: 'fire', title: 'Kitchen fire' });
  await dispatch(dispatcher, { event_id: fire.id, team_id: fireTeam.id });
  expect(
    (
      await api.post(`/v1/events/${fire.id}/close`, {
        fail_active_missions: true,
        reason: 'called off',
      })
    ).status,
  ).toBe(200);

  // Refused requests change nothing, so they append nothing.
  expect(
    (await crew.operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK' })).status,
  ).toBe(409);
  expect((await api.post('/v1/teams', { name: '' })).status).toBe(400);

  expect(await server.stop()).toEqual({ code: 0, signal: null });

  const created = await runWede(['org', 'create', PORTO], env);
  expect(created.code, created.stdout + created.stderr).toBe(0);
}

describe.each(databaseKinds())('wede audit verify [%s]', (kind) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let defaultId: string;
  let portoId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    env = { DATABASE_URL: databaseUrl(database.config) };
    await realisticSession(env);
    defaultId = await organizationId(database.config, 'default');
    portoId = await organizationId(database.config, PORTO);
  }, TIMEOUT * 2);
  afterAll(async () => {
    await killAllWede();
    await database.drop().catch(() => undefined);
  });

  /** Runs verify and expects it to fail on one row of one organization, the other one ok. */
  async function expectBroken(
    broken: { id: string; name: string },
    seq: number,
    healthy: { id: string; name: string },
  ) {
    const result = await runWede(['audit', 'verify'], env);
    const output = result.stdout + result.stderr;

    expect(result.code, output).toBe(1);
    const brokenLine = result.lines.find((line) => line.includes(broken.id));
    expect(brokenLine, output).toBeDefined();
    expect(brokenLine).toMatch(/BROKEN/);
    expect(brokenLine).toContain(`"${broken.name}"`);
    expect(brokenLine).toMatch(new RegExp(`\\bseq ${seq}\\b`));
    expect(result.lines.find((line) => line.includes(healthy.id))).toMatch(/^ok: /);
    return brokenLine!;
  }

  const defaultOrg = () => ({ id: defaultId, name: 'default' });
  const portoOrg = () => ({ id: portoId, name: PORTO });

  it(
    'passes on the log the session wrote, one ok line per organization',
    async () => {
      const defaultRows = await auditRows(database.config, defaultId);
      const portoRows = await auditRows(database.config, portoId);

      const result = await runWede(['audit', 'verify'], env);

      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.lines.filter((line) => line.startsWith('ok: '))).toHaveLength(2);
      expect(result.lines.find((line) => line.includes(defaultId))).toBe(
        `ok: organization "default" (${defaultId}), ${defaultRows.length} rows`,
      );
      expect(result.lines.find((line) => line.includes(portoId))).toBe(
        `ok: organization "${PORTO}" (${portoId}), ${portoRows.length} rows`,
      );
      expect(result.stdout).not.toMatch(/BROKEN/);
    },
    TIMEOUT,
  );

  it('holds every mission transition and administrative change of the session', async () => {
    const rows = await auditRows(database.config, defaultId);
    const count = (action: string) => rows.filter((row) => row.action === action).length;

    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
    expect(count('organization.created')).toBe(1);
    expect(count('mission.created')).toBe(2);
    // ACK, ON_ROUTE, ON_SITE, COMPLETED, and the FAILED of the closed fire.
    expect(count('mission.status_updated')).toBe(5);
    expect(count('event.created')).toBe(2);
    expect(count('event.updated')).toBe(1);
    expect(count('event.closed')).toBe(2);
    expect(count('team.created')).toBe(2);
    expect(count('team.updated')).toBe(1);
    expect(count('team.location_updated')).toBe(1);
    expect(count('member.created')).toBe(1);
    expect(count('member.updated')).toBe(1);
    expect(count('key.revoked')).toBe(1);
    // The bootstrap admin key, the operator's, the dispatcher's and the revoked supervisor's.
    expect(count('key.created')).toBe(4);

    const porto = await auditRows(database.config, portoId);
    expect(porto.map((row) => row.action)).toEqual(['organization.created', 'key.created']);
  });

  it(
    'fails on a row whose data was edited by hand, naming its organization and seq',
    async () => {
      const [original] = (await auditRows(database.config, defaultId)).filter(
        (row) => row.seq === 5,
      );
      expect(original).toBeDefined();
      const forged = original!.data.replace(/"[^"]*"/, '"forged"');
      expect(forged).not.toBe(original!.data);

      await withDatabase(database.config, ({ db }) =>
        sql`UPDATE audit_log SET data = ${forged}
        WHERE organization_id = ${defaultId} AND seq = 5`.execute(db),
      );
      try {
        const line = await expectBroken(defaultOrg(), 5, portoOrg());
        expect(line).toMatch(/edited/);
      } finally {
        await withDatabase(database.config, ({ db }) =>
          sql`UPDATE audit_log
          SET data = ${original!.data} WHERE organization_id = ${defaultId} AND seq = 5`.execute(
            db,
          ),
        );
      }

      // Put back as it was, the chain verifies again: the edit alone was the fault.
      expect((await runWede(['audit', 'verify'], env)).code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'fails on an edited action or time in the other organization',
    async () => {
      const [first, second] = await auditRows(database.config, portoId);

      await withDatabase(database.config, ({ db }) =>
        sql`UPDATE audit_log
      SET action = 'key.revoked' WHERE organization_id = ${portoId} AND seq = 2`.execute(db),
      );
      try {
        await expectBroken(portoOrg(), 2, defaultOrg());
      } finally {
        await withDatabase(database.config, ({ db }) =>
          sql`UPDATE audit_log
        SET action = ${second!.action} WHERE organization_id = ${portoId} AND seq = 2`.execute(db),
        );
      }

      await withDatabase(database.config, ({ db }) =>
        sql`UPDATE audit_log
      SET at = '2020-01-01T00:00:00.000Z' WHERE organization_id = ${portoId} AND seq = 1`.execute(
          db,
        ),
      );
      try {
        await expectBroken(portoOrg(), 1, defaultOrg());
      } finally {
        await withDatabase(database.config, ({ db }) =>
          sql`UPDATE audit_log
        SET at = ${first!.at} WHERE organization_id = ${portoId} AND seq = 1`.execute(db),
        );
      }
    },
    TIMEOUT,
  );

  it(
    'fails when the last row is deleted, naming the missing seq',
    async () => {
      const rows = await auditRows(database.config, defaultId);
      const last = rows.at(-1)!;

      await deleteRow(database.config, last);
      try {
        await expectBroken(defaultOrg(), last.seq, portoOrg());
      } finally {
        await insertRow(database.config, last);
      }
      expect((await runWede(['audit', 'verify'], env)).code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'fails when a middle row is deleted, naming where the chain breaks',
    async () => {
      const rows = await auditRows(database.config, defaultId);
      const middle = rows.find((row) => row.seq === 7)!;

      await deleteRow(database.config, middle);
      try {
        const result = await runWede(['audit', 'verify'], env);
        expect(result.code, result.stdout + result.stderr).toBe(1);
        const line = result.lines.find((entry) => entry.includes(defaultId));
        // The missing seq 7, or seq 8, the first row left that no longer links.
        expect(line).toMatch(/BROKEN.*\bseq (7|8)\b/);
        expect(result.lines.find((entry) => entry.includes(portoId))).toMatch(/^ok: /);
      } finally {
        await insertRow(database.config, middle);
      }
      expect((await runWede(['audit', 'verify'], env)).code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'fails when a row is relinked to a forged previous hash',
    async () => {
      await withDatabase(database.config, ({ db }) =>
        sql`UPDATE audit_log
      SET prev_hash = ${'f'.repeat(64)} WHERE organization_id = ${defaultId} AND seq = 6`.execute(
          db,
        ),
      );
      const original = (await auditRows(database.config, defaultId))[4]!.hash;
      try {
        await expectBroken(defaultOrg(), 6, portoOrg());
      } finally {
        await withDatabase(database.config, ({ db }) =>
          sql`UPDATE audit_log
        SET prev_hash = ${original} WHERE organization_id = ${defaultId} AND seq = 6`.execute(db),
        );
      }
      expect((await runWede(['audit', 'verify'], env)).code).toBe(0);
    },
    TIMEOUT,
  );
});

describe('wede audit verify on the wrong database', () => {
  it(
    'fails, rather than passing, where no Wede database is',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'wede-cli-verify-'));
      try {
        const result = await runWede(['audit', 'verify'], {
          DATABASE_URL: join(folder, 'typo.db'),
        });

        expect(result.code, result.stdout + result.stderr).not.toBe(0);
        expect(result.code).not.toBeNull();
        expect(result.stdout).not.toMatch(/^ok: /m);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});

async function deleteRow(config: DatabaseConfig, row: AuditLogTable): Promise<void> {
  await withDatabase(config, ({ db }) =>
    sql`DELETE FROM audit_log
    WHERE organization_id = ${row.organization_id} AND seq = ${row.seq}`.execute(db),
  );
}

async function insertRow(config: DatabaseConfig, row: AuditLogTable): Promise<void> {
  await withDatabase(config, ({ db }) => db.insertInto('audit_log').values(row).execute());
}
