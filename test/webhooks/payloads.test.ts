import { afterEach, expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { LISBON, dispatch, fieldTeam, makeEvent, roleClient } from '../support/factories.js';
import {
  RFC3339_UTC,
  ReceiverPool,
  bodiesOf,
  deliveryLog,
  newTenant,
  registerEndpoint,
  shuffled,
  verifiedWith,
} from '../support/webhook-kit.js';

const MESSAGE_ID = /^msg_[0-9a-f-]{36}$/;

describeOnEachDatabase('webhook payloads', (server) => {
  const pool = new ReceiverPool();
  afterEach(() => pool.stopAll());

  it('carries every event type of a mission, in the shapes a consumer reads', async () => {
    const { api, organizationId } = await newTenant(server());
    const everything = await pool.start();
    const all = await registerEndpoint(api, everything.url, ['*']);

    const { team, operator } = await fieldTeam(api);
    const event = await makeEvent(api, { address: 'Rua Augusta 1', external_id: 'cad-77' });
    const mission = await dispatch(api, { event_id: event.id, team_id: team.id });
    for (const status of ['ACK', 'ON_ROUTE', 'ON_SITE']) {
      const moved = await operator.patch(`/v1/missions/${mission.id}/status`, { status });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    const feedback = { patient_condition: 'stable', observations: 'BP 120/80' };
    const done = await operator.patch(`/v1/missions/${mission.id}/status`, {
      status: 'COMPLETED',
      feedback,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    // event.created, BUSY, mission.created, four transitions, AVAILABLE, event.closed.
    await everything.waitFor(9, 10_000);
    expect((await deliveryLog(api, all.id)).count).toBe(9);

    for (const entry of everything.received) {
      const body = verifiedWith(all.secret, entry);
      expect(body.id).toMatch(MESSAGE_ID);
      expect(entry.headers['webhook-id']).toBe(body.id);
      expect(body.occurred_at).toMatch(RFC3339_UTC);
      expect(body.organization_id).toBe(organizationId);
      expect(body.payload).toEqual(expect.any(Object));
    }
    const ids = everything.received.map((entry) => entry.body.id);
    expect(new Set(ids).size).toBe(9);

    expect(bodiesOf(everything, 'event.created').map((body) => body.payload)).toEqual([
      expect.objectContaining({
        event_id: event.id,
        vertical: 'healthcare',
        priority: 'high',
        lat: LISBON.lat,
        lng: LISBON.lng,
        title: 'Person collapsed',
        address: 'Rua Augusta 1',
        external_id: 'cad-77',
        status: 'OPEN',
      }),
    ]);

    expect(bodiesOf(everything, 'mission.created').map((body) => body.payload)).toEqual([
      expect.objectContaining({
        mission_id: mission.id,
        status: 'CREATED',
        feedback: null,
        previous_status: null,
        event_id: event.id,
        team_id: team.id,
        sequence: 1,
      }),
    ]);

    const updates = bodiesOf(everything, 'mission.status_updated')
      .map((body) => body.payload)
      .sort((a, b) => a.sequence - b.sequence);
    expect(updates.map((p) => [p.previous_status, p.status, p.sequence])).toEqual([
      ['CREATED', 'ACK', 2],
      ['ACK', 'ON_ROUTE', 3],
      ['ON_ROUTE', 'ON_SITE', 4],
      ['ON_SITE', 'COMPLETED', 5],
    ]);
    for (const payload of updates) {
      expect(payload).toMatchObject({
        mission_id: mission.id,
        event_id: event.id,
        team_id: team.id,
      });
      expect(payload).toHaveProperty('feedback');
    }
    expect(updates[3]!.feedback).toMatchObject(feedback);

    const teamChanges = bodiesOf(everything, 'team.status_changed').map((body) => body.payload);
    expect(teamChanges).toHaveLength(2);
    expect(teamChanges.map((p) => [p.team_id, p.previous_status, p.status])).toEqual(
      expect.arrayContaining([
        [team.id, 'AVAILABLE', 'BUSY'],
        [team.id, 'BUSY', 'AVAILABLE'],
      ]),
    );

    const closed = bodiesOf(everything, 'event.closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.payload).toMatchObject({ event_id: event.id, status: 'CLOSED' });
    expect(closed[0]!.payload.closed_at).toMatch(RFC3339_UTC);
  });

  it('sends each endpoint only what it subscribed to, the same message to each', async () => {
    const { api } = await newTenant(server());
    const everything = await pool.start();
    const eventsOnly = await pool.start();
    const missionsOnly = await pool.start();
    const teamsOnly = await pool.start();
    const all = await registerEndpoint(api, everything.url, ['*']);
    const events = await registerEndpoint(api, eventsOnly.url, ['event.created']);
    const missions = await registerEndpoint(api, missionsOnly.url, [
      'mission.created',
      'mission.status_updated',
    ]);
    const teams = await registerEndpoint(api, teamsOnly.url, ['team.status_changed']);

    const { team, operator } = await fieldTeam(api);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: team.id });
    await operator.patch(`/v1/missions/${mission.id}/status`, { status: 'COMPLETED' });

    // event.created, BUSY, mission.created, COMPLETED, AVAILABLE, event.closed.
    await everything.waitFor(6, 10_000);
    await eventsOnly.waitFor(1, 5_000);
    await missionsOnly.waitFor(2, 5_000);
    await teamsOnly.waitFor(2, 5_000);

    // The log lists every delivery the moment its change commits: nothing else is coming.
    const logged = async (endpoint: any) =>
      (await deliveryLog(api, endpoint.id)).data.map((d: any) => d.event).sort();
    expect(await logged(all)).toHaveLength(6);
    expect(await logged(events)).toEqual(['event.created']);
    expect(await logged(missions)).toEqual(['mission.created', 'mission.status_updated']);
    expect(await logged(teams)).toEqual(['team.status_changed', 'team.status_changed']);
    expect(bodiesOf(eventsOnly).map((body) => body.event)).toEqual(['event.created']);

    const created = bodiesOf(everything, 'event.created')[0]!;
    expect(bodiesOf(eventsOnly)[0]!.id).toBe(created.id);
    expect(verifiedWith(events.secret, eventsOnly.received[0]!).id).toBe(created.id);
    expect(() => verifiedWith(all.secret, eventsOnly.received[0]!)).toThrow();
  });

  it('lets a consumer put out-of-order deliveries back in lifecycle order', async () => {
    const { api } = await newTenant(server());
    const everything = await pool.start();
    await registerEndpoint(api, everything.url, ['mission.created', 'mission.status_updated']);

    const { team, operator } = await fieldTeam(api);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: team.id });
    for (const status of ['ACK', 'ON_SITE', 'COMPLETED']) {
      const moved = await operator.patch(`/v1/missions/${mission.id}/status`, { status });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    await everything.waitFor(4, 10_000);

    const messages = bodiesOf(everything).filter((body) => body.payload.mission_id === mission.id);
    expect(messages).toHaveLength(4);
    for (let round = 0; round < 5; round++) {
      const sorted = shuffled(messages).sort((a, b) => a.payload.sequence - b.payload.sequence);
      expect(sorted.map((body) => body.payload.status)).toEqual([
        'CREATED',
        'ACK',
        'ON_SITE',
        'COMPLETED',
      ]);
      expect(sorted.map((body) => body.payload.sequence)).toEqual([1, 2, 3, 4]);
      expect(sorted.slice(1).map((body) => body.payload.previous_status)).toEqual([
        'CREATED',
        'ACK',
        'ON_SITE',
      ]);
    }
  });

  it('sends event.closed only when the last mission of the event ends', async () => {
    const { api } = await newTenant(server());
    const everything = await pool.start();
    const all = await registerEndpoint(api, everything.url, ['*']);
    const first = await fieldTeam(api);
    const second = await fieldTeam(api);
    const event = await makeEvent(api);
    const one = await dispatch(api, { event_id: event.id, team_id: first.team.id });
    const two = await dispatch(api, { event_id: event.id, team_id: second.team.id });

    const completed = await first.operator.patch(`/v1/missions/${one.id}/status`, {
      status: 'COMPLETED',
    });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    const closedSoFar = async () =>
      (await deliveryLog(api, all.id)).data.filter((d: any) => d.event === 'event.closed');
    expect(await closedSoFar()).toHaveLength(0);

    const dispatcher = await roleClient(api, 'dispatcher');
    const failed = await dispatcher.patch(`/v1/missions/${two.id}/status`, {
      status: 'FAILED',
      reason: 'vehicle broke down',
    });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(await closedSoFar()).toHaveLength(1);

    // event.created, 2 × (BUSY, mission.created, final status, AVAILABLE), event.closed.
    await everything.waitFor(10, 10_000);
    const closed = bodiesOf(everything, 'event.closed');
    expect(closed.map((body) => body.payload.event_id)).toEqual([event.id]);
    const failure = bodiesOf(everything, 'mission.status_updated').find(
      (body) => body.payload.mission_id === two.id,
    );
    expect(failure?.payload).toMatchObject({
      previous_status: 'CREATED',
      status: 'FAILED',
      reason: 'vehicle broke down',
      sequence: 2,
    });
  });

  it('reports a team going off duty and back, and nothing for a rename', async () => {
    const { api } = await newTenant(server());
    const teamsOnly = await pool.start();
    const endpoint = await registerEndpoint(api, teamsOnly.url, ['*']);
    const { team } = await fieldTeam(api);

    const off = await api.patch(`/v1/teams/${team.id}`, { status: 'OFF_DUTY' });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const renamed = await api.patch(`/v1/teams/${team.id}`, { name: `renamed-${team.id}` });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const back = await api.patch(`/v1/teams/${team.id}`, { status: 'AVAILABLE' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);

    await teamsOnly.waitFor(2, 5_000);
    expect((await deliveryLog(api, endpoint.id)).count).toBe(2);
    expect(bodiesOf(teamsOnly).map((body) => [body.event, body.payload])).toEqual(
      expect.arrayContaining([
        [
          'team.status_changed',
          expect.objectContaining({
            team_id: team.id,
            previous_status: 'AVAILABLE',
            status: 'OFF_DUTY',
          }),
        ],
        [
          'team.status_changed',
          expect.objectContaining({
            team_id: team.id,
            previous_status: 'OFF_DUTY',
            status: 'AVAILABLE',
          }),
        ],
      ]),
    );
  });
});
