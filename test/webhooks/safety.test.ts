import { afterEach, expect, it } from 'vitest';

import type { ApiClient } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import { makeEvent } from '../support/factories.js';
import {
  ReceiverPool,
  deliveryLog,
  eventually,
  newTenant,
  registerEndpoint,
} from '../support/webhook-kit.js';

// No test here makes a connection: refused URLs never get that far, and the one
// accepted endpoint (a public address) subscribes to nothing these tests cause.
const PUBLIC_ADDRESS = 'https://93.184.215.14/hooks';

const INTERNAL_URLS = [
  'https://127.0.0.1/x',
  'https://localhost/x',
  'https://[::1]/x',
  'https://169.254.169.254/latest',
  'https://10.0.0.5/x',
  'https://172.16.3.4/x',
  'https://192.168.1.1/x',
  'https://0.0.0.0/x',
  'https://[::]/x',
  'https://[fd00::1]/x',
  'https://[fe80::1]/x',
  'https://[::ffff:127.0.0.1]/x',
  'https://[::ffff:169.254.169.254]/latest',
  'https://2130706433/x',
  'https://0x7f.1/x',
  'https://127.1:8443/x',
];

async function expectUrlRefused(response: { status: number; body: any }, url: string) {
  expect(response.status, `${url}: ${JSON.stringify(response.body)}`).toBe(400);
  expect(response.body.error.code).toBe('validation_failed');
}

async function endpointCount(api: ApiClient): Promise<number> {
  const list = await api.get('/v1/webhooks');
  expect(list.status).toBe(200);
  return list.body.count;
}

describeOnEachDatabase(
  'webhook URLs a production server refuses',
  (server) => {
    it('refuses plain http', async () => {
      const { api } = await newTenant(server());
      for (const url of ['http://93.184.215.14/hooks', 'http://example.com/hooks']) {
        const response = await api.post('/v1/webhooks', { url, events: ['*'] });
        await expectUrlRefused(response, url);
        expect(response.body.error.message).toMatch(/https/);
      }
      expect(await endpointCount(api)).toBe(0);
    });

    it('refuses hosts on loopback, private, link-local and metadata addresses', async () => {
      const { api } = await newTenant(server());
      for (const url of INTERNAL_URLS) {
        await expectUrlRefused(await api.post('/v1/webhooks', { url, events: ['*'] }), url);
      }
      expect(await endpointCount(api)).toBe(0);
    });

    it('refuses URLs that carry credentials', async () => {
      const { api } = await newTenant(server());
      for (const url of [
        'https://user:secret@93.184.215.14/hooks',
        'https://user@93.184.215.14/hooks',
        'https://:secret@93.184.215.14/hooks',
      ]) {
        await expectUrlRefused(await api.post('/v1/webhooks', { url, events: ['*'] }), url);
      }
      expect(await endpointCount(api)).toBe(0);
    });

    it('refuses what is not a URL', async () => {
      const { api } = await newTenant(server());
      for (const url of ['not a url', '/relative/path', 'ftp://93.184.215.14/x', 'javascript:1']) {
        await expectUrlRefused(await api.post('/v1/webhooks', { url, events: ['*'] }), url);
      }
      expect(await endpointCount(api)).toBe(0);
    });

    it('accepts a public https address, and refuses changing it to an internal one', async () => {
      const { api } = await newTenant(server());
      const created = await api.post('/v1/webhooks', {
        url: PUBLIC_ADDRESS,
        events: ['endpoint.disabled'],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id;

      for (const url of ['https://127.0.0.1/x', 'https://[::1]/x', 'http://93.184.215.14/x']) {
        await expectUrlRefused(await api.patch(`/v1/webhooks/${id}`, { url }), url);
      }
      const shown = await api.get(`/v1/webhooks/${id}`);
      expect(shown.body.url).toBe(PUBLIC_ADDRESS);

      expect((await api.delete(`/v1/webhooks/${id}`)).status).toBe(200);
    });
  },
  { webhooks: { allowPrivate: false, allowHttp: false } },
);

describeOnEachDatabase('webhook URLs checked again at delivery time', (server) => {
  const pool = new ReceiverPool();
  afterEach(() => pool.stopAll());
  // The restarts below change the settings; the next test starts from the usual ones.
  afterEach(() => server().restart());

  it('sends nothing over plain http once http is no longer allowed', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);

    await server().restart({ allowHttp: false });
    await makeEvent(api);
    const log = await eventually(
      () => deliveryLog(api, endpoint.id),
      (body) => body.data.length === 1 && body.data[0].status === 'failed',
      10_000,
    );
    expect(log.data[0]).toMatchObject({
      last_status_code: null,
      last_error: 'plain http is not allowed (WEDE_WEBHOOK_ALLOW_HTTP is off)',
    });
    expect(receiver.received).toHaveLength(0);
  });

  it('sends nothing to an internal address once private ones are not allowed', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);

    await server().restart({ allowPrivate: false });
    await makeEvent(api);
    const log = await eventually(
      () => deliveryLog(api, endpoint.id),
      (body) => body.data.length === 1 && body.data[0].status === 'failed',
      10_000,
    );
    expect(log.data[0].last_error).toBe('127.0.0.1 is an internal address');
    expect(receiver.received).toHaveLength(0);
  });
});
