import { afterEach, expect, it } from 'vitest';

import type { ApiClient } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import {
  actingMember,
  fieldTeam,
  makeEvent,
  makeKey,
  makeTeam,
  roleClient,
} from '../support/factories.js';
import { expectError, expectNothingChanged } from '../support/organization-state.js';
import {
  eventOf,
  expectStatus,
  freshOrganization,
  getMission,
  historyOf,
  setStatus,
  teamStatus,
} from '../support/rules-helpers.js';
import { openStream } from '../support/stream-client.js';
import { ReceiverPool, bodiesOf, newTenant, registerEndpoint } from '../support/webhook-kit.js';

// One incident of the SF week: received, dispatched, on route, on site, done.
const RECEIVED = '2017-01-01T09:58:30.000Z';
const DISPATCHED = '2017-01-01T10:00:00.000Z';
const ON_ROUTE = '2017-01-01T10:01:00.000Z';
const ON_SITE = '2017-01-01T10:05:00.000Z';
const COMPLETED = '2017-01-01T10:40:00.000Z';

const HOUR_MS = 3_600_000;
const inAnHour = () => new Date(Date.now() + HOUR_MS).toISOString();

function historicalEvent(api: ApiClient, overrides: Record<string, unknown> = {}) {
  return makeEvent(api, { occurred_at: RECEIVED, ...overrides });
}

function postDispatch(api: ApiClient, body: Record<string, unknown>) {
  return api.post('/v1/teams/dispatch', body);
}

/** A team with its operator, on a 2017 event, dispatched at DISPATCHED by `api`. */
async function historicalMission(api: ApiClient) {
  const crew = await fieldTeam(api);
  const event = await historicalEvent(api);
  const dispatched = await postDispatch(api, {
    event_id: event.id,
    team_id: crew.team.id,
    occurred_at: DISPATCHED,
  });
  expectStatus(dispatched, 201);
  return { ...crew, event, mission: dispatched.body };
}

describeOnEachDatabase('historical times', (server) => {
  const pool = new ReceiverPool();
  afterEach(() => pool.stopAll());

  it('carries a 2017 incident from receipt to completion with its recorded times', async () => {
    const { api } = server();
    const startedAt = new Date().toISOString();
    const { team, operator, event, mission } = await historicalMission(api);

    expect(event).toMatchObject({ occurred_at: RECEIVED, status: 'OPEN' });
    expect(event.created_at >= startedAt).toBe(true);
    expect(mission).toMatchObject({ status: 'CREATED', dispatched_at: DISPATCHED });
    expect(mission.created_at >= startedAt).toBe(true);
    expect(mission).not.toHaveProperty('diverted');
    expect(await teamStatus(api, team.id)).toBe('BUSY');

    for (const [status, occurred_at] of [
      ['ON_ROUTE', ON_ROUTE],
      ['ON_SITE', ON_SITE],
    ]) {
      expectStatus(await setStatus(operator, mission.id, { status, occurred_at }), 200);
    }
    const supervisor = await roleClient(api, 'supervisor');
    const done = await setStatus(supervisor, mission.id, {
      status: 'COMPLETED',
      occurred_at: COMPLETED,
    });

    expectStatus(done, 200);
    expect(await getMission(api, mission.id)).toMatchObject({
      status: 'COMPLETED',
      dispatched_at: DISPATCHED,
      sent_at: null,
      ack_at: null,
      on_route_at: ON_ROUTE,
      on_site_at: ON_SITE,
      completed_at: COMPLETED,
    });
    const history = await historyOf(api, mission.id);
    expect(history.map((row) => [row.status, row.occurred_at])).toEqual([
      ['CREATED', DISPATCHED],
      ['ON_ROUTE', ON_ROUTE],
      ['ON_SITE', ON_SITE],
      ['COMPLETED', COMPLETED],
    ]);
    for (const row of history) expect(row.recorded_at >= startedAt).toBe(true);
    expect(await eventOf(api, event.id)).toMatchObject({
      status: 'CLOSED',
      occurred_at: RECEIVED,
      closed_at: COMPLETED,
    });
    expect(await teamStatus(api, team.id)).toBe('AVAILABLE');
  });

  it('gives an event recorded without occurred_at its creation time', async () => {
    const event = await makeEvent(server().api);

    expect(event.occurred_at).toBe(event.created_at);
    expect(await eventOf(server().api, event.id)).toMatchObject({
      occurred_at: event.created_at,
    });
  });

  it('dispatches at the present time after a past event when occurred_at is absent', async () => {
    const { api } = server();
    const event = await historicalEvent(api);
    const team = await makeTeam(api);
    const before = new Date().toISOString();

    const dispatched = await postDispatch(api, { event_id: event.id, team_id: team.id });

    expectStatus(dispatched, 201);
    expect(dispatched.body.dispatched_at >= before).toBe(true);
    expect(dispatched.body.dispatched_at).toBe(dispatched.body.created_at);
  });

  it('lets a supervisor key and a supervisor member record past times', async () => {
    const { api } = server();
    const roleKey = await roleClient(api, 'supervisor');
    const { client: member } = await actingMember(api, 'supervisor');

    const event = await historicalEvent(roleKey);
    const team = await makeTeam(api);
    const dispatched = await postDispatch(member, {
      event_id: event.id,
      team_id: team.id,
      occurred_at: DISPATCHED,
    });

    expect(event.occurred_at).toBe(RECEIVED);
    expectStatus(dispatched, 201);
    expect(dispatched.body.dispatched_at).toBe(DISPATCHED);
  });

  it('accepts a dispatch at the very time the event was received', async () => {
    const { api } = server();
    const event = await historicalEvent(api);
    const team = await makeTeam(api);

    const dispatched = await postDispatch(api, {
      event_id: event.id,
      team_id: team.id,
      occurred_at: RECEIVED,
    });

    expectStatus(dispatched, 201);
    expect(dispatched.body.dispatched_at).toBe(RECEIVED);
  });

  it('takes an event time a second ahead of the server clock as now', async () => {
    const before = Date.now();

    const event = await makeEvent(server().api, {
      occurred_at: new Date(before + 1_000).toISOString(),
    });

    expect(Date.parse(event.occurred_at)).toBeLessThanOrEqual(Date.parse(event.created_at));
    expect(Date.parse(event.occurred_at)).toBeGreaterThanOrEqual(before);
  });

  it('refuses an event received in the future, naming the bound, and records nothing', async () => {
    const org = await freshOrganization(server());

    const refused = await expectNothingChanged(org, () =>
      org.post('/v1/events', {
        vertical: 'fire',
        lat: 37.77,
        lng: -122.42,
        occurred_at: inAnHour(),
      }),
    );

    expectError(refused, 400, 'invalid_occurred_at', { message: 'in the future' });
    expect(refused.body.error.details).toMatchObject({ field: 'occurred_at', bound: 'now' });
    expect(typeof refused.body.error.details.latest).toBe('string');
  });

  it('refuses a dispatch before the event was received, naming the bound', async () => {
    const org = await freshOrganization(server());
    const event = await historicalEvent(org);
    const team = await makeTeam(org);

    const refused = await expectNothingChanged(org, () =>
      postDispatch(org, {
        event_id: event.id,
        team_id: team.id,
        occurred_at: '2017-01-01T09:58:29.999Z',
      }),
    );

    expectError(refused, 400, 'invalid_occurred_at', { message: RECEIVED });
    expect(refused.body.error.details).toEqual({
      field: 'occurred_at',
      bound: 'event_occurred_at',
      earliest: RECEIVED,
    });
    expect(await teamStatus(org, team.id)).toBe('AVAILABLE');
  });

  it('refuses a dispatch in the future, naming the bound', async () => {
    const org = await freshOrganization(server());
    const event = await historicalEvent(org);
    const team = await makeTeam(org);

    const refused = await expectNothingChanged(org, () =>
      postDispatch(org, { event_id: event.id, team_id: team.id, occurred_at: inAnHour() }),
    );

    expectError(refused, 400, 'invalid_occurred_at');
    expect(refused.body.error.details).toMatchObject({ field: 'occurred_at', bound: 'now' });
  });

  it('refuses times outside 1970 to 9999 in UTC, whatever their offset', async () => {
    const org = await freshOrganization(server());
    const event = await makeEvent(org, { occurred_at: '1970-01-01T02:00:00+02:00' });
    const { operator, mission } = await historicalMission(org);
    const team = await makeTeam(org);
    // Year 0000 two hours east of UTC is year -1 in UTC; 9999 west of UTC is 10000.
    const beforeYearOne = '0000-01-01T00:00:00+02:00';
    const afterYear9999 = '9999-12-31T23:59:59-01:00';

    const place = { vertical: 'fire', lat: 37.7, lng: -122.4 };
    const attempts = [
      () => org.post('/v1/events', { ...place, occurred_at: beforeYearOne }),
      () => org.post('/v1/events', { ...place, occurred_at: '1969-12-31T23:59:59Z' }),
      () => postDispatch(org, { event_id: event.id, team_id: team.id, occurred_at: beforeYearOne }),
      () => setStatus(operator, mission.id, { status: 'ON_ROUTE', occurred_at: beforeYearOne }),
      () => setStatus(operator, mission.id, { status: 'ON_ROUTE', occurred_at: afterYear9999 }),
    ];

    for (const attempt of attempts) {
      const refused = await expectNothingChanged(org, attempt);
      expectError(refused, 400, 'validation_failed', { message: '1970-01-01T00:00:00.000Z' });
      expect(refused.body.error.details.field).toBe('occurred_at');
    }
    expect(event.occurred_at).toBe('1970-01-01T00:00:00.000Z');
    expect((await org.get(`/v1/missions/${mission.id}`)).status).toBe(200);
    expect((await org.get('/v1/missions')).status).toBe(200);
  });

  it('refuses a late dispatch of a team while it was on another mission', async () => {
    const org = await freshOrganization(server());
    const { operator, team, mission } = await historicalMission(org);
    for (const [status, occurred_at] of [
      ['ON_ROUTE', ON_ROUTE],
      ['ON_SITE', ON_SITE],
      ['COMPLETED', COMPLETED],
    ]) {
      expectStatus(await setStatus(operator, mission.id, { status, occurred_at }), 200);
    }
    const next = await historicalEvent(org);
    const whileOnScene = '2017-01-01T10:20:00.000Z';

    const named = await expectNothingChanged(org, () =>
      postDispatch(org, { event_id: next.id, team_id: team.id, occurred_at: whileOnScene }),
    );
    const nearest = await expectNothingChanged(org, () =>
      postDispatch(org, { event_id: next.id, occurred_at: whileOnScene }),
    );

    expectError(named, 400, 'invalid_occurred_at', { message: mission.id });
    expect(named.body.error.details).toEqual({
      field: 'occurred_at',
      bound: 'team_busy_until',
      earliest: COMPLETED,
      team_id: team.id,
      mission_id: mission.id,
    });
    expectError(nearest, 409, 'no_team_available');
    const atTheEnd = await postDispatch(org, { event_id: next.id, occurred_at: COMPLETED });
    expectStatus(atTheEnd, 201);
    expect(atTheEnd.body).toMatchObject({ team_id: team.id, dispatched_at: COMPLETED });
  });

  it("takes a team's missions entered out of order when they do not overlap", async () => {
    const org = await freshOrganization(server());
    const { operator, team, mission } = await historicalMission(org);
    expectStatus(
      await setStatus(operator, mission.id, { status: 'COMPLETED', occurred_at: COMPLETED }),
      200,
    );
    const earlier = await makeEvent(org, { occurred_at: '2017-01-01T08:00:00.000Z' });

    const before = await postDispatch(org, {
      event_id: earlier.id,
      team_id: team.id,
      occurred_at: '2017-01-01T08:05:00.000Z',
    });

    expectStatus(before, 201);
    expect(before.body.dispatched_at).toBe('2017-01-01T08:05:00.000Z');
  });

  it("refuses a change of a mission entered late after its team's next one began", async () => {
    const org = await freshOrganization(server());
    const { operator, team, mission: next } = await historicalMission(org);
    expectStatus(
      await setStatus(operator, next.id, { status: 'COMPLETED', occurred_at: COMPLETED }),
      200,
    );
    const earlier = await makeEvent(org, { occurred_at: '2017-01-01T09:00:00.000Z' });
    const other = await makeEvent(org, { occurred_at: '2017-01-01T09:00:00.000Z' });
    const entered = await postDispatch(org, {
      event_id: earlier.id,
      team_id: team.id,
      occurred_at: '2017-01-01T09:10:00.000Z',
    });
    expectStatus(entered, 201);
    const mission = entered.body;

    const attempts = [
      () => setStatus(operator, mission.id, { status: 'COMPLETED', occurred_at: COMPLETED }),
      () => setStatus(operator, mission.id, { status: 'ON_ROUTE' }),
      () =>
        postDispatch(org, {
          event_id: other.id,
          team_id: team.id,
          divert: true,
          occurred_at: '2017-01-01T10:45:00.000Z',
        }),
    ];
    for (const attempt of attempts) {
      const refused = await expectNothingChanged(org, attempt);
      expectError(refused, 400, 'invalid_occurred_at', { message: next.id });
      expect(refused.body.error.details).toEqual({
        field: 'occurred_at',
        bound: 'team_next_mission',
        latest: DISPATCHED,
        mission_id: next.id,
      });
    }

    const inTime = await setStatus(operator, mission.id, {
      status: 'COMPLETED',
      occurred_at: '2017-01-01T09:50:00.000Z',
    });
    expectStatus(inTime, 200);
    expect(await teamStatus(org, team.id)).toBe('AVAILABLE');
  });

  it('refuses a status before the historical dispatch, naming the previous change', async () => {
    const org = await freshOrganization(server());
    const { operator, mission } = await historicalMission(org);

    const refused = await expectNothingChanged(org, () =>
      setStatus(operator, mission.id, { status: 'ON_ROUTE', occurred_at: RECEIVED }),
    );

    expectError(refused, 400, 'invalid_occurred_at');
    expect(refused.body.error.details).toEqual({
      field: 'occurred_at',
      bound: 'previous_change',
      earliest: DISPATCHED,
      previous: DISPATCHED,
    });
  });

  it('refuses a status that goes back before the one it follows', async () => {
    const org = await freshOrganization(server());
    const { operator, mission } = await historicalMission(org);
    expectStatus(
      await setStatus(operator, mission.id, { status: 'ON_SITE', occurred_at: ON_SITE }),
      200,
    );

    const refused = await expectNothingChanged(org, () =>
      setStatus(operator, mission.id, { status: 'COMPLETED', occurred_at: ON_ROUTE }),
    );

    expectError(refused, 400, 'invalid_occurred_at');
    expect(refused.body.error.details).toMatchObject({ earliest: ON_SITE });
  });

  it.each(['dispatcher', 'operator'] as const)(
    'refuses occurred_at on an event from a %s member with 403, recording nothing',
    async (role) => {
      const org = await freshOrganization(server());
      const { client } = await actingMember(org, role);

      const refused = await expectNothingChanged(org, () =>
        client.post('/v1/events', {
          vertical: 'healthcare',
          lat: 38.7,
          lng: -9.1,
          occurred_at: RECEIVED,
        }),
      );

      expectError(refused, 403, 'forbidden');
    },
  );

  it('refuses occurred_at from a dispatcher key with 403 and a clear message', async () => {
    const org = await freshOrganization(server());
    const dispatcher = await roleClient(org, 'dispatcher');
    const event = await makeEvent(org);
    const team = await makeTeam(org);

    const onEvent = await expectNothingChanged(org, () =>
      dispatcher.post('/v1/events', { vertical: 'fire', lat: 1, lng: 1, occurred_at: RECEIVED }),
    );
    const onDispatch = await expectNothingChanged(org, () =>
      postDispatch(dispatcher, { event_id: event.id, team_id: team.id, occurred_at: RECEIVED }),
    );

    for (const refused of [onEvent, onDispatch]) {
      expectError(refused, 403, 'forbidden', { field: 'occurred_at' });
      expect(refused.body.error.message).toContain('admin and supervisor');
      expect(refused.body.error.details.roles).toEqual(['admin', 'supervisor']);
    }
    expect(await teamStatus(org, team.id)).toBe('AVAILABLE');
  });

  it("refuses occurred_at on a field operator's backup request with 403", async () => {
    const org = await freshOrganization(server());
    const { team, operator, mission } = await historicalMission(org);
    await makeTeam(org);

    const refused = await expectNothingChanged(org, () =>
      postDispatch(operator, {
        event_id: mission.event_id,
        backup_of: mission.id,
        occurred_at: ON_ROUTE,
      }),
    );

    expectError(refused, 403, 'forbidden', { field: 'occurred_at' });
    expect(await teamStatus(org, team.id)).toBe('BUSY');
  });

  it('refuses occurred_at from a key with permissions but no role', async () => {
    const org = await freshOrganization(server());
    const bare = org.as(await makeKey(org, { permissions: ['events:manage', 'events:view'] }));

    const refused = await expectNothingChanged(org, () =>
      bare.post('/v1/events', { vertical: 'fire', lat: 1, lng: 1, occurred_at: RECEIVED }),
    );

    expectError(refused, 403, 'forbidden', { field: 'occurred_at' });
  });

  it.each([
    { title: 'a number', occurred_at: 1_483_264_800_000 },
    { title: 'a date without a time', occurred_at: '2017-01-01' },
    { title: 'words', occurred_at: 'yesterday' },
    { title: 'null', occurred_at: null },
    { title: 'an object', occurred_at: { at: RECEIVED } },
  ])('refuses an occurred_at that is $title with 400, on events and dispatch', async (row) => {
    const org = await freshOrganization(server());
    const event = await makeEvent(org);
    const team = await makeTeam(org);

    const onEvent = await expectNothingChanged(org, () =>
      org.post('/v1/events', { vertical: 'fire', lat: 1, lng: 1, occurred_at: row.occurred_at }),
    );
    const onDispatch = await expectNothingChanged(org, () =>
      postDispatch(org, { event_id: event.id, team_id: team.id, occurred_at: row.occurred_at }),
    );

    expectError(onEvent, 400, 'validation_failed');
    expectError(onDispatch, 400, 'validation_failed');
  });

  it('refuses a historical dispatch to an event of another organization with 404', async () => {
    const org = await freshOrganization(server());
    const other = await freshOrganization(server());
    const foreign = await historicalEvent(other);
    const team = await makeTeam(org);

    const refused = await expectNothingChanged(org, () =>
      postDispatch(org, { event_id: foreign.id, team_id: team.id, occurred_at: DISPATCHED }),
    );

    expectError(refused, 404, 'not_found');
    expect(await eventOf(other, foreign.id)).toMatchObject({ status: 'OPEN' });
  });

  it('tells webhooks and the stream when each change happened', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    await registerEndpoint(api, receiver.url, ['*']);
    const { operator, mission, team, event } = await historicalMission(api);
    expectStatus(
      await setStatus(operator, mission.id, { status: 'FAILED', occurred_at: ON_SITE }),
      200,
    );

    // event.created, BUSY, mission.created, FAILED, AVAILABLE, event.closed.
    await receiver.waitFor(6, 10_000);
    const times = receiver.received.map((entry) => [entry.body.event, entry.body.occurred_at]);
    expect(times).toHaveLength(6);
    expect(times).toEqual(
      expect.arrayContaining([
        ['event.created', RECEIVED],
        ['team.status_changed', DISPATCHED],
        ['mission.created', DISPATCHED],
        ['mission.status_updated', ON_SITE],
        ['team.status_changed', ON_SITE],
        ['event.closed', ON_SITE],
      ]),
    );
    expect(bodiesOf(receiver, 'mission.created')[0].payload).toMatchObject({
      mission_id: mission.id,
      team_id: team.id,
      occurred_at: DISPATCHED,
    });
    expect(bodiesOf(receiver, 'event.created')[0].payload).toMatchObject({
      event_id: event.id,
      occurred_at: RECEIVED,
    });

    const console = await openStream(server().url, { key: api.defaultKey, query: { after: 0 } });
    try {
      const created = await console.next((message) => message.event === 'mission.created');
      expect(created.data).toMatchObject({ mission_id: mission.id, occurred_at: DISPATCHED });
      const freed = await console.next(
        (message) => message.event === 'team.status_changed' && message.data.status === 'AVAILABLE',
      );
      expect(freed.data).toMatchObject({ team_id: team.id, occurred_at: ON_SITE });
    } finally {
      await console.close();
    }
  });
});

// Short timers: a critical mission's crew is texted after 0.3 s, supervisors alerted after 1 s.
describeOnEachDatabase(
  'delivery of a backdated dispatch',
  (server) => {
    const pool = new ReceiverPool();
    afterEach(() => pool.stopAll());

    it('texts nobody and alerts nobody for a dispatch long past, while a new one is', async () => {
      const { api } = await newTenant(server());
      const receiver = await pool.start();
      await registerEndpoint(api, receiver.url, ['mission.undelivered']);
      const crew = await fieldTeam(api);
      const patched = await api.patch(`/v1/members/${crew.operatorMember.id}`, {
        phone: '+351912000301',
      });
      expectStatus(patched, 200);
      const pastEvent = await historicalEvent(api, { priority: 'critical' });
      const past = await postDispatch(api, {
        event_id: pastEvent.id,
        team_id: crew.team.id,
        occurred_at: DISPATCHED,
      });
      expectStatus(past, 201);

      // A crew without a phone on a fresh event: its alert shows the timers have run.
      const fresh = await postDispatch(api, {
        event_id: (await makeEvent(api, { priority: 'critical' })).id,
        team_id: (await makeTeam(api)).id,
      });
      expectStatus(fresh, 201);
      await receiver.waitFor(1, 10_000);

      expect(receiver.received.map((entry) => entry.body.payload.mission_id)).toEqual([
        fresh.body.id,
      ]);
      const texts = await api.get(`/v1/channels/sms/messages?mission_id=${past.body.id}`);
      expect(texts.body.data).toEqual([]);
      expect(await getMission(api, past.body.id)).toMatchObject({ status: 'CREATED' });
    });
  },
  {
    delivery: {
      escalationSeconds: { critical: 0.3, high: 3600, medium: 3600, low: 3600 },
      undeliveredSeconds: { critical: 1, high: 7200, medium: 7200, low: 7200 },
    },
  },
);
