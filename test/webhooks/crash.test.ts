import { randomBytes } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { DatabaseConfig } from '../../src/config/load-config.js';
import type { ApiClient } from '../support/api-client.js';
import { fieldTeam, makeEvent } from '../support/factories.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import {
  CHILD_TIMEOUT_MS,
  databaseUrl,
  killAllWede,
  startWede,
  withDatabase,
} from '../support/wede-cli.js';

const TIMEOUT = CHILD_TIMEOUT_MS * 3;
// A delivery leased by the killed server waits for its lease to lapse (3 × the
// 10 s delivery timeout) before the next server sends it again.
const DELIVERED_WITHIN_MS = 75_000;
const FAST_RETRIES = Array.from({ length: 10 }, () => '0.2').join(',');
const FIELD_STEPS = ['ACK', 'ON_ROUTE', 'ON_SITE', 'COMPLETED'] as const;

interface StoredMessage {
  id: string;
  event_type: string;
  body: string;
}

interface DeliveryCounts {
  total: number;
  byStatus: Record<string, number>;
  /** Pending deliveries whose next attempt lies beyond the retry schedule: a live lease. */
  leased: number;
  attempts: number;
  /** The most attempts any one delivery has had. */
  maxAttempts: number;
}

function webhookEnv(database: TestDatabase): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl(database.config),
    WEDE_ADMIN_KEY: `admin-${randomBytes(16).toString('hex')}`,
    WEDE_WEBHOOK_ALLOW_HTTP: 'true',
    WEDE_WEBHOOK_ALLOW_PRIVATE: 'true',
    WEDE_WEBHOOK_RETRY_DELAYS: FAST_RETRIES,
  };
}

/** A local port nobody listens on right now: a receiver's, once it has stopped. */
async function freePort(): Promise<number> {
  const probe = await new WebhookReceiver().start();
  const port = Number(new URL(probe.url).port);
  await probe.stop();
  return port;
}

function storedMessages(config: DatabaseConfig): Promise<StoredMessage[]> {
  return withDatabase(config, ({ db }) =>
    db.selectFrom('webhook_messages').select(['id', 'event_type', 'body']).execute(),
  );
}

function deliveryCounts(config: DatabaseConfig): Promise<DeliveryCounts> {
  return withDatabase(config, async ({ db }) => {
    const rows = await db
      .selectFrom('webhook_deliveries')
      .select(['status', 'attempts', 'next_attempt_at'])
      .execute();
    const leaseHorizon = new Date(Date.now() + 5_000).toISOString();
    const byStatus: Record<string, number> = {};
    for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    return {
      total: rows.length,
      byStatus,
      leased: rows.filter((row) => row.status === 'pending' && row.next_attempt_at > leaseHorizon)
        .length,
      attempts: rows.reduce((sum, row) => sum + row.attempts, 0),
      maxAttempts: Math.max(0, ...rows.map((row) => row.attempts)),
    };
  });
}

async function registerEndpoint(api: ApiClient, url: string): Promise<void> {
  const endpoint = await api.post('/v1/webhooks', { url, events: ['*'] });
  expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
}

/** What a receiver should hear of: the keys of the messages the API writes announced. */
interface Announced {
  events: string[];
  missions: string[];
  /** `mission_id/sequence` of each status update answered with 200. */
  updates: string[];
}

function messageKeys(messages: StoredMessage[]): Set<string> {
  const keys = new Set<string>();
  for (const message of messages) {
    const { payload } = JSON.parse(message.body) as { payload: Record<string, unknown> };
    if (message.event_type === 'event.created') keys.add(`event/${String(payload.event_id)}`);
    if (message.event_type === 'mission.created') {
      keys.add(`mission/${String(payload.mission_id)}`);
    }
    if (message.event_type === 'mission.status_updated') {
      keys.add(`update/${String(payload.mission_id)}/${String(payload.sequence)}`);
    }
  }
  return keys;
}

function expectAnnouncedStored(announced: Announced, messages: StoredMessage[]): void {
  const keys = messageKeys(messages);
  const wanted = [
    ...announced.events.map((id) => `event/${id}`),
    ...announced.missions.map((id) => `mission/${id}`),
    ...announced.updates.map((key) => `update/${key}`),
  ];
  expect(wanted.filter((key) => !keys.has(key))).toEqual([]);
}

/**
 * Runs one crew through a whole mission: a new event, a dispatch, then every
 * field status up to COMPLETED. `clients` picks which server takes each write.
 */
async function runMission(
  clients: (step: number) => { admin: ApiClient; operator: ApiClient },
  crew: { teamId: string },
  announced: Announced,
): Promise<void> {
  let step = 0;
  const next = () => clients(step++);

  const event = await makeEvent(next().admin);
  announced.events.push(event.id);

  const dispatched = await next().admin.post('/v1/teams/dispatch', {
    event_id: event.id,
    team_id: crew.teamId,
  });
  expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(201);
  announced.missions.push(dispatched.body.id);

  for (const status of FIELD_STEPS) {
    const path = `/v1/missions/${dispatched.body.id}/status`;
    const answer = await next().operator.patch(path, { status });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    announced.updates.push(`${dispatched.body.id}/${answer.body.sequence}`);
  }
}

/** Polls until every stored message id has reached the receiver, or time is up. */
async function waitForAll(
  receiver: WebhookReceiver,
  config: DatabaseConfig,
  timeoutMs: number,
): Promise<{ stored: StoredMessage[]; missing: string[]; waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    const stored = await storedMessages(config);
    const heard = new Set(receiver.received.map((entry) => String(entry.headers['webhook-id'])));
    const missing = stored.map((message) => message.id).filter((id) => !heard.has(id));
    const waitedMs = Date.now() - started;
    if (missing.length === 0 || waitedMs > timeoutMs) return { stored, missing, waitedMs };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until no delivery is pending: the last attempts are recorded after they arrive. */
async function waitForSettled(config: DatabaseConfig): Promise<DeliveryCounts> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const counts = await deliveryCounts(config);
    if ((counts.byStatus.pending ?? 0) === 0 || Date.now() > deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function duplicates(receiver: WebhookReceiver): { requests: number; ids: number; extra: number } {
  const ids = new Set(receiver.received.map((entry) => String(entry.headers['webhook-id'])));
  return {
    requests: receiver.received.length,
    ids: ids.size,
    extra: receiver.received.length - ids.size,
  };
}

describe.each(databaseKinds())('webhooks across a SIGKILL [%s]', (kind) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  const receivers: WebhookReceiver[] = [];

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    env = webhookEnv(database);
  });
  afterEach(async () => {
    await killAllWede();
    await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
    await database.drop().catch(() => undefined);
  });

  it(
    'delivers every queued message after the server is killed mid-retry',
    async () => {
      const port = await freePort();
      const first = await startWede(env);
      const admin = first.api(env.WEDE_ADMIN_KEY!);

      // Crews first: teams, members and keys announce nothing, and the retry
      // schedule (~2.5 s) must outlast the writes that do until the kill.
      const crews = await Promise.all([1, 2, 3].map(() => fieldTeam(admin)));
      await registerEndpoint(admin, `http://127.0.0.1:${port}/hooks`);

      const announced: Announced = { events: [], missions: [], updates: [] };
      const writesStarted = Date.now();
      await Promise.all(
        crews.map(({ team, operator }) =>
          runMission(() => ({ admin, operator }), { teamId: team.id }, announced),
        ),
      );
      // 3 × (event + dispatch + 4 status updates) = 18 answered writes.
      expect(announced.updates).toHaveLength(12);
      const writesMs = Date.now() - writesStarted;
      expect(await first.kill()).toEqual({ code: null, signal: 'SIGKILL' });

      const atKill = await deliveryCounts(database.config);
      const stored = await storedMessages(database.config);
      expectAnnouncedStored(announced, stored);
      // Nothing may have spent its retries: then the test would prove nothing.
      const spent = `retries spent before the kill (writes took ${writesMs} ms)`;
      expect(atKill.byStatus.failed ?? 0, `${spent}: ${JSON.stringify(atKill)}`).toBe(0);
      expect(atKill.byStatus.delivered ?? 0).toBe(0);
      expect(atKill.total).toBe(stored.length);

      const receiver = await new WebhookReceiver().start(port);
      receivers.push(receiver);
      await startWede(env);

      const result = await waitForAll(receiver, database.config, DELIVERED_WITHIN_MS);
      expect(result.missing, `${result.missing.length} of ${result.stored.length} lost`).toEqual(
        [],
      );

      // Nothing arrives that the database does not hold, and the log agrees.
      const storedIds = new Set(result.stored.map((message) => message.id));
      const strangers = receiver.received.filter(
        (entry) => !storedIds.has(String(entry.headers['webhook-id'])),
      );
      expect(strangers).toEqual([]);
      const settled = await waitForSettled(database.config);
      expect(settled.byStatus).toEqual({ delivered: settled.total });

      const seen = duplicates(receiver);
      console.info(
        `[${kind}] crash: ${stored.length} messages written in ${writesMs} ms; at kill ` +
          `${atKill.attempts} failed attempts (at most ${atKill.maxAttempts} on one), ` +
          `${atKill.leased} deliveries leased; all received after ` +
          `${result.waitedMs} ms; ${seen.requests} requests, ${seen.extra} duplicates`,
      );
    },
    TIMEOUT + DELIVERED_WITHIN_MS,
  );
});

describe.skipIf(!databaseKinds().includes('postgres'))(
  'two wede serve processes on one PostgreSQL',
  () => {
    let database: TestDatabase;
    let env: Record<string, string>;
    let receiver: WebhookReceiver;

    beforeEach(async () => {
      database = await createTestDatabase('postgres');
      env = webhookEnv(database);
      receiver = await new WebhookReceiver().start();
    });
    afterEach(async () => {
      await killAllWede();
      await receiver.stop();
      await database.drop().catch(() => undefined);
    });

    it(
      'share one queue: every message arrives, duplicates counted',
      async () => {
        const one = await startWede(env);
        const two = await startWede(env);
        const adminOne = one.api(env.WEDE_ADMIN_KEY!);
        const adminTwo = two.api(env.WEDE_ADMIN_KEY!);

        const crews = await Promise.all([1, 2, 3, 4, 5].map(() => fieldTeam(adminOne)));
        await registerEndpoint(adminTwo, receiver.url);

        // 5 crews × 6 writes = 30 changes, alternating between the two servers.
        const announced: Announced = { events: [], missions: [], updates: [] };
        await Promise.all(
          crews.map(({ team, operator }, index) =>
            runMission(
              (step) =>
                (step + index) % 2 === 0
                  ? { admin: adminOne, operator: one.api(operator.defaultKey) }
                  : { admin: adminTwo, operator: two.api(operator.defaultKey) },
              { teamId: team.id },
              announced,
            ),
          ),
        );
        expect(announced.events.length + announced.missions.length).toBe(10);
        expect(announced.updates).toHaveLength(20);

        const result = await waitForAll(receiver, database.config, 20_000);
        expectAnnouncedStored(announced, result.stored);
        expect(result.missing).toEqual([]);

        const settled = await waitForSettled(database.config);
        expect(settled.byStatus).toEqual({ delivered: settled.total });
        // Give a second sender, if there were one, time to be heard too.
        await new Promise((resolve) => setTimeout(resolve, 1_000));

        const seen = duplicates(receiver);
        const attempts = (await deliveryCounts(database.config)).attempts;
        console.info(
          `[postgres] two servers: ${result.stored.length} messages, ${seen.requests} ` +
            `requests, ${seen.extra} duplicates, ${attempts} attempts recorded`,
        );
        expect(seen.ids).toBe(result.stored.length);
        // SKIP LOCKED leases give each delivery to one server: no duplicates expected.
        expect(seen.extra).toBe(0);
        expect(attempts).toBe(result.stored.length);
      },
      TIMEOUT,
    );
  },
);
