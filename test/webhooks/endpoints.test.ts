import { afterEach, expect, it } from 'vitest';

import type { ApiClient } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import { actingMember, fieldTeam, makeEvent, roleClient } from '../support/factories.js';
import {
  RFC3339_UTC,
  ReceiverPool,
  bodiesOf,
  deliveryLog,
  eventually,
  newTenant,
  registerEndpoint,
  signaturesOf,
  verifiedWith,
  withoutSecret,
} from '../support/webhook-kit.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
const UNKNOWN_MESSAGE = 'msg_01900000-0000-7000-8000-000000000000';

/** Every route of one endpoint, called as `client`. */
function endpointRoutes(client: ApiClient, id: string) {
  return {
    get: () => client.get(`/v1/webhooks/${id}`),
    patch: () => client.patch(`/v1/webhooks/${id}`, { enabled: false }),
    delete: () => client.delete(`/v1/webhooks/${id}`),
    rotate: () => client.post(`/v1/webhooks/${id}/rotate-secret`),
    deliveries: () => client.get(`/v1/webhooks/${id}/deliveries`),
    redeliver: () => client.post(`/v1/webhooks/${id}/redeliver`, { message_id: UNKNOWN_MESSAGE }),
  };
}

describeOnEachDatabase('managing webhook endpoints', (server) => {
  const pool = new ReceiverPool();
  afterEach(() => pool.stopAll());

  it('creates, lists, shows, changes and deletes an endpoint', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const created = await registerEndpoint(api, receiver.url, ['event.created', 'event.closed'], {
      description: 'control room',
    });
    expect(created).toMatchObject({
      url: receiver.url,
      description: 'control room',
      events: ['event.created', 'event.closed'],
      enabled: true,
      disabled_reason: null,
      failing_since: null,
      previous_secret_expires_at: null,
    });
    expect(created.id).toMatch(UUID);
    expect(created.created_at).toMatch(RFC3339_UTC);
    expect(created.updated_at).toMatch(RFC3339_UTC);
    const shownAs = withoutSecret(created);

    const list = await api.get('/v1/webhooks');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ count: 1, data: [shownAs] });
    const shown = await api.get(`/v1/webhooks/${created.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(shownAs);

    const other = await pool.start();
    const patched = await api.patch(`/v1/webhooks/${created.id}`, {
      url: other.url,
      events: ['*'],
      description: null,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ url: other.url, events: ['*'], description: null });
    expect((await api.get(`/v1/webhooks/${created.id}`)).body).toEqual(patched.body);

    const deleted = await api.delete(`/v1/webhooks/${created.id}`);
    expect(deleted.status).toBe(200);
    expect((await api.get(`/v1/webhooks/${created.id}`)).status).toBe(404);
    expect((await api.get('/v1/webhooks')).body).toMatchObject({ count: 0, data: [] });
    expect((await api.delete(`/v1/webhooks/${created.id}`)).status).toBe(404);
  });

  it('pages the endpoint list, newest first', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await registerEndpoint(api, receiver.url, ['event.created'])).id);
    }

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${cursor}`;
      const page = await api.get(`/v1/webhooks${query}`);
      expect(page.status).toBe(200);
      expect(page.body.count).toBe(page.body.data.length);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((endpoint: { id: string }) => endpoint.id));
      cursor = page.body.next_cursor;
    } while (cursor !== null);
    expect(seen).toEqual([...ids].reverse());
    // Empty bodies are what a client without a body sends; they are not refused.
    expect((await api.post(`/v1/webhooks/${ids[0]}/rotate-secret`, {})).status).toBe(200);
  });

  it('follows a changed subscription and URL, and sends nothing while disabled', async () => {
    const { api } = await newTenant(server());
    const first = await pool.start();
    const second = await pool.start();
    const sentinel = await pool.start();
    const endpoint = await registerEndpoint(api, first.url, ['event.created']);
    await registerEndpoint(api, sentinel.url, ['event.created', 'team.status_changed']);

    await api.patch(`/v1/webhooks/${endpoint.id}`, { events: ['team.status_changed'] });
    await makeEvent(api);
    const { team } = await fieldTeam(api);
    await api.patch(`/v1/teams/${team.id}`, { status: 'OFF_DUTY' });
    await sentinel.waitFor(2, 5_000);
    await first.waitFor(1, 5_000);
    expect(bodiesOf(first).map((body) => body.event)).toEqual(['team.status_changed']);

    await api.patch(`/v1/webhooks/${endpoint.id}`, { url: second.url });
    await api.patch(`/v1/teams/${team.id}`, { status: 'AVAILABLE' });
    await second.waitFor(1, 5_000);
    expect(bodiesOf(second)[0]!.payload).toMatchObject({ team_id: team.id, status: 'AVAILABLE' });

    const off = await api.patch(`/v1/webhooks/${endpoint.id}`, { enabled: false });
    expect(off.body.enabled).toBe(false);
    await api.patch(`/v1/teams/${team.id}`, { status: 'OFF_DUTY' });
    await sentinel.waitFor(4, 5_000);
    const log = await deliveryLog(api, endpoint.id);
    expect(log.count).toBe(2);
    expect(first.received.length + second.received.length).toBe(2);
  });

  it('pages the delivery log, newest first, and filters it by status', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start((_, entry) =>
      entry.body.payload.title === 'bad' ? 500 : 200,
    );
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);
    const titles = ['one', 'two', 'bad'];
    for (const title of titles) await makeEvent(api, { title });
    await eventually(
      () => deliveryLog(api, endpoint.id),
      (log) => log.count === 3 && log.data.every((d: any) => d.status !== 'pending'),
    );

    const page1 = await deliveryLog(api, endpoint.id, '?limit=2');
    expect(page1.count).toBe(2);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = await deliveryLog(api, endpoint.id, `?limit=2&cursor=${page1.next_cursor}`);
    expect(page2).toMatchObject({ count: 1, next_cursor: null });

    const messageIds = [...page1.data, ...page2.data].map((d: any) => d.message_id);
    const byTitle = new Map(receiver.received.map((e) => [e.body.id, e.body.payload.title]));
    expect(messageIds.map((id) => byTitle.get(id))).toEqual(['bad', 'two', 'one']);
    for (const delivery of [...page1.data, ...page2.data]) {
      expect(delivery.id).toMatch(UUID);
      expect(delivery.event).toBe('event.created');
      expect(delivery.created_at).toMatch(RFC3339_UTC);
    }

    const failed = await deliveryLog(api, endpoint.id, '?status=failed');
    expect(failed.data.map((d: any) => byTitle.get(d.message_id))).toEqual(['bad']);
    const delivered = await deliveryLog(api, endpoint.id, '?status=delivered');
    expect(delivered.count).toBe(2);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const url = receiver.url;
    const endpoint = await registerEndpoint(api, url, ['event.created']);

    const badCreations: unknown[] = [
      { url, events: ['event.created'], secret: 'whsec_mine' },
      { url, events: ['mission.deleted'] },
      { url, events: ['Event.Created'] },
      { url, events: [] },
      { url, events: ['event.created', 'event.created'] },
      { url, events: 'event.created' },
      { url },
      { events: ['*'] },
      { url: '', events: ['*'] },
      { url: 42, events: ['*'] },
      { url, events: ['*'], description: 'x'.repeat(501) },
      { url: `${url}?${'x'.repeat(2000)}`, events: ['*'] },
      // Under 2000 characters as typed, over once each é is percent-encoded.
      { url: `${url}?${'é'.repeat(400)}`, events: ['*'] },
      { url: 'http://127.0.0.1:0/hooks', events: ['*'] },
    ];
    for (const body of badCreations) {
      const response = await api.post('/v1/webhooks', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect((await api.get('/v1/webhooks')).body.count).toBe(1);

    const path = `/v1/webhooks/${endpoint.id}`;
    for (const body of [{}, { events: ['bogus'] }, { enabled: 'yes' }, { secret: 'x' }]) {
      const response = await api.patch(path, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await api.get(path)).body).toEqual(withoutSecret(endpoint));

    for (const body of [
      {},
      { message_id: UNKNOWN_MESSAGE, failed_since: new Date().toISOString() },
      { message_id: 'not-a-message' },
      { failed_since: 'yesterday' },
      { message_id: UNKNOWN_MESSAGE, extra: true },
      // RFC 3339 has leap seconds; no stored time can be compared with one.
      { failed_since: '2016-12-31T23:59:60Z' },
    ]) {
      const response = await api.post(`${path}/redeliver`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }

    // Routes that take no body or query refuse one rather than ignore it.
    const stray: [string, () => Promise<{ status: number; body: any }>][] = [
      ['rotate with a chosen secret', () => api.post(`${path}/rotate-secret`, { secret: 'x' })],
      ['rotate with an array', () => api.post(`${path}/rotate-secret`, [1, 2, 3])],
      ['delete with a body', () => api.request('DELETE', path, { force: true })],
      ['get with a query', () => api.get(`${path}?expand=secret`)],
      ['list with an unknown query', () => api.get('/v1/webhooks?foo=bar')],
    ];
    for (const [what, call] of stray) {
      const response = await call();
      expect(response.status, what).toBe(400);
      expect(response.body.error.code, what).toBe('validation_failed');
    }
    expect((await api.get(path)).body).toEqual(withoutSecret(endpoint));
    expect((await api.get(`${path}/deliveries?status=lost`)).status).toBe(400);
    expect((await api.get(`${path}/deliveries?limit=0`)).status).toBe(400);
    expect((await api.get(`${path}/deliveries?cursor=forged`)).status).toBe(400);
    expect((await api.get('/v1/webhooks/not-a-uuid')).status).toBe(400);
  });

  it('answers 404 for an unknown endpoint or message', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);
    const sibling = await registerEndpoint(api, receiver.url, ['team.status_changed']);

    for (const [name, call] of Object.entries(endpointRoutes(api, UNKNOWN_ID))) {
      const response = await call();
      expect(response.status, name).toBe(404);
      expect(response.body.error.code, name).toBe('not_found');
    }

    await makeEvent(api);
    await receiver.waitFor(1, 5_000);
    const messageId = receiver.received[0]!.body.id;
    // A message the endpoint never had is unknown to it.
    const foreign = await api.post(`/v1/webhooks/${sibling.id}/redeliver`, {
      message_id: messageId,
    });
    expect(foreign.status, JSON.stringify(foreign.body)).toBe(404);
    const known = await api.post(`/v1/webhooks/${endpoint.id}/redeliver`, {
      message_id: messageId,
    });
    expect(known.status, JSON.stringify(known.body)).toBe(202);
  });

  it('is for holders of webhooks:manage only', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);
    const { team } = await fieldTeam(api);
    const callers = {
      dispatcher: await roleClient(api, 'dispatcher'),
      supervisor: await roleClient(api, 'supervisor'),
      operator: (await actingMember(api, 'operator', team.id)).client,
    };

    for (const [role, client] of Object.entries(callers)) {
      const create = await client.post('/v1/webhooks', { url: receiver.url, events: ['*'] });
      expect(create.status, role).toBe(403);
      expect((await client.get('/v1/webhooks')).status, role).toBe(403);
      for (const [name, call] of Object.entries(endpointRoutes(client, endpoint.id))) {
        expect((await call()).status, `${role} ${name}`).toBe(403);
      }
    }
    expect((await api.get('/v1/webhooks')).body.count).toBe(1);
    const shown = await api.get(`/v1/webhooks/${endpoint.id}`);
    expect(shown.body).toMatchObject({ enabled: true, previous_secret_expires_at: null });
    expect((await api.get('/v1/webhooks', { key: null })).status).toBe(401);
  });

  it("keeps one organization's endpoints out of another's reach", async () => {
    const owner = await newTenant(server());
    const intruder = await newTenant(server());
    const receiver = await pool.start();
    const endpoint = await registerEndpoint(owner.api, receiver.url, ['event.created']);
    await makeEvent(owner.api);
    await receiver.waitFor(1, 5_000);

    for (const [name, call] of Object.entries(endpointRoutes(intruder.api, endpoint.id))) {
      const response = await call();
      expect(response.status, name).toBe(404);
      expect(JSON.stringify(response.body), name).not.toContain(receiver.url);
    }
    const firstId = receiver.received[0]!.body.id;
    const redeliver = await intruder.api.post(`/v1/webhooks/${endpoint.id}/redeliver`, {
      message_id: firstId,
    });
    expect(redeliver.status).toBe(404);
    expect((await intruder.api.get('/v1/webhooks')).body).toMatchObject({ count: 0, data: [] });

    // Untouched: still there, still enabled, still signing with its one secret.
    const shown = await owner.api.get(`/v1/webhooks/${endpoint.id}`);
    expect(shown.body).toMatchObject({ enabled: true, previous_secret_expires_at: null });
    const event = await makeEvent(owner.api);
    await eventually(
      async () => receiver.received.length,
      (count) => count >= 2,
    );
    const message = receiver.received.find((e) => e.body.payload.event_id === event.id)!;
    expect(signaturesOf(message)).toHaveLength(1);
    expect(verifiedWith(endpoint.secret, message).organization_id).toBe(owner.organizationId);
    expect(receiver.received.filter((e) => e.body.id === firstId)).toHaveLength(1);

    // And the intruder's own events never reach it.
    const theirs = await registerEndpoint(intruder.api, receiver.url, ['event.created']);
    await makeEvent(intruder.api);
    await eventually(
      async () => receiver.received.length,
      (count) => count >= 3,
    );
    const last = receiver.received.at(-1)!;
    expect(verifiedWith(theirs.secret, last).organization_id).toBe(intruder.organizationId);
    expect(() => verifiedWith(endpoint.secret, last)).toThrow();
    expect((await deliveryLog(owner.api, endpoint.id)).count).toBe(2);
  });
});
