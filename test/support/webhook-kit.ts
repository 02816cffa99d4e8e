import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';

import { createOrganization } from '../../src/services/manage-organizations.js';
import { inTransaction } from '../../src/store/database.js';
import { ApiClient } from './api-client.js';
import type { TestServer } from './test-server.js';
import { WebhookReceiver, type Answer, type ReceivedWebhook } from './webhook-receiver.js';

/** An organization of its own, so one test's messages never reach another test's endpoints. */
export interface Tenant {
  api: ApiClient;
  organizationId: string;
}

let tenants = 0;

export async function newTenant(server: TestServer): Promise<Tenant> {
  const created = await inTransaction(server.running.database.db, (trx) =>
    createOrganization(trx, `webhook-tenant-${++tenants}-${Date.now()}`, new Date()),
  );
  return {
    api: new ApiClient(server.url, created.adminKey),
    organizationId: created.organization.id,
  };
}

/** Receivers started by a test, stopped after it (hanging requests included). */
export class ReceiverPool {
  private readonly started: WebhookReceiver[] = [];

  async start(answer?: Answer, port?: number): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    if (answer) receiver.answer = answer;
    await receiver.start(port);
    this.started.push(receiver);
    return receiver;
  }

  async stopAll(): Promise<void> {
    const all = this.started.splice(0);
    await Promise.all(all.map((receiver) => receiver.stop()));
  }
}

/** Registers an endpoint and returns it, secret included; fails the test unless 201. */
export async function registerEndpoint(
  api: ApiClient,
  url: string,
  events: string[],
  extra: Record<string, unknown> = {},
): Promise<any> {
  const response = await api.post('/v1/webhooks', { url, events, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  expect(response.body.secret).toMatch(/^whsec_/);
  return response.body;
}

export function signatureHeaders(received: ReceivedWebhook): Record<string, string> {
  return {
    'webhook-id': String(received.headers['webhook-id']),
    'webhook-timestamp': String(received.headers['webhook-timestamp']),
    'webhook-signature': String(received.headers['webhook-signature']),
  };
}

/** The message as the standardwebhooks verifier accepts it with this secret; throws otherwise. */
export function verifiedWith(secret: string, received: ReceivedWebhook): any {
  return new Webhook(secret).verify(received.rawBody, signatureHeaders(received));
}

/** Every v1 signature the message carries. */
export function signaturesOf(received: ReceivedWebhook): string[] {
  return String(received.headers['webhook-signature']).split(' ').filter(Boolean);
}

/** Asks `probe` again every 50 ms until `accept` holds; fails with the last answer seen. */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    }
    await pause(50);
    last = await probe();
  }
  return last;
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The endpoint's delivery log (one page); fails the test unless 200. */
export async function deliveryLog(api: ApiClient, endpointId: string, query = ''): Promise<any> {
  const response = await api.get(`/v1/webhooks/${endpointId}/deliveries${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** The log entry of one message for one endpoint, once it satisfies `accept`. */
export async function deliveryWhen(
  api: ApiClient,
  endpointId: string,
  messageId: string,
  accept: (delivery: any) => boolean,
  timeoutMs = 10_000,
): Promise<any> {
  const log = await eventually(
    () => deliveryLog(api, endpointId, '?limit=500'),
    (body) => body.data.some((d: any) => d.message_id === messageId && accept(d)),
    timeoutMs,
  );
  return log.data.find((d: any) => d.message_id === messageId);
}

/** The log entry of one message once its attempts are over (delivered or failed). */
export function settledDelivery(api: ApiClient, endpointId: string, messageId: string) {
  return deliveryWhen(api, endpointId, messageId, (delivery) => delivery.status !== 'pending');
}

/** An endpoint as GET shows it: what creation returned, less the secret. */
export function withoutSecret(endpoint: Record<string, unknown>): Record<string, unknown> {
  const shown = { ...endpoint };
  delete shown.secret;
  return shown;
}

/** The messages a receiver got for one event type, by body. */
export function bodiesOf(receiver: WebhookReceiver, event?: string): any[] {
  return receiver.received
    .map((entry) => entry.body)
    .filter((body) => event === undefined || body.event === event);
}

export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export const RFC3339_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/**
 * A receiver that can hold its answers and release them all at once, so that
 * several attempts end at the same moment.
 */
export class HeldReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** While true, requests are kept open until release(). */
  holding = false;
  status = 500;
  private held: ServerResponse[] = [];
  private server: Server | undefined;

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/held`;
  }

  get heldCount(): number {
    return this.held.length;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        this.received.push({
          headers: request.headers,
          rawBody,
          body: JSON.parse(rawBody),
          at: Date.now(),
        });
        if (this.holding) this.held.push(response);
        else response.writeHead(this.status).end(`answered ${this.status}`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Answers every held request now with `status`. */
  release(status: number): void {
    const held = this.held.splice(0);
    for (const response of held) response.writeHead(status).end(`answered ${status}`);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
