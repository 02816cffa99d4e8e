import { randomUUID } from 'node:crypto';

import { expect, it } from 'vitest';

import type { ApiClient } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import {
  dispatch,
  dispatchedMission,
  fieldTeam,
  LISBON,
  makeEvent,
  makeTeam,
  roleClient,
} from '../support/factories.js';
import {
  busyTeam,
  eventOf,
  expectError,
  expectStatus,
  freshOrganization,
  listedIds,
  northOf,
  teamStatus,
} from '../support/rules-helpers.js';

function post(api: ApiClient, body: Record<string, unknown>) {
  return api.post('/v1/teams/dispatch', body);
}

describeOnEachDatabase('dispatching a team', (server) => {
  it('answers 404 for an event that does not exist', async () => {
    const { api } = server();
    const team = await makeTeam(api);

    const refused = await post(api, { event_id: randomUUID(), team_id: team.id });

    expectError(refused, 404, 'not_found');
    expect(await teamStatus(api, team.id)).toBe('AVAILABLE');
  });

  it('answers 404 for an event of another organization', async () => {
    const { api } = server();
    const other = await freshOrganization(server());
    const foreignEvent = await makeEvent(other);
    const team = await makeTeam(api);

    const refused = await post(api, { event_id: foreignEvent.id, team_id: team.id });

    expectError(refused, 404, 'not_found');
    expect(await teamStatus(api, team.id)).toBe('AVAILABLE');
  });

  it('refuses a closed event with 409 event_closed', async () => {
    const { api } = server();
    const event = await makeEvent(api);
    expectStatus(await api.post(`/v1/events/${event.id}/close`, {}), 200);
    const team = await makeTeam(api);

    const refused = await post(api, { event_id: event.id, team_id: team.id });

    expectError(refused, 409, 'event_closed');
    expect(await teamStatus(api, team.id)).toBe('AVAILABLE');
  });

  it('refuses a BUSY team with 409 team_unavailable and creates no mission', async () => {
    const { api } = server();
    const { team } = await busyTeam(api);
    const event = await makeEvent(api);

    const refused = await post(api, { event_id: event.id, team_id: team.id });

    expectError(refused, 409, 'team_unavailable');
    expect(refused.body.error.details).toMatchObject({ team_id: team.id, status: 'BUSY' });
    expect(await listedIds(api, `?event_id=${event.id}`)).toEqual([]);
  });

  it('refuses an OFF_DUTY team with 409 team_unavailable', async () => {
    const { api } = server();
    const team = await makeTeam(api, { status: 'OFF_DUTY' });
    const event = await makeEvent(api);

    const refused = await post(api, { event_id: event.id, team_id: team.id });

    expectError(refused, 409, 'team_unavailable');
    expect(refused.body.error.details).toMatchObject({ team_id: team.id, status: 'OFF_DUTY' });
    expect(await teamStatus(api, team.id)).toBe('OFF_DUTY');
    expect(await listedIds(api, `?event_id=${event.id}`)).toEqual([]);
  });

  it('answers 404 for a team of another organization', async () => {
    const { api } = server();
    const other = await freshOrganization(server());
    const foreignTeam = await makeTeam(other);
    const event = await makeEvent(api);

    const refused = await post(api, { event_id: event.id, team_id: foreignTeam.id });

    expectError(refused, 404, 'not_found');
    expect(await teamStatus(other, foreignTeam.id)).toBe('AVAILABLE');
  });

  it('takes the mission location from the event when event_lat/lng are left out', async () => {
    const { api } = server();
    const event = await makeEvent(api, { lat: 41.1496, lng: -8.611 });
    const team = await makeTeam(api);

    const mission = await dispatch(api, { event_id: event.id, team_id: team.id });

    expect(mission).toMatchObject({ event_lat: 41.1496, event_lng: -8.611 });
  });

  it('uses event_lat and event_lng for the mission when they are given', async () => {
    const { api } = server();
    const event = await makeEvent(api, { lat: 41.1496, lng: -8.611 });
    const team = await makeTeam(api);

    const mission = await dispatch(api, {
      event_id: event.id,
      team_id: team.id,
      event_lat: 41.1579,
      event_lng: -8.6291,
    });

    expect(mission).toMatchObject({ event_lat: 41.1579, event_lng: -8.6291 });
    expect(await eventOf(api, event.id)).toMatchObject({ lat: 41.1496, lng: -8.611 });
  });

  it("chooses the nearest available team serving the event's vertical", async () => {
    const api = await freshOrganization(server());
    const far = await makeTeam(api, northOf(LISBON, 40));
    const near = await makeTeam(api, northOf(LISBON, 3));
    await makeTeam(api, northOf(LISBON, 10));
    await makeTeam(api, { ...northOf(LISBON, 0.1), verticals: ['fire'] });
    await makeTeam(api, { ...northOf(LISBON, 0.2), status: 'OFF_DUTY' });
    const { team: busy } = await busyTeam(api, northOf(LISBON, 0.3));
    const event = await makeEvent(api);

    const mission = await dispatch(api, { event_id: event.id });

    expect(mission.team_id).toBe(near.id);
    expect([far.id, busy.id]).not.toContain(mission.team_id);
    expect(await teamStatus(api, near.id)).toBe('BUSY');
  });

  it('measures the nearest team from event_lat and event_lng when they are given', async () => {
    const api = await freshOrganization(server());
    await makeTeam(api, northOf(LISBON, 1));
    const farFromEvent = await makeTeam(api, northOf(LISBON, 40));
    await makeTeam(api, northOf(LISBON, 60));
    const event = await makeEvent(api);
    const reported = northOf(LISBON, 39);

    const mission = await dispatch(api, {
      event_id: event.id,
      event_lat: reported.lat,
      event_lng: reported.lng,
    });

    expect(mission.team_id).toBe(farFromEvent.id);
    expect(mission).toMatchObject({ event_lat: reported.lat, event_lng: reported.lng });
  });

  it('refuses with 409 no_team_available when no available team serves the vertical', async () => {
    const api = await freshOrganization(server());
    await makeTeam(api, { verticals: ['fire'] });
    await makeTeam(api, { status: 'OFF_DUTY' });
    await busyTeam(api);
    const event = await makeEvent(api);

    const refused = await post(api, { event_id: event.id });

    expectError(refused, 409, 'no_team_available');
    expect(await listedIds(api, `?event_id=${event.id}`)).toEqual([]);
  });

  it('refuses backup_of naming a mission of another event with 400', async () => {
    const { api } = server();
    const { mission: elsewhere } = await dispatchedMission(api);
    const event = await makeEvent(api);
    const team = await makeTeam(api);

    const refused = await post(api, {
      event_id: event.id,
      team_id: team.id,
      backup_of: elsewhere.id,
    });

    expectError(refused, 400, 'validation_failed');
    expect(refused.body.error.details.field).toBe('backup_of');
    expect(await teamStatus(api, team.id)).toBe('AVAILABLE');
  });

  it('answers 404 for backup_of naming a mission of another organization', async () => {
    const { api } = server();
    const other = await freshOrganization(server());
    const { mission: foreign } = await dispatchedMission(other);
    const { event } = await dispatchedMission(api);
    const team = await makeTeam(api);

    const refused = await post(api, {
      event_id: event.id,
      team_id: team.id,
      backup_of: foreign.id,
    });

    expectError(refused, 404, 'not_found');
    expect(await teamStatus(api, team.id)).toBe('AVAILABLE');
  });

  it('refuses a team that is already on the event with 409 team_unavailable', async () => {
    const { api } = server();
    const { event, team } = await dispatchedMission(api);

    const refused = await post(api, { event_id: event.id, team_id: team.id });

    expectError(refused, 409, 'team_unavailable');
    expect(await listedIds(api, `?event_id=${event.id}`)).toHaveLength(1);
  });

  it('gives a team raced to five events at once to exactly one of them', async () => {
    const { api } = server();
    const team = await makeTeam(api);
    const events = await Promise.all(Array.from({ length: 5 }, () => makeEvent(api)));

    const answers = await Promise.all(
      events.map((event) => post(api, { event_id: event.id, team_id: team.id })),
    );

    const created = answers.filter((answer) => answer.status === 201);
    expect(created, JSON.stringify(answers.map((a) => a.body))).toHaveLength(1);
    for (const loser of answers.filter((answer) => answer.status !== 201)) {
      expectError(loser, 409, 'team_unavailable');
    }
    expect(await listedIds(api, `?team_id=${team.id}`)).toEqual([created[0]!.body.id]);
    expect(await teamStatus(api, team.id)).toBe('BUSY');
  });

  it('gives each of five concurrent nearest-team dispatches a team of its own', async () => {
    const api = await freshOrganization(server());
    const teams = [];
    for (let km = 1; km <= 5; km += 1) teams.push(await makeTeam(api, northOf(LISBON, km)));
    const events = await Promise.all(Array.from({ length: 5 }, () => makeEvent(api)));

    const answers = await Promise.all(events.map((event) => post(api, { event_id: event.id })));

    for (const answer of answers) expectStatus(answer, 201);
    const chosen = answers.map((answer) => answer.body.team_id as string);
    expect([...chosen].sort()).toEqual(teams.map((team) => team.id as string).sort());
    for (const team of teams) expect(await teamStatus(api, team.id)).toBe('BUSY');
  });
});

describeOnEachDatabase('asking for backup', (server) => {
  it('lets an operator whose team is on the event get the nearest team as backup', async () => {
    const api = await freshOrganization(server());
    const crew = await fieldTeam(api);
    const event = await makeEvent(api);
    const first = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
    await makeTeam(api, northOf(LISBON, 30));
    const near = await makeTeam(api, northOf(LISBON, 2));

    const backup = await post(crew.operator, { event_id: event.id, backup_of: first.id });

    expectStatus(backup, 201);
    expect(backup.body).toMatchObject({
      event_id: event.id,
      team_id: near.id,
      backup_of: first.id,
      status: 'CREATED',
    });
    expect(await teamStatus(api, near.id)).toBe('BUSY');
    expect(await listedIds(api, `?event_id=${event.id}`)).toEqual([backup.body.id, first.id]);
  });

  it('refuses backup from an operator whose team is not on the event with 403', async () => {
    const api = await freshOrganization(server());
    const { event, mission } = await dispatchedMission(api);
    const outsider = await fieldTeam(api);
    const spare = await makeTeam(api);

    const asked = await post(outsider.operator, {
      event_id: event.id,
      team_id: spare.id,
      backup_of: mission.id,
    });
    const nearest = await post(outsider.operator, { event_id: event.id });

    expectError(asked, 403, 'forbidden');
    expectError(nearest, 403, 'forbidden');
    expect(await teamStatus(api, spare.id)).toBe('AVAILABLE');
    expect(await teamStatus(api, outsider.team.id)).toBe('AVAILABLE');
    expect(await listedIds(api, `?event_id=${event.id}`)).toEqual([mission.id]);
  });

  it('refuses backup from an operator whose team has left the event with 403', async () => {
    const api = await freshOrganization(server());
    const { event, mission, operator } = await dispatchedMission(api);
    const second = await dispatch(api, { event_id: event.id, team_id: (await makeTeam(api)).id });
    expectStatus(
      await operator.patch(`/v1/missions/${mission.id}/status`, { status: 'FAILED' }),
      200,
    );
    const spare = await makeTeam(api);

    const asked = await post(operator, { event_id: event.id, team_id: spare.id });

    expectError(asked, 403, 'forbidden');
    expect(await listedIds(api, `?event_id=${event.id}`)).toEqual([second.id, mission.id]);
  });

  it('lets a dispatcher send any team, a backup and the nearest team to an event', async () => {
    const api = await freshOrganization(server());
    const dispatcher = await roleClient(api, 'dispatcher');
    const event = await makeEvent(api);
    const [first, second] = [await makeTeam(api), await makeTeam(api)];
    const third = await makeTeam(api, northOf(LISBON, 5));

    const sent = await post(dispatcher, { event_id: event.id, team_id: first.id });
    const backup = await post(dispatcher, {
      event_id: event.id,
      team_id: second.id,
      backup_of: sent.body.id,
    });
    const nearest = await post(dispatcher, { event_id: event.id });

    expectStatus(sent, 201);
    expectStatus(backup, 201);
    expectStatus(nearest, 201);
    expect(backup.body.backup_of).toBe(sent.body.id);
    expect(nearest.body.team_id).toBe(third.id);
  });
});
