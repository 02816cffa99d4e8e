import { afterEach, expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { makeEvent } from '../support/factories.js';
import {
  ReceiverPool,
  deliveryLog,
  eventually,
  newTenant,
  registerEndpoint,
} from '../support/webhook-kit.js';

// Far below the 10 s a hanging receiver holds an attempt open.
const PROMPT_MS = 1_500;

describeOnEachDatabase('a slow endpoint and the others', (server) => {
  const pool = new ReceiverPool();
  afterEach(() => pool.stopAll());

  it('one hanging endpoint does not delay messages to a healthy one', async () => {
    const { api } = await newTenant(server());
    const hanging = await pool.start(() => 'hang');
    const healthy = await pool.start();
    await registerEndpoint(api, hanging.url, ['event.created']);
    await registerEndpoint(api, healthy.url, ['event.created']);

    // More messages than the hanging endpoint may hold open at once.
    for (let i = 1; i <= 8; i++) {
      const event = await makeEvent(api, { title: `event ${i}` });
      const sent = Date.now();
      await healthy.waitFor(i, PROMPT_MS);
      expect(healthy.received[i - 1]!.body.payload.event_id).toBe(event.id);
      expect(healthy.received[i - 1]!.at - sent).toBeLessThan(PROMPT_MS);
    }
    expect(hanging.received.length).toBeGreaterThanOrEqual(1);
  });

  it('hanging endpoints with a backlog do not hold back a healthy one', async () => {
    const { api } = await newTenant(server());
    const slow = await Promise.all([1, 2, 3, 4].map(() => pool.start(() => 500)));
    const endpoints = await Promise.all(
      slow.map((receiver) => registerEndpoint(api, receiver.url, ['event.created'])),
    );
    const healthy = await pool.start();
    await registerEndpoint(api, healthy.url, ['event.created']);

    // A backlog of failed messages on each slow endpoint...
    const since = new Date(Date.now() - 1000).toISOString();
    const backlog = 16;
    for (let i = 0; i < backlog; i++) await makeEvent(api, { title: `backlog ${i}` });
    for (const endpoint of endpoints) {
      await eventually(
        () => deliveryLog(api, endpoint.id, '?status=failed&limit=100'),
        (log) => log.count === backlog,
        30_000,
      );
    }
    await healthy.waitFor(backlog, 5_000);

    // ...sent again all at once while those receivers hang.
    for (const receiver of slow) receiver.answer = () => 'hang';
    for (const endpoint of endpoints) {
      const again = await api.post(`/v1/webhooks/${endpoint.id}/redeliver`, {
        failed_since: since,
      });
      expect(again.body).toEqual({ requeued: backlog });
    }

    const event = await makeEvent(api, { title: 'urgent' });
    await healthy.waitFor(backlog + 1, PROMPT_MS * 2);
    expect(healthy.received[backlog]!.body.payload.event_id).toBe(event.id);
  });

  it('an organization with many hanging endpoints does not hold back another', async () => {
    const busy = await newTenant(server());
    const hanging = await Promise.all([1, 2, 3, 4, 5].map(() => pool.start(() => 'hang')));
    for (const receiver of hanging) await registerEndpoint(busy.api, receiver.url, ['*']);
    // 5 endpoints x 60 messages: more requests than the worker holds open in all.
    for (let i = 0; i < 60; i++) await makeEvent(busy.api, { title: `busy ${i}` });

    const quiet = await newTenant(server());
    const healthy = await pool.start();
    await registerEndpoint(quiet.api, healthy.url, ['event.created']);
    const event = await makeEvent(quiet.api, { title: 'urgent' });
    const sent = Date.now();

    await healthy.waitFor(1, PROMPT_MS * 2);
    expect(healthy.received[0]!.body.payload.event_id).toBe(event.id);
    expect(healthy.received[0]!.at - sent).toBeLessThan(PROMPT_MS);
    // The busy organization was being served too, up to its share.
    const open = hanging.reduce((sum, receiver) => sum + receiver.received.length, 0);
    expect(open).toBeGreaterThanOrEqual(32);
    expect(open).toBeLessThanOrEqual(64);
  });
});
