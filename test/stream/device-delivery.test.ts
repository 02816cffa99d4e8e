import { afterEach, expect, it } from 'vitest';

import { systemActor } from '../../src/services/actor.js';
import { markSent } from '../../src/services/mark-sent.js';
import { inTransaction } from '../../src/store/database.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatch, fieldTeam, makeEvent, makeKey } from '../support/factories.js';
import { openStream, type OpenStream } from '../support/stream-client.js';

const isChange = (event: string, missionId: string) => (message: any) =>
  message.type === 'change' && message.event === event && message.data.mission_id === missionId;

describeOnEachDatabase('a field device on the stream', (server) => {
  const opened: OpenStream[] = [];
  async function deviceOf(key: string): Promise<OpenStream> {
    const stream = await openStream(server().url, { key });
    opened.push(stream);
    await stream.next((message) => message.type === 'hello');
    return stream;
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stream) => stream.close()));
  });

  it('gets a new mission of its team well under a second after the dispatch answer', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const device = await deviceOf(await makeKey(api, { member_id: crew.operatorMember.id }));
    const event = await makeEvent(api);

    const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
    const answeredAt = performance.now();
    const message = await device.next(isChange('mission.created', mission.id));

    expect(performance.now() - answeredAt).toBeLessThan(1000);
    expect(message.seq).toBeGreaterThan(0);
    expect(message.occurred_at).toMatch(/Z$/);
    expect(message.data).toMatchObject({
      mission_id: mission.id,
      event_id: event.id,
      team_id: crew.team.id,
      status: 'CREATED',
      sequence: 1,
      mission: {
        id: mission.id,
        priority: 'high',
        notes: 'Patient is conscious, use south entrance',
        event_lat: event.lat,
        event_lng: event.lng,
      },
    });
  });

  it('marks the mission SENT over the internet with its first receipt, and only once', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const device = await deviceOf(await makeKey(api, { member_id: crew.operatorMember.id }));
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
    await device.next(isChange('mission.created', mission.id));

    device.send({ type: 'receipt', mission_id: mission.id });
    const first = await device.next((message) => message.type === 'receipt_ok');
    const sent = await device.next(isChange('mission.status_updated', mission.id));
    device.send({ type: 'receipt', mission_id: mission.id });
    const second = await device.next((message) => message.type === 'receipt_ok');

    expect(first).toEqual({ type: 'receipt_ok', mission_id: mission.id, status: 'SENT' });
    expect(sent.data).toMatchObject({ status: 'SENT', previous_status: 'CREATED', sequence: 2 });
    expect(second).toEqual({ type: 'receipt_ok', mission_id: mission.id, status: 'SENT' });
    const stored = (await api.get(`/v1/missions/${mission.id}`)).body;
    expect(stored).toMatchObject({ status: 'SENT', channel_used: 'internet', sequence: 2 });
    const history = (await api.get(`/v1/missions/${mission.id}/history`)).body.data;
    expect(history.map((entry: any) => [entry.status, entry.channel])).toEqual([
      ['CREATED', 'api'],
      ['SENT', 'internet'],
    ]);
  });

  it('gets every change of its missions, and backups by other teams on its event', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const other = await fieldTeam(api);
    const device = await deviceOf(await makeKey(api, { member_id: crew.operatorMember.id }));
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
    await crew.operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK' });
    const backup = await dispatch(api, {
      event_id: event.id,
      team_id: other.team.id,
      backup_of: mission.id,
    });

    const ack = await device.next(isChange('mission.status_updated', mission.id));
    const joined = await device.next(isChange('mission.created', backup.id));

    expect(ack.data).toMatchObject({ status: 'ACK', team_id: crew.team.id });
    expect(joined.data).toMatchObject({ team_id: other.team.id, backup_of: mission.id });
  });

  it("never gets another team's mission on another event, nor anything but missions", async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const other = await fieldTeam(api);
    const device = await deviceOf(await makeKey(api, { member_id: crew.operatorMember.id }));
    const elsewhere = await makeEvent(api);
    const theirs = await dispatch(api, { event_id: elsewhere.id, team_id: other.team.id });
    const event = await makeEvent(api);
    const ours = await dispatch(api, { event_id: event.id, team_id: crew.team.id });

    await device.next(isChange('mission.created', ours.id));

    const changes = device.messages.filter((message) => message.type === 'change');
    expect(changes.map((message) => message.data.mission_id)).toEqual([ours.id]);
    expect(changes.some((message) => message.data.mission_id === theirs.id)).toBe(false);
  });

  it('gets a change from another process, which pokes nothing, within a second', async () => {
    const { api, running } = server();
    const crew = await fieldTeam(api);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
    const device = await deviceOf(await makeKey(api, { member_id: crew.operatorMember.id }));
    const { db } = running.database;
    const { organization_id: organizationId } = await db
      .selectFrom('missions')
      .select('organization_id')
      .where('id', '=', mission.id)
      .executeTakeFirstOrThrow();

    // Written straight to the database, as another server process would: no poke.
    await inTransaction(db, (trx) =>
      markSent(
        trx,
        systemActor(organizationId, new Date(), 'sms'),
        organizationId,
        mission.id,
        'sms',
      ),
    );
    const committedAt = performance.now();
    const sent = await device.next(isChange('mission.status_updated', mission.id));

    expect(sent.data).toMatchObject({ status: 'SENT', channel: 'sms' });
    expect(performance.now() - committedAt).toBeLessThan(2000);
  });

  it('closes when its key is revoked, and a receipt sent meanwhile marks nothing', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const key = await makeKey(api, { member_id: crew.operatorMember.id });
    const device = await deviceOf(key);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
    await device.next(isChange('mission.created', mission.id));

    const keys = (await api.get('/v1/keys')).body.data;
    const keyId = keys.find((k: any) => k.member_id === crew.operatorMember.id).id;
    expect((await api.delete(`/v1/keys/${keyId}`)).status).toBe(200);
    device.send({ type: 'receipt', mission_id: mission.id });

    expect(await device.closed).toBe(1008);
    expect((await api.get(`/v1/missions/${mission.id}`)).body.status).toBe('CREATED');
  });

  it('closes when its member moves to another team, before a receipt counts', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const device = await deviceOf(await makeKey(api, { member_id: crew.operatorMember.id }));
    const other = await fieldTeam(api);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
    await device.next(isChange('mission.created', mission.id));

    await api.patch(`/v1/members/${crew.operatorMember.id}`, { team_id: other.team.id });
    device.send({ type: 'receipt', mission_id: mission.id });

    expect(await device.closed).toBe(1008);
    expect((await api.get(`/v1/missions/${mission.id}`)).body.status).toBe('CREATED');
  });
});
