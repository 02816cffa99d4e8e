import { expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatchedMission, roleClient } from '../support/factories.js';

describeOnEachDatabase('a mission carried from dispatch to completion', (server) => {
  it('is created CREATED with the spec fields and the team marked BUSY', async () => {
    const { api } = server();
    const { mission, team, event } = await dispatchedMission(api);

    expect(mission).toMatchObject({
      event_id: event.id,
      team_id: team.id,
      status: 'CREATED',
      channel_used: null,
      vertical: 'healthcare',
      priority: 'high',
      notes: 'Patient is conscious, use south entrance',
      event_lat: 38.7169,
      event_lng: -9.1395,
      ack_at: null,
      feedback: null,
      sequence: 1,
    });
    expect(mission.dispatched_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await api.get(`/v1/teams/${team.id}`)).body.status).toBe('BUSY');
  });

  it('moves forward through every field status and frees team and event at the end', async () => {
    const { api } = server();
    const { mission, team, event, operator } = await dispatchedMission(api);

    for (const status of ['ACK', 'ON_ROUTE', 'ON_SITE']) {
      const { status: code, body } = await operator.patch(`/v1/missions/${mission.id}/status`, {
        status,
      });
      expect(code, JSON.stringify(body)).toBe(200);
      expect(body.status).toBe(status);
    }
    const done = await operator.patch(`/v1/missions/${mission.id}/status`, {
      status: 'COMPLETED',
      feedback: { patient_condition: 'stable', observations: 'Patient responsive, BP 120/80' },
    });

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'COMPLETED', sequence: 5 });
    expect(done.body.feedback).toEqual({
      patient_condition: 'stable',
      observations: 'Patient responsive, BP 120/80',
    });
    expect((await api.get(`/v1/teams/${team.id}`)).body.status).toBe('AVAILABLE');
    expect((await api.get(`/v1/events/${event.id}`)).body.status).toBe('CLOSED');
  });

  it('keeps the history of every transition with who made it', async () => {
    const { api } = server();
    const { mission, operator, operatorMember } = await dispatchedMission(api);
    await operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ON_SITE' });

    const history = await api.get(`/v1/missions/${mission.id}/history`);

    expect(history.status).toBe(200);
    expect(history.body.data.map((entry: any) => [entry.from_status, entry.status])).toEqual([
      [null, 'CREATED'],
      ['CREATED', 'ON_SITE'],
    ]);
    expect(history.body.data[1]).toMatchObject({ member_id: operatorMember.id, channel: 'api' });
  });

  it('lets a supervisor fail a mission but not acknowledge it', async () => {
    const { api } = server();
    const { mission } = await dispatchedMission(api);
    const supervisor = await roleClient(api, 'supervisor');

    const ack = await supervisor.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK' });
    const failed = await supervisor.patch(`/v1/missions/${mission.id}/status`, {
      status: 'FAILED',
      reason: 'no access',
    });

    expect(ack.status).toBe(403);
    expect(ack.body.error.code).toBe('forbidden');
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'FAILED', failure_reason: 'no access' });
  });
});
