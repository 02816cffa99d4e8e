import { afterEach, expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { makeEvent } from '../support/factories.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import {
  HeldReceiver,
  RFC3339_UTC,
  ReceiverPool,
  deliveryLog,
  eventually,
  newTenant,
  pause,
  registerEndpoint,
  settledDelivery,
  verifiedWith,
} from '../support/webhook-kit.js';

// The test server retries after 0.2, 0.4 and 0.8 s: four attempts in all, about 1.4 s.
const ATTEMPTS = 4;
const SCHEDULE_MS = (0.2 + 0.4 + 0.8) * 1000 * 1.2;

describeOnEachDatabase('webhook retries and redelivery', (server) => {
  const pool = new ReceiverPool();
  afterEach(() => pool.stopAll());

  it('retries 500, 500, then 200 with the same signed message, logged as delivered', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start((index) => (index < 2 ? 500 : 200));
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);

    const event = await makeEvent(api);
    await receiver.waitFor(3, 10_000);

    const messageId = String(receiver.received[0]!.headers['webhook-id']);
    expect(messageId).toMatch(/^msg_[0-9a-f-]{36}$/);
    for (const attempt of receiver.received) {
      expect(attempt.headers['webhook-id']).toBe(messageId);
      expect(attempt.rawBody).toBe(receiver.received[0]!.rawBody);
      expect(verifiedWith(endpoint.secret, attempt)).toMatchObject({
        id: messageId,
        event: 'event.created',
        payload: { event_id: event.id },
      });
    }
    // Retries wait for their delay (0.2 s and 0.4 s, less at most a fifth of jitter).
    const [first, second, third] = receiver.received.map((entry) => entry.at);
    expect(second! - first!).toBeGreaterThanOrEqual(120);
    expect(third! - second!).toBeGreaterThanOrEqual(250);

    const delivery = await settledDelivery(api, endpoint.id, messageId);
    expect(delivery).toMatchObject({
      message_id: messageId,
      event: 'event.created',
      status: 'delivered',
      attempts: 3,
      last_status_code: 200,
      last_error: null,
      last_response_excerpt: 'answered 200',
      next_attempt_at: null,
    });
    expect(delivery.delivered_at).toMatch(RFC3339_UTC);
    expect(delivery.last_attempt_at).toMatch(RFC3339_UTC);
    expect(receiver.received).toHaveLength(3);
  });

  it('retries a refused connection until the receiver comes up', async () => {
    const { api } = await newTenant(server());
    const placeholder = await new WebhookReceiver().start();
    const url = placeholder.url;
    await placeholder.stop();
    const endpoint = await registerEndpoint(api, url, ['event.created']);

    await makeEvent(api);
    const refused = await eventually(
      () => deliveryLog(api, endpoint.id),
      (log) => log.data[0]?.attempts >= 1,
    );
    expect(refused.data[0]).toMatchObject({ status: 'pending', last_status_code: null });
    expect(refused.data[0].last_error).toEqual(expect.any(String));
    expect(refused.data[0].next_attempt_at).toMatch(RFC3339_UTC);

    const receiver = await pool.start(() => 200, Number(new URL(url).port));
    await receiver.waitFor(1, 5_000);
    const messageId = String(receiver.received[0]!.headers['webhook-id']);
    const delivered = await settledDelivery(api, endpoint.id, messageId);
    expect(delivered.status).toBe('delivered');
    expect(delivered.attempts).toBeGreaterThanOrEqual(2);
    expect(delivered.last_status_code).toBe(200);
  });

  it('marks a message failed once every retry is spent, then redelivers it by id', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start(() => 500);
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);

    await makeEvent(api);
    await receiver.waitFor(ATTEMPTS, 10_000);
    const messageId = String(receiver.received[0]!.headers['webhook-id']);
    const failed = await settledDelivery(api, endpoint.id, messageId);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: ATTEMPTS,
      last_status_code: 500,
      last_response_excerpt: 'answered 500',
      next_attempt_at: null,
      delivered_at: null,
    });
    expect(receiver.received).toHaveLength(ATTEMPTS);

    receiver.answer = () => 200;
    const again = await api.post(`/v1/webhooks/${endpoint.id}/redeliver`, {
      message_id: messageId,
    });
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    expect(again.body).toEqual({ requeued: 1 });

    await receiver.waitFor(ATTEMPTS + 1, 5_000);
    const resent = receiver.received[ATTEMPTS]!;
    expect(resent.headers['webhook-id']).toBe(messageId);
    expect(verifiedWith(endpoint.secret, resent).id).toBe(messageId);
    const delivered = await settledDelivery(api, endpoint.id, messageId);
    expect(delivered).toMatchObject({
      status: 'delivered',
      attempts: ATTEMPTS + 1,
      last_status_code: 200,
    });
  });

  it('gives a redelivered message a whole new round of retries', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start(() => 500);
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);

    await makeEvent(api);
    await receiver.waitFor(ATTEMPTS, 10_000);
    const messageId = String(receiver.received[0]!.headers['webhook-id']);
    expect(await settledDelivery(api, endpoint.id, messageId)).toMatchObject({
      status: 'failed',
      attempts: ATTEMPTS,
    });

    // Still failing when sent again: retried on the schedule once more, not given up at once.
    const again = await api.post(`/v1/webhooks/${endpoint.id}/redeliver`, {
      message_id: messageId,
    });
    expect(again.body).toEqual({ requeued: 1 });
    await receiver.waitFor(2 * ATTEMPTS, 10_000);
    expect(await settledDelivery(api, endpoint.id, messageId)).toMatchObject({
      status: 'failed',
      attempts: 2 * ATTEMPTS,
      next_attempt_at: null,
    });
    await pause(SCHEDULE_MS / 2);
    expect(receiver.received).toHaveLength(2 * ATTEMPTS);
  });

  it('records an answer holding a NUL character, without costing other endpoints', async () => {
    const { api } = await newTenant(server());
    // PostgreSQL text cannot hold NUL: stored as is, the whole batch of outcomes failed.
    const odd = await pool.start(() => ({ status: 500, body: 'a\u0000b' }));
    const healthy = await pool.start();
    const oddEndpoint = await registerEndpoint(api, odd.url, ['event.created']);
    const healthyEndpoint = await registerEndpoint(api, healthy.url, ['event.created']);

    await makeEvent(api);
    await odd.waitFor(ATTEMPTS, 10_000);
    const messageId = String(odd.received[0]!.headers['webhook-id']);
    expect(await settledDelivery(api, oddEndpoint.id, messageId)).toMatchObject({
      status: 'failed',
      attempts: ATTEMPTS,
      last_status_code: 500,
      last_response_excerpt: 'a\uFFFDb',
    });
    expect(await settledDelivery(api, healthyEndpoint.id, messageId)).toMatchObject({
      status: 'delivered',
      attempts: 1,
    });
    expect(healthy.received).toHaveLength(1);
  });

  it('redelivers every message that failed since a time, and only those', async () => {
    const { api } = await newTenant(server());
    const since = new Date(Date.now() - 1000).toISOString();
    const receiver = await pool.start((_, entry) =>
      entry.body.payload.title === 'ok' ? 200 : 500,
    );
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);

    await makeEvent(api, { title: 'first failure' });
    await makeEvent(api, { title: 'second failure' });
    await makeEvent(api, { title: 'ok' });
    const settled = await eventually(
      () => deliveryLog(api, endpoint.id),
      (log) => log.count === 3 && log.data.every((d: any) => d.status !== 'pending'),
    );
    const failedIds = settled.data
      .filter((d: any) => d.status === 'failed')
      .map((d: any) => d.message_id);
    expect(failedIds).toHaveLength(2);
    expect(settled.data.filter((d: any) => d.status === 'delivered')).toHaveLength(1);

    const later = new Date(Date.now() + 60_000).toISOString();
    const none = await api.post(`/v1/webhooks/${endpoint.id}/redeliver`, { failed_since: later });
    expect(none.status, JSON.stringify(none.body)).toBe(202);
    expect(none.body).toEqual({ requeued: 0 });

    const before = receiver.received.length;
    receiver.answer = () => 200;
    const all = await api.post(`/v1/webhooks/${endpoint.id}/redeliver`, { failed_since: since });
    expect(all.status, JSON.stringify(all.body)).toBe(202);
    expect(all.body).toEqual({ requeued: 2 });

    await receiver.waitFor(before + 2, 5_000);
    const resentIds = receiver.received.slice(before).map((entry) => entry.headers['webhook-id']);
    expect(resentIds.sort()).toEqual([...failedIds].sort());
    const after = await eventually(
      () => deliveryLog(api, endpoint.id),
      (log) => log.data.every((d: any) => d.status === 'delivered'),
    );
    expect(after.count).toBe(3);
  });

  it('reads failed_since with a UTC offset as the instant it names', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start(() => 500);
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);

    await makeEvent(api);
    await eventually(
      () => deliveryLog(api, endpoint.id),
      (log) => log.data[0]?.status === 'failed',
    );

    // Ten minutes ago, written as a clock five hours ahead of UTC: the failure is after it.
    const tenMinutesAgo = Date.now() - 10 * 60_000;
    const local = new Date(tenMinutesAgo + 5 * 3_600_000).toISOString().slice(0, 19);
    const response = await api.post(`/v1/webhooks/${endpoint.id}/redeliver`, {
      failed_since: `${local}+05:00`,
    });

    // Refusing a non-UTC time would be fair; silently selecting nothing is not.
    const outcome = response.status === 400 ? 'refused' : response.body?.requeued;
    expect(['refused', 1], JSON.stringify(response.body)).toContain(outcome);
  });

  it('disables an endpoint that answers 410, sending it nothing until re-enabled', async () => {
    const { api } = await newTenant(server());
    const gone = await pool.start(() => 410);
    const healthy = await pool.start();
    const endpoint = await registerEndpoint(api, gone.url, ['event.created']);
    await registerEndpoint(api, healthy.url, ['event.created']);

    await makeEvent(api, { title: 'before' });
    await gone.waitFor(1, 5_000);
    const disabled = await eventually(
      () => api.get(`/v1/webhooks/${endpoint.id}`),
      (response) => response.body.enabled === false,
    );
    expect(disabled.body.disabled_reason).toMatch(/410/);
    const log = await eventually(
      () => deliveryLog(api, endpoint.id),
      (body) => body.data[0]?.status !== 'pending',
    );
    expect(log.data[0]).toMatchObject({ status: 'failed', attempts: 1, last_status_code: 410 });

    await makeEvent(api, { title: 'while disabled' });
    await healthy.waitFor(2, 5_000);
    // A 410 is not retried, and the disabled endpoint gets no delivery for the new event.
    await pause(SCHEDULE_MS);
    expect(gone.received).toHaveLength(1);
    expect((await deliveryLog(api, endpoint.id)).count).toBe(1);

    gone.answer = () => 200;
    const enabled = await api.patch(`/v1/webhooks/${endpoint.id}`, { enabled: true });
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    expect(enabled.body).toMatchObject({
      enabled: true,
      disabled_reason: null,
      failing_since: null,
    });

    const event = await makeEvent(api, { title: 'after' });
    await gone.waitFor(2, 5_000);
    expect(gone.received[1]!.body.payload).toMatchObject({ event_id: event.id, title: 'after' });
  });

  it('stops delivering to an endpoint once it is deleted, retries included', async () => {
    const { api } = await newTenant(server());
    const doomed = await pool.start(() => 500);
    const healthy = await pool.start();
    const endpoint = await registerEndpoint(api, doomed.url, ['event.created']);
    await registerEndpoint(api, healthy.url, ['event.created']);

    await makeEvent(api);
    await doomed.waitFor(1, 5_000);
    const deleted = await api.delete(`/v1/webhooks/${endpoint.id}`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body).toEqual({ deleted: true });
    const seen = doomed.received.length;

    const event = await makeEvent(api);
    await healthy.waitFor(2, 5_000);
    expect(healthy.received[1]!.body.payload.event_id).toBe(event.id);
    // Long enough for every retry the first message had left.
    await pause(SCHEDULE_MS);
    expect(doomed.received).toHaveLength(seen);
    expect(seen).toBeLessThan(ATTEMPTS);
    expect((await api.get(`/v1/webhooks/${endpoint.id}`)).status).toBe(404);
    expect((await api.get(`/v1/webhooks/${endpoint.id}/deliveries`)).status).toBe(404);
  });

  it('deletes an endpoint while attempts to it are ending', async () => {
    const { api } = await newTenant(server());
    const receiver = await new HeldReceiver().start();
    try {
      receiver.holding = true;
      const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);
      for (let i = 0; i < 4; i++) await makeEvent(api);
      await eventually(
        async () => receiver.heldCount,
        (count) => count >= 4,
      );

      // The attempts are being recorded while the endpoint is deleted.
      receiver.release(500);
      const deleted = await api.delete(`/v1/webhooks/${endpoint.id}`);
      expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
      expect((await api.get(`/v1/webhooks/${endpoint.id}`)).status).toBe(404);
    } finally {
      await receiver.stop();
    }
  });
});
