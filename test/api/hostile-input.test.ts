import { expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import {
  actingMember,
  dispatch,
  dispatchedMission,
  fieldTeam,
  makeEvent,
  makeKey,
  makeMember,
  roleClient,
} from '../support/factories.js';
import { expectError, expectStatus, setStatus } from '../support/rules-helpers.js';

function nested(levels: number): unknown {
  let value: unknown = 'deep';
  for (let level = 0; level < levels; level += 1) value = { a: value };
  return value;
}

describeOnEachDatabase('hostile input found by trying to break Wede', (server) => {
  it('refuses feedback nested thousands of levels deep and keeps the mission', async () => {
    const { api } = server();
    const { mission, operator } = await dispatchedMission(api);
    const raw = `{"status":"ACK","feedback":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;

    const response = await operator.patch(`/v1/missions/${mission.id}/status`, undefined, { raw });

    expectError(response, 400, 'validation_failed');
    expect((await api.get(`/v1/missions/${mission.id}`)).body).toEqual(mission);
  });

  it('takes feedback 8 levels deep and refuses 9', async () => {
    const { api } = server();
    const { mission, operator } = await dispatchedMission(api);

    const deeper = await setStatus(operator, mission.id, { status: 'ACK', feedback: nested(9) });
    const fine = await setStatus(operator, mission.id, { status: 'ACK', feedback: nested(7) });

    expectError(deeper, 400, 'validation_failed');
    expect(deeper.body.error.details.field).toBe('feedback');
    expectStatus(fine, 200);
  });

  it.each(['2016-12-31T23:59:60Z', '2024-01-01T00:00:00+01'])(
    'answers occurred_at %s, valid text but no usable time, with 400',
    async (occurredAt) => {
      const { api } = server();
      const { mission, operator } = await dispatchedMission(api);

      const response = await setStatus(operator, mission.id, {
        status: 'ACK',
        occurred_at: occurredAt,
      });

      expect(response.status).toBe(400);
      expect((await api.get(`/v1/missions/${mission.id}`)).body).toEqual(mission);
    },
  );

  it('refuses a NUL character in a body or a query string on both databases', async () => {
    const { api } = server();
    const before = await api.get('/v1/teams?limit=500');

    const inBody = await api.post('/v1/teams', { name: 'a\u0000b', verticals: ['fire'] });
    const inQuery = await api.get('/v1/events?external_id=a%00b');

    expectError(inBody, 400, 'validation_failed');
    expectError(inQuery, 400, 'validation_failed');
    expect((await api.get('/v1/teams?limit=500')).body).toEqual(before.body);
  });

  it('lets a supervisor, not a members:manage key, raise the role of an operator', async () => {
    const { api } = server();
    const member = await makeMember(api, { role: 'operator' });
    const hr = api.as(await makeKey(api, { permissions: ['members:manage', 'members:view'] }));
    const supervisor = await roleClient(api, 'supervisor');

    const promoted = await hr.patch(`/v1/members/${member.id}`, { role: 'supervisor' });
    const created = await hr.post('/v1/members', { name: 'Rui', role: 'supervisor' });
    const bySupervisor = await supervisor.patch(`/v1/members/${member.id}`, { role: 'dispatcher' });

    expectError(promoted, 403, 'forbidden');
    expectError(created, 403, 'forbidden');
    expectStatus(bySupervisor, 200);
  });

  it('never answers 500 when a mission ends while its team reports locations', async () => {
    const { api } = server();
    for (let round = 0; round < 3; round += 1) {
      const { mission, operator, team } = await dispatchedMission(api);
      expectStatus(await setStatus(operator, mission.id, { status: 'ON_SITE' }), 200);

      const responses = await Promise.all([
        setStatus(operator, mission.id, { status: 'COMPLETED' }),
        ...Array.from({ length: 6 }, (_, i) =>
          operator.put(`/v1/teams/${team.id}/location`, { lat: 38.7 + i / 100, lng: -9.1 }),
        ),
        api.patch(`/v1/teams/${team.id}`, { verticals: ['healthcare', 'fire'] }),
      ]);

      expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
      expect((await api.get(`/v1/teams/${team.id}`)).body.status).toBe('AVAILABLE');
    }
  });

  it('closes an event no earlier than the last of its missions ended', async () => {
    const { api } = server();
    const { mission, operator, event } = await dispatchedMission(api);
    const backup = await fieldTeam(api);
    const second = await dispatch(api, { event_id: event.id, team_id: backup.team.id });
    expectStatus(await setStatus(backup.operator, second.id, { status: 'COMPLETED' }), 200);

    const backdated = await setStatus(operator, mission.id, {
      status: 'COMPLETED',
      occurred_at: mission.dispatched_at,
    });
    const closed = (await api.get(`/v1/events/${event.id}`)).body;

    expectStatus(backdated, 200);
    expect(closed.status).toBe('CLOSED');
    expect(closed.closed_at >= (await api.get(`/v1/missions/${second.id}`)).body.completed_at).toBe(
      true,
    );
  });

  it('never stores a new key secret, not even for an idempotent replay', async () => {
    const { api, running } = server();
    const headers = { 'idempotency-key': 'new-key-once' };

    const first = await api.post('/v1/keys', { name: 'sync', role: 'dispatcher' }, { headers });
    const retry = await api.post('/v1/keys', { name: 'sync', role: 'dispatcher' }, { headers });
    const stored = await running.database.db
      .selectFrom('idempotency_keys')
      .select('response_body')
      .execute();

    expect(first.body.key).toMatch(/^wede_/);
    expect(retry.body).toMatchObject({ id: first.body.id, key: null });
    expect(stored.some((row) => row.response_body.includes(first.body.key))).toBe(false);
  });

  it('replays a retry whose JSON keys come in another order', async () => {
    const { api } = server();
    const headers = { 'idempotency-key': `reordered-${Date.now()}` };

    const first = await api.post(
      '/v1/events',
      { vertical: 'fire', lat: 38.7, lng: -9.1 },
      { headers },
    );
    const retry = await api.post(
      '/v1/events',
      { lng: -9.1, lat: 38.7, vertical: 'fire' },
      { headers },
    );

    expectStatus(first, 201);
    expectStatus(retry, 201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('closes an event on an empty POST, both fields being optional', async () => {
    const { api } = server();
    const event = await makeEvent(api);

    const closed = await api.post(`/v1/events/${event.id}/close`);

    expectStatus(closed, 200);
    expect(closed.body.status).toBe('CLOSED');
  });

  it('answers a URL the router cannot decode with the error envelope', async () => {
    const { api } = server();

    const response = await api.get('/v1/teams/%zz');

    expectError(response, 400, 'validation_failed');
  });

  it('says in words, not a regular expression, which statuses a filter takes', async () => {
    const { api } = server();

    const refused = await api.get('/v1/missions?status=DONE');

    expectError(refused, 400, 'validation_failed');
    expect(refused.body.error.message).toContain('CREATED, SENT, ACK');
    expect(refused.body.error.message).not.toContain('^(');
  });

  it('answers a query string over 16 KiB with the error envelope and 431', async () => {
    const { api } = server();

    const response = await api.get(`/v1/missions?status=${'A'.repeat(100_000)}`);

    expectError(response, 431, 'headers_too_large');
    expect(response.body.error.message).toContain('16 KiB');
    expectStatus(await api.get('/v1/missions?limit=1'), 200);
  });

  it("lets an operator moved to another team carry that team's missions only", async () => {
    const { api } = server();
    const first = await dispatchedMission(api);
    const other = await fieldTeam(api);
    const { member, client } = await actingMember(api, 'operator', first.team.id);
    await api.patch(`/v1/members/${member.id}`, { team_id: other.team.id });

    const oldMission = await setStatus(client, first.mission.id, { status: 'ACK' });

    expectError(oldMission, 404, 'not_found');
  });
});

describeOnEachDatabase('keys that would promise more than they can do', (server) => {
  it("refuses a member-bound key listing permissions outside the member's role", async () => {
    const { api } = server();
    const { team } = await fieldTeam(api);
    const member = await makeMember(api, { role: 'operator', team_id: team.id });
    const before = await api.get('/v1/keys');

    const response = await api.post('/v1/keys', {
      name: 'phone',
      member_id: member.id,
      permissions: ['missions:receive', 'keys:manage'],
    });

    expectError(response, 400, 'validation_failed');
    expect(response.body.error.details.permissions).toEqual(['keys:manage']);
    expect((await api.get('/v1/keys')).body).toEqual(before.body);
  });

  it("takes a member-bound key narrowed within the member's role", async () => {
    const { api } = server();
    const member = await makeMember(api, { role: 'operator' });

    const response = await api.post('/v1/keys', {
      name: 'read-only phone',
      member_id: member.id,
      permissions: ['missions:view'],
    });

    expectStatus(response, 201);
  });
});
