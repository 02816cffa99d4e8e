import { afterEach, describe, expect, it } from 'vitest';

import { verifyAuditLog } from '../../src/services/verify-audit-log.js';
import type { ApiClient } from '../support/api-client.js';
import { fieldTeam, makeEvent, makeTeam } from '../support/factories.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Everything the API shows about the organization and the mission, as read now. */
async function readEverything(
  api: ApiClient,
  ids: {
    mission: string;
    teams: string[];
    event: string;
    member: string;
  },
) {
  const read = async (path: string) => {
    const response = await api.get(path);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body;
  };
  return {
    mission: await read(`/v1/missions/${ids.mission}`),
    history: await read(`/v1/missions/${ids.mission}/history`),
    teams: await Promise.all(ids.teams.map((id) => read(`/v1/teams/${id}`))),
    event: await read(`/v1/events/${ids.event}`),
    member: await read(`/v1/members/${ids.member}`),
    missions: await read('/v1/missions'),
    teamList: await read('/v1/teams'),
    events: await read('/v1/events'),
    members: await read('/v1/members'),
    keys: await read('/v1/keys'),
  };
}

describe.each(databaseKinds())('a restart that keeps everything [%s]', (kind) => {
  let server: TestServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reads everything back, replays idempotent writes and carries the mission on', async () => {
    server = await startTestServer(kind);
    const { api } = server;
    const crew = await fieldTeam(api, { name: 'Ambulance 7' });
    const spare = await makeTeam(api, { name: 'Ambulance 9' });
    const event = await makeEvent(api, { title: 'Fall at the market', external_id: 'cad-881' });

    const dispatchBody = { event_id: event.id, team_id: crew.team.id, notes: 'south entrance' };
    const dispatchHeaders = { headers: { 'idempotency-key': 'dispatch-881' } };
    const dispatched = await api.post('/v1/teams/dispatch', dispatchBody, dispatchHeaders);
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(201);
    const missionId = dispatched.body.id as string;

    const statusPath = `/v1/missions/${missionId}/status`;
    expect((await crew.operator.patch(statusPath, { status: 'ACK' })).status).toBe(200);
    const onSiteBody = {
      status: 'ON_SITE',
      feedback: { patient_condition: 'serious', observations: 'Hip fracture suspected' },
    };
    const onSiteHeaders = { headers: { 'idempotency-key': 'on-site-881' } };
    const onSite = await crew.operator.patch(statusPath, onSiteBody, onSiteHeaders);
    expect(onSite.status, JSON.stringify(onSite.body)).toBe(200);

    const ids = {
      mission: missionId,
      teams: [crew.team.id, spare.id],
      event: event.id,
      member: crew.operatorMember.id,
    };
    const before = await readEverything(api, ids);
    expect(before.mission).toMatchObject({
      status: 'ON_SITE',
      sequence: 3,
      feedback: onSiteBody.feedback,
    });
    expect(before.teams.map((team: any) => team.status)).toEqual(['BUSY', 'AVAILABLE']);
    expect(before.event.status).toBe('OPEN');

    await server.restart();

    const after = await readEverything(api, ids);
    expect(after).toEqual(before);
    expect(after.history.data.map((entry: any) => entry.status)).toEqual([
      'CREATED',
      'ACK',
      'ON_SITE',
    ]);

    // The same keys replay the first answers rather than acting again.
    const onSiteAgain = await crew.operator.patch(statusPath, onSiteBody, onSiteHeaders);
    expect(onSiteAgain.status).toBe(200);
    expect(onSiteAgain.headers.get('idempotent-replayed')).toBe('true');
    expect(onSiteAgain.body).toEqual(onSite.body);
    const dispatchAgain = await api.post('/v1/teams/dispatch', dispatchBody, dispatchHeaders);
    expect(dispatchAgain.status).toBe(201);
    expect(dispatchAgain.headers.get('idempotent-replayed')).toBe('true');
    expect(dispatchAgain.body).toEqual(dispatched.body);
    // ...and still refuse to be reused for another request.
    const reused = await crew.operator.patch(statusPath, { status: 'COMPLETED' }, onSiteHeaders);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');

    expect(await readEverything(api, ids)).toEqual(before);

    // The mission carries on where it was.
    const done = await crew.operator.patch(statusPath, {
      status: 'COMPLETED',
      feedback: { patient_condition: 'stable' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'COMPLETED',
      sequence: 4,
      feedback: { patient_condition: 'stable', observations: 'Hip fracture suspected' },
      ack_at: before.mission.ack_at,
      on_site_at: before.mission.on_site_at,
    });
    expect((await api.get(`/v1/teams/${crew.team.id}`)).body.status).toBe('AVAILABLE');
    expect((await api.get(`/v1/events/${event.id}`)).body.status).toBe('CLOSED');

    // The audit chain runs on across the restart without a break.
    const reports = await verifyAuditLog(server.running.database.db);
    expect(reports.map((report) => report.broken)).toEqual([undefined]);
  });

  it('keeps the same answers across two restarts in a row', async () => {
    server = await startTestServer(kind);
    const { api } = server;
    const crew = await fieldTeam(api);
    const event = await makeEvent(api);
    const dispatched = await api.post('/v1/teams/dispatch', {
      event_id: event.id,
      team_id: crew.team.id,
    });
    expect(dispatched.status).toBe(201);
    const ids = {
      mission: dispatched.body.id,
      teams: [crew.team.id],
      event: event.id,
      member: crew.operatorMember.id,
    };
    const before = await readEverything(api, ids);

    await server.restart();
    await server.restart();

    expect(await readEverything(api, ids)).toEqual(before);
    expect(
      (await crew.operator.patch(`/v1/missions/${ids.mission}/status`, { status: 'ON_ROUTE' })).body
        .status,
    ).toBe('ON_ROUTE');
  });
});
