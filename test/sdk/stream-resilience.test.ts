import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  WedeClient,
  type ChangeStream,
  type StreamHello,
  type StreamItem,
  type WedeError,
} from '@wede/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';

import { startSdkServer, type SdkServer } from '../support/sdk-server.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const LISBON = { lat: 38.7169, lng: -9.1395 };
const SOON = { timeout: 15_000, interval: 20 };

/** Reads a stream in the background, as an app's loop would. */
function readAll(stream: ChangeStream): { items: StreamItem[]; ended: Promise<unknown> } {
  const items: StreamItem[] = [];
  const ended = (async () => {
    for await (const item of stream) items.push(item);
  })().catch((error: unknown) => error);
  return { items, ended };
}

describe('the SDK stream on a bad link, against a real server', () => {
  let server: SdkServer;
  let proxy: TcpProxy;
  const streams: ChangeStream[] = [];

  beforeAll(async () => {
    server = await startSdkServer();
    proxy = await new TcpProxy(new URL(server.url)).start();
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
    proxy.mode = 'pass';
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  async function crew() {
    const name = `crew-${randomUUID().slice(0, 8)}`;
    const team = await server.admin.teams.create({ name, verticals: ['fire'], ...LISBON });
    const member = await server.admin.members.create({ name, role: 'operator', team_id: team.id });
    const key = await server.admin.keys.create({ name, member_id: member.id });
    return { team, key: key.key! };
  }

  async function dispatchTo(teamId: string) {
    const event = await server.admin.events.create({
      vertical: 'fire',
      priority: 'low',
      ...LISBON,
    });
    return server.admin.teams.dispatch({ event_id: event.id, team_id: teamId });
  }

  function open(stream: ChangeStream): ChangeStream {
    streams.push(stream);
    return stream;
  }

  it('replaces a connection gone silent and gets what came meanwhile', async () => {
    const { team, key } = await crew();
    const greetings: StreamHello[] = [];
    const device = new WedeClient({ baseUrl: proxy.url, apiKey: key });
    const stream = open(
      device.stream({
        idleTimeoutMs: 1_500,
        reconnect: { baseDelayMs: 100, maxDelayMs: 200 },
        onOpen: (hello) => greetings.push(hello),
      }),
    );
    await stream.opened();
    const reading = readAll(stream);
    const closedBefore = proxy.clientsClosed;

    proxy.mode = 'stall';
    const mission = await dispatchTo(team.id);
    await vi.waitFor(() => expect(proxy.clientsClosed).toBeGreaterThan(closedBefore), SOON);
    proxy.mode = 'pass';

    await vi.waitFor(() => {
      const created = reading.items.find(
        (item) => item.type === 'change' && item.event === 'mission.created',
      );
      expect(created).toMatchObject({ data: { mission_id: mission.id } });
    }, SOON);
    expect(greetings.length).toBeGreaterThanOrEqual(2);
  });

  it('starts again from the server when it is behind the seq it resumes from', async () => {
    const { team, key } = await crew();
    const stream = open(server.client(key).stream({ after: 10_000_000 }));
    const reading = readAll(stream);

    await vi.waitFor(() => expect(reading.items[0]).toMatchObject({ type: 'resync' }), SOON);
    const mission = await dispatchTo(team.id);

    expect(reading.items[0]).toMatchObject({ type: 'resync', reason: 'server_behind' });
    await vi.waitFor(() => {
      expect(reading.items).toContainEqual(
        expect.objectContaining({ event: 'mission.created', data: expect.anything() }),
      );
    }, SOON);
    expect(stream.lastSeq).toBeLessThan(10_000_000);
    const created = reading.items.find((item) => item.type === 'change');
    expect(created).toMatchObject({ data: { mission_id: mission.id } });
  });

  it('confirms a new mission only when the loop takes it', async () => {
    const { team, key } = await crew();
    const stream = open(server.client(key).stream({ confirmReceipts: true }));
    const hello = await stream.opened();

    const mission = await dispatchTo(team.id);
    await vi.waitFor(() => expect(stream.lastSeq).toBeGreaterThan(hello.seq + 1), SOON);
    // Time for a receipt sent on arrival to have been applied.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const unread = await server.admin.missions.get(mission.id);

    expect(unread).toMatchObject({ status: 'CREATED', channel_used: null });
    const iterator = stream[Symbol.asyncIterator]();
    let item: StreamItem | undefined;
    do item = (await iterator.next()).value;
    while (item?.type === 'change' && item.event !== 'mission.created');
    await vi.waitFor(async () => {
      const read = await server.admin.missions.get(mission.id);
      expect(read).toMatchObject({ status: 'SENT', channel_used: 'internet' });
    }, SOON);
  });

  it('refuses a second reader at the same time', async () => {
    const stream = open(server.admin.stream());
    const iterator = stream[Symbol.asyncIterator]();

    const first = iterator.next();
    const second = iterator.next();

    await expect(second).rejects.toThrow('one reader at a time');
    stream.close();
    await expect(first).resolves.toEqual({ done: true, value: undefined });
  });
});

describe('the SDK stream against a server that sends garbage', () => {
  let http: Server;
  let sockets: WebSocketServer;

  beforeAll(async () => {
    http = createServer((request, response) => {
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ticket: 'one-time', expires_at: '2030-01-01T00:00:00.000Z' }));
    });
    sockets = new WebSocketServer({ server: http, path: '/v1/stream' });
    sockets.on('connection', (socket) => {
      const change = (seq: number) =>
        JSON.stringify({ type: 'change', seq, event: 'team.created', occurred_at: '', data: {} });
      socket.send(JSON.stringify({ type: 'hello', seq: 1, member_id: null, team_id: null }));
      for (const frame of ['null', '[1]', '"text"', '{"type":"change","seq":2}', '{"type":7}']) {
        socket.send(frame);
      }
      socket.send(Buffer.from([0xff, 0x00]), { binary: true });
      socket.send(JSON.stringify({ type: 'change', seq: 'two', data: {} }));
      socket.send(change(2));
      socket.send(change(2));
      socket.send(change(3));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    sockets?.close();
    await new Promise((resolve) => http?.close(resolve));
  });

  it('ignores what is not a change, hands each over once, outlives its callbacks', async () => {
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const errors: WedeError[] = [];
    const client = new WedeClient({ baseUrl: url, apiKey: 'key' });
    const stream = client.stream({
      onOpen: () => {
        throw new Error('a bug in the app');
      },
      onError: (error) => {
        errors.push(error);
        throw new Error('another bug');
      },
    });

    const seqs: number[] = [];
    for await (const item of stream) {
      if (item.type === 'change') seqs.push(item.seq);
      if (seqs.length === 2) break;
    }

    expect(seqs).toEqual([2, 3]);
    expect(stream.hello).toEqual({ seq: 1, member_id: null, team_id: null });
  });
});
