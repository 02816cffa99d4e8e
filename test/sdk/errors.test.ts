import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

import {
  WedeClient,
  WedeError,
  type Fetch,
  type RetryPolicy,
  type Team,
  type WedeEvent,
} from '@wede/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FAST_RETRY, startSdkServer, type SdkServer } from '../support/sdk-server.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import { databaseUrl, printedKeys, runWede } from '../support/wede-cli.js';

/** The server's x-request-id when the caller sends none: a random UUID. */
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

/** A body the SDK's types refuse, as a JavaScript caller (or a cast) could still send it. */
const untyped = (body: object) => body as never;

/** The error a call failed with; fails the test when it succeeded. */
async function failureOf(call: Promise<unknown>): Promise<WedeError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) {
    throw new Error(`expected the call to fail, it answered ${JSON.stringify(outcome.value)}`);
  }
  expect(outcome.error).toBeInstanceOf(WedeError);
  return outcome.error as WedeError;
}

/**
 * Where a fetch object (a Response, a Request or their Headers) hangs on the
 * error: its own enumerable properties and its `cause`, followed down.
 */
function fetchObjectsOn(value: unknown, path = 'error', depth = 0): string[] {
  if (value instanceof Response || value instanceof Request || value instanceof Headers) {
    return [path];
  }
  if (typeof value !== 'object' || value === null || depth > 5) return [];

  const found: string[] = [];
  for (const [name, inner] of Object.entries(value)) {
    found.push(...fetchObjectsOn(inner, `${path}.${name}`, depth + 1));
  }
  if (value instanceof Error && !Object.keys(value).includes('cause')) {
    found.push(...fetchObjectsOn(value.cause, `${path}.cause`, depth + 1));
  }
  return found;
}

/** What every WedeError carries, whatever went wrong. */
function expectWellFormed(error: WedeError, status: number, code: string): void {
  expect(error).toBeInstanceOf(WedeError);
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('WedeError');
  expect({ status: error.status, code: error.code }, error.message).toEqual({ status, code });
  expect(typeof error.message).toBe('string');
  expect(error.message.trim()).not.toBe('');
  expect(Object.prototype.toString.call(error.details)).toBe('[object Object]');
  expect(fetchObjectsOn(error)).toEqual([]);
}

/** A fetch that counts attempts and keeps the x-request-id of every answer. */
function tracingFetch() {
  const trace = {
    attempts: 0,
    requestIds: [] as (string | null)[],
    idempotencyKeys: [] as string[],
  };
  const fetch: Fetch = async (request) => {
    trace.attempts += 1;
    trace.idempotencyKeys.push(request.headers.get('idempotency-key') ?? '');
    const response = await globalThis.fetch(request);
    trace.requestIds.push(response.headers.get('x-request-id'));
    return response;
  };
  return { trace, fetch };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe.each(databaseKinds())('WedeError from answers of wede serve [%s]', (kind) => {
  let database: TestDatabase;
  let server: SdkServer;
  let admin: WedeClient;
  /** The admin's requests, to match an error's requestId with the answer's header. */
  let adminTrace: ReturnType<typeof tracingFetch>['trace'];
  /** An admin of a second organization on the same database. */
  let foreign: WedeClient;

  beforeAll(async () => {
    // The server's database is one this test knows, so that `wede org create` can use it too.
    database = await createTestDatabase(kind);
    const env = { DATABASE_URL: databaseUrl(database.config) };
    server = await startSdkServer(kind, env);
    const traced = tracingFetch();
    admin = server.client(server.adminKey, { fetch: traced.fetch });
    adminTrace = traced.trace;

    const created = await runWede(['org', 'create', 'Porto Civil Protection'], env);
    expect(created.code, created.stdout + created.stderr).toBe(0);
    foreign = server.client(printedKeys(created.stdout).at(-1)!);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop().catch(() => undefined);
  });

  function newEvent(): Promise<WedeEvent> {
    return admin.events.create({ vertical: 'healthcare', priority: 'high', lat: 38.7, lng: -9.1 });
  }

  /** A team with an operator, whose requests are traced, and a mission of the team. */
  async function crewOnMission() {
    const team = await admin.teams.create({ name: unique('Crew'), verticals: ['healthcare'] });
    const member = await admin.members.create({
      name: unique('Operator'),
      role: 'operator',
      team_id: team.id,
    });
    const key = await admin.keys.create({ name: unique('Phone'), member_id: member.id });
    const { trace, fetch } = tracingFetch();
    const operator = server.client(key.key!, { fetch });
    const mission = await admin.teams.dispatch({
      event_id: (await newEvent()).id,
      team_id: team.id,
    });
    return { team, operator, trace, mission };
  }

  /** Everything the organization holds that a refused write could have touched. */
  async function organizationState() {
    return {
      teams: await collect(server.admin.teams.all({ limit: 500 })),
      events: await collect(server.admin.events.all({ limit: 500 })),
      missions: await collect(server.admin.missions.all({ limit: 500 })),
      members: await collect(server.admin.members.all({ limit: 500 })),
    };
  }

  /**
   * Makes the call, which must be refused with `status` and `code`, checks the
   * error, and that the organization holds exactly what it held before.
   */
  async function refused(
    call: () => Promise<unknown>,
    status: number,
    code: string,
    trace = adminTrace,
  ): Promise<WedeError> {
    const before = await organizationState();
    const attemptsBefore = trace.attempts;

    const error = await failureOf(call());

    expectWellFormed(error, status, code);
    // 4xx answers are not retried; the error names the answer's request id.
    expect(trace.attempts).toBe(attemptsBefore + 1);
    expect(error.requestId).toMatch(REQUEST_ID);
    expect(error.requestId).toBe(trace.requestIds.at(-1));
    expect(error.unanswered).toBe(false);
    expect(await organizationState()).toEqual(before);
    return error;
  }

  describe('400 validation_failed', () => {
    it('for a field of the wrong type, naming it', async () => {
      const error = await refused(
        () => admin.teams.create(untyped({ name: 42, verticals: ['healthcare'] })),
        400,
        'validation_failed',
      );

      expect(error.details).toEqual({ in: 'body', field: 'name', rule: 'type' });
      expect(error.message).toMatch(/name/);
    });

    it('for an unknown field, naming it', async () => {
      const error = await refused(
        () =>
          admin.events.create(untyped({ vertical: 'fire', lat: 38.7, lng: -9.1, colour: 'red' })),
        400,
        'validation_failed',
      );

      expect(error.details).toEqual({ in: 'body', field: 'colour', rule: 'additionalProperties' });
      expect(error.message).toMatch(/unknown field "colour"/);
    });

    it.each([
      [
        'an event at latitude 91',
        'lat',
        () => admin.events.create({ vertical: 'fire', lat: 91, lng: 0 }),
      ],
      [
        'a team location at longitude 181',
        'lng',
        (_event: WedeEvent, team: Team) =>
          admin.teams.updateLocation(team.id, { lat: 0, lng: 181 }),
      ],
      [
        'a dispatch to latitude -95',
        'event_lat',
        (event: WedeEvent, team: Team) =>
          admin.teams.dispatch({
            event_id: event.id,
            team_id: team.id,
            event_lat: -95,
            event_lng: 0,
          }),
      ],
    ])('for %s, naming the coordinate', async (_what, field, call) => {
      const event = await newEvent();
      const team = await admin.teams.create({ name: unique('Crew'), verticals: ['healthcare'] });

      const error = await refused(() => call(event, team), 400, 'validation_failed');

      expect(error.details).toMatchObject({ in: 'body', field });
      expect(error.message).toMatch(field);
    });
  });

  describe('401 unauthorized', () => {
    it('for a key the server does not know, on a read and on a write', async () => {
      const { trace, fetch } = tracingFetch();
      const stranger = server.client(`wede_${randomBytes(24).toString('hex')}`, { fetch });

      const read = await refused(() => stranger.missions.list(), 401, 'unauthorized', trace);
      const write = await refused(
        () => stranger.teams.create({ name: unique('Intruders') }),
        401,
        'unauthorized',
        trace,
      );

      expect(read.details).toEqual({});
      expect(write.details).toEqual({});
      expect(read.requestId).not.toBe(write.requestId);
    });
  });

  describe('403 forbidden', () => {
    it('for an operator key dispatching a team', async () => {
      const { operator, trace } = await crewOnMission();
      const event = await newEvent();
      const spare = await admin.teams.create({ name: unique('Spare'), verticals: ['healthcare'] });

      const error = await refused(
        () => operator.teams.dispatch({ event_id: event.id, team_id: spare.id }),
        403,
        'forbidden',
        trace,
      );

      expect(error.message).toMatch(/backup|dispatch/);
    });

    it('for an operator key listing the API keys', async () => {
      const { operator, trace } = await crewOnMission();

      await refused(() => operator.keys.list(), 403, 'forbidden', trace);
    });
  });

  describe('404 not_found', () => {
    it("for another organization's mission, read or written", async () => {
      const foreignTeam = await foreign.teams.create({ name: unique('Porto crew') });
      const foreignEvent = await foreign.events.create({ vertical: 'fire', lat: 41.1, lng: -8.6 });
      const mission = await foreign.teams.dispatch({
        event_id: foreignEvent.id,
        team_id: foreignTeam.id,
      });

      const read = await refused(() => admin.missions.get(mission.id), 404, 'not_found');
      const write = await refused(
        () => admin.missions.updateStatus(mission.id, { status: 'FAILED', reason: 'taken over' }),
        404,
        'not_found',
      );

      expect(read.details).toMatchObject({ id: mission.id });
      expect(write.details).toMatchObject({ id: mission.id });
      expect(await foreign.missions.get(mission.id)).toEqual(mission);
    });

    it.each([
      ['a mission', (id: string) => admin.missions.get(id)],
      ['a team', (id: string) => admin.teams.get(id)],
      ['an event', (id: string) => admin.events.get(id)],
      ['a webhook', (id: string) => admin.webhooks.get(id)],
    ])('for %s id that does not exist', async (_resource, get) => {
      const id = randomUUID();

      const error = await refused(() => get(id), 404, 'not_found');

      expect(error.details).toMatchObject({ id });
    });
  });

  describe('409', () => {
    it('mission_final for COMPLETED → ACK, with the status that stands', async () => {
      const { operator, trace, mission } = await crewOnMission();
      const completed = await operator.missions.updateStatus(mission.id, { status: 'COMPLETED' });
      const history = await admin.missions.history(mission.id);

      const error = await refused(
        () => operator.missions.updateStatus(mission.id, { status: 'ACK' }),
        409,
        'mission_final',
        trace,
      );

      expect(error.details).toMatchObject({ status: 'COMPLETED' });
      expect(await admin.missions.get(mission.id)).toEqual(completed);
      expect(await admin.missions.history(mission.id)).toEqual(history);
    });

    it('invalid_transition for ON_SITE → ACK, with the status and the one asked for', async () => {
      const { operator, trace, mission } = await crewOnMission();
      const onSite = await operator.missions.updateStatus(mission.id, { status: 'ON_SITE' });

      const error = await refused(
        () => operator.missions.updateStatus(mission.id, { status: 'ACK' }),
        409,
        'invalid_transition',
        trace,
      );

      expect(error.details).toMatchObject({ status: 'ON_SITE', requested: 'ACK' });
      expect(await admin.missions.get(mission.id)).toEqual(onSite);
    });

    it('team_unavailable for a dispatch of a BUSY team', async () => {
      const { team } = await crewOnMission();
      const event = await newEvent();

      const error = await refused(
        () => admin.teams.dispatch({ event_id: event.id, team_id: team.id }),
        409,
        'team_unavailable',
      );

      expect(error.details).toMatchObject({ team_id: team.id, status: 'BUSY' });
      expect((await admin.missions.list({ event_id: event.id })).data).toEqual([]);
    });
  });

  describe('422 idempotency_key_reused', () => {
    it('for the same idempotency key with another body', async () => {
      const idempotencyKey = randomUUID();
      const first = await admin.teams.create({ name: unique('First') }, { idempotencyKey });
      const other = unique('Other');

      await refused(
        () => admin.teams.create({ name: other }, { idempotencyKey }),
        422,
        'idempotency_key_reused',
      );

      expect(adminTrace.idempotencyKeys.slice(-2)).toEqual([idempotencyKey, idempotencyKey]);
      expect((await admin.teams.list({ name: other })).data).toEqual([]);
      expect(await admin.teams.get(first.id)).toEqual(first);
    });
  });
});

/**
 * A TCP server that accepts connections and never answers a byte. It counts the
 * connections a request was sent on (Node's fetch also opens idle ones after an abort).
 */
class SilentServer {
  requests = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((socket) => {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    socket.once('data', () => {
      this.requests += 1;
      for (const waiter of this.waiters.splice(0)) waiter();
    });
  });
  private waiters: (() => void)[] = [];

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Resolves when the next request arrives. */
  nextRequest(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on: one just used and released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('WedeError when no answer comes', () => {
  let silent: SilentServer;
  let nowhere: string;

  beforeAll(async () => {
    silent = await new SilentServer().start();
    nowhere = `http://127.0.0.1:${await closedPort()}`;
  });
  afterAll(async () => {
    await silent?.close();
  });

  function clientOf(baseUrl: string, retry: Partial<RetryPolicy> | false = FAST_RETRY) {
    const { trace, fetch } = tracingFetch();
    const client = new WedeClient({ baseUrl, apiKey: `wede_${'x'.repeat(40)}`, retry, fetch });
    return { client, trace };
  }

  function expectUnanswered(error: WedeError, code: string): void {
    expectWellFormed(error, 0, code);
    expect(error.details).toEqual({});
    expect(error.requestId).toBeNull();
    expect(error.unanswered).toBe(true);
  }

  it('is network_error, status 0, after the configured retries, all with one key', async () => {
    const { client, trace } = clientOf(nowhere);

    const read = await failureOf(client.missions.list());
    expectUnanswered(read, 'network_error');
    expect(trace.attempts).toBe(FAST_RETRY.retries + 1);

    const write = await failureOf(client.teams.create({ name: 'Never made' }));
    expectUnanswered(write, 'network_error');
    expect(trace.attempts).toBe(2 * (FAST_RETRY.retries + 1));
    const writeKeys = trace.idempotencyKeys.slice(FAST_RETRY.retries + 1);
    expect(new Set(writeKeys).size).toBe(1);
    expect(writeKeys[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('tries as many times as a client-wide retry policy says', async () => {
    const { client, trace } = clientOf(nowhere, { retries: 2, baseDelayMs: 1, maxDelayMs: 5 });

    const error = await failureOf(client.events.list());

    expectUnanswered(error, 'network_error');
    expect(trace.attempts).toBe(3);
  });

  it('tries once with retry: false, on the client or on the call', async () => {
    const once = clientOf(nowhere, false);
    const perCall = clientOf(nowhere);

    const fromClient = await failureOf(once.client.teams.list());
    const fromCall = await failureOf(perCall.client.teams.list({}, { retry: false }));

    expectUnanswered(fromClient, 'network_error');
    expectUnanswered(fromCall, 'network_error');
    expect(once.trace.attempts).toBe(1);
    expect(perCall.trace.attempts).toBe(1);
  });

  it('is aborted, sending nothing, for a signal aborted before the call', async () => {
    const { client, trace } = clientOf(silent.url);
    const requestsBefore = silent.requests;

    const error = await failureOf(client.missions.list({}, { signal: AbortSignal.abort() }));

    expectUnanswered(error, 'aborted');
    expect(trace.attempts).toBe(0);
    expect(silent.requests).toBe(requestsBefore);
  });

  it('is aborted, without retrying, for a signal aborted while waiting', async () => {
    const { client, trace } = clientOf(silent.url);
    const controller = new AbortController();
    const sent = silent.nextRequest();

    const call = failureOf(client.missions.list({}, { signal: controller.signal }));
    await sent;
    controller.abort();
    const error = await call;

    expectUnanswered(error, 'aborted');
    expect(trace.attempts).toBe(1);
  });

  it('is timeout when each attempt outlasts timeoutMs, after the retries', async () => {
    const { client, trace } = clientOf(silent.url, { ...FAST_RETRY, retries: 1, timeoutMs: 200 });
    const requestsBefore = silent.requests;
    const started = Date.now();

    const error = await failureOf(client.teams.list());

    expectUnanswered(error, 'timeout');
    expect(error.message).toMatch(/200 ms/);
    expect(trace.attempts).toBe(2);
    expect(silent.requests - requestsBefore).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 200);
  });
});

describe('arguments the SDK refuses before sending anything', () => {
  it.each(['', '.', '..', ' '])('refuses the id %j without a request', async (id) => {
    let requests = 0;
    const client = new WedeClient({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'wede_key',
      fetch: async (request) => {
        requests += 1;
        return fetch(request);
      },
    });

    const error = await client.missions
      .updateStatus(id, { status: 'ACK' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WedeError);
    expect(error).toMatchObject({ status: 0, code: 'invalid_argument', unanswered: false });
    expect(requests).toBe(0);
  });

  it('refuses a baseUrl with credentials without repeating them', () => {
    const attempt = () =>
      new WedeClient({ baseUrl: 'http://ana:s3cret-pass@127.0.0.1:8080', apiKey: 'wede_key' });

    expect(attempt).toThrow(TypeError);
    expect(attempt).toThrow(/credentials/);
    expect(attempt).not.toThrow(/s3cret/);
  });
});
