import { verifyWebhook, WedeError, type WebhookMessage } from '@wede/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSdkServer, type SdkServer } from '../support/sdk-server.js';
import { WebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver.js';

describe('verifyWebhook on deliveries from a real server', () => {
  let server: SdkServer;
  let receiver: WebhookReceiver;
  let secret: string;
  let endpointId: string;

  beforeAll(async () => {
    server = await startSdkServer();
    receiver = await new WebhookReceiver().start();
    const endpoint = await server.admin.webhooks.create({ url: receiver.url, events: ['*'] });
    // Null only when a retried creation is replayed; this one was answered first time.
    secret = endpoint.secret!;
    endpointId = endpoint.id;
  });
  afterAll(async () => {
    await receiver?.stop();
    await server?.close();
  });

  /** Dispatches a team and waits for the mission.created message about it. */
  async function deliveredMissionCreated(): Promise<{ received: ReceivedWebhook; id: string }> {
    const team = await server.admin.teams.create({
      name: `Crew ${crypto.randomUUID()}`,
      verticals: ['fire'],
      lat: 38.72,
      lng: -9.14,
    });
    const event = await server.admin.events.create({
      vertical: 'fire',
      priority: 'high',
      lat: 38.7,
      lng: -9.1,
      title: 'Kitchen fire',
    });
    const mission = await server.admin.teams.dispatch({ event_id: event.id, team_id: team.id });
    const found = () =>
      receiver.received.find(
        (entry) =>
          entry.body.event === 'mission.created' && entry.body.payload.mission_id === mission.id,
      );
    const deadline = Date.now() + 15_000;
    while (found() === undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { received: found()!, id: mission.id };
  }

  it('returns the typed message of a genuine delivery, from any form of headers', async () => {
    const { received, id } = await deliveredMissionCreated();

    const fromNode = verifyWebhook(received.rawBody, received.headers, secret);
    const fromFetch = verifyWebhook(
      new TextEncoder().encode(received.rawBody),
      new Headers(received.headers as Record<string, string>),
      secret,
    );

    expect(fromNode).toEqual(JSON.parse(received.rawBody));
    expect(fromFetch).toEqual(fromNode);
    const message: WebhookMessage = fromNode;
    if (message.event !== 'mission.created') throw new Error(`got ${message.event}`);
    expect(message.payload).toMatchObject({ mission_id: id, status: 'CREATED', sequence: 1 });
    expect(message.id).toBe(received.headers['webhook-id']);
  });

  it.each([
    ['a changed body', (raw: string) => raw.replace('"CREATED"', '"COMPLETED"'), undefined],
    ['one byte more', (raw: string) => `${raw} `, undefined],
    [
      'another secret',
      (raw: string) => raw,
      'whsec_' + Buffer.from('x'.repeat(32)).toString('base64'),
    ],
  ])('refuses %s with invalid_signature', async (_what, change, otherSecret) => {
    const { received } = await deliveredMissionCreated();

    const attempt = () =>
      verifyWebhook(change(received.rawBody), received.headers, otherSecret ?? secret);

    expect(attempt).toThrow(WedeError);
    expect(attempt).toThrow(expect.objectContaining({ status: 0, code: 'invalid_signature' }));
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
    'refuses a request without %s, naming it',
    async (header) => {
      const { received } = await deliveredMissionCreated();
      const headers = { ...received.headers };
      delete headers[header];

      const attempt = () => verifyWebhook(received.rawBody, headers, secret);

      expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_signature' }));
      expect(attempt).toThrow(header);
    },
  );

  it('refuses a signature whose timestamp is far from now (a replayed request)', async () => {
    const { received } = await deliveredMissionCreated();
    const headers = { ...received.headers, 'webhook-timestamp': String(1_700_000_000) };

    expect(() => verifyWebhook(received.rawBody, headers, secret)).toThrow(
      expect.objectContaining({ code: 'invalid_signature' }),
    );
  });

  it('verifies with either secret during the grace after a rotation', async () => {
    const rotated = await server.admin.webhooks.rotateSecret(endpointId);
    const newSecret = rotated.secret!;
    const { received } = await deliveredMissionCreated();

    const withOld = verifyWebhook(received.rawBody, received.headers, secret);
    const withNew = verifyWebhook(received.rawBody, received.headers, newSecret);

    expect(newSecret).not.toBe(secret);
    expect(withOld).toEqual(withNew);
    secret = newSecret;
  });

  it.each(['', 'whsec_', 'not base64 at all!'])(
    'says the secret %j is a setup mistake, not a forged message',
    async (badSecret) => {
      const { received } = await deliveredMissionCreated();

      const attempt = () => verifyWebhook(received.rawBody, received.headers, badSecret);

      expect(attempt).toThrow(expect.objectContaining({ status: 0, code: 'invalid_secret' }));
    },
  );

  it('refuses missing headers with invalid_signature', async () => {
    const { received } = await deliveredMissionCreated();

    const attempt = () => verifyWebhook(received.rawBody, null as never, secret);

    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_signature' }));
  });

  it('tries every signature sent over several header lines', async () => {
    const { received } = await deliveredMissionCreated();
    const forged = `v1,${Buffer.from('f'.repeat(32)).toString('base64')}`;
    const genuine = String(received.headers['webhook-signature']);
    const headers = { ...received.headers, 'webhook-signature': [forged, genuine] };

    const message = verifyWebhook(received.rawBody, headers, secret);

    expect(message).toEqual(JSON.parse(received.rawBody));
  });
});
