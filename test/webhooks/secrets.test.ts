import { afterEach, expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { makeEvent } from '../support/factories.js';
import type { ApiClient } from '../support/api-client.js';
import {
  RFC3339_UTC,
  ReceiverPool,
  newTenant,
  registerEndpoint,
  signaturesOf,
  verifiedWith,
} from '../support/webhook-kit.js';
import type { WebhookReceiver } from '../support/webhook-receiver.js';

const DAY_MS = 24 * 3_600_000;

/** Creates an event and returns the message it produced at the receiver. */
async function nextMessage(api: ApiClient, receiver: WebhookReceiver) {
  const count = receiver.received.length;
  const event = await makeEvent(api);
  await receiver.waitFor(count + 1, 5_000);
  const message = receiver.received[count]!;
  expect(message.body.payload.event_id).toBe(event.id);
  return message;
}

function expectNoSecret(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toContain('whsec_');
  expect(text).not.toContain('previous_secret"');
  // A replay keeps the answer's shape with the secret blanked, as a replayed key does.
  expect(text).not.toMatch(/"secret":(?!null)/);
}

describeOnEachDatabase('webhook signing secrets', (server) => {
  const pool = new ReceiverPool();
  afterEach(() => pool.stopAll());

  it('signs with both secrets after a rotation, so either verifies', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);
    const oldSecret = endpoint.secret as string;

    const before = await nextMessage(api, receiver);
    expect(signaturesOf(before)).toHaveLength(1);
    expect(verifiedWith(oldSecret, before).event).toBe('event.created');

    const rotatedAt = Date.now();
    const rotated = await api.post(`/v1/webhooks/${endpoint.id}/rotate-secret`);
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.body.id).toBe(endpoint.id);
    expect(rotated.body.previous_secret_expires_at).toMatch(RFC3339_UTC);
    const expires = new Date(rotated.body.previous_secret_expires_at).getTime();
    expect(Math.abs(expires - (rotatedAt + DAY_MS))).toBeLessThan(60_000);

    const after = await nextMessage(api, receiver);
    expect(signaturesOf(after)).toHaveLength(2);
    expect(verifiedWith(newSecret, after).id).toBe(after.body.id);
    expect(verifiedWith(oldSecret, after).id).toBe(after.body.id);
    const stranger = await registerEndpoint(api, receiver.url, ['team.status_changed']);
    expect(() => verifiedWith(stranger.secret, after)).toThrow();
  });

  it('never shows a secret when reading, listing or changing endpoints', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created'], {
      description: 'dispatch board',
    });
    await api.post(`/v1/webhooks/${endpoint.id}/rotate-secret`);
    await nextMessage(api, receiver);

    const shown = await api.get(`/v1/webhooks/${endpoint.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ id: endpoint.id, description: 'dispatch board' });
    expectNoSecret(shown.body);

    const list = await api.get('/v1/webhooks');
    expect(list.status).toBe(200);
    expect(list.body.data.map((e: any) => e.id)).toEqual([endpoint.id]);
    expectNoSecret(list.body);

    const patched = await api.patch(`/v1/webhooks/${endpoint.id}`, { description: 'renamed' });
    expect(patched.status).toBe(200);
    expectNoSecret(patched.body);

    const log = await api.get(`/v1/webhooks/${endpoint.id}/deliveries`);
    expect(log.status).toBe(200);
    expectNoSecret(log.body);
  });

  it('does not show the secret again when a creation is replayed', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const body = { url: receiver.url, events: ['event.created'] };
    const headers = { 'idempotency-key': 'create-endpoint-1' };

    const first = await api.post('/v1/webhooks', body, { headers });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.secret).toMatch(/^whsec_/);

    const replay = await api.post('/v1/webhooks', body, { headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expectNoSecret(replay.body);
    expect((await api.get('/v1/webhooks')).body.count).toBe(1);
  });

  it('rotates once and shows the new secret once when a rotation is replayed', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);
    const path = `/v1/webhooks/${endpoint.id}/rotate-secret`;
    const headers = { 'idempotency-key': 'rotate-1' };

    const first = await api.post(path, undefined, { headers });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const replay = await api.post(path, undefined, { headers });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expectNoSecret(replay.body);

    // Rotated twice, the first secret would no longer sign.
    const message = await nextMessage(api, receiver);
    expect(verifiedWith(first.body.secret, message)).toBeTruthy();
    expect(verifiedWith(endpoint.secret, message)).toBeTruthy();
  });
});

describeOnEachDatabase(
  'a rotation more than a day old',
  (server) => {
    const pool = new ReceiverPool();
    afterEach(() => pool.stopAll());

    it('signs with the new secret only', async () => {
      const { api } = await newTenant(server());
      const receiver = await pool.start();
      const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);

      const rotated = await api.post(`/v1/webhooks/${endpoint.id}/rotate-secret`);
      expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
      expect(new Date(rotated.body.previous_secret_expires_at).getTime()).toBeLessThan(Date.now());

      const message = await nextMessage(api, receiver);
      expect(signaturesOf(message)).toHaveLength(1);
      expect(verifiedWith(rotated.body.secret, message).id).toBe(message.body.id);
      expect(() => verifiedWith(endpoint.secret, message)).toThrow();
    });
  },
  // The API's clock runs 25 hours behind: the rotation's grace ended an hour ago.
  { now: () => new Date(Date.now() - 25 * 3_600_000) },
);
