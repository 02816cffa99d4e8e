import { expect, it } from 'vitest';

import type { ApiClient } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import { actingMember, dispatch, fieldTeam, makeEvent, makeTeam } from '../support/factories.js';
import { eventually, newTenant } from '../support/webhook-kit.js';

const WEDE_NUMBER = '+15550000000';

/** Posts a text as the SMS provider would: a form with From, To and Body. */
function text(api: ApiClient, from: string, body: string, extra: Record<string, string> = {}) {
  const form = new URLSearchParams({ From: from, To: WEDE_NUMBER, Body: body, ...extra });
  return api.post('/v1/channels/sms/inbound', undefined, {
    raw: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** A crew whose operator has `phone`, and a mission of it. */
async function crewWithPhone(api: ApiClient, phone: string) {
  const crew = await fieldTeam(api);
  await api.patch(`/v1/members/${crew.operatorMember.id}`, { phone });
  const event = await makeEvent(api);
  const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
  return { ...crew, event, mission };
}

async function missionOf(api: ApiClient, id: string) {
  return (await api.get(`/v1/missions/${id}`)).body;
}

async function textsTo(api: ApiClient, phone: string): Promise<any[]> {
  const list = await api.get('/v1/channels/sms/messages?direction=out&limit=500');
  return list.body.data.filter((sms: any) => sms.to === phone).reverse();
}

describeOnEachDatabase('SMS replies', (server) => {
  it('carries a mission from ACK to DONE by text alone, reading healthcare feedback', async () => {
    const { api } = await newTenant(server());
    const phone = '+351913000001';
    const { mission, operatorMember } = await crewWithPhone(api, phone);

    const steps = [
      ['ACK', 'ACK'],
      ['route', 'ON_ROUTE'],
      ['SITE stable bp 120 / 80 hr 88 spo2 97', 'ON_SITE'],
      ['Done.', 'COMPLETED'],
    ];
    for (const [body, status] of steps) {
      const answer = await text(api, phone, body!);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({
        outcome: 'applied',
        mission_id: mission.id,
        status,
        reply: `WEDE: ${status} recorded. Thank you.`,
        duplicate: false,
      });
    }

    const done = await missionOf(api, mission.id);
    expect(done.status).toBe('COMPLETED');
    expect(done.feedback).toEqual({
      patient_condition: 'stable',
      blood_pressure: { systolic: 120, diastolic: 80 },
      heart_rate: 88,
      spo2: 97,
    });
    const history = (await api.get(`/v1/missions/${mission.id}/history`)).body.data;
    expect(history.slice(1).map((row: any) => [row.status, row.channel, row.member_id])).toEqual(
      ['ACK', 'ON_ROUTE', 'ON_SITE', 'COMPLETED'].map((s) => [s, 'sms', operatorMember.id]),
    );

    // Each reply was answered by text, and the answers went out.
    const answers = await eventually(
      () => textsTo(api, phone),
      (texts) => texts.length === 4 && texts.every((sms) => sms.status === 'sent'),
      10_000,
    );
    expect(answers.map((sms) => sms.body)).toEqual(
      steps.map(([, status]) => `WEDE: ${status} recorded. Thank you.`),
    );
  });

  it('takes FAIL with its reason', async () => {
    const { api } = await newTenant(server());
    const phone = '+351913000002';
    const { mission } = await crewWithPhone(api, phone);

    const answer = await text(api, phone, 'FAIL no access to the building');
    expect(answer.body).toMatchObject({ outcome: 'applied', status: 'FAILED' });
    expect(await missionOf(api, mission.id)).toMatchObject({
      status: 'FAILED',
      failure_reason: 'no access to the building',
    });
  });

  it('answers an unknown number with nothing and changes nothing', async () => {
    const { api } = await newTenant(server());
    const { mission } = await crewWithPhone(api, '+351913000003');

    const answer = await text(api, '+351913999999', 'ACK');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ outcome: 'unknown_sender', reply: null, mission_id: null });
    expect((await missionOf(api, mission.id)).status).toBe('CREATED');
    expect(await textsTo(api, '+351913999999')).toEqual([]);
    const kept = await api.get('/v1/channels/sms/messages?direction=in');
    expect(kept.body.data[0]).toMatchObject({ from: '+351913999999', status: 'unknown_sender' });
  });

  it('asks which mission when the sender has several, and takes a number', async () => {
    const { api } = await newTenant(server());
    const phone = '+351913000004';
    const { mission: first, operatorMember } = await crewWithPhone(api, phone);
    // Moved to another team while his first mission is still open: now he is on two.
    const other = await makeTeam(api);
    await api.patch(`/v1/members/${operatorMember.id}`, { team_id: other.id });
    const event = await makeEvent(api, { title: 'second call' });
    const second = await dispatch(api, { event_id: event.id, team_id: other.id });

    const unsure = await text(api, phone, 'ACK');
    expect(unsure.body.outcome).toBe('not_understood');
    expect(unsure.body.reply).toMatch(/you have 2 open missions; add its number/);
    expect((await missionOf(api, first.id)).status).toBe('CREATED');

    const sure = await text(api, phone, 'ACK 2');
    expect(sure.body).toMatchObject({ outcome: 'applied', mission_id: second.id, status: 'ACK' });
    expect(sure.body.reply).toBe('WEDE: ACK recorded for mission 2. Thank you.');
    expect((await missionOf(api, first.id)).status).toBe('CREATED');

    const none = await text(api, phone, 'ACK 3');
    expect(none.body.outcome).toBe('not_understood');
    expect(none.body.reply).toMatch(/you have no mission 3, only 1 to 2/);
  });

  it('refuses by the API rules and by the feedback parser, changing nothing', async () => {
    const { api } = await newTenant(server());
    const phone = '+351913000005';
    const { mission } = await crewWithPhone(api, phone);
    await text(api, phone, 'SITE');

    const backwards = await text(api, phone, 'ACK');
    expect(backwards.body).toMatchObject({ outcome: 'refused', mission_id: mission.id });
    expect(backwards.body.reply).toMatch(/^WEDE: a mission in ON_SITE cannot move to ACK\. /);

    const impossible = await text(api, phone, 'DONE bp 400/80');
    expect(impossible.body.outcome).toBe('not_understood');
    expect(impossible.body.reply).toMatch(/400\/80 is not a possible blood pressure/);

    const gibberish = await text(api, phone, 'on my way!');
    expect(gibberish.body.outcome).toBe('not_understood');
    expect(gibberish.body.reply).toMatch(/^WEDE: no reply code found\. Reply ACK, ROUTE/);

    expect(await missionOf(api, mission.id)).toMatchObject({ status: 'ON_SITE', feedback: null });
  });

  it('does not act on another team’s mission', async () => {
    const { api } = await newTenant(server());
    const { mission } = await crewWithPhone(api, '+351913000006');
    const idle = await fieldTeam(api);
    await api.patch(`/v1/members/${idle.operatorMember.id}`, { phone: '+351913000007' });

    const answer = await text(api, '+351913000007', 'DONE');
    expect(answer.body.outcome).toBe('not_understood');
    expect(answer.body.reply).toMatch(/you have no open mission/);
    expect((await missionOf(api, mission.id)).status).toBe('CREATED');
  });

  it('dispatches backup on BACKUP', async () => {
    const { api } = await newTenant(server());
    const phone = '+351913000008';
    const { mission, event } = await crewWithPhone(api, phone);
    const reserve = await makeTeam(api, { name: 'Reserve unit' });

    const answer = await text(api, phone, 'BACKUP');
    expect(answer.body).toMatchObject({ outcome: 'backup_dispatched', mission_id: mission.id });
    expect(answer.body.reply).toBe('WEDE: backup dispatched: Reserve unit is on its way.');
    const missions = (await api.get(`/v1/missions?event_id=${event.id}`)).body.data;
    expect(missions).toHaveLength(2);
    expect(missions.find((m: any) => m.id !== mission.id)).toMatchObject({
      team_id: reserve.id,
      backup_of: mission.id,
    });
  });

  it('handles a provider retry of one message once', async () => {
    const { api } = await newTenant(server());
    const phone = '+351913000009';
    const { mission } = await crewWithPhone(api, phone);

    const first = await text(api, phone, 'ACK', { MessageSid: 'SM0001' });
    const again = await text(api, phone, 'ACK', { MessageSid: 'SM0001' });
    expect(first.body).toMatchObject({ outcome: 'applied', duplicate: false });
    expect(again.body).toMatchObject({ outcome: 'applied', duplicate: true, reply: null });
    const history = (await api.get(`/v1/missions/${mission.id}/history`)).body.data;
    expect(history).toHaveLength(2);
    expect(await textsTo(api, phone)).toHaveLength(1);
  });

  it('refuses bad input, and callers without channels:inbound', async () => {
    const { api } = await newTenant(server());
    const phone = '+351913000010';
    const { mission, operator } = await crewWithPhone(api, phone);
    const supervisor = (await actingMember(api, 'supervisor')).client;

    const form = (fields: Record<string, string>) =>
      api.post('/v1/channels/sms/inbound', undefined, {
        raw: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const bad: Record<string, string>[] = [
      { To: WEDE_NUMBER, Body: 'ACK' },
      { From: phone, To: WEDE_NUMBER },
      { From: '913000010', To: WEDE_NUMBER, Body: 'ACK' },
      { From: phone, To: WEDE_NUMBER, Body: 'x'.repeat(1601) },
    ];
    for (const fields of bad) {
      const response = await form(fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    const plain = await api.post('/v1/channels/sms/inbound', undefined, {
      raw: 'ACK',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    for (const caller of [operator, supervisor]) {
      expect((await text(caller, phone, 'ACK')).status).toBe(403);
    }
    expect((await missionOf(api, mission.id)).status).toBe('CREATED');

    // JSON works too, for integrations that are not SMS providers.
    const json = await api.post('/v1/channels/sms/inbound', {
      From: phone,
      To: WEDE_NUMBER,
      Body: 'ACK',
    });
    expect(json.body).toMatchObject({ outcome: 'applied', status: 'ACK' });
  });

  it("never acts on another organization's member", async () => {
    const { api } = await newTenant(server());
    const other = await newTenant(server());
    const phone = '+351913000011';
    const { mission } = await crewWithPhone(api, phone);

    const answer = await text(other.api, phone, 'ACK');
    expect(answer.body.outcome).toBe('unknown_sender');
    expect((await missionOf(api, mission.id)).status).toBe('CREATED');
  });

  it('reads a number after the code as words when the sender has one mission', async () => {
    const { api } = await newTenant(server());
    const phone = '+351913000012';
    const { mission } = await crewWithPhone(api, phone);

    const answer = await text(api, phone, 'ACK 5 min out');
    expect(answer.body).toMatchObject({ outcome: 'applied', status: 'ACK' });
    expect((await missionOf(api, mission.id)).feedback).toEqual({ observations: '5 min out' });
  });

  it('refuses a FAIL reason longer than the API takes', async () => {
    const { api } = await newTenant(server());
    const phone = '+351913000013';
    const { mission } = await crewWithPhone(api, phone);

    const answer = await text(api, phone, `FAIL ${'x'.repeat(501)}`);
    expect(answer.body.outcome).toBe('not_understood');
    expect(answer.body.reply).toMatch(/the reason is over 500 characters/);
    expect((await missionOf(api, mission.id)).status).toBe('CREATED');
  });

  it('answers a reply full of errors with a short help text', async () => {
    const { api } = await newTenant(server());
    const phone = '+351913000014';
    await crewWithPhone(api, phone);

    const answer = await text(api, phone, `SITE ${'hr 1 '.repeat(300)}`.trim());
    expect(answer.body.outcome).toBe('not_understood');
    expect(answer.body.reply.length).toBeLessThan(300);
  });

  it('answers retries of one refused text once, even when they arrive together', async () => {
    const { api } = await newTenant(server());
    const phone = '+351913000015';
    await crewWithPhone(api, phone);
    await text(api, phone, 'SITE');

    // ROUTE after ON_SITE is refused; the provider sends the same message 8 times at once.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => text(api, phone, 'ROUTE', { MessageSid: 'SMrefused' })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(answers.filter((answer) => !answer.body.duplicate)).toHaveLength(1);
    const received = await api.get('/v1/channels/sms/messages?direction=in&limit=500');
    expect(received.body.data.filter((sms: any) => sms.body === 'ROUTE')).toHaveLength(1);
    const help = (await textsTo(api, phone)).filter((sms) => sms.body.includes('cannot move'));
    expect(help).toHaveLength(1);
  });

  it('takes replies from a member who joined the team after the dispatch', async () => {
    const { api } = await newTenant(server());
    const crew = await fieldTeam(api);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
    const joined = await actingMember(api, 'operator', crew.team.id);
    await api.patch(`/v1/members/${joined.member.id}`, { phone: '+351913000016' });

    const answer = await text(api, '+351913000016', 'ACK');
    expect(answer.body).toMatchObject({ outcome: 'applied', mission_id: mission.id });
  });
});
