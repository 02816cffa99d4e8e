import { expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import {
  dispatch,
  dispatchedMission,
  fieldTeam,
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
  getMission,
  setStatus,
  teamStatus,
} from '../support/rules-helpers.js';

/** An event with a first mission and a backup mission, each with its team's operator. */
async function eventWithBackup(api: Parameters<typeof dispatchedMission>[0]) {
  const first = await dispatchedMission(api);
  const backupCrew = await fieldTeam(api);
  const backup = await dispatch(api, {
    event_id: first.event.id,
    team_id: backupCrew.team.id,
    backup_of: first.mission.id,
  });
  return { first, backupCrew, backup };
}

describeOnEachDatabase('what the end of a mission does to its team and event', (server) => {
  it.each(['COMPLETED', 'FAILED'])(
    'returns the team to AVAILABLE when its mission is %s',
    async (final) => {
      const { api } = server();
      const { mission, team, operator } = await dispatchedMission(api);
      expect(await teamStatus(api, team.id)).toBe('BUSY');
      expectStatus(await setStatus(operator, mission.id, { status: 'ON_SITE' }), 200);
      expect(await teamStatus(api, team.id)).toBe('BUSY');

      expectStatus(await setStatus(operator, mission.id, { status: final }), 200);

      expect(await teamStatus(api, team.id)).toBe('AVAILABLE');
    },
  );

  it('keeps the event OPEN while a backup is ON_SITE and closes it after the backup', async () => {
    const { api } = server();
    const { first, backupCrew, backup } = await eventWithBackup(api);
    expectStatus(await setStatus(backupCrew.operator, backup.id, { status: 'ON_SITE' }), 200);

    expectStatus(await setStatus(first.operator, first.mission.id, { status: 'COMPLETED' }), 200);

    expect(await eventOf(api, first.event.id)).toMatchObject({ status: 'OPEN', closed_at: null });
    expect(await teamStatus(api, first.team.id)).toBe('AVAILABLE');
    expect(await teamStatus(api, backupCrew.team.id)).toBe('BUSY');

    const last = await setStatus(backupCrew.operator, backup.id, { status: 'COMPLETED' });
    expectStatus(last, 200);

    const closed = await eventOf(api, first.event.id);
    expect(closed.status).toBe('CLOSED');
    expect(closed.closed_at).toBe(last.body.completed_at);
    expect(await teamStatus(api, backupCrew.team.id)).toBe('AVAILABLE');
  });

  it('closes the event when the first mission ends after its backup has failed', async () => {
    const { api } = server();
    const { first, backupCrew, backup } = await eventWithBackup(api);
    expectStatus(await setStatus(backupCrew.operator, backup.id, { status: 'FAILED' }), 200);
    expect((await eventOf(api, first.event.id)).status).toBe('OPEN');

    expectStatus(await setStatus(first.operator, first.mission.id, { status: 'COMPLETED' }), 200);

    expect((await eventOf(api, first.event.id)).status).toBe('CLOSED');
  });

  it('closes the event when its last two missions end at the same moment', async () => {
    const { api } = server();

    for (let round = 0; round < 3; round += 1) {
      const { first, backupCrew, backup } = await eventWithBackup(api);

      const [one, two] = await Promise.all([
        setStatus(first.operator, first.mission.id, { status: 'COMPLETED' }),
        setStatus(backupCrew.operator, backup.id, { status: 'FAILED' }),
      ]);

      expectStatus(one, 200);
      expectStatus(two, 200);
      expect((await eventOf(api, first.event.id)).status).toBe('CLOSED');
      expect(await teamStatus(api, first.team.id)).toBe('AVAILABLE');
      expect(await teamStatus(api, backupCrew.team.id)).toBe('AVAILABLE');
    }
  });
});

describeOnEachDatabase('closing and correcting events', (server) => {
  it('refuses to close an event by hand with 409 while its missions are active', async () => {
    const { api } = server();
    const { first, backup } = await eventWithBackup(api);

    const refused = await api.post(`/v1/events/${first.event.id}/close`, { reason: 'duplicate' });

    expectError(refused, 409, 'event_has_active_missions');
    expect([...refused.body.error.details.active_mission_ids].sort()).toEqual(
      [first.mission.id, backup.id].sort(),
    );
    expect((await eventOf(api, first.event.id)).status).toBe('OPEN');
    expect(await getMission(api, first.mission.id)).toEqual(first.mission);
  });

  it('fails the active missions with the reason, closes the event, frees the teams', async () => {
    const { api } = server();
    const { first, backupCrew, backup } = await eventWithBackup(api);
    expectStatus(await setStatus(first.operator, first.mission.id, { status: 'ON_SITE' }), 200);

    const closed = await api.post(`/v1/events/${first.event.id}/close`, {
      fail_active_missions: true,
      reason: 'caller cancelled',
    });

    expectStatus(closed, 200);
    expect(closed.body.status).toBe('CLOSED');
    for (const id of [first.mission.id, backup.id]) {
      expect(await getMission(api, id)).toMatchObject({
        status: 'FAILED',
        failure_reason: 'caller cancelled',
      });
    }
    expect(await teamStatus(api, first.team.id)).toBe('AVAILABLE');
    expect(await teamStatus(api, backupCrew.team.id)).toBe('AVAILABLE');
    expect((await eventOf(api, first.event.id)).status).toBe('CLOSED');
  });

  it('records the reason given on an event closed with fail_active_missions', async () => {
    const { api } = server();
    const { event } = await dispatchedMission(api);

    const closed = await api.post(`/v1/events/${event.id}/close`, {
      fail_active_missions: true,
      reason: 'caller cancelled',
    });

    expectStatus(closed, 200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', close_reason: 'caller cancelled' });
    expect((await eventOf(api, event.id)).close_reason).toBe('caller cancelled');
  });

  it('closes an event without missions by hand with the reason given', async () => {
    const { api } = server();
    const event = await makeEvent(api);

    const closed = await api.post(`/v1/events/${event.id}/close`, { reason: 'false alarm' });

    expectStatus(closed, 200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', close_reason: 'false alarm' });
    expect(closed.body.closed_at).not.toBeNull();
  });

  it('refuses to correct a closed event with 409 event_closed', async () => {
    const { api } = server();
    const event = await makeEvent(api);
    expectStatus(await api.post(`/v1/events/${event.id}/close`, {}), 200);
    const before = await eventOf(api, event.id);

    const refused = await api.patch(`/v1/events/${event.id}`, { priority: 'critical' });

    expectError(refused, 409, 'event_closed');
    expect(await eventOf(api, event.id)).toEqual(before);
  });

  it('refuses to close an event that is already closed with 409', async () => {
    const { api } = server();
    const event = await makeEvent(api);
    expectStatus(await api.post(`/v1/events/${event.id}/close`, {}), 200);

    const again = await api.post(`/v1/events/${event.id}/close`, { fail_active_missions: true });

    expectError(again, 409, 'event_closed');
  });

  it('refuses a duplicate external_id with 409 conflict naming the existing event', async () => {
    const { api } = server();
    const externalId = `cad-${Date.now()}-${Math.random()}`;
    const existing = await makeEvent(api, { external_id: externalId });

    const duplicate = await api.post('/v1/events', {
      vertical: 'fire',
      lat: 38.7,
      lng: -9.1,
      external_id: externalId,
    });

    expectError(duplicate, 409, 'conflict');
    expect(duplicate.body.error.details).toMatchObject({
      field: 'external_id',
      existing_id: existing.id,
    });
  });

  it('accepts the same external_id in another organization', async () => {
    const { api } = server();
    const other = await freshOrganization(server());
    const externalId = `cad-shared-${Date.now()}`;
    await makeEvent(api, { external_id: externalId });

    const elsewhere = await other.post('/v1/events', {
      vertical: 'fire',
      lat: 38.7,
      lng: -9.1,
      external_id: externalId,
    });

    expectStatus(elsewhere, 201);
  });

  it('filters the event list by status, vertical, priority and external_id', async () => {
    const api = await freshOrganization(server());
    const fire = await makeEvent(api, { vertical: 'fire', priority: 'low' });
    const health = await makeEvent(api, { priority: 'critical', external_id: 'cad-77' });
    const closed = await makeEvent(api, { priority: 'low' });
    expectStatus(await api.post(`/v1/events/${closed.id}/close`, {}), 200);
    const ids = async (query: string) => {
      const response = await api.get(`/v1/events${query}`);
      expectStatus(response, 200);
      return response.body.data.map((event: { id: string }) => event.id);
    };

    expect(await ids('?status=OPEN')).toEqual([health.id, fire.id]);
    expect(await ids('?status=CLOSED')).toEqual([closed.id]);
    expect(await ids('?vertical=fire')).toEqual([fire.id]);
    expect(await ids('?priority=low')).toEqual([closed.id, fire.id]);
    expect(await ids('?external_id=cad-77')).toEqual([health.id]);
    expect(await ids('?status=OPEN&priority=low')).toEqual([fire.id]);
  });

  it('refuses an unknown event status filter with 400', async () => {
    const { api } = server();

    expectError(await api.get('/v1/events?status=DONE'), 400, 'validation_failed');
  });
});

describeOnEachDatabase('team status and location', (server) => {
  it('refuses to take a BUSY team OFF_DUTY with 409', async () => {
    const { api } = server();
    const { team } = await busyTeam(api);
    const supervisor = await roleClient(api, 'supervisor');

    const refused = await supervisor.patch(`/v1/teams/${team.id}`, { status: 'OFF_DUTY' });

    expectError(refused, 409, 'conflict');
    expect(refused.body.error.details.status).toBe('BUSY');
    expect(await teamStatus(api, team.id)).toBe('BUSY');
  });

  it('gives a team raced between a dispatch and an OFF_DUTY change to exactly one', async () => {
    const api = await freshOrganization(server());
    const outcomes: string[] = [];

    for (let round = 0; round < 3; round += 1) {
      const teams = await Promise.all(Array.from({ length: 6 }, () => makeTeam(api)));
      const events = await Promise.all(teams.map(() => makeEvent(api)));
      const answers = await Promise.all(
        teams.map((team, i) =>
          Promise.all([
            api.post('/v1/teams/dispatch', { event_id: events[i]!.id, team_id: team.id }),
            api.patch(`/v1/teams/${team.id}`, { status: 'OFF_DUTY' }),
          ]),
        ),
      );
      for (const [i, [dispatched, patched]] of answers.entries()) {
        const status = await teamStatus(api, teams[i]!.id);
        outcomes.push(`dispatch ${dispatched.status}, patch ${patched.status}, team ${status}`);
      }
    }

    const allowed = [
      'dispatch 201, patch 409, team BUSY',
      'dispatch 409, patch 200, team OFF_DUTY',
    ];
    expect(outcomes.filter((outcome) => !allowed.includes(outcome))).toEqual([]);
  });

  it('takes an AVAILABLE team OFF_DUTY and back', async () => {
    const { api } = server();
    const team = await makeTeam(api);

    const off = await api.patch(`/v1/teams/${team.id}`, { status: 'OFF_DUTY' });
    const back = await api.patch(`/v1/teams/${team.id}`, { status: 'AVAILABLE' });

    expectStatus(off, 200);
    expect(off.body.status).toBe('OFF_DUTY');
    expectStatus(back, 200);
    expect(await teamStatus(api, team.id)).toBe('AVAILABLE');
  });

  it("lets an operator report his own team's location", async () => {
    const { api } = server();
    const crew = await fieldTeam(api);

    const moved = await crew.operator.put(`/v1/teams/${crew.team.id}/location`, {
      lat: 38.74,
      lng: -9.15,
    });

    expectStatus(moved, 200);
    expect(moved.body).toMatchObject({ lat: 38.74, lng: -9.15 });
    expect(moved.body.location_updated_at).not.toBeNull();
    expect((await api.get(`/v1/teams/${crew.team.id}`)).body).toMatchObject({
      lat: 38.74,
      lng: -9.15,
    });
  });

  it("refuses an operator reporting another team's location with 403", async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const other = await makeTeam(api);

    const refused = await crew.operator.put(`/v1/teams/${other.id}/location`, {
      lat: 38.74,
      lng: -9.15,
    });

    expectError(refused, 403, 'forbidden');
    expect((await api.get(`/v1/teams/${other.id}`)).body).toMatchObject({
      lat: other.lat,
      lng: other.lng,
    });
  });

  it('refuses a latitude of 91 with 400 and keeps the last location', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);

    const refused = await crew.operator.put(`/v1/teams/${crew.team.id}/location`, {
      lat: 91,
      lng: -9.15,
    });

    expectError(refused, 400, 'validation_failed');
    expect((await api.get(`/v1/teams/${crew.team.id}`)).body).toMatchObject({
      lat: crew.team.lat,
      lng: crew.team.lng,
    });
  });
});
