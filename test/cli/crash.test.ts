import { randomBytes } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { dispatchedMission } from '../support/factories.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import {
  CHILD_TIMEOUT_MS,
  databaseUrl,
  killAllWede,
  runWede,
  startWede,
} from '../support/wede-cli.js';

const TIMEOUT = CHILD_TIMEOUT_MS * 3;

describe.each(databaseKinds())('wede serve killed with SIGKILL [%s]', (kind) => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    env = {
      DATABASE_URL: databaseUrl(database.config),
      WEDE_ADMIN_KEY: `admin-${randomBytes(16).toString('hex')}`,
    };
  });
  afterEach(async () => {
    await killAllWede();
    await database.drop().catch(() => undefined);
  });

  it(
    'loses no status update it answered before dying',
    async () => {
      const first = await startWede(env);
      const { mission, team, event, operator, operatorMember } = await dispatchedMission(
        first.api(env.WEDE_ADMIN_KEY!),
      );
      const operatorKey = operator.defaultKey;
      const path = `/v1/missions/${mission.id}/status`;
      const body = { status: 'ON_SITE', feedback: { patient_condition: 'serious' } };
      const headers = { 'idempotency-key': 'site-after-crash' };

      const answered = await operator.patch(path, body, { headers });
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      expect(await first.kill()).toEqual({ code: null, signal: 'SIGKILL' });

      const second = await startWede(env);
      const admin = second.api(env.WEDE_ADMIN_KEY!);
      const stored = await admin.get(`/v1/missions/${mission.id}`);

      expect(stored.status).toBe(200);
      expect(stored.body).toEqual(answered.body);
      expect(stored.body).toMatchObject({
        status: 'ON_SITE',
        sequence: 2,
        feedback: { patient_condition: 'serious' },
      });
      const history = await admin.get(`/v1/missions/${mission.id}/history`);
      expect(history.body.data.map((entry: any) => entry.status)).toEqual(['CREATED', 'ON_SITE']);
      expect(history.body.data[1]).toMatchObject({ member_id: operatorMember.id });
      expect((await admin.get(`/v1/teams/${team.id}`)).body.status).toBe('BUSY');
      expect((await admin.get(`/v1/events/${event.id}`)).body.status).toBe('OPEN');

      // The retry of the answered request is still recognized and replayed, not applied twice.
      const retry = await second.api(operatorKey).patch(path, body, { headers });
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toEqual(answered.body);

      const done = await second.api(operatorKey).patch(path, { status: 'COMPLETED' });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body).toMatchObject({ status: 'COMPLETED', sequence: 3 });
      expect(await second.stop()).toEqual({ code: 0, signal: null });

      // The audit chain is whole after the crash.
      const verify = await runWede(['audit', 'verify'], env);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'keeps each of a burst of answered updates, killed right after the last',
    async () => {
      const first = await startWede(env);
      const api = first.api(env.WEDE_ADMIN_KEY!);
      const crews = await Promise.all([1, 2, 3].map(() => dispatchedMission(api)));

      const answers = await Promise.all(
        crews.map(({ mission, operator }) =>
          operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK' }),
        ),
      );
      for (const answer of answers) expect(answer.status).toBe(200);
      await first.kill();

      const second = await startWede(env);
      const admin = second.api(env.WEDE_ADMIN_KEY!);
      for (const { mission } of crews) {
        expect((await admin.get(`/v1/missions/${mission.id}`)).body.status).toBe('ACK');
      }
    },
    TIMEOUT,
  );

  it(
    'texts the crew after a restart when killed between dispatch and escalation',
    async () => {
      const delays = {
        ...env,
        WEDE_ESCALATION_SECONDS: 'high=2',
        WEDE_UNDELIVERED_SECONDS: 'high=60',
      };
      const first = await startWede(delays);
      const api = first.api(env.WEDE_ADMIN_KEY!);
      const { mission, operatorMember } = await dispatchedMission(api);
      const phone = '+351914000001';
      expect((await api.patch(`/v1/members/${operatorMember.id}`, { phone })).status).toBe(200);
      // The member was on the crew at dispatch; his phone is read when the timer runs.
      expect(await first.kill()).toEqual({ code: null, signal: 'SIGKILL' });

      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const second = await startWede(delays);
      const admin = second.api(env.WEDE_ADMIN_KEY!);
      let stored: any;
      for (let tries = 0; tries < 100; tries++) {
        stored = (await admin.get(`/v1/missions/${mission.id}`)).body;
        if (stored.status === 'SENT') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stored).toMatchObject({ status: 'SENT', channel_used: 'sms' });
      const texts = await admin.get(`/v1/channels/sms/messages?mission_id=${mission.id}`);
      expect(texts.body.data.map((sms: any) => [sms.to, sms.status])).toEqual([[phone, 'sent']]);
    },
    TIMEOUT,
  );
});
