import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

import { ApiClient } from '../test/support/api-client.js';

/**
 * The load side of the webhook benchmark, run in a worker thread so that the
 * server's event loop carries only the server: field crews sending status
 * updates over HTTP, and the receiver the endpoint points at. Times are
 * absolute (timeOrigin + now) so the main thread can compare them.
 */
export interface LoadInput {
  url: string;
  adminKey: string;
  updates: number;
  concurrency: number;
  driveDeadlineMs: number;
  drainDeadlineMs: number;
}

export interface LoadOutput {
  /** Every write: events, dispatches and status updates. */
  apiWrites: number;
  /** Status updates answered with 200, each one message to the endpoint. */
  updates: number;
  startedAt: number;
  lastAnswerAt: number;
  lastArrivalAt: number;
  /** Commit (the answer of the write) to the message's first arrival, in ms, sorted. */
  lags: number[];
  /** Distinct webhook-ids that arrived. */
  delivered: number;
  requests: number;
  /** Arrivals whose write the load side does not know of. */
  strangers: number;
  connections: number;
  maxOpenConnections: number;
}

const FIELD_STEPS = ['ACK', 'ON_ROUTE', 'ON_SITE', 'COMPLETED'] as const;
const LISBON = { lat: 38.7169, lng: -9.1395 };

const clock = () => performance.timeOrigin + performance.now();

/** Records when each message first arrives, keyed by mission and sequence; answers 200. */
class Receiver {
  readonly firstArrival = new Map<string, { id: string; at: number }>();
  readonly ids = new Set<string>();
  requests = 0;
  connections = 0;
  maxOpenConnections = 0;
  private open = 0;
  private server: Server | undefined;
  private listeners: (() => void)[] = [];

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const at = clock();
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.writeHead(200).end();
        this.requests += 1;
        const id = String(request.headers['webhook-id']);
        this.ids.add(id);
        const { payload } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          payload: { mission_id: string; sequence: number };
        };
        const key = `${payload.mission_id}/${payload.sequence}`;
        if (!this.firstArrival.has(key)) this.firstArrival.set(key, { id, at });
        for (const listener of this.listeners) listener();
      });
    });
    this.server.on('connection', (socket) => {
      this.connections += 1;
      this.open += 1;
      this.maxOpenConnections = Math.max(this.maxOpenConnections, this.open);
      socket.on('close', () => (this.open -= 1));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hooks`;
  }

  /** Resolves once `count` distinct ids arrived, or at the deadline. */
  waitForDistinct(count: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((listener) => listener !== check);
        resolve();
      };
      const check = () => {
        if (this.ids.size >= count) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.listeners.push(check);
      check();
    });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

async function created(response: Promise<{ status: number; body: any }>): Promise<any> {
  const { status, body } = await response;
  if (status >= 300) throw new Error(`request refused (${status}): ${JSON.stringify(body)}`);
  return body;
}

/** A team with an operator who may move its missions. */
async function crew(admin: ApiClient, index: number): Promise<{ teamId: string; op: ApiClient }> {
  const team = await created(
    admin.post('/v1/teams', { name: `bench-team-${index}`, verticals: ['healthcare'], ...LISBON }),
  );
  const member = await created(
    admin.post('/v1/members', { name: `bench-op-${index}`, role: 'operator', team_id: team.id }),
  );
  const key = await created(
    admin.post('/v1/keys', { name: `bench-key-${index}`, member_id: member.id }),
  );
  return { teamId: team.id, op: admin.as(key.key) };
}

export async function runLoad(input: LoadInput): Promise<LoadOutput> {
  const receiver = new Receiver();
  try {
    const hookUrl = await receiver.start();
    const admin = new ApiClient(input.url, input.adminKey);
    const crews = await Promise.all(
      Array.from({ length: input.concurrency }, (_, index) => crew(admin, index)),
    );
    const endpoint = { url: hookUrl, events: ['mission.status_updated'] };
    await created(admin.post('/v1/webhooks', endpoint));

    // mission/sequence -> when the answer of its status update arrived
    const answeredAt = new Map<string, number>();
    let remaining = input.updates;
    let apiWrites = 0;
    const startedAt = clock();
    const deadline = startedAt + input.driveDeadlineMs;
    const write = async (request: Promise<{ status: number; body: any }>) => {
      const answer = await created(request);
      apiWrites += 1;
      return answer;
    };

    // Each crew runs missions one after another (a new event, a dispatch, the
    // four field statuses) until the updates are all taken or time is up.
    await Promise.all(
      crews.map(async ({ teamId, op }) => {
        while (remaining > 0 && clock() < deadline) {
          const steps = FIELD_STEPS.slice(0, Math.min(FIELD_STEPS.length, remaining));
          remaining -= steps.length;
          const event = await write(
            admin.post('/v1/events', {
              vertical: 'healthcare',
              priority: 'high',
              title: 'Bench call',
              ...LISBON,
            }),
          );
          const mission = await write(
            admin.post('/v1/teams/dispatch', { event_id: event.id, team_id: teamId }),
          );
          for (const status of steps) {
            const path = `/v1/missions/${mission.id}/status`;
            const updated = await write(op.patch(path, { status }));
            answeredAt.set(`${mission.id}/${updated.sequence}`, clock());
          }
        }
      }),
    );
    const lastAnswerAt = clock();
    await receiver.waitForDistinct(answeredAt.size, input.drainDeadlineMs);

    const lags: number[] = [];
    let lastArrivalAt = startedAt;
    let strangers = 0;
    for (const [key, { at }] of receiver.firstArrival) {
      lastArrivalAt = Math.max(lastArrivalAt, at);
      const answered = answeredAt.get(key);
      if (answered === undefined) strangers += 1;
      else lags.push(at - answered);
    }
    lags.sort((a, b) => a - b);

    return {
      apiWrites,
      updates: answeredAt.size,
      startedAt,
      lastAnswerAt,
      lastArrivalAt,
      lags,
      delivered: receiver.ids.size,
      requests: receiver.requests,
      strangers,
      connections: receiver.connections,
      maxOpenConnections: receiver.maxOpenConnections,
    };
  } finally {
    await receiver.stop();
  }
}

if (parentPort !== null && workerData !== null) {
  const port = parentPort;
  runLoad(workerData as LoadInput).then(
    (output) => port.postMessage({ ok: true, output }),
    (error: unknown) => port.postMessage({ ok: false, error: String(error) }),
  );
}
