import { randomUUID } from 'node:crypto';

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  WedeError,
  type ChangeStream,
  type StreamChange,
  type StreamHello,
  type StreamItem,
  type StreamOptions,
  type Team,
  type WedeClient,
} from '@wede/sdk';

import { startSdkServer, type SdkServer } from '../support/sdk-server.js';
import { databaseKinds } from '../support/test-database.js';
import { killAllWede } from '../support/wede-cli.js';

const LISBON = { lat: 38.7169, lng: -9.1395 };
/** Long enough for a reconnection and a server restart on a busy machine. */
const ARRIVAL = { timeout: 15_000, interval: 20 };

/** A team with one operator, and the key the operator's phone holds. */
async function newCrew(server: SdkServer) {
  const name = `crew-${randomUUID().slice(0, 8)}`;
  const team = await server.admin.teams.create({ name, verticals: ['healthcare'], ...LISBON });
  const operator = await server.admin.members.create({
    name: `${name} operator`,
    role: 'operator',
    team_id: team.id,
  });
  const key = await server.admin.keys.create({ name: `${name} phone`, member_id: operator.id });
  return { team, operator, keyId: key.id, device: server.client(key.key!) };
}

/** An open event; low priority, so no escalation comes within a test. */
function newIncident(server: SdkServer) {
  return server.admin.events.create({
    vertical: 'healthcare',
    priority: 'low',
    title: 'Person collapsed',
    notes: 'Use the south entrance',
    ...LISBON,
  });
}

/** A stream being read by a `for await` loop: what it has yielded, and how the loop ended. */
interface Reading {
  stream: ChangeStream;
  items: StreamItem[];
  /** Resolves when the loop ends, rejects with what the iteration threw. */
  ended: Promise<void>;
  /** What the server refused, through `onError`. */
  errors: WedeError[];
}

function changesOf(reading: Reading): StreamChange[] {
  return reading.items.filter((item): item is StreamChange => item.type === 'change');
}

/** The first change read that `match` accepts, once it has come. */
function arrival(reading: Reading, match: (change: StreamChange) => boolean) {
  return vi.waitFor(() => {
    const change = changesOf(reading).find(match);
    if (change === undefined) throw new Error('the change has not come yet');
    return change;
  }, ARRIVAL);
}

/**
 * Resolves once the server has answered a receipt for a mission that does not
 * exist: it handles a connection's messages in order, so whatever the stream
 * sent before has been answered too.
 */
async function answeredSoFar(reading: Reading): Promise<string> {
  const unknown = randomUUID();
  reading.stream.confirm(unknown);
  await vi.waitFor(() => {
    expect(reading.errors.map((error) => error.message).join('\n')).toContain(unknown);
  }, ARRIVAL);
  return unknown;
}

describe('a device reading the live stream', () => {
  let server: SdkServer;
  const readings: Reading[] = [];

  /** Reads a stream with `for await` until it ends; closed after the test. */
  function read(stream: ChangeStream, errors: WedeError[] = []): Reading {
    const items: StreamItem[] = [];
    const ended = (async () => {
      for await (const item of stream) items.push(item);
    })();
    // Tests that expect a failure await it; the others must not see it as unhandled.
    ended.catch(() => undefined);
    const opened = { stream, items, ended, errors };
    readings.push(opened);
    return opened;
  }

  /** Opens a stream, reads it and waits for the server's hello. */
  async function reading(client: WedeClient, options: StreamOptions = {}): Promise<Reading> {
    const errors: WedeError[] = [];
    const stream = client.stream({ ...options, onError: (error) => errors.push(error) });
    const opened = read(stream, errors);
    await vi.waitFor(() => expect(stream.connected).toBe(true), ARRIVAL);
    return opened;
  }

  beforeAll(async () => {
    server = await startSdkServer('sqlite');
  });
  afterEach(async () => {
    for (const { stream } of readings) stream.close();
    await Promise.allSettled(readings.splice(0).map(({ ended }) => ended));
  });
  afterAll(async () => {
    await server?.close();
    await killAllWede();
  });

  it('receives a mission dispatched to its team and confirms it, marking it SENT', async () => {
    const crew = await newCrew(server);
    const event = await newIncident(server);
    const device = await reading(crew.device, { confirmReceipts: true });

    const mission = await server.admin.teams.dispatch({
      event_id: event.id,
      team_id: crew.team.id,
      notes: 'Bring the defibrillator',
    });
    const created = await arrival(device, (change) => change.data.mission_id === mission.id);

    expect(created).toMatchObject({
      type: 'change',
      event: 'mission.created',
      data: { mission_id: mission.id, team_id: crew.team.id, event_id: event.id },
    });
    expect(created.data.mission).toMatchObject({
      id: mission.id,
      team_id: crew.team.id,
      event_id: event.id,
      priority: 'low',
      notes: 'Bring the defibrillator',
      member_ids: [crew.operator.id],
    });
    await vi.waitFor(async () => {
      expect(await server.admin.missions.get(mission.id)).toMatchObject({
        status: 'SENT',
        channel_used: 'internet',
      });
    }, ARRIVAL);
    const history = await server.admin.missions.history(mission.id);
    expect(history.map((entry) => [entry.status, entry.channel, entry.member_id])).toEqual([
      ['CREATED', 'api', null],
      ['SENT', 'internet', crew.operator.id],
    ]);
  });

  it('leaves a mission CREATED when it does not confirm receipts', async () => {
    const crew = await newCrew(server);
    const event = await newIncident(server);
    const device = await reading(crew.device);

    const mission = await server.admin.teams.dispatch({
      event_id: event.id,
      team_id: crew.team.id,
    });
    await arrival(device, (change) => change.data.mission_id === mission.id);
    const probe = await answeredSoFar(device);

    expect(device.errors.map((error) => error.code)).toEqual(['not_found']);
    expect(device.errors[0]!.message).toContain(probe);
    expect(await server.admin.missions.get(mission.id)).toMatchObject({
      status: 'CREATED',
      channel_used: null,
      sent_at: null,
    });
  });

  it('sends no receipt from a console, which carries no mission', async () => {
    const crew = await newCrew(server);
    const event = await newIncident(server);
    const console = await reading(server.admin, { confirmReceipts: true });

    const mission = await server.admin.teams.dispatch({
      event_id: event.id,
      team_id: crew.team.id,
    });
    const created = await arrival(console, (change) => change.data.mission_id === mission.id);
    const probe = await answeredSoFar(console);

    expect(created.event).toBe('mission.created');
    expect(console.stream.hello).toMatchObject({ member_id: null, team_id: null });
    // A receipt sent for the mission would have been refused before the probe.
    expect(console.errors.map((error) => error.message)).toEqual([expect.stringContaining(probe)]);
    expect((await server.admin.missions.get(mission.id)).status).toBe('CREATED');
  });

  it("sees another team's backup on its event but confirms only its own mission", async () => {
    const crew = await newCrew(server);
    const backupCrew = await newCrew(server);
    const event = await newIncident(server);
    const device = await reading(crew.device, { confirmReceipts: true });

    const own = await server.admin.teams.dispatch({ event_id: event.id, team_id: crew.team.id });
    await vi.waitFor(async () => {
      expect((await server.admin.missions.get(own.id)).status).toBe('SENT');
    }, ARRIVAL);
    const backup = await server.admin.requestBackup({
      mission_id: own.id,
      event_id: event.id,
      team_id: backupCrew.team.id,
    });
    const seen = await arrival(device, (change) => change.data.mission_id === backup.id);
    const probe = await answeredSoFar(device);

    expect(seen).toMatchObject({
      event: 'mission.created',
      data: { team_id: backupCrew.team.id, backup_of: own.id },
    });
    expect(device.errors.map((error) => error.message)).toEqual([expect.stringContaining(probe)]);
    expect(await server.admin.missions.get(backup.id)).toMatchObject({
      status: 'CREATED',
      channel_used: null,
    });
    expect(await server.admin.missions.get(own.id)).toMatchObject({
      status: 'SENT',
      channel_used: 'internet',
    });
  });

  it('tells its greeting, the last seq it saw and whether it is connected', async () => {
    const crew = await newCrew(server);
    const event = await newIncident(server);
    const stream = crew.device.stream();

    const before = {
      hello: stream.hello,
      lastSeq: stream.lastSeq,
      connected: stream.connected,
    };
    const { items, ended } = read(stream);
    await vi.waitFor(() => expect(stream.connected).toBe(true), ARRIVAL);
    const hello = stream.hello!;
    const atHello = stream.lastSeq;
    const mission = await server.admin.teams.dispatch({
      event_id: event.id,
      team_id: crew.team.id,
    });
    await vi.waitFor(() => expect(items).toHaveLength(1), ARRIVAL);
    stream.close();
    const connectedAfterClose = stream.connected;
    await ended;

    expect(before).toEqual({ hello: null, lastSeq: undefined, connected: false });
    expect(hello).toEqual({
      seq: expect.any(Number),
      member_id: crew.operator.id,
      team_id: crew.team.id,
    });
    expect(atHello).toBe(hello.seq);
    const [created] = items as StreamChange[];
    expect(created).toMatchObject({ event: 'mission.created', data: { mission_id: mission.id } });
    expect(created!.seq).toBeGreaterThan(hello.seq);
    expect(stream.lastSeq).toBe(created!.seq);
    expect(connectedAfterClose).toBe(false);
  });

  it('ends the for await loop when closed, and closes when the loop breaks', async () => {
    const crew = await newCrew(server);
    const event = await newIncident(server);
    const waiting = await reading(crew.device);
    const breaking = crew.device.stream();
    readings.push({ stream: breaking, items: [], ended: Promise.resolve(), errors: [] });

    const loop = (async () => {
      for await (const item of breaking) {
        if (item.type === 'change') return item;
      }
      return null;
    })();
    await vi.waitFor(() => expect(breaking.connected).toBe(true), ARRIVAL);
    const mission = await server.admin.teams.dispatch({
      event_id: event.id,
      team_id: crew.team.id,
    });
    const broken = await loop;
    await arrival(waiting, (change) => change.data.mission_id === mission.id);
    waiting.stream.close();

    await expect(waiting.ended).resolves.toBeUndefined();
    expect(waiting.stream.connected).toBe(false);
    expect(changesOf(waiting).map((change) => change.data.mission_id)).toEqual([mission.id]);
    expect(broken).toMatchObject({ data: { mission_id: mission.id } });
    expect(breaking.connected).toBe(false);
    await expect(breaking[Symbol.asyncIterator]().next()).resolves.toEqual({
      done: true,
      value: undefined,
    });
  });

  it('closes when its AbortSignal aborts, and never opens with one already aborted', async () => {
    const crew = await newCrew(server);
    const controller = new AbortController();
    const aborted = crew.device.stream({ signal: AbortSignal.abort() });

    const device = await reading(crew.device, { signal: controller.signal });
    controller.abort();
    const neverOpened: StreamItem[] = [];
    for await (const item of aborted) neverOpened.push(item);

    await expect(device.ended).resolves.toBeUndefined();
    expect(device.stream.connected).toBe(false);
    expect(neverOpened).toEqual([]);
    expect(aborted.hello).toBeNull();
    expect(aborted.connected).toBe(false);
  });

  it('resumes after a closed stream with `after`: every change it missed, in order', async () => {
    const earlier = await reading(server.admin);
    const first = await server.admin.teams.create({ name: `crew-${randomUUID().slice(0, 8)}` });
    const seen = await arrival(earlier, (change) => change.data.id === first.id);
    earlier.stream.close();
    await earlier.ended;

    const missed: Team[] = [];
    for (let n = 0; n < 3; n += 1) {
      missed.push(await server.admin.teams.create({ name: `crew-${randomUUID().slice(0, 8)}` }));
    }
    const later = await reading(server.admin, { after: earlier.stream.lastSeq });
    const last = await arrival(later, (change) => change.data.id === missed[2]!.id);

    expect(earlier.stream.lastSeq).toBe(seen.seq);
    expect(changesOf(later).map((change) => [change.seq, change.event, change.data.id])).toEqual(
      missed.map((team, n) => [seen.seq + n + 1, 'team.created', team.id]),
    );
    expect(later.stream.lastSeq).toBe(last.seq);
    expect(later.stream.hello!.seq).toBe(last.seq);
  });

  it("reports its team's location with sendLocation", async () => {
    const crew = await newCrew(server);
    const device = await reading(crew.device);

    device.stream.sendLocation(38.7436, -9.1602);

    await vi.waitFor(async () => {
      expect(await server.admin.teams.get(crew.team.id)).toMatchObject({
        lat: 38.7436,
        lng: -9.1602,
        location_updated_at: expect.any(String),
      });
    }, ARRIVAL);
    expect(device.errors).toEqual([]);
  });

  it('throws a 401 WedeError from the loop once its key is revoked', async () => {
    const crew = await newCrew(server);
    const device = await reading(crew.device);

    await server.admin.keys.revoke(crew.keyId);
    const failure = await device.ended.then(
      () => null,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(WedeError);
    expect(failure).toMatchObject({ status: 401 });
    expect(device.stream.connected).toBe(false);
    // The iteration stays failed: another read throws the same error.
    await expect(device.stream[Symbol.asyncIterator]().next()).rejects.toBe(failure);
  }, 30_000);
});

describe.each(databaseKinds())('the live stream across a server restart [%s]', (kind) => {
  let server: SdkServer;

  beforeAll(async () => {
    server = await startSdkServer(kind);
  });
  afterAll(async () => {
    await server?.close();
    await killAllWede();
  });

  it('yields exactly the changes made after the last one it saw, once each', async () => {
    const crew = await newCrew(server);
    const event = await newIncident(server);
    // Slow reconnection: the changes below are made before the streams come back.
    const reconnect = { baseDelayMs: 1500 };
    const consoleHellos: StreamHello[] = [];
    const consoleStream = server.admin.stream({
      reconnect,
      onOpen: (hello) => consoleHellos.push(hello),
    });
    const deviceStream = crew.device.stream({ reconnect });
    const consoleItems: StreamItem[] = [];
    const deviceItems: StreamItem[] = [];
    const consoleLoop = (async () => {
      for await (const item of consoleStream) consoleItems.push(item);
    })();
    const deviceLoop = (async () => {
      for await (const item of deviceStream) deviceItems.push(item);
    })();
    await vi.waitFor(() => {
      expect(consoleStream.connected && deviceStream.connected).toBe(true);
    }, ARRIVAL);
    const mission = await server.admin.teams.dispatch({
      event_id: event.id,
      team_id: crew.team.id,
    });
    await vi.waitFor(() => {
      expect(consoleItems.at(-1)).toMatchObject({ event: 'mission.created' });
      expect(deviceItems.at(-1)).toMatchObject({ event: 'mission.created' });
    }, ARRIVAL);
    const consoleSeen = consoleStream.lastSeq!;
    const deviceSeen = deviceStream.lastSeq!;

    await server.restart();
    await crew.device.missions.updateStatus(mission.id, { status: 'ACK' });
    await crew.device.missions.updateStatus(mission.id, { status: 'ON_ROUTE' });
    const other = await server.admin.teams.create({ name: `crew-${randomUUID().slice(0, 8)}` });
    await vi.waitFor(() => {
      expect(consoleItems.at(-1)).toMatchObject({ data: { id: other.id } });
      expect(deviceItems.at(-1)).toMatchObject({ data: { status: 'ON_ROUTE' } });
    }, ARRIVAL);
    consoleStream.close();
    deviceStream.close();
    await Promise.all([consoleLoop, deviceLoop]);

    expect(consoleHellos).toHaveLength(2);
    const afterRestart = (items: StreamItem[], seen: number) =>
      (items as StreamChange[]).filter((change) => change.seq > seen);
    expect(
      afterRestart(consoleItems, consoleSeen).map((change) => [
        change.seq,
        change.event,
        change.data.mission_id ?? change.data.id,
        change.data.status,
      ]),
    ).toEqual([
      [consoleSeen + 1, 'mission.status_updated', mission.id, 'ACK'],
      [consoleSeen + 2, 'mission.status_updated', mission.id, 'ON_ROUTE'],
      [consoleSeen + 3, 'team.created', other.id, 'AVAILABLE'],
    ]);
    const deviceChanges = afterRestart(deviceItems, deviceSeen);
    expect(deviceChanges.map((change) => [change.event, change.data.status])).toEqual([
      ['mission.status_updated', 'ACK'],
      ['mission.status_updated', 'ON_ROUTE'],
    ]);
    expect(deviceChanges.map((change) => change.seq)).toEqual([consoleSeen + 1, consoleSeen + 2]);
    for (const items of [consoleItems, deviceItems]) {
      const seqs = (items as StreamChange[]).map((change) => change.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    }
    expect(consoleItems.every((item) => item.type === 'change')).toBe(true);
    expect(deviceItems.every((item) => item.type === 'change')).toBe(true);
  }, 60_000);
});
