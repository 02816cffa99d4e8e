import { randomUUID } from 'node:crypto';

import { beforeAll, expect, it } from 'vitest';

import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import {
  dispatchedMission,
  LISBON,
  makeEvent,
  makeMember,
  makeTeam,
} from '../support/factories.js';
import {
  expectError,
  expectNothingChanged,
  organizationState,
  type OrganizationState,
} from '../support/organization-state.js';

/** What organization A holds, for organization B to reach for. */
interface Holdings {
  mission: any;
  event: any;
  team: any;
  spare: any;
  member: any;
  key: any;
}

interface Reach {
  label: string;
  send: (b: ApiClient, a: Holdings) => Promise<ApiResponse>;
}

const reaches: Reach[] = [
  { label: 'GET a mission', send: (b, a) => b.get(`/v1/missions/${a.mission.id}`) },
  {
    label: "GET a mission's history",
    send: (b, a) => b.get(`/v1/missions/${a.mission.id}/history`),
  },
  {
    label: 'PATCH a mission status to COMPLETED',
    send: (b, a) => b.patch(`/v1/missions/${a.mission.id}/status`, { status: 'COMPLETED' }),
  },
  {
    label: 'PATCH a mission status to FAILED',
    send: (b, a) =>
      b.patch(`/v1/missions/${a.mission.id}/status`, { status: 'FAILED', reason: 'hijacked' }),
  },
  { label: 'GET an event', send: (b, a) => b.get(`/v1/events/${a.event.id}`) },
  {
    label: 'PATCH an event',
    send: (b, a) => b.patch(`/v1/events/${a.event.id}`, { priority: 'low' }),
  },
  {
    label: 'close an event',
    send: (b, a) => b.post(`/v1/events/${a.event.id}/close`, { fail_active_missions: true }),
  },
  { label: 'GET a team', send: (b, a) => b.get(`/v1/teams/${a.team.id}`) },
  {
    label: 'PATCH a team',
    send: (b, a) => b.patch(`/v1/teams/${a.spare.id}`, { status: 'OFF_DUTY' }),
  },
  {
    label: "PUT a team's location",
    send: (b, a) => b.put(`/v1/teams/${a.team.id}/location`, { lat: 41.15, lng: -8.61 }),
  },
  { label: 'GET a member', send: (b, a) => b.get(`/v1/members/${a.member.id}`) },
  {
    label: 'PATCH a member',
    send: (b, a) => b.patch(`/v1/members/${a.member.id}`, { name: 'Renamed' }),
  },
  { label: 'revoke a key', send: (b, a) => b.delete(`/v1/keys/${a.key.id}`) },
];

describeOnEachDatabase('organizations never see or touch each other', (server) => {
  let a: ApiClient;
  let b: ApiClient;

  beforeAll(async () => {
    a = server().api;
    b = await server().createOrganization(`other-${randomUUID().slice(0, 8)}`);
    await makeTeam(b);
    await makeEvent(b);
  });

  async function holdings(): Promise<Holdings & { operator: ApiClient }> {
    const { mission, event, team, operator } = await dispatchedMission(a);
    const spare = await makeTeam(a);
    const member = await makeMember(a, { role: 'dispatcher' });
    const key = (await a.post('/v1/keys', { name: 'a-key', role: 'dispatcher' })).body;
    return { mission, event, team, spare, member, key, operator };
  }

  async function bothStates(): Promise<[OrganizationState, OrganizationState]> {
    return [await organizationState(a), await organizationState(b)];
  }

  it.each(reaches)('answers 404 when B tries to $label of A', async (reach) => {
    const held = await holdings();
    const before = await bothStates();

    const response = await reach.send(b, held);

    expectError(response, 404, 'not_found');
    expect(await bothStates()).toEqual(before);
    const history = await a.get(`/v1/missions/${held.mission.id}/history`);
    expect(history.body.count).toBe(1);
  });

  it("keeps A's key working after B tried to revoke it", async () => {
    const held = await holdings();
    const created = await a.post('/v1/keys', { name: 'a-second', role: 'dispatcher' });

    expectError(await b.delete(`/v1/keys/${created.body.id}`), 404, 'not_found');

    expect((await a.as(created.body.key).get('/v1/missions')).status).toBe(200);
    expect((await a.get(`/v1/missions/${held.mission.id}`)).body.status).toBe('CREATED');
  });

  it("answers the same 404 for A's ids as for ids that exist nowhere", async () => {
    const held = await holdings();
    const nowhere = randomUUID();

    const theirs = await b.get(`/v1/events/${held.event.id}`);
    const missing = await b.get(`/v1/events/${nowhere}`);

    expectError(theirs, 404, 'not_found');
    expectError(missing, 404, 'not_found');
    expect(theirs.body.error.message.replace(held.event.id, 'ID')).toBe(
      missing.body.error.message.replace(nowhere, 'ID'),
    );
  });

  it("refuses B's dispatch to A's event with 404 and creates nothing", async () => {
    const held = await holdings();
    const bTeam = await makeTeam(b);

    const response = await expectNothingChanged(b, () =>
      b.post('/v1/teams/dispatch', { event_id: held.event.id, team_id: bTeam.id }),
    );

    expectError(response, 404, 'not_found', { message: held.event.id });
    expect((await b.get(`/v1/teams/${bTeam.id}`)).body.status).toBe('AVAILABLE');
    expect((await a.get(`/v1/missions?event_id=${held.event.id}`)).body.count).toBe(1);
  });

  it("refuses B's dispatch of A's team with 404 and leaves A's team available", async () => {
    const held = await holdings();
    const bEvent = await makeEvent(b);

    const before = await bothStates();
    const response = await b.post('/v1/teams/dispatch', {
      event_id: bEvent.id,
      team_id: held.spare.id,
    });

    expectError(response, 404, 'not_found', { message: held.spare.id });
    expect(await bothStates()).toEqual(before);
    expect((await a.get(`/v1/teams/${held.spare.id}`)).body.status).toBe('AVAILABLE');
  });

  it("refuses B's backup of A's mission with 404 and creates nothing", async () => {
    const held = await holdings();
    const bEvent = await makeEvent(b);
    const bTeam = await makeTeam(b);

    const before = await bothStates();
    const response = await b.post('/v1/teams/dispatch', {
      event_id: bEvent.id,
      team_id: bTeam.id,
      backup_of: held.mission.id,
    });

    expectError(response, 404, 'not_found', { message: held.mission.id });
    expect(await bothStates()).toEqual(before);
  });

  it("never picks A's team when B dispatches without naming one", async () => {
    const lonely = await b.post('/v1/events', {
      vertical: `only-a-${randomUUID().slice(0, 6)}`,
      ...LISBON,
    });
    expect(lonely.status).toBe(201);
    await makeTeam(a, { verticals: [lonely.body.vertical] });

    const before = await bothStates();
    const response = await b.post('/v1/teams/dispatch', { event_id: lonely.body.id });

    expectError(response, 409, 'no_team_available');
    expect(await bothStates()).toEqual(before);
  });

  it("refuses a member of B on A's team, and a key of B for A's member", async () => {
    const held = await holdings();
    const bMember = await makeMember(b, { role: 'dispatcher' });

    const created = await expectNothingChanged(b, () =>
      b.post('/v1/members', { name: 'Intruder', role: 'operator', team_id: held.team.id }),
    );
    expectError(created, 404, 'not_found', { message: held.team.id });

    const moved = await expectNothingChanged(b, () =>
      b.patch(`/v1/members/${bMember.id}`, { team_id: held.team.id }),
    );
    expectError(moved, 404, 'not_found', { message: held.team.id });

    const key = await expectNothingChanged(b, () =>
      b.post('/v1/keys', { name: 'borrowed', member_id: held.member.id }),
    );
    expectError(key, 404, 'not_found', { message: held.member.id });

    const teamMembers = await a.get(`/v1/members?team_id=${held.team.id}`);
    expect(teamMembers.body.count).toBe(1);
  });

  it("lists none of A's rows in B, even when B filters by A's ids", async () => {
    const held = await holdings();
    const [stateA] = await bothStates();
    const aIds = new Set(
      Object.values(stateA)
        .flat()
        .map((row: any) => row.id),
    );

    const stateB = await organizationState(b);
    for (const rows of Object.values(stateB)) {
      for (const row of rows as any[]) expect(aIds.has(row.id), row.id).toBe(false);
    }
    expect(stateB.teams.length).toBeGreaterThan(0);

    const filtered = [
      `/v1/missions?team_id=${held.team.id}`,
      `/v1/missions?event_id=${held.event.id}`,
      `/v1/missions?member_id=${held.mission.member_ids[0]}`,
      `/v1/members?team_id=${held.team.id}`,
      `/v1/events?external_id=${held.event.external_id ?? 'none'}`,
      `/v1/teams?name=${encodeURIComponent(held.team.name)}`,
    ];
    for (const path of filtered) {
      const response = await b.get(path);
      expect(response.status, path).toBe(200);
      expect(response.body, path).toMatchObject({ data: [], count: 0 });
    }
  });

  it("does not page from B into A's rows with a cursor made from A's id", async () => {
    await holdings();
    const next = (await a.get('/v1/events?limit=1')).body.next_cursor;
    expect(next).toBeTypeOf('string');

    const aIds = new Set((await organizationState(a)).events.map((row: any) => row.id));
    const page = await b.get(`/v1/events?cursor=${next}&limit=500`);

    expect(page.status).toBe(200);
    for (const row of page.body.data) expect(aIds.has(row.id)).toBe(false);
  });

  it('lets each organization use the same team name and external_id', async () => {
    const name = `Ambulance ${randomUUID().slice(0, 6)}`;
    const externalId = `CAD-${randomUUID().slice(0, 8)}`;

    const inA = await a.post('/v1/teams', { name });
    const inB = await b.post('/v1/teams', { name });
    const eventA = await a.post('/v1/events', {
      vertical: 'fire',
      ...LISBON,
      external_id: externalId,
    });
    const eventB = await b.post('/v1/events', {
      vertical: 'fire',
      ...LISBON,
      external_id: externalId,
    });

    expect([inA.status, inB.status]).toEqual([201, 201]);
    expect([eventA.status, eventB.status]).toEqual([201, 201]);
    expect(inA.body.id).not.toBe(inB.body.id);
    const listed = await b.get(`/v1/events?external_id=${externalId}`);
    expect(listed.body.data.map((row: any) => row.id)).toEqual([eventB.body.id]);
  });

  it("lets an operator of A act on his own mission but B's admin not", async () => {
    const held = await holdings();

    expectError(
      await b.patch(`/v1/missions/${held.mission.id}/status`, { status: 'ACK' }),
      404,
      'not_found',
    );
    const ack = await held.operator.patch(`/v1/missions/${held.mission.id}/status`, {
      status: 'ACK',
    });

    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.sequence).toBe(2);
  });
});
