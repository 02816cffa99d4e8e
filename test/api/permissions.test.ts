import { expect, it } from 'vitest';

import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import {
  actingMember,
  dispatchedMission,
  LISBON,
  makeKey,
  makeMember,
  makeTeam,
  roleClient,
} from '../support/factories.js';
import { expectError, expectNothingChanged } from '../support/organization-state.js';

interface Scene {
  api: ApiClient;
  /** Plain role keys, and an operator acting for a member of another team. */
  as: Record<'dispatcher' | 'supervisor' | 'operator' | 'viewer', ApiClient>;
  mission: any;
  event: any;
  team: any;
  spare: any;
  member: any;
  keyId: string;
}

interface Refusal {
  who: keyof Scene['as'];
  label: string;
  /** The permission the message names, for refusals made by the route. */
  needs?: string;
  send: (scene: Scene, client: ApiClient) => Promise<ApiResponse>;
}

async function makeScene(api: ApiClient): Promise<Scene> {
  const { mission, event, team } = await dispatchedMission(api);
  const spare = await makeTeam(api);
  const member = await makeMember(api, { role: 'dispatcher' });
  const operatorTeam = await makeTeam(api);
  const { client: operator } = await actingMember(api, 'operator', operatorTeam.id);
  const spareKey = await api.post('/v1/keys', { name: 'spare', role: 'dispatcher' });
  expect(spareKey.status).toBe(201);
  const supervisorKey = await makeKey(api, { role: 'supervisor' });
  return {
    api,
    as: {
      dispatcher: await roleClient(api, 'dispatcher'),
      supervisor: api.as(supervisorKey),
      operator,
      viewer: api.as(await makeKey(api, { permissions: ['missions:view'] })),
    },
    mission,
    event,
    team,
    spare,
    member,
    keyId: spareKey.body.id,
  };
}

const newTeam = { name: 'Fire crew 3', verticals: ['fire'], ...LISBON };
const newMember = { name: 'Rui Costa', role: 'operator' };
const newKey = { name: 'another', permissions: ['missions:view'] };
const newEvent = { vertical: 'fire', priority: 'critical', ...LISBON };

const refusals: Refusal[] = [
  {
    who: 'dispatcher',
    label: 'create a team',
    needs: 'teams:manage',
    send: (_, client) => client.post('/v1/teams', newTeam),
  },
  {
    who: 'dispatcher',
    label: 'change a team',
    needs: 'teams:manage',
    send: ({ spare }, client) => client.patch(`/v1/teams/${spare.id}`, { status: 'OFF_DUTY' }),
  },
  {
    who: 'dispatcher',
    label: "report a team's location",
    needs: 'teams:location',
    send: ({ spare }, client) =>
      client.put(`/v1/teams/${spare.id}/location`, { lat: 38.8, lng: -9.2 }),
  },
  {
    who: 'dispatcher',
    label: 'add a member',
    needs: 'members:manage',
    send: (_, client) => client.post('/v1/members', newMember),
  },
  {
    who: 'dispatcher',
    label: 'change a member',
    needs: 'members:manage',
    send: ({ member }, client) => client.patch(`/v1/members/${member.id}`, { name: 'Renamed' }),
  },
  {
    who: 'dispatcher',
    label: 'create a key',
    needs: 'keys:manage',
    send: (_, client) => client.post('/v1/keys', newKey),
  },
  {
    who: 'viewer',
    label: 'complete a mission',
    needs: 'missions:manage',
    send: ({ mission }, client) =>
      client.patch(`/v1/missions/${mission.id}/status`, { status: 'COMPLETED' }),
  },
  {
    who: 'operator',
    label: 'create an event',
    needs: 'events:manage',
    send: (_, client) => client.post('/v1/events', newEvent),
  },
  {
    who: 'operator',
    label: 'change an event',
    needs: 'events:manage',
    send: ({ event }, client) => client.patch(`/v1/events/${event.id}`, { priority: 'low' }),
  },
  {
    who: 'operator',
    label: 'close an event',
    needs: 'events:manage',
    send: ({ event }, client) =>
      client.post(`/v1/events/${event.id}/close`, { fail_active_missions: true }),
  },
  {
    who: 'operator',
    label: 'create a team',
    needs: 'teams:manage',
    send: (_, client) => client.post('/v1/teams', newTeam),
  },
  {
    who: 'operator',
    label: 'add a member',
    needs: 'members:manage',
    send: (_, client) => client.post('/v1/members', newMember),
  },
  {
    who: 'operator',
    label: 'create a key',
    needs: 'keys:manage',
    send: (_, client) => client.post('/v1/keys', newKey),
  },
  {
    who: 'operator',
    label: "report another team's location",
    send: ({ spare }, client) =>
      client.put(`/v1/teams/${spare.id}/location`, { lat: 38.8, lng: -9.2 }),
  },
  {
    who: 'operator',
    label: 'dispatch to an event his team is not on',
    send: ({ event, spare }, client) =>
      client.post('/v1/teams/dispatch', { event_id: event.id, team_id: spare.id }),
  },
  {
    who: 'supervisor',
    label: 'create a key',
    needs: 'keys:manage',
    send: (_, client) => client.post('/v1/keys', newKey),
  },
  {
    who: 'supervisor',
    label: 'revoke a key',
    needs: 'keys:manage',
    send: ({ keyId }, client) => client.delete(`/v1/keys/${keyId}`),
  },
  {
    who: 'supervisor',
    label: 'acknowledge for a team',
    send: ({ mission }, client) =>
      client.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK' }),
  },
  {
    who: 'viewer',
    label: 'dispatch a team',
    needs: 'teams:dispatch',
    send: ({ event, spare }, client) =>
      client.post('/v1/teams/dispatch', { event_id: event.id, team_id: spare.id }),
  },
  {
    who: 'viewer',
    label: 'fail a mission',
    needs: 'missions:manage',
    send: ({ mission }, client) =>
      client.patch(`/v1/missions/${mission.id}/status`, { status: 'FAILED' }),
  },
];

describeOnEachDatabase('each write needs its permission', (server) => {
  it.each(refusals)('refuses a $who to $label with 403, changing nothing', async (refusal) => {
    const { api } = server();
    const scene = await makeScene(api);
    const historyBefore = (await api.get(`/v1/missions/${scene.mission.id}/history`)).body;

    const response = await expectNothingChanged(api, () =>
      refusal.send(scene, scene.as[refusal.who]),
    );

    expectError(
      response,
      403,
      'forbidden',
      refusal.needs === undefined ? {} : { message: refusal.needs },
    );
    const historyAfter = (await api.get(`/v1/missions/${scene.mission.id}/history`)).body;
    expect(historyAfter).toEqual(historyBefore);
  });

  it('refuses the key listing to every role but admin', async () => {
    const { api } = server();
    const scene = await makeScene(api);

    for (const who of ['dispatcher', 'supervisor', 'operator', 'viewer'] as const) {
      const response = await scene.as[who].get('/v1/keys');
      expectError(response, 403, 'forbidden', { message: 'keys:manage' });
      expect(JSON.stringify(response.body)).not.toContain(scene.keyId);
    }
  });

  it('lets each role do what the refusals above hold back from the others', async () => {
    const { api } = server();
    const scene = await makeScene(api);

    const event = await scene.as.dispatcher.post('/v1/events', newEvent);
    expect(event.status, JSON.stringify(event.body)).toBe(201);
    const team = await scene.as.supervisor.post('/v1/teams', newTeam);
    expect(team.status, JSON.stringify(team.body)).toBe(201);
    const member = await scene.as.supervisor.post('/v1/members', newMember);
    expect(member.status, JSON.stringify(member.body)).toBe(201);
    const dispatched = await scene.as.dispatcher.post('/v1/teams/dispatch', {
      event_id: event.body.id,
      team_id: scene.spare.id,
    });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(201);
    const failed = await scene.as.supervisor.patch(`/v1/missions/${scene.mission.id}/status`, {
      status: 'FAILED',
    });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect((await scene.as.viewer.get('/v1/missions')).status).toBe(200);
  });
});
