import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  WedeError,
  memoryQueueStorage,
  type OfflineQueue,
  type QueuedUpdate,
  type QueueStorage,
} from '@wede/sdk';

import { startSdkServer, type SdkServer } from '../support/sdk-server.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { killAllWede } from '../support/wede-cli.js';

const LISBON = { lat: 38.7169, lng: -9.1395 };
const SOON = { timeout: 10_000, interval: 20 };

/**
 * The queue as a phone's key-value store keeps it: one JSON string, read and
 * written whole, outliving any OfflineQueue object.
 */
class JsonStringStorage implements QueueStorage {
  text = '[]';

  load(): QueuedUpdate[] {
    return JSON.parse(this.text) as QueuedUpdate[];
  }

  save(updates: QueuedUpdate[]): void {
    this.text = JSON.stringify(updates);
  }
}

describe('status updates queued while offline', () => {
  let server: SdkServer;
  let proxy: TcpProxy;
  const queues: OfflineQueue[] = [];

  /** A crew with a mission just dispatched, its phone reaching the server through the proxy. */
  async function crewOnMission() {
    const name = `crew-${randomUUID().slice(0, 8)}`;
    const { admin } = server;
    const team = await admin.teams.create({ name, verticals: ['healthcare'], ...LISBON });
    const operator = await admin.members.create({
      name: `${name} operator`,
      role: 'operator',
      team_id: team.id,
    });
    const key = await admin.keys.create({ name: `${name} phone`, member_id: operator.id });
    const event = await admin.events.create({
      vertical: 'healthcare',
      priority: 'low',
      title: 'Person collapsed',
      ...LISBON,
    });
    const mission = await admin.teams.dispatch({ event_id: event.id, team_id: team.id });
    const phone = server.client(key.key!, { baseUrl: proxy.url });
    return { team, operator, mission, phone };
  }

  function track(queue: OfflineQueue): OfflineQueue {
    queues.push(queue);
    return queue;
  }

  async function statusesOf(missionId: string): Promise<string[]> {
    const history = await server.admin.missions.history(missionId);
    return history.map((entry) => entry.status);
  }

  beforeAll(async () => {
    server = await startSdkServer('sqlite');
    proxy = await new TcpProxy(new URL(server.url)).start();
  });
  beforeEach(() => {
    proxy.mode = 'pass';
    proxy.dropped = 0;
    proxy.dropLimit = Infinity;
  });
  afterEach(() => {
    for (const queue of queues.splice(0)) queue.close();
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    await killAllWede();
  });

  it('sends the updates made offline in order, each with the time it happened', async () => {
    const { mission, operator, phone } = await crewOnMission();
    const dispatchedAt = Date.parse(mission.dispatched_at);
    const [acked, onRoute, onSite] = [1, 2, 3].map((s) => new Date(dispatchedAt + s * 1_000));
    let clock = acked!;
    const queue = track(phone.offlineQueue({ now: () => clock, retryEveryMs: 0 }));
    const feedback = { patient_condition: 'stable', heart_rate: 88 };

    proxy.mode = 'offline';
    const whileOffline = [await queue.updateStatus(mission.id, { status: 'ACK' })];
    clock = onRoute!;
    whileOffline.push(await queue.updateStatus(mission.id, { status: 'ON_ROUTE' }));
    clock = onSite!;
    whileOffline.push(await queue.updateStatus(mission.id, { status: 'ON_SITE', feedback }));

    expect(whileOffline).toEqual([1, 2, 3].map((waiting) => ({ sent: [], rejected: [], waiting })));
    const pending = await queue.pending();
    expect(pending).toEqual(
      [
        { mission_id: mission.id, update: { status: 'ACK', occurred_at: acked!.toISOString() } },
        {
          mission_id: mission.id,
          update: { status: 'ON_ROUTE', occurred_at: onRoute!.toISOString() },
        },
        {
          mission_id: mission.id,
          update: { status: 'ON_SITE', feedback, occurred_at: onSite!.toISOString() },
        },
      ].map((update) => ({ ...update, idempotency_key: expect.any(String) })),
    );
    expect(new Set(pending.map((update) => update.idempotency_key)).size).toBe(3);
    expect(await server.admin.missions.get(mission.id)).toMatchObject({
      status: 'CREATED',
      sequence: 1,
    });

    // The last time queued must be in the past when it reaches the server.
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(onSite!.getTime()), SOON);
    proxy.mode = 'pass';
    const flushed = await queue.flush();

    expect(flushed.sent.map((sent) => [sent.id, sent.status])).toEqual([
      [mission.id, 'ACK'],
      [mission.id, 'ON_ROUTE'],
      [mission.id, 'ON_SITE'],
    ]);
    expect(flushed).toMatchObject({ rejected: [], waiting: 0 });
    expect(await queue.pending()).toEqual([]);
    const history = await server.admin.missions.history(mission.id);
    expect(history.map((entry) => [entry.sequence, entry.status, entry.occurred_at])).toEqual([
      [1, 'CREATED', mission.dispatched_at],
      [2, 'ACK', acked!.toISOString()],
      [3, 'ON_ROUTE', onRoute!.toISOString()],
      [4, 'ON_SITE', onSite!.toISOString()],
    ]);
    expect(history[3]).toMatchObject({ feedback, member_id: operator.id });
    expect(await server.admin.missions.get(mission.id)).toMatchObject({
      status: 'ON_SITE',
      ack_at: acked!.toISOString(),
      on_route_at: onRoute!.toISOString(),
      on_site_at: onSite!.toISOString(),
      feedback,
    });
  });

  it('drops and reports a refused update, and still sends the ones after it', async () => {
    const { mission, phone } = await crewOnMission();
    const { mission: otherTeams } = await crewOnMission();
    const reported: [QueuedUpdate, WedeError][] = [];
    const queue = track(
      phone.offlineQueue({
        retryEveryMs: 0,
        onRejected: (update, error) => reported.push([update, error]),
      }),
    );

    proxy.mode = 'offline';
    await queue.updateStatus(mission.id, { status: 'ON_ROUTE' });
    await queue.updateStatus(mission.id, { status: 'ACK' });
    await queue.updateStatus(otherTeams.id, { status: 'ACK' });
    await queue.updateStatus(mission.id, { status: 'ON_SITE' });
    const [, passed, notOurs] = await queue.pending();
    proxy.mode = 'pass';
    const flushed = await queue.flush();

    expect(flushed.sent.map((sent) => [sent.id, sent.status])).toEqual([
      [mission.id, 'ON_ROUTE'],
      [mission.id, 'ON_SITE'],
    ]);
    expect(flushed.waiting).toBe(0);
    expect(flushed.rejected.map(({ update }) => update)).toEqual([passed, notOurs]);
    for (const { error } of flushed.rejected) expect(error).toBeInstanceOf(WedeError);
    expect(flushed.rejected.map(({ error }) => [error.status, error.code])).toEqual([
      [409, 'invalid_transition'],
      [404, 'not_found'],
    ]);
    expect(reported).toEqual(flushed.rejected.map(({ update, error }) => [update, error]));
    expect(await queue.pending()).toEqual([]);
    expect(await statusesOf(mission.id)).toEqual(['CREATED', 'ON_ROUTE', 'ON_SITE']);
    expect(await statusesOf(otherTeams.id)).toEqual(['CREATED']);
  });

  it('keeps what waits in its storage, for a later queue to send', async () => {
    const { mission, phone } = await crewOnMission();
    const storage = new JsonStringStorage();
    const first = track(phone.offlineQueue({ storage, retryEveryMs: 0 }));

    proxy.mode = 'offline';
    await first.updateStatus(mission.id, { status: 'ACK' });
    await first.updateStatus(mission.id, { status: 'ON_ROUTE' });
    const waiting = await first.pending();
    first.close();
    proxy.mode = 'pass';
    const second = track(phone.offlineQueue({ storage, retryEveryMs: 0 }));
    const pendingInSecond = await second.pending();
    const flushed = await second.flush();

    expect(waiting.map((update) => update.update.status)).toEqual(['ACK', 'ON_ROUTE']);
    expect(JSON.parse(storage.text)).toEqual([]);
    expect(pendingInSecond).toEqual(waiting);
    expect(flushed.sent.map((sent) => sent.status)).toEqual(['ACK', 'ON_ROUTE']);
    const history = await server.admin.missions.history(mission.id);
    expect(history.map((entry) => [entry.status, entry.occurred_at])).toEqual([
      ['CREATED', mission.dispatched_at],
      ...waiting.map((update) => [update.update.status, update.update.occurred_at]),
    ]);
  });

  it('applies an update once when its answer was lost, sending it again with its key', async () => {
    const { mission, phone } = await crewOnMission();
    const queue = track(phone.offlineQueue({ retryEveryMs: 0 }));

    proxy.mode = 'offline';
    await queue.updateStatus(mission.id, { status: 'ACK' });
    await queue.updateStatus(mission.id, { status: 'ON_ROUTE' });
    const queued = await queue.pending();

    proxy.mode = 'drop-answers';
    proxy.dropLimit = 1;
    const cut = await queue.flush();
    const appliedMeanwhile = (await server.admin.missions.get(mission.id)).status;
    const stillQueued = await queue.pending();
    const flushed = await queue.flush();

    expect(proxy.dropped).toBe(1);
    expect(cut).toEqual({ sent: [], rejected: [], waiting: 2 });
    expect(appliedMeanwhile).toBe('ACK');
    expect(stillQueued).toEqual(queued);
    expect(flushed.sent.map((sent) => sent.status)).toEqual(['ACK', 'ON_ROUTE']);
    expect(flushed).toMatchObject({ rejected: [], waiting: 0 });
    const history = await server.admin.missions.history(mission.id);
    expect(history.map((entry) => [entry.sequence, entry.status])).toEqual([
      [1, 'CREATED'],
      [2, 'ACK'],
      [3, 'ON_ROUTE'],
    ]);
  });

  it('sends by itself, every retryEveryMs, once the link is back', async () => {
    const { mission, phone } = await crewOnMission();
    const memory = memoryQueueStorage();
    let tries = 0;
    const storage: QueueStorage = {
      load: () => {
        tries += 1;
        return memory.load();
      },
      save: (updates) => memory.save(updates),
    };
    const queue = track(phone.offlineQueue({ storage, retryEveryMs: 200 }));

    proxy.mode = 'offline';
    await queue.updateStatus(mission.id, { status: 'ACK' });
    const triesQueued = tries;
    await vi.waitFor(() => expect(tries).toBeGreaterThanOrEqual(triesQueued + 2), SOON);
    const whileOffline = {
      pending: (await queue.pending()).map((update) => update.update.status),
      status: (await server.admin.missions.get(mission.id)).status,
    };
    proxy.mode = 'pass';

    expect(whileOffline).toEqual({ pending: ['ACK'], status: 'CREATED' });
    await vi.waitFor(async () => {
      expect(await statusesOf(mission.id)).toEqual(['CREATED', 'ACK']);
      expect(await queue.pending()).toEqual([]);
    }, SOON);
  });

  it.each([
    ['ahead of the server', 60_000],
    ['behind the dispatch', -600_000],
  ])(
    'sends an update stamped by a clock %s, at the server time, rather than lose it',
    async (_how, skewMs) => {
      const { mission, phone } = await crewOnMission();
      const rejected: QueuedUpdate[] = [];
      const queue = track(
        phone.offlineQueue({
          now: () => new Date(Date.now() + skewMs),
          onRejected: (update) => rejected.push(update),
        }),
      );
      const before = Date.now();

      const result = await queue.updateStatus(mission.id, { status: 'ACK' });

      expect(rejected).toEqual([]);
      expect(result).toMatchObject({ rejected: [], waiting: 0 });
      expect(result.sent.map((sent) => sent.status)).toEqual(['ACK']);
      const ackAt = Date.parse((await server.admin.missions.get(mission.id)).ack_at!);
      expect(ackAt).toBeGreaterThanOrEqual(before - 1_000);
      expect(ackAt).toBeLessThanOrEqual(Date.now() + 1_000);
    },
  );

  it('holds back only the mission whose update the server failed, not the others', async () => {
    const failing = await crewOnMission();
    const other = await crewOnMission();
    const front = await new FailingFront(server.url, `/v1/missions/${failing.mission.id}/`).start();
    const supervisor = server.client(server.adminKey, { baseUrl: front.url });
    const queue = track(supervisor.offlineQueue({ retryEveryMs: 0 }));

    try {
      await queue.updateStatus(failing.mission.id, { status: 'FAILED', reason: 'no access' });
      const result = await queue.updateStatus(other.mission.id, {
        status: 'FAILED',
        reason: 'called off',
      });

      expect(result.sent.map((mission) => mission.id)).toEqual([other.mission.id]);
      expect(result.waiting).toBe(1);
      expect((await queue.pending()).map((update) => update.mission_id)).toEqual([
        failing.mission.id,
      ]);
      expect(await statusesOf(failing.mission.id)).toEqual(['CREATED']);
      expect(await statusesOf(other.mission.id)).toEqual(['CREATED', 'FAILED']);
    } finally {
      await front.close();
    }
  });

  it('keeps an update a captive portal answered in place of the server', async () => {
    const { mission } = await crewOnMission();
    const portal = await new FailingFront(server.url, '/v1/', 'portal').start();
    const behindPortal = server.client(server.adminKey, { baseUrl: portal.url });
    const queue = track(behindPortal.offlineQueue({ retryEveryMs: 0 }));

    try {
      const result = await queue.updateStatus(mission.id, { status: 'FAILED', reason: 'x' });

      expect(result).toEqual({ sent: [], rejected: [], waiting: 1 });
      expect(await statusesOf(mission.id)).toEqual(['CREATED']);
      const error = await behindPortal.missions.get(mission.id).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WedeError);
      expect(error).toMatchObject({ status: 200, code: 'invalid_response', unanswered: true });
    } finally {
      await portal.close();
    }
  });
});

/**
 * A real HTTP server in front of Wede that answers some paths itself: with a
 * 500 (a failing server), or with a page that is not the API's (a captive
 * portal); it forwards everything else.
 */
class FailingFront {
  private server: Server | undefined;

  constructor(
    private readonly target: string,
    private readonly failingPath: string,
    private readonly answer: 'error' | 'portal' = 'error',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);

      if (request.url!.includes(this.failingPath)) {
        if (this.answer === 'portal') {
          response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Sign in</h1>');
          return;
        }
        const body = { error: { code: 'internal', message: 'failed', details: {} } };
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
        return;
      }

      const headers = Object.entries(request.headers).filter(([name]) => name !== 'host');
      const forwarded = await fetch(this.target + request.url, {
        method: request.method,
        headers: Object.fromEntries(headers) as Record<string, string>,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      response.writeHead(forwarded.status, Object.fromEntries(forwarded.headers));
      response.end(Buffer.from(await forwarded.arrayBuffer()));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}
