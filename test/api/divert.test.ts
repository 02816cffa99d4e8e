import { afterEach, expect, it } from 'vitest';

import type { ApiClient } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatch, fieldTeam, makeEvent, makeTeam, roleClient } from '../support/factories.js';
import { expectError, expectNothingChanged } from '../support/organization-state.js';
import {
  eventOf,
  expectStatus,
  freshOrganization,
  getMission,
  historyOf,
  listedIds,
  setStatus,
  teamStatus,
} from '../support/rules-helpers.js';
import { openStream } from '../support/stream-client.js';
import { ReceiverPool, deliveryLog, newTenant, registerEndpoint } from '../support/webhook-kit.js';

function postDispatch(api: ApiClient, body: Record<string, unknown>) {
  return api.post('/v1/teams/dispatch', body);
}

/** A team with its operator, ON_ROUTE to a first event, and a second event to divert it to. */
async function teamOnTheWay(api: ApiClient) {
  const crew = await fieldTeam(api);
  const first = await makeEvent(api, { priority: 'low', title: 'Lift stuck' });
  const mission = await dispatch(api, { event_id: first.id, team_id: crew.team.id });
  expectStatus(await setStatus(crew.operator, mission.id, { status: 'ON_ROUTE' }), 200);
  const second = await makeEvent(api, { priority: 'critical', title: 'Cardiac arrest' });
  return { ...crew, first, mission, second };
}

/** Ids of the team's missions that are still active. */
function activeOf(api: ApiClient, teamId: string) {
  return listedIds(api, `?team_id=${teamId}&status=CREATED,SENT,ACK,ON_ROUTE,ON_SITE`);
}

describeOnEachDatabase('diverting a busy team', (server) => {
  const pool = new ReceiverPool();
  afterEach(() => pool.stopAll());

  it('takes the team to the new event and fails the mission it leaves as diverted', async () => {
    const { api } = await newTenant(server());
    const receiver = await pool.start();
    const endpoint = await registerEndpoint(api, receiver.url, ['*']);
    const { team, first, mission, second } = await teamOnTheWay(api);
    await receiver.waitFor(5, 10_000);
    const before = receiver.received.length;

    const diverted = await postDispatch(api, {
      event_id: second.id,
      team_id: team.id,
      divert: true,
    });

    expectStatus(diverted, 201);
    expect(diverted.body).toMatchObject({
      event_id: second.id,
      team_id: team.id,
      status: 'CREATED',
    });
    expect(diverted.body.diverted).toMatchObject({
      id: mission.id,
      event_id: first.id,
      status: 'FAILED',
      failure_reason: 'diverted',
      failed_at: diverted.body.dispatched_at,
    });
    expect(await getMission(api, mission.id)).toEqual(diverted.body.diverted);
    const newMission = await getMission(api, diverted.body.id);
    expect({ ...newMission, diverted: diverted.body.diverted }).toEqual(diverted.body);

    const history = await historyOf(api, mission.id);
    expect(history.map((row) => [row.from_status, row.status, row.reason])).toEqual([
      [null, 'CREATED', null],
      ['CREATED', 'ON_ROUTE', null],
      ['ON_ROUTE', 'FAILED', 'diverted'],
    ]);
    expect(history[2].occurred_at).toBe(diverted.body.dispatched_at);
    expect(await eventOf(api, first.id)).toMatchObject({
      status: 'CLOSED',
      closed_at: diverted.body.dispatched_at,
    });
    expect(await eventOf(api, second.id)).toMatchObject({ status: 'OPEN' });
    expect(await teamStatus(api, team.id)).toBe('BUSY');
    expect(await activeOf(api, team.id)).toEqual([diverted.body.id]);

    // The new mission, the end of the old one and its event: the team never left BUSY.
    expect((await deliveryLog(api, endpoint.id)).count).toBe(before + 3);
    await receiver.waitFor(before + 3, 10_000);
    const sent = receiver.received.slice(before).map((entry) => entry.body);
    expect(sent.map((body) => body.event).sort()).toEqual([
      'event.closed',
      'mission.created',
      'mission.status_updated',
    ]);
    expect(sent.find((body) => body.event === 'mission.status_updated')).toMatchObject({
      occurred_at: diverted.body.dispatched_at,
      payload: {
        mission_id: mission.id,
        status: 'FAILED',
        previous_status: 'ON_ROUTE',
        reason: 'diverted',
        event_id: first.id,
      },
    });
    expect(sent.find((body) => body.event === 'event.closed')?.payload).toMatchObject({
      event_id: first.id,
      reason: 'missions_ended',
    });
  });

  it('shows the divert on the live stream as a new mission and a FAILED one', async () => {
    const { api } = await newTenant(server());
    const { team, mission, second } = await teamOnTheWay(api);
    const console = await openStream(server().url, { key: api.defaultKey });
    try {
      await console.next((message) => message.type === 'hello');

      const diverted = await postDispatch(api, {
        event_id: second.id,
        team_id: team.id,
        divert: true,
      });
      expectStatus(diverted, 201);

      const created = await console.next((message) => message.event === 'mission.created');
      expect(created.data).toMatchObject({ mission_id: diverted.body.id, team_id: team.id });
      const failed = await console.next((message) => message.event === 'mission.status_updated');
      expect(failed.data).toMatchObject({
        mission_id: mission.id,
        status: 'FAILED',
        reason: 'diverted',
      });
    } finally {
      await console.close();
    }
  });

  it('keeps the old event open while a backup team is still on it', async () => {
    const api = await freshOrganization(server());
    const { team, first, mission, second } = await teamOnTheWay(api);
    const backup = await makeTeam(api);
    await dispatch(api, { event_id: first.id, team_id: backup.id, backup_of: mission.id });

    const diverted = await postDispatch(api, {
      event_id: second.id,
      team_id: team.id,
      divert: true,
    });

    expectStatus(diverted, 201);
    expect(await eventOf(api, first.id)).toMatchObject({ status: 'OPEN', closed_at: null });
    expect(await teamStatus(api, backup.id)).toBe('BUSY');
  });

  it('diverts at a historical time, failing the old mission then', async () => {
    const api = await freshOrganization(server());
    const crew = await fieldTeam(api);
    const first = await makeEvent(api, { occurred_at: '2017-01-01T10:00:00.000Z' });
    const second = await makeEvent(api, { occurred_at: '2017-01-01T10:02:00.000Z' });
    const mission = await dispatch(api, {
      event_id: first.id,
      team_id: crew.team.id,
      occurred_at: '2017-01-01T10:00:30.000Z',
    });
    const onRoute = await setStatus(crew.operator, mission.id, {
      status: 'ON_ROUTE',
      occurred_at: '2017-01-01T10:01:00.000Z',
    });
    expectStatus(onRoute, 200);

    const diverted = await postDispatch(api, {
      event_id: second.id,
      team_id: crew.team.id,
      divert: true,
      occurred_at: '2017-01-01T10:03:00.000Z',
    });

    expectStatus(diverted, 201);
    expect(diverted.body.dispatched_at).toBe('2017-01-01T10:03:00.000Z');
    expect(diverted.body.diverted).toMatchObject({
      failed_at: '2017-01-01T10:03:00.000Z',
      on_route_at: '2017-01-01T10:01:00.000Z',
    });
    expect(await eventOf(api, first.id)).toMatchObject({
      status: 'CLOSED',
      closed_at: '2017-01-01T10:03:00.000Z',
    });
  });

  it('refuses a divert dated before the last change of the mission it would end', async () => {
    const api = await freshOrganization(server());
    const crew = await fieldTeam(api);
    const first = await makeEvent(api, { occurred_at: '2017-01-01T10:00:00.000Z' });
    const second = await makeEvent(api, { occurred_at: '2017-01-01T10:00:00.000Z' });
    const mission = await dispatch(api, {
      event_id: first.id,
      team_id: crew.team.id,
      occurred_at: '2017-01-01T10:00:30.000Z',
    });
    const onRouteAt = '2017-01-01T10:05:00.000Z';
    const moved = await setStatus(crew.operator, mission.id, {
      status: 'ON_ROUTE',
      occurred_at: onRouteAt,
    });
    expectStatus(moved, 200);

    const refused = await expectNothingChanged(api, () =>
      postDispatch(api, {
        event_id: second.id,
        team_id: crew.team.id,
        divert: true,
        occurred_at: '2017-01-01T10:04:59.999Z',
      }),
    );

    expectError(refused, 400, 'invalid_occurred_at');
    expect(refused.body.error.details).toEqual({
      field: 'occurred_at',
      bound: 'diverted_mission_last_change',
      earliest: onRouteAt,
      mission_id: mission.id,
    });
    expect(await getMission(api, mission.id)).toEqual(moved.body);
  });

  it('refuses a busy team without divert, as before, and says how to take it', async () => {
    const api = await freshOrganization(server());
    const { team, second } = await teamOnTheWay(api);

    const refused = await expectNothingChanged(api, () =>
      postDispatch(api, { event_id: second.id, team_id: team.id }),
    );

    expectError(refused, 409, 'team_unavailable', { message: 'divert' });
    expect(refused.body.error.details).toEqual({ team_id: team.id, status: 'BUSY' });
  });

  it('refuses divert: false for a busy team like a plain dispatch', async () => {
    const api = await freshOrganization(server());
    const { team, second } = await teamOnTheWay(api);

    const refused = await expectNothingChanged(api, () =>
      postDispatch(api, { event_id: second.id, team_id: team.id, divert: false }),
    );

    expectError(refused, 409, 'team_unavailable');
  });

  it('dispatches an available team as usual when asked to divert, diverting nothing', async () => {
    const api = await freshOrganization(server());
    const team = await makeTeam(api);
    const event = await makeEvent(api);

    const dispatched = await postDispatch(api, {
      event_id: event.id,
      team_id: team.id,
      divert: true,
    });

    expectStatus(dispatched, 201);
    expect(dispatched.body).not.toHaveProperty('diverted');
    expect(await teamStatus(api, team.id)).toBe('BUSY');
  });

  it('refuses to divert an OFF_DUTY team', async () => {
    const api = await freshOrganization(server());
    const team = await makeTeam(api, { status: 'OFF_DUTY' });
    const event = await makeEvent(api);

    const refused = await expectNothingChanged(api, () =>
      postDispatch(api, { event_id: event.id, team_id: team.id, divert: true }),
    );

    expectError(refused, 409, 'team_unavailable');
    expect(refused.body.error.details).toEqual({ team_id: team.id, status: 'OFF_DUTY' });
  });

  it('refuses to divert a team already on the same event', async () => {
    const api = await freshOrganization(server());
    const { team, first } = await teamOnTheWay(api);

    const refused = await expectNothingChanged(api, () =>
      postDispatch(api, { event_id: first.id, team_id: team.id, divert: true }),
    );

    expectError(refused, 409, 'team_unavailable', { message: 'already on this event' });
  });

  it('refuses divert without a team_id with 400', async () => {
    const api = await freshOrganization(server());
    await teamOnTheWay(api);
    const event = await makeEvent(api);

    const refused = await expectNothingChanged(api, () =>
      postDispatch(api, { event_id: event.id, divert: true }),
    );

    expectError(refused, 400, 'validation_failed', { field: 'team_id' });
  });

  it('refuses divert_from without divert with 400', async () => {
    const api = await freshOrganization(server());
    const { team, mission, second } = await teamOnTheWay(api);

    const refused = await expectNothingChanged(api, () =>
      postDispatch(api, { event_id: second.id, team_id: team.id, divert_from: mission.id }),
    );

    expectError(refused, 400, 'validation_failed', { field: 'divert_from' });
  });

  it("refuses a field operator's backup request that would divert, with 403", async () => {
    const api = await freshOrganization(server());
    const { operator, mission: own } = await teamOnTheWay(api);
    const elsewhere = await teamOnTheWay(api);

    const refused = await expectNothingChanged(api, () =>
      postDispatch(operator, {
        event_id: own.event_id,
        backup_of: own.id,
        team_id: elsewhere.team.id,
        divert: true,
      }),
    );

    expectError(refused, 403, 'forbidden', { message: 'teams:dispatch' });
  });

  it('lets a dispatcher divert', async () => {
    const api = await freshOrganization(server());
    const { team, mission, second } = await teamOnTheWay(api);
    const dispatcher = await roleClient(api, 'dispatcher');

    const diverted = await postDispatch(dispatcher, {
      event_id: second.id,
      team_id: team.id,
      divert: true,
    });

    expectStatus(diverted, 201);
    expect(diverted.body.diverted.id).toBe(mission.id);
  });

  it.each([
    { title: 'a string', divert: 'yes' },
    { title: 'a number', divert: 1 },
    { title: 'null', divert: null },
  ])('refuses a divert that is $title with 400', async ({ divert }) => {
    const api = await freshOrganization(server());
    const { team, second } = await teamOnTheWay(api);

    const refused = await expectNothingChanged(api, () =>
      postDispatch(api, { event_id: second.id, team_id: team.id, divert }),
    );

    expectError(refused, 400, 'validation_failed');
  });

  it('refuses unknown fields and a divert_from that is not a uuid with 400', async () => {
    const api = await freshOrganization(server());
    const { team, second } = await teamOnTheWay(api);

    for (const extra of [{ diverted: true }, { divert_reason: 'fire' }, { divert_from: 'm-1' }]) {
      const refused = await expectNothingChanged(api, () =>
        postDispatch(api, { event_id: second.id, team_id: team.id, divert: true, ...extra }),
      );
      expectError(refused, 400, 'validation_failed');
    }
  });

  it("answers 404 for another organization's busy team, and leaves its mission alone", async () => {
    const api = await freshOrganization(server());
    const other = await freshOrganization(server());
    const theirs = await teamOnTheWay(other);
    const event = await makeEvent(api);

    const refused = await expectNothingChanged(api, () =>
      postDispatch(api, { event_id: event.id, team_id: theirs.team.id, divert: true }),
    );

    expectError(refused, 404, 'not_found');
    expect(await getMission(other, theirs.mission.id)).toMatchObject({ status: 'ON_ROUTE' });
  });

  it("answers 404 for another organization's event, leaving the team on its mission", async () => {
    const api = await freshOrganization(server());
    const other = await freshOrganization(server());
    const { team, mission } = await teamOnTheWay(api);
    const foreign = await makeEvent(other);

    const refused = await expectNothingChanged(api, () =>
      postDispatch(api, { event_id: foreign.id, team_id: team.id, divert: true }),
    );

    expectError(refused, 404, 'not_found');
    expect(await getMission(api, mission.id)).toMatchObject({ status: 'ON_ROUTE' });
  });

  it("refuses a divert_from naming another organization's mission with 404", async () => {
    const api = await freshOrganization(server());
    const other = await freshOrganization(server());
    const { team, second } = await teamOnTheWay(api);
    const idle = await makeTeam(api);
    const theirs = await teamOnTheWay(other);

    for (const taken of [team, idle]) {
      const refused = await expectNothingChanged(api, () =>
        postDispatch(api, {
          event_id: second.id,
          team_id: taken.id,
          divert: true,
          divert_from: theirs.mission.id,
        }),
      );

      expectError(refused, 404, 'not_found', { message: theirs.mission.id });
    }
    expect(await getMission(other, theirs.mission.id)).toMatchObject({ status: 'ON_ROUTE' });
  });

  it('lets exactly one of two diverts from the same mission win', async () => {
    const api = await freshOrganization(server());
    const { team, mission } = await teamOnTheWay(api);
    const events = [await makeEvent(api), await makeEvent(api)];

    const answers = await Promise.all(
      events.map((event) =>
        postDispatch(api, {
          event_id: event.id,
          team_id: team.id,
          divert: true,
          divert_from: mission.id,
        }),
      ),
    );

    const won = answers.filter((answer) => answer.status === 201);
    const lost = answers.filter((answer) => answer.status !== 201);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expectError(lost[0]!, 409, 'conflict');
    expect(lost[0]!.body.error.details).toEqual({
      team_id: team.id,
      mission_id: won[0]!.body.id,
    });
    const history = await historyOf(api, mission.id);
    expect(history.filter((row) => row.status === 'FAILED')).toHaveLength(1);
    expect(await activeOf(api, team.id)).toEqual([won[0]!.body.id]);
    expect(await teamStatus(api, team.id)).toBe('BUSY');
  });

  it('applies two plain diverts at once one after the other, the team on one mission', async () => {
    const api = await freshOrganization(server());
    const { team, mission } = await teamOnTheWay(api);
    const events = [await makeEvent(api), await makeEvent(api)];

    const answers = await Promise.all(
      events.map((event) =>
        postDispatch(api, { event_id: event.id, team_id: team.id, divert: true }),
      ),
    );

    for (const answer of answers) expectStatus(answer, 201);
    const left = answers.map((answer) => answer.body.diverted.id).sort();
    const made = answers.map((answer) => answer.body.id);
    // The first took the team from the old mission; the second, from the first's.
    expect(left).toContain(mission.id);
    expect(made.filter((id) => left.includes(id))).toHaveLength(1);
    const active = await activeOf(api, team.id);
    expect(active).toHaveLength(1);
    expect(made).toContain(active[0]);
    expect(await teamStatus(api, team.id)).toBe('BUSY');
  });
});
