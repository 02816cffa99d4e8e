import { afterEach, expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatchedMission, fieldTeam, makeKey } from '../support/factories.js';
import { openStream, type OpenStream } from '../support/stream-client.js';

const isError = (message: any) => message.type === 'error';

describeOnEachDatabase('what a device sends on the stream', (server) => {
  const opened: OpenStream[] = [];
  async function deviceOf(memberId: string): Promise<OpenStream> {
    const { api } = server();
    const stream = await openStream(server().url, {
      key: await makeKey(api, { member_id: memberId }),
    });
    opened.push(stream);
    await stream.next((message) => message.type === 'hello');
    return stream;
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stream) => stream.close()));
  });

  it('is told in hello which member and team it carries missions for', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const stream = await openStream(server().url, {
      key: await makeKey(api, { member_id: crew.operatorMember.id }),
    });
    opened.push(stream);

    const hello = await stream.next((message) => message.type === 'hello');

    expect(hello).toEqual({
      type: 'hello',
      seq: expect.any(Number),
      member_id: crew.operatorMember.id,
      team_id: crew.team.id,
    });
  });

  it("reports its team's location like PUT /v1/teams/:id/location", async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const device = await deviceOf(crew.operatorMember.id);

    device.send({ type: 'location', lat: 41.1579, lng: -8.6291 });
    const answer = await device.next((message) => message.type === 'location_ok');

    expect(answer).toMatchObject({ team_id: crew.team.id, lat: 41.1579, lng: -8.6291 });
    const team = (await api.get(`/v1/teams/${crew.team.id}`)).body;
    expect(team).toMatchObject({ lat: 41.1579, lng: -8.6291 });
  });

  it.each([
    ['invalid JSON', '{"type": "receipt",', 'invalid_json'],
    ['a JSON array', '[1, 2]', 'validation_failed'],
    ['an unknown type', { type: 'launch' }, 'validation_failed'],
    ['a receipt without a mission', { type: 'receipt' }, 'validation_failed'],
    ['a latitude past 90', { type: 'location', lat: 90.5, lng: 0 }, 'validation_failed'],
    ['a longitude past 180', { type: 'location', lat: 0, lng: -181 }, 'validation_failed'],
    ['a latitude as text', { type: 'location', lat: '38.7', lng: 0 }, 'validation_failed'],
    ['a negative resume', { type: 'resume', after: -1 }, 'validation_failed'],
  ])('answers %s with an error and changes nothing', async (_title, sent, code) => {
    const { api } = server();
    const { mission, operatorMember, team } = await dispatchedMission(api);
    const device = await deviceOf(operatorMember.id);
    const before = (await api.get(`/v1/teams/${team.id}`)).body;

    device.send(sent);
    const refused = await device.next(isError);

    expect(refused).toMatchObject({ type: 'error', code, message: expect.any(String) });
    expect((await api.get(`/v1/missions/${mission.id}`)).body.status).toBe('CREATED');
    const { lat, lng, updated_at } = (await api.get(`/v1/teams/${team.id}`)).body;
    expect({ lat, lng }).toEqual({ lat: team.lat, lng: team.lng });
    expect(updated_at).toBe(before.updated_at);
  });

  it("answers a receipt for another team's mission as not found, leaving it", async () => {
    const { api } = server();
    const theirs = await dispatchedMission(api);
    const crew = await fieldTeam(api);
    const device = await deviceOf(crew.operatorMember.id);

    device.send({ type: 'receipt', mission_id: theirs.mission.id });
    const refused = await device.next(isError);
    device.send({ type: 'receipt', mission_id: '01977a3e-9b12-7c45-a1d3-6f7e8a9b0c1d' });
    const unknown = await device.next(isError);

    expect(refused.code).toBe('not_found');
    expect(unknown.code).toBe('not_found');
    const stored = (await api.get(`/v1/missions/${theirs.mission.id}`)).body;
    expect(stored).toMatchObject({ status: 'CREATED', channel_used: null });
  });

  it("answers a receipt for another organization's mission as not found", async () => {
    const { api } = server();
    const otherAdmin = await server().createOrganization('Elsewhere');
    const theirs = await dispatchedMission(otherAdmin);
    const crew = await fieldTeam(api);
    const device = await deviceOf(crew.operatorMember.id);

    device.send({ type: 'receipt', mission_id: theirs.mission.id });
    const refused = await device.next(isError);

    expect(refused.code).toBe('not_found');
    expect((await otherAdmin.get(`/v1/missions/${theirs.mission.id}`)).body.status).toBe('CREATED');
  });

  it('closes on a message over 16 KiB, and the server goes on serving', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const device = await deviceOf(crew.operatorMember.id);

    device.send({ type: 'receipt', mission_id: 'x'.repeat(17 * 1024) });
    const code = await device.closed;
    const next = await deviceOf(crew.operatorMember.id);
    next.send({ type: 'location', lat: 1, lng: 2 });

    expect(code).toBe(1009);
    expect((await next.next((message) => message.type === 'location_ok')).lat).toBe(1);
  });

  it('closes a connection that keeps sending bad messages with a policy code', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const device = await deviceOf(crew.operatorMember.id);

    for (let sent = 0; sent < 30; sent += 1) device.send('not json');
    const code = await device.closed;

    expect(code).toBe(1008);
    expect((await api.get('/v1/teams')).status).toBe(200);
  });
});
