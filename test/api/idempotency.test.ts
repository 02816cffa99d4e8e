import { randomUUID } from 'node:crypto';

import { expect, it } from 'vitest';

import type { ApiClient } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatch, fieldTeam, LISBON, makeEvent, makeTeam } from '../support/factories.js';
import { expectError, expectNothingChanged } from '../support/organization-state.js';

const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });
const REPLAYED = 'idempotent-replayed';

function anEvent(overrides: Record<string, unknown> = {}) {
  return {
    vertical: 'healthcare',
    priority: 'high',
    title: 'Fall on stairs',
    ...LISBON,
    external_id: `CAD-${randomUUID()}`,
    ...overrides,
  };
}

async function eventCount(api: ApiClient): Promise<number> {
  const page = await api.get('/v1/events?limit=500');
  expect(page.body.next_cursor).toBeNull();
  return page.body.count;
}

describeOnEachDatabase('Idempotency-Key: a retry replays the first answer', (server) => {
  it('creates one event for two POSTs with one key, the second a replay', async () => {
    const { api } = server();
    const key = randomUUID();
    const body = anEvent();
    const before = await eventCount(api);

    const first = await api.post('/v1/events', body, withKey(key));
    const second = await api.post('/v1/events', body, withKey(key));

    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers.get(REPLAYED)).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get(REPLAYED)).toBe('true');
    expect(second.body).toEqual(first.body);
    const listed = await api.get(`/v1/events?external_id=${body.external_id}`);
    expect(listed.body.data.map((event: any) => event.id)).toEqual([first.body.id]);
    expect(await eventCount(api)).toBe(before + 1);
  });

  it('replays without an external_id too, where nothing else would stop a duplicate', async () => {
    const { api } = server();
    const key = randomUUID();
    const body = { vertical: 'fire', priority: 'low', ...LISBON };
    const before = await eventCount(api);

    const answers = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      answers.push(await api.post('/v1/events', body, withKey(key)));
    }

    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(answers.map((answer) => answer.headers.get(REPLAYED))).toEqual([null, 'true', 'true']);
    expect(await eventCount(api)).toBe(before + 1);

    const plain = await api.post('/v1/events', body);
    expect(plain.status).toBe(201);
    expect(plain.body.id).not.toBe(answers[0]!.body.id);
  });

  it('refuses the same key with a different body with 422, creating nothing', async () => {
    const { api } = server();
    const key = randomUUID();
    const first = await api.post('/v1/events', anEvent(), withKey(key));
    expect(first.status).toBe(201);

    const other = anEvent({ priority: 'low' });
    const response = await expectNothingChanged(api, () =>
      api.post('/v1/events', other, withKey(key)),
    );

    expectError(response, 422, 'idempotency_key_reused');
    expect(response.headers.get(REPLAYED)).toBeNull();
    expect((await api.get(`/v1/events?external_id=${other.external_id}`)).body.count).toBe(0);
    expect((await api.get(`/v1/events/${first.body.id}`)).body).toEqual(first.body);
  });

  it('refuses the same key on another route with 422, creating nothing', async () => {
    const { api } = server();
    const key = randomUUID();
    expect((await api.post('/v1/events', anEvent(), withKey(key))).status).toBe(201);

    const response = await expectNothingChanged(api, () =>
      api.post('/v1/teams', { name: `Team ${key}` }, withKey(key)),
    );

    expectError(response, 422, 'idempotency_key_reused');
  });

  it('keeps keys apart between organizations', async () => {
    const { api } = server();
    const other = await server().createOrganization(`idem-${randomUUID().slice(0, 8)}`);
    const key = randomUUID();
    const body = anEvent();

    const inA = await api.post('/v1/events', body, withKey(key));
    const inB = await other.post('/v1/events', body, withKey(key));
    const differentInB = await other.post('/v1/events', anEvent(), withKey(`${key}-2`));

    expect(inA.status).toBe(201);
    expect(inB.status, JSON.stringify(inB.body)).toBe(201);
    expect(inB.headers.get(REPLAYED)).toBeNull();
    expect(inB.body.id).not.toBe(inA.body.id);
    expect(differentInB.status).toBe(201);
    for (const client of [api, other]) {
      const listed = await client.get(`/v1/events?external_id=${body.external_id}`);
      expect(listed.body.count).toBe(1);
    }
    expectError(await other.get(`/v1/events/${inA.body.id}`), 404, 'not_found');

    const reusedInB = await other.post('/v1/events', anEvent(), withKey(key));
    expectError(reusedInB, 422, 'idempotency_key_reused');
    const replayInA = await api.post('/v1/events', body, withKey(key));
    expect(replayInA.body).toEqual(inA.body);
  });

  it('answers a retried status update with its first 200, not a 409', async () => {
    const { api } = server();
    const { team, operator } = await fieldTeam(api);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: team.id });
    const key = randomUUID();
    const update = { status: 'ACK', feedback: { eta_minutes: 6 } };

    const first = await operator.patch(`/v1/missions/${mission.id}/status`, update, withKey(key));
    const retry = await operator.patch(`/v1/missions/${mission.id}/status`, update, withKey(key));

    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.headers.get(REPLAYED)).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.body).toMatchObject({ status: 'ACK', sequence: 2 });
    const history = await api.get(`/v1/missions/${mission.id}/history`);
    expect(history.body.data.map((entry: any) => entry.status)).toEqual(['CREATED', 'ACK']);

    const withoutKey = await operator.patch(`/v1/missions/${mission.id}/status`, update);
    expectError(withoutKey, 409, 'invalid_transition');

    const changed = await expectNothingChanged(api, () =>
      operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ON_ROUTE' }, withKey(key)),
    );
    expectError(changed, 422, 'idempotency_key_reused');
  });

  it('makes one mission of 8 concurrent dispatches with the same key', async () => {
    const { api } = server();
    const team = await makeTeam(api);
    const event = await makeEvent(api);
    const key = randomUUID();
    const body = { event_id: event.id, team_id: team.id, notes: 'north gate' };

    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api.post('/v1/teams/dispatch', body, withKey(key))),
    );

    const shown = JSON.stringify(answers.map((answer) => [answer.status, answer.body]));
    expect(
      answers.map((answer) => answer.status),
      shown,
    ).toEqual(Array(8).fill(201));
    const ids = new Set(answers.map((answer) => answer.body.id));
    expect(ids.size, shown).toBe(1);
    expect(answers.filter((answer) => answer.headers.get(REPLAYED) === null)).toHaveLength(1);
    const missions = await api.get(`/v1/missions?event_id=${event.id}`);
    expect(missions.body.data.map((mission: any) => mission.id)).toEqual([...ids]);
    expect((await api.get(`/v1/teams/${team.id}`)).body.status).toBe('BUSY');
  });

  it('answers 8 concurrent status updates with the same key with one 200 each', async () => {
    const { api } = server();
    const { team, operator } = await fieldTeam(api);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: team.id });
    const key = randomUUID();

    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ON_ROUTE' }, withKey(key)),
      ),
    );

    const shown = JSON.stringify(answers.map((answer) => [answer.status, answer.body]));
    expect(
      answers.map((answer) => answer.status),
      shown,
    ).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((answer) => answer.body.sequence)), shown).toEqual(new Set([2]));
    const history = await api.get(`/v1/missions/${mission.id}/history`);
    expect(history.body.count).toBe(2);
  });

  it('makes one event of 8 concurrent POSTs with the same key', async () => {
    const { api } = server();
    const key = randomUUID();
    const body = { vertical: 'security', priority: 'medium', ...LISBON };
    const before = await eventCount(api);

    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api.post('/v1/events', body, withKey(key))),
    );

    const shown = JSON.stringify(answers.map((answer) => [answer.status, answer.body]));
    expect(
      answers.map((answer) => answer.status),
      shown,
    ).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size, shown).toBe(1);
    expect(await eventCount(api)).toBe(before + 1);
  });

  it('refuses an Idempotency-Key over 255 characters or with spaces', async () => {
    const { api } = server();

    for (const key of ['k'.repeat(256), 'two words', 'clé-à-moi']) {
      const response = await expectNothingChanged(api, () =>
        api.post('/v1/events', anEvent(), { headers: { 'idempotency-key': key } }),
      );
      expectError(response, 400, 'validation_failed', { message: 'Idempotency-Key' });
      expect(response.body.error.details).toMatchObject({
        in: 'headers',
        field: 'idempotency-key',
      });
    }

    const longest = await api.post('/v1/events', anEvent(), withKey('k'.repeat(255)));
    expect(longest.status, JSON.stringify(longest.body)).toBe(201);
  });

  it("does not hand one operator another team's mission through a replayed key", async () => {
    const { api } = server();
    const first = await fieldTeam(api);
    const second = await fieldTeam(api);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: first.team.id });
    const key = randomUUID();
    const update = { status: 'ACK' };
    expectError(await second.operator.get(`/v1/missions/${mission.id}`), 404, 'not_found');

    const own = await first.operator.patch(
      `/v1/missions/${mission.id}/status`,
      update,
      withKey(key),
    );
    expect(own.status).toBe(200);
    const stranger = await second.operator.patch(
      `/v1/missions/${mission.id}/status`,
      update,
      withKey(key),
    );

    expect(stranger.status, JSON.stringify(stranger.body)).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(stranger.body)).not.toContain(first.team.id);
    expect(stranger.headers.get(REPLAYED)).toBeNull();
  });

  it('still replays after the server restarts', async () => {
    const { api } = server();
    const key = randomUUID();
    const body = anEvent();
    const first = await api.post('/v1/events', body, withKey(key));
    expect(first.status).toBe(201);

    await server().restart();
    const again = await api.post('/v1/events', body, withKey(key));

    expect(again.status).toBe(201);
    expect(again.headers.get(REPLAYED)).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await api.get(`/v1/events?external_id=${body.external_id}`)).body.count).toBe(1);
  });
});
