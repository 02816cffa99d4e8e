import { afterEach, expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatch, fieldTeam, makeEvent, makeKey, makeTeam } from '../support/factories.js';
import { changesOf, openStream, type OpenStream } from '../support/stream-client.js';

describeOnEachDatabase('a console on the stream', (server) => {
  const opened: OpenStream[] = [];
  async function streamOf(key: string, query: Record<string, number> = {}) {
    const stream = await openStream(server().url, { key, query });
    opened.push(stream);
    return stream;
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stream) => stream.close()));
  });

  it('says hello with the last seq, then gets every mission, event and team change', async () => {
    const { api, adminKey } = server();
    const console = await streamOf(adminKey);
    const hello = await console.next();

    const team = await makeTeam(api);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: team.id });
    await console.next((message) => message.data?.mission_id === mission.id);

    // An admin key belongs to no member and no team.
    expect(hello).toEqual({
      type: 'hello',
      seq: expect.any(Number),
      member_id: null,
      team_id: null,
    });
    const changes = changesOf(console);
    expect(changes.map(([, event]) => event)).toEqual([
      'team.created',
      'event.created',
      'team.status_changed',
      'mission.created',
    ]);
    expect(changes.map(([seq]) => seq)).toEqual([1, 2, 3, 4].map((n) => hello.seq + n));
  });

  it('hears nothing of another organization', async () => {
    const { api, adminKey } = server();
    const otherAdmin = await server().createOrganization('Other organization');
    const console = await streamOf(adminKey);
    const other = await streamOf(otherAdmin.defaultKey);
    await console.next();
    await other.next();

    await makeTeam(otherAdmin);
    const ours = await makeTeam(api);
    await console.next((message) => message.data?.id === ours.id);
    await other.next((message) => message.type === 'change');

    expect(console.messages.filter((m) => m.type === 'change')).toHaveLength(1);
    expect(other.messages.filter((m) => m.type === 'change')).toHaveLength(1);
    expect(other.messages.some((m) => m.data?.id === ours.id)).toBe(false);
  });

  it('sends a device resuming after a disconnect exactly what it missed, in order', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const key = await makeKey(api, { member_id: crew.operatorMember.id });
    const device = await streamOf(key);
    const { seq: before } = await device.next();
    const first = await dispatch(api, {
      event_id: (await makeEvent(api)).id,
      team_id: crew.team.id,
    });
    const seen = await device.next((message) => message.data?.mission_id === first.id);
    await device.close();

    await crew.operator.patch(`/v1/missions/${first.id}/status`, { status: 'ACK' });
    await crew.operator.patch(`/v1/missions/${first.id}/status`, { status: 'ON_ROUTE' });
    const resumed = await streamOf(key, { after: seen.seq });
    await resumed.next((message) => message.data?.status === 'ON_ROUTE');
    await crew.operator.patch(`/v1/missions/${first.id}/status`, { status: 'ON_SITE' });
    await resumed.next((message) => message.data?.status === 'ON_SITE');

    expect(seen.seq).toBeGreaterThan(before);
    expect(resumed.messages[0]).toMatchObject({ type: 'hello' });
    const statuses = resumed.messages.slice(1).map((message) => message.data.status);
    expect(statuses).toEqual(['ACK', 'ON_ROUTE', 'ON_SITE']);
    const seqs = changesOf(resumed).map(([seq]) => seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('resumes with a resume message as well as with after in the URL', async () => {
    const { api, adminKey } = server();
    const console = await streamOf(adminKey);
    const { seq } = await console.next();
    const team = await makeTeam(api);
    await console.next((message) => message.data?.id === team.id);

    console.send({ type: 'resume', after: seq });
    const again = await console.next((message) => message.data?.id === team.id);

    expect(again.seq).toBe(seq + 1);
  });
});

describeOnEachDatabase('the stream across a server restart', (server) => {
  it('sends a resuming device exactly the changes made while it was away', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const key = await makeKey(api, { member_id: crew.operatorMember.id });
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
    const device = await openStream(server().url, { key });
    const { seq } = await device.next();

    await server().restart();
    expect(await device.closed).toBeGreaterThan(1000);
    await crew.operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK' });
    await crew.operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ON_SITE' });
    const resumed = await openStream(server().url, { key, query: { after: seq } });
    await resumed.next((message) => message.data?.status === 'ON_SITE');
    await resumed.close();

    const changes = resumed.messages.filter((message) => message.type === 'change');
    expect(changes.map((message) => message.data.status)).toEqual(['ACK', 'ON_SITE']);
    expect(changes.every((message) => message.seq > seq)).toBe(true);
  });
});
