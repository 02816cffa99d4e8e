import { expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatch, fieldTeam, makeEvent } from '../support/factories.js';

/** A mission of the given vertical, dispatched to a team of that vertical. */
async function missionOf(api: Parameters<typeof fieldTeam>[0], vertical: string) {
  const crew = await fieldTeam(api, { verticals: [vertical] });
  const event = await makeEvent(api, { vertical });
  const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
  return { ...crew, mission };
}

describeOnEachDatabase("feedback read by the mission's vertical", (server) => {
  it('normalizes healthcare vitals and keeps a form’s own fields as sent', async () => {
    const { api } = server();
    const { mission, operator } = await missionOf(api, 'healthcare');

    const onSite = await operator.patch(`/v1/missions/${mission.id}/status`, {
      status: 'ON_SITE',
      feedback: {
        patient_condition: 'Stable',
        blood_pressure: '120 / 80',
        heart_rate: 88,
        spo2: 97,
        observations: 'Patient responsive',
        triage_form: { tag: 'yellow', checked: [1, 2] },
      },
    });
    expect(onSite.status, JSON.stringify(onSite.body)).toBe(200);
    const normalized = {
      patient_condition: 'stable',
      blood_pressure: { systolic: 120, diastolic: 80 },
      heart_rate: 88,
      spo2: 97,
      observations: 'Patient responsive',
      triage_form: { tag: 'yellow', checked: [1, 2] },
    };
    expect(onSite.body.feedback).toEqual(normalized);
    expect((await api.get(`/v1/missions/${mission.id}`)).body.feedback).toEqual(normalized);
  });

  it('refuses an impossible blood pressure, naming the field, changing nothing', async () => {
    const { api } = server();
    const { mission, operator } = await missionOf(api, 'healthcare');
    const before = (await api.get(`/v1/missions/${mission.id}`)).body;

    const refused = await operator.patch(`/v1/missions/${mission.id}/status`, {
      status: 'ON_SITE',
      feedback: { patient_condition: 'stable', blood_pressure: '300/400' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'validation_failed',
      message: 'feedback.blood_pressure 300/400 is not a possible blood pressure',
      details: { field: 'feedback.blood_pressure' },
    });
    expect((await api.get(`/v1/missions/${mission.id}`)).body).toEqual(before);
    expect((await api.get(`/v1/missions/${mission.id}/history`)).body.count).toBe(1);
  });

  it('checks fire and security fields by their own rules', async () => {
    const { api } = server();
    const fire = await missionOf(api, 'fire');
    const security = await missionOf(api, 'security');

    const badFire = await fire.operator.patch(`/v1/missions/${fire.mission.id}/status`, {
      status: 'ON_SITE',
      feedback: { casualties: -2 },
    });
    expect(badFire.status).toBe(400);
    expect(badFire.body.error.details).toEqual({ field: 'feedback.casualties' });

    const goodFire = await fire.operator.patch(`/v1/missions/${fire.mission.id}/status`, {
      status: 'ON_SITE',
      feedback: { fire_status: 'CONTAINED', casualties: 2, hazmat: false },
    });
    expect(goodFire.body.feedback).toEqual({
      fire_status: 'contained',
      casualties: 2,
      hazmat: false,
    });

    const badSecurity = await security.operator.patch(
      `/v1/missions/${security.mission.id}/status`,
      { status: 'ON_SITE', feedback: { threat_level: 'extreme' } },
    );
    expect(badSecurity.status).toBe(400);
    expect(badSecurity.body.error.details).toEqual({ field: 'feedback.threat_level' });
  });

  it('keeps feedback of a vertical without a parser exactly as sent', async () => {
    const { api } = server();
    const { mission, operator } = await missionOf(api, 'rescue');
    const feedback = { blood_pressure: 'not taken', heart_rate: 'n/a', rope_m: 40 };

    const onSite = await operator.patch(`/v1/missions/${mission.id}/status`, {
      status: 'ON_SITE',
      feedback,
    });
    expect(onSite.status, JSON.stringify(onSite.body)).toBe(200);
    expect(onSite.body.feedback).toEqual(feedback);
  });
});
