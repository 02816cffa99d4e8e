import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatchedMission } from '../support/factories.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

describeOnEachDatabase('webhook delivery', (server) => {
  const receiver = new WebhookReceiver();
  beforeAll(async () => {
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
  });

  it('delivers a mission.status_updated that standardwebhooks verifies', async () => {
    const { api } = server();
    const endpoint = await api.post('/v1/webhooks', {
      url: receiver.url,
      events: ['mission.status_updated'],
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    expect(endpoint.body.secret).toMatch(/^whsec_/);

    const { mission, operator } = await dispatchedMission(api);
    const ack = await operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK' });
    expect(ack.status).toBe(200);
    await receiver.waitFor(1);

    const [message] = receiver.received;
    const verified = new Webhook(endpoint.body.secret).verify(message!.rawBody, {
      'webhook-id': String(message!.headers['webhook-id']),
      'webhook-timestamp': String(message!.headers['webhook-timestamp']),
      'webhook-signature': String(message!.headers['webhook-signature']),
    });
    expect(verified).toMatchObject({
      event: 'mission.status_updated',
      payload: { mission_id: mission.id, status: 'ACK', previous_status: 'CREATED', sequence: 2 },
    });
  });
});
