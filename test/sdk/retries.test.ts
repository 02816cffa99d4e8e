import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WedeError, type WedeClient } from '@wede/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { FAST_RETRY, startSdkServer, type SdkServer } from '../support/sdk-server.js';
import { TcpProxy } from '../support/tcp-proxy.js';

/**
 * A real HTTP server in front of Wede that answers the first requests itself
 * (a 503, a 429), as a busy load balancer would, and forwards the rest.
 */
class BusyFront {
  /** The status answered to the first requests, in order; the rest are forwarded. */
  refusals: { status: number; retryAfter?: string; location?: string }[] = [];
  readonly seen: { method: string; url: string; headers: IncomingHttpHeaders; at: number }[] = [];
  private server: Server | undefined;

  constructor(private readonly target: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      this.seen.push({
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        at: Date.now(),
      });

      const refusal = this.refusals.shift();
      if (refusal) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (refusal.retryAfter !== undefined) headers['retry-after'] = refusal.retryAfter;
        if (refusal.location !== undefined) headers.location = refusal.location;
        const body = { error: { code: 'unavailable', message: 'busy', details: {} } };
        response.writeHead(refusal.status, headers).end(JSON.stringify(body));
        return;
      }

      const forwarded = await fetch(this.target + request.url, {
        method: request.method,
        headers: Object.fromEntries(
          Object.entries(request.headers).filter(([name]) => name !== 'host') as [string, string][],
        ),
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

describe('SDK retries against a real server', () => {
  let server: SdkServer;
  let proxy: TcpProxy;
  let front: BusyFront;

  beforeAll(async () => {
    server = await startSdkServer();
    proxy = await new TcpProxy(new URL(server.url)).start();
    front = await new BusyFront(server.url).start();
  });
  afterAll(async () => {
    await proxy?.close();
    await front?.close();
    await server?.close();
  });
  beforeEach(() => {
    proxy.mode = 'pass';
    proxy.dropped = 0;
    proxy.dropLimit = Infinity;
    front.refusals = [];
    front.seen.length = 0;
  });

  async function dispatchedMission() {
    const team = await server.admin.teams.create({
      name: `Crew ${crypto.randomUUID()}`,
      verticals: ['healthcare'],
      lat: 38.72,
      lng: -9.14,
    });
    const event = await server.admin.events.create({
      vertical: 'healthcare',
      priority: 'high',
      lat: 38.7169,
      lng: -9.1395,
      title: 'Person collapsed',
    });
    const mission = await server.admin.teams.dispatch({ event_id: event.id, team_id: team.id });
    return { team, event, mission };
  }

  it('acts once when the answer to a status update is lost and the SDK resends', async () => {
    const { mission } = await dispatchedMission();
    const flaky: WedeClient = server.client(server.adminKey, { baseUrl: proxy.url });
    proxy.mode = 'drop-answers';
    proxy.dropLimit = 1;

    const answered = await flaky.missions.updateStatus(mission.id, {
      status: 'FAILED',
      reason: 'no access',
    });

    expect(proxy.dropped).toBe(1);
    expect(answered).toMatchObject({ id: mission.id, status: 'FAILED', sequence: 2 });
    const history = await server.admin.missions.history(mission.id);
    expect(history.map((entry) => entry.status)).toEqual(['CREATED', 'FAILED']);
  });

  it('creates one mission when the answer to a dispatch is lost', async () => {
    const { event } = await dispatchedMission();
    const backupTeam = await server.admin.teams.create({
      name: `Backup ${crypto.randomUUID()}`,
      verticals: ['healthcare'],
      lat: 38.73,
      lng: -9.15,
    });
    const flaky = server.client(server.adminKey, { baseUrl: proxy.url });
    proxy.mode = 'drop-answers';
    proxy.dropLimit = 1;

    const backup = await flaky.teams.dispatch({ event_id: event.id, team_id: backupTeam.id });

    expect(proxy.dropped).toBe(1);
    const missions = await server.admin.missions.list({ event_id: event.id });
    expect(missions.count).toBe(2);
    const ofBackupTeam = missions.data.filter((mission) => mission.team_id === backupTeam.id);
    expect(ofBackupTeam.map((mission) => mission.id)).toEqual([backup.id]);
  });

  it('sends every try of a write with the same Idempotency-Key, through 503 and 429', async () => {
    const client = server.client(server.adminKey, { baseUrl: front.url });
    front.refusals = [{ status: 503 }, { status: 429, retryAfter: '0' }];

    const event = await client.events.create({
      vertical: 'fire',
      priority: 'medium',
      lat: 38.7,
      lng: -9.1,
      title: 'Smoke from a chimney',
    });

    expect(front.seen).toHaveLength(3);
    const keys = front.seen.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    const listed = await server.admin.events.list({ limit: 500 });
    expect(listed.data.filter((row) => row.id === event.id)).toHaveLength(1);
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    const client = server.client(server.adminKey, {
      baseUrl: front.url,
      retry: { ...FAST_RETRY, maxDelayMs: 5_000 },
    });
    front.refusals = [{ status: 429, retryAfter: '1' }];

    await client.teams.list();

    expect(front.seen).toHaveLength(2);
    expect(front.seen[1]!.at - front.seen[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('gives up after the configured retries with the last answer as a WedeError', async () => {
    const client = server.client(server.adminKey, {
      baseUrl: front.url,
      retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 50 },
    });
    front.refusals = Array.from({ length: 5 }, () => ({ status: 503 }));

    const error = await client.missions.list().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WedeError);
    expect(error).toMatchObject({ status: 503, code: 'unavailable', message: 'busy' });
    expect(front.seen).toHaveLength(3);
  });

  it('does not retry what the server refused for the request itself (4xx)', async () => {
    const client = server.client(server.adminKey, { baseUrl: front.url });

    const error = await client.events
      .create({ vertical: 'fire', priority: 'urgent' as never, lat: 1, lng: 1 })
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(front.seen).toHaveLength(1);
  });

  it('tries a write once with retry: false, and says no answer came', async () => {
    const client = server.client(server.adminKey, { baseUrl: proxy.url, retry: false });
    proxy.mode = 'offline';

    const error = await client.teams
      .create({ name: `Never ${crypto.randomUUID()}`, verticals: ['fire'], lat: 1, lng: 1 })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WedeError);
    expect(error).toMatchObject({ status: 0, code: 'network_error', unanswered: true });
  });

  it('never follows a redirect with a write, and says where it pointed', async () => {
    const { mission } = await dispatchedMission();
    const client = server.client(server.adminKey, { baseUrl: front.url });
    const elsewhere = `${server.url}/v1/missions/${mission.id}/status`;
    front.refusals = [{ status: 307, location: elsewhere }];

    const error = await client.missions
      .updateStatus(mission.id, { status: 'FAILED', reason: 'redirected' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WedeError);
    expect(error).toMatchObject({ status: 307, code: 'redirected' });
    expect((error as WedeError).message).toContain(elsewhere);
    expect(front.seen).toHaveLength(1);
    expect((await server.admin.missions.get(mission.id)).status).toBe('CREATED');
  });

  it('waits at least the backoff when a Retry-After asks for none', async () => {
    const client = server.client(server.adminKey, {
      baseUrl: front.url,
      retry: { retries: 2, baseDelayMs: 400, maxDelayMs: 400, timeoutMs: 5_000 },
    });
    front.refusals = [
      { status: 503, retryAfter: '-5' },
      { status: 503, retryAfter: '0' },
    ];
    const random = Math.random;
    // The backoff is random up to its ceiling; this run takes the ceiling.
    Math.random = () => 1;

    try {
      await client.teams.list();
    } finally {
      Math.random = random;
    }

    expect(front.seen).toHaveLength(3);
    expect(front.seen[1]!.at - front.seen[0]!.at).toBeGreaterThanOrEqual(380);
    expect(front.seen[2]!.at - front.seen[1]!.at).toBeGreaterThanOrEqual(380);
  });
});
