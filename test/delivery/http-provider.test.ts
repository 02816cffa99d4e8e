import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { providerSignature } from '../../src/domain/provider-signature.js';
import type { ApiClient } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatch, fieldTeam, makeEvent } from '../support/factories.js';
import { eventually, newTenant } from '../support/webhook-kit.js';

const USER = 'AC0123';
const TOKEN = 'provider-token-0123';
const PUBLIC_URL = 'https://wede.example.org';

interface ProviderCall {
  authorization: string | undefined;
  form: Record<string, string>;
}

/** A real HTTP server answering like an SMS provider's "create message" endpoint. */
class FakeProvider {
  readonly calls: ProviderCall[] = [];
  answer: () => { status: number; body: string } = () => ({
    status: 201,
    body: JSON.stringify({ sid: `SM${this.calls.length}`, status: 'queued' }),
  });
  private server: Server | undefined;

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/Accounts/${USER}/Messages.json`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        this.calls.push({
          authorization: request.headers.authorization,
          form: Object.fromEntries(new URLSearchParams(body)),
        });
        const { status, body: answer } = this.answer();
        response.writeHead(status, { 'content-type': 'application/json' }).end(answer);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

const provider = new FakeProvider();
beforeAll(() => provider.start());
afterAll(() => provider.stop());

/** Posts a form as the provider does: no key, signed with the account token. */
function signedPost(api: ApiClient, path: string, fields: Record<string, string>, token = TOKEN) {
  return api.post(path, undefined, {
    key: null,
    raw: new URLSearchParams(fields).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': providerSignature(token, PUBLIC_URL + path, fields),
    },
  });
}

describeOnEachDatabase(
  'the http SMS provider',
  (server) => {
    it('sends the dispatch text as the provider expects; its acceptance marks SENT', async () => {
      const { api } = await newTenant(server());
      const crew = await fieldTeam(api);
      const phone = '+351915000001';
      await api.patch(`/v1/members/${crew.operatorMember.id}`, { phone });
      const event = await makeEvent(api, { priority: 'critical' });
      const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });

      const sent = await eventually(
        () => api.get(`/v1/missions/${mission.id}`),
        (response) => response.body.status === 'SENT',
        10_000,
      );
      expect(sent.body.channel_used).toBe('sms');
      const call = provider.calls.find((c) => c.form.To === phone)!;
      expect(call.authorization).toBe(
        `Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`,
      );
      expect(call.form).toMatchObject({
        To: phone,
        From: '+15550000000',
        StatusCallback: `${PUBLIC_URL}/v1/channels/sms/status`,
      });
      expect(call.form.Body).toMatch(/^WEDE CRITICAL healthcare: /);

      const texts = await api.get(`/v1/channels/sms/messages?mission_id=${mission.id}`);
      expect(texts.body.data[0]).toMatchObject({ status: 'sent', to: phone });
      expect(texts.body.data[0].provider_id).toMatch(/^SM\d+$/);

      // The provider later reports the text delivered.
      const report = await signedPost(api, '/v1/channels/sms/status', {
        MessageSid: texts.body.data[0].provider_id,
        MessageStatus: 'delivered',
      });
      expect(report.status, JSON.stringify(report.body)).toBe(204);
      const after = await api.get(`/v1/channels/sms/messages?mission_id=${mission.id}`);
      expect(after.body.data[0].status).toBe('delivered');
    });

    it('records a refusal by the provider, leaving the mission CREATED', async () => {
      const { api } = await newTenant(server());
      const crew = await fieldTeam(api);
      const phone = '+351915000002';
      await api.patch(`/v1/members/${crew.operatorMember.id}`, { phone });
      provider.answer = () => ({ status: 400, body: '{"message":"The To number is invalid"}' });
      try {
        const event = await makeEvent(api, { priority: 'critical' });
        const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
        const texts = await eventually(
          () => api.get(`/v1/channels/sms/messages?mission_id=${mission.id}`),
          (response) => response.body.data[0]?.status === 'failed',
          10_000,
        );
        expect(texts.body.data[0].error).toBe('HTTP 400: {"message":"The To number is invalid"}');
        expect((await api.get(`/v1/missions/${mission.id}`)).body.status).toBe('CREATED');
      } finally {
        provider.answer = () => ({
          status: 201,
          body: JSON.stringify({ sid: `SM${provider.calls.length}` }),
        });
      }
    });

    it('takes a reply the provider signed, without a key', async () => {
      const { api } = await newTenant(server());
      const crew = await fieldTeam(api);
      const phone = '+351915000003';
      await api.patch(`/v1/members/${crew.operatorMember.id}`, { phone });
      const event = await makeEvent(api);
      const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });

      const form = { From: phone, To: '+15550000000', Body: 'ACK', MessageSid: 'SMin1' };
      const answer = await signedPost(api, '/v1/channels/sms/inbound', form);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ outcome: 'applied', status: 'ACK' });
      expect((await api.get(`/v1/missions/${mission.id}`)).body.status).toBe('ACK');
    });

    it('refuses a keyless call with a wrong or missing signature, changing nothing', async () => {
      const { api } = await newTenant(server());
      const crew = await fieldTeam(api);
      const phone = '+351915000004';
      await api.patch(`/v1/members/${crew.operatorMember.id}`, { phone });
      const event = await makeEvent(api);
      const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
      const form = { From: phone, To: '+15550000000', Body: 'DONE' };

      const forged = await signedPost(api, '/v1/channels/sms/inbound', form, 'not-the-token');
      expect(forged.status).toBe(401);
      expect(forged.body.error.code).toBe('unauthorized');
      const unsigned = await api.post('/v1/channels/sms/inbound', form, { key: null });
      expect(unsigned.status).toBe(401);
      // A signature over other fields does not cover these.
      const tampered = await api.post('/v1/channels/sms/inbound', undefined, {
        key: null,
        raw: new URLSearchParams(form).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': providerSignature(TOKEN, PUBLIC_URL + '/v1/channels/sms/inbound', {
            ...form,
            Body: 'ACK',
          }),
        },
      });
      expect(tampered.status).toBe(401);
      expect((await api.get(`/v1/missions/${mission.id}`)).body.status).toBe('CREATED');
      // Other routes never take a signature instead of a key.
      expect((await api.get('/v1/missions', { key: null })).status).toBe(401);
    });
  },
  {
    delivery: {
      escalationSeconds: { critical: 0.3, high: 3600, medium: 3600, low: 3600 },
      smsProvider: 'http',
      // Read when a text is sent: the provider's port is known only once it listens.
      smsHttp: {
        get url() {
          return provider.url;
        },
        user: USER,
        token: TOKEN,
      },
      publicUrl: PUBLIC_URL,
    },
  },
);
