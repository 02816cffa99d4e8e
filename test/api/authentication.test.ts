import { randomBytes } from 'node:crypto';

import { expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import {
  actingMember,
  dispatchedMission,
  LISBON,
  makeKey,
  makeMember,
} from '../support/factories.js';
import { expectError, expectNothingChanged } from '../support/organization-state.js';

const anEvent = { vertical: 'fire', priority: 'low', ...LISBON };

describeOnEachDatabase('API keys: who is calling and what the key may do', (server) => {
  it('refuses a request without an Authorization header with 401', async () => {
    const { api } = server();

    for (const path of ['/v1/missions', '/v1/events', '/v1/teams', '/v1/members', '/v1/keys']) {
      expectError(await api.get(path, { key: null }), 401, 'unauthorized');
    }
    const write = await expectNothingChanged(api, () =>
      api.post('/v1/events', anEvent, { key: null }),
    );
    expectError(write, 401, 'unauthorized', { message: 'Bearer' });
  });

  it('refuses a wrong, malformed or non-bearer key with 401 and acts on nothing', async () => {
    const { api, adminKey } = server();
    const wrongKeys: Array<Record<string, string>> = [
      { authorization: `Bearer wede_${randomBytes(32).toString('base64url')}` },
      { authorization: `Bearer ${adminKey}x` },
      { authorization: `Bearer ${adminKey.slice(0, -1)}` },
      { authorization: 'Bearer' },
      { authorization: `Basic ${Buffer.from(`admin:${adminKey}`).toString('base64')}` },
      { authorization: adminKey },
      { authorization: `Bearer ${adminKey} extra` },
    ];

    for (const headers of wrongKeys) {
      const response = await expectNothingChanged(api, () =>
        api.post('/v1/events', anEvent, { key: null, headers }),
      );
      expectError(response, 401, 'unauthorized');
    }
    expect((await api.get('/v1/events')).status).toBe(200);
  });

  it('refuses a revoked key from the moment it is revoked', async () => {
    const { api } = server();
    const created = await api.post('/v1/keys', { name: 'integration', role: 'dispatcher' });
    expect(created.status).toBe(201);
    const client = api.as(created.body.key);
    expect((await client.get('/v1/missions')).status).toBe(200);

    const revoked = await api.delete(`/v1/keys/${created.body.id}`);

    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.id).toBe(created.body.id);
    expect(revoked.body.revoked_at).toMatch(/Z$/);
    expectError(await client.get('/v1/missions'), 401, 'unauthorized', { message: 'revoked' });
    const write = await expectNothingChanged(api, () => client.post('/v1/events', anEvent));
    expectError(write, 401, 'unauthorized');

    const listed = (await api.get('/v1/keys')).body.data.find(
      (key: any) => key.id === created.body.id,
    );
    expect(listed.revoked_at).toBe(revoked.body.revoked_at);
  });

  it('shows a new key once, and never its secret in the listing', async () => {
    const { api, adminKey } = server();

    const created = await api.post('/v1/keys', { name: 'call-taking', role: 'dispatcher' });

    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^wede_[\w-]{40,}$/);
    expect(created.body).toMatchObject({
      name: 'call-taking',
      role: 'dispatcher',
      permissions: null,
      member_id: null,
      revoked_at: null,
    });
    expect(created.body.prefix).toBe(created.body.key.slice(0, created.body.prefix.length));
    expect(created.body.prefix.length).toBeLessThan(created.body.key.length / 2);
    expect((await api.as(created.body.key).get('/v1/missions')).status).toBe(200);

    const listing = await api.get('/v1/keys');
    expect(listing.status).toBe(200);
    expect(listing.body.count).toBe(listing.body.data.length);
    const text = JSON.stringify(listing.body);
    expect(text).not.toContain(created.body.key);
    expect(text).not.toContain(adminKey);
    for (const key of listing.body.data) {
      expect(Object.keys(key).sort()).toEqual([
        'created_at',
        'id',
        'member_id',
        'name',
        'permissions',
        'prefix',
        'revoked_at',
        'role',
      ]);
    }
    const listed = listing.body.data.find((key: any) => key.id === created.body.id);
    const { key: secret, ...shown } = created.body;
    expect(secret).toBeTypeOf('string');
    expect(listed).toEqual(shown);
  });

  it('lists keys a page at a time, newest first, each once', async () => {
    const { api } = server();
    for (const name of ['one', 'two', 'three']) {
      expect((await api.post('/v1/keys', { name, role: 'dispatcher' })).status).toBe(201);
    }
    const everyKey = (await api.get('/v1/keys?limit=500')).body.data.map((key: any) => key.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await api.get(`/v1/keys?limit=2${query}`);
      expect(page.status).toBe(200);
      expect(page.body.count).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((key: any) => key.id));
      cursor = page.body.next_cursor;
    } while (cursor !== null);

    expect(everyKey.length).toBeGreaterThanOrEqual(4);
    expect(seen).toEqual(everyKey);
    expect([...everyKey].sort().reverse()).toEqual(everyKey);
  });

  it('gives each new key its own secret', async () => {
    const { api } = server();

    const first = await makeKey(api, { role: 'dispatcher' });
    const second = await makeKey(api, { role: 'dispatcher' });

    expect(first).not.toBe(second);
    expect(first.slice(0, 12)).not.toBe(second.slice(0, 12));
  });

  it('lets a key with only missions:view list missions, and nothing more', async () => {
    const { api } = server();
    const { mission } = await dispatchedMission(api);
    const viewer = api.as(await makeKey(api, { permissions: ['missions:view'] }));

    const list = await viewer.get('/v1/missions');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.data.map((row: any) => row.id)).toContain(mission.id);
    expect((await viewer.get(`/v1/missions/${mission.id}`)).status).toBe(200);

    const create = await expectNothingChanged(api, () => viewer.post('/v1/events', anEvent));
    expectError(create, 403, 'forbidden', { message: 'events:manage' });
    expect(create.body.error.details).toEqual({ required: ['events:manage'] });

    expectError(await viewer.get('/v1/events'), 403, 'forbidden');
    expectError(await viewer.get('/v1/teams'), 403, 'forbidden');
    const complete = await expectNothingChanged(api, () =>
      viewer.patch(`/v1/missions/${mission.id}/status`, { status: 'COMPLETED' }),
    );
    expectError(complete, 403, 'forbidden');
  });

  it('refuses to create a key that holds more than its creator', async () => {
    const { api } = server();
    const keyManager = api.as(
      await makeKey(api, { permissions: ['keys:manage', 'missions:view'] }),
    );
    const adminMember = await makeMember(api, { role: 'admin' });
    const beyond: Array<Record<string, unknown>> = [
      { name: 'escalated', role: 'admin' },
      { name: 'escalated', role: 'dispatcher' },
      { name: 'escalated', permissions: ['events:manage'] },
      { name: 'escalated', permissions: ['missions:view', 'missions:manage'] },
      { name: 'escalated', member_id: adminMember.id },
    ];

    for (const body of beyond) {
      const response = await expectNothingChanged(api, () => keyManager.post('/v1/keys', body));
      expectError(response, 403, 'forbidden');
      expect(response.body.error.details.permissions.length, JSON.stringify(body)).toBeGreaterThan(
        0,
      );
    }

    const narrower = await keyManager.post('/v1/keys', {
      name: 'reader',
      permissions: ['missions:view'],
    });
    expect(narrower.status, JSON.stringify(narrower.body)).toBe(201);
  });

  it('refuses an operator key without a member, naming member_id', async () => {
    const { api } = server();

    const response = await expectNothingChanged(api, () =>
      api.post('/v1/keys', { name: 'field phone', role: 'operator' }),
    );

    expectError(response, 400, 'validation_failed', { field: 'member_id' });
  });

  it("refuses a key whose role contradicts its member's role", async () => {
    const { api } = server();
    const member = await makeMember(api, { role: 'dispatcher' });

    const response = await expectNothingChanged(api, () =>
      api.post('/v1/keys', { name: 'k', role: 'supervisor', member_id: member.id }),
    );

    expectError(response, 400, 'validation_failed', { field: 'role' });
  });

  it('acts with the role of the member a key is bound to', async () => {
    const { api } = server();
    const { client: dispatcher } = await actingMember(api, 'dispatcher');

    expect((await dispatcher.get('/v1/events')).status).toBe(200);
    const team = await expectNothingChanged(api, () =>
      dispatcher.post('/v1/teams', { name: 'Ambulance 9' }),
    );
    expectError(team, 403, 'forbidden', { message: 'teams:manage' });
  });

  it('does not let a supervisor promote himself to admin', async () => {
    const { api } = server();
    const { member, client: supervisor } = await actingMember(api, 'supervisor');
    expectError(await supervisor.get('/v1/keys'), 403, 'forbidden');

    const promoted = await expectNothingChanged(api, () =>
      supervisor.patch(`/v1/members/${member.id}`, { role: 'admin' }),
    );

    expectError(promoted, 403, 'forbidden');
    expect((await api.get(`/v1/members/${member.id}`)).body.role).toBe('supervisor');
    expectError(await supervisor.get('/v1/keys'), 403, 'forbidden');
    expectError(
      await supervisor.post('/v1/keys', { name: 'mine', role: 'admin' }),
      403,
      'forbidden',
    );
  });

  it('does not let a supervisor raise the role of a member who holds a key', async () => {
    const { api } = server();
    const { client: supervisor } = await actingMember(api, 'supervisor');
    const { member, client: dispatcher } = await actingMember(api, 'dispatcher');

    const promoted = await expectNothingChanged(api, () =>
      supervisor.patch(`/v1/members/${member.id}`, { role: 'admin' }),
    );

    expectError(promoted, 403, 'forbidden');
    expectError(
      await dispatcher.post('/v1/keys', { name: 'mine', role: 'admin' }),
      403,
      'forbidden',
    );
  });
});
