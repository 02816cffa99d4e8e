import { expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatchedMission, fieldTeam, roleClient } from '../support/factories.js';
import {
  expectError,
  expectStatus,
  getMission,
  historyOf,
  listedIds,
  setStatus,
} from '../support/rules-helpers.js';

describeOnEachDatabase('who may see and move a mission', (server) => {
  it("hides a mission from another team's operator: 404 on GET, PATCH and history", async () => {
    const { api } = server();
    const { mission } = await dispatchedMission(api);
    const stranger = await fieldTeam(api);

    const read = await stranger.operator.get(`/v1/missions/${mission.id}`);
    const moved = await setStatus(stranger.operator, mission.id, { status: 'ACK' });
    const ended = await setStatus(stranger.operator, mission.id, { status: 'FAILED' });
    const history = await stranger.operator.get(`/v1/missions/${mission.id}/history`);

    for (const response of [read, moved, ended, history]) expectError(response, 404, 'not_found');
    expect(await getMission(api, mission.id)).toEqual(mission);
  });

  it("leaves another team's mission out of an operator's mission list", async () => {
    const { api } = server();
    const { mission, event } = await dispatchedMission(api);
    const stranger = await fieldTeam(api);
    const own = await api.post('/v1/teams/dispatch', {
      event_id: event.id,
      team_id: stranger.team.id,
    });
    expectStatus(own, 201);

    const listed = await listedIds(stranger.operator, `?event_id=${event.id}`);

    expect(listed).toEqual([own.body.id]);
    expect(await listedIds(stranger.operator, '')).toEqual([own.body.id]);
    expect(await listedIds(api, `?event_id=${event.id}`)).toEqual([own.body.id, mission.id]);
  });

  it.each(['COMPLETED', 'FAILED'])(
    'lets a dispatcher role key end a mission as %s',
    async (status) => {
      const { api } = server();
      const { mission } = await dispatchedMission(api);
      const dispatcher = await roleClient(api, 'dispatcher');

      const ended = await setStatus(dispatcher, mission.id, { status });

      expectStatus(ended, 200);
      expect(ended.body.status).toBe(status);
    },
  );

  it.each(['ACK', 'ON_ROUTE', 'ON_SITE'])(
    'refuses %s from a dispatcher role key with 403',
    async (status) => {
      const { api } = server();
      const { mission } = await dispatchedMission(api);
      const dispatcher = await roleClient(api, 'dispatcher');

      expectError(await setStatus(dispatcher, mission.id, { status }), 403, 'forbidden');
      expect(await getMission(api, mission.id)).toEqual(mission);
    },
  );

  it('lets a supervisor role key complete a mission', async () => {
    const { api } = server();
    const { mission, operator } = await dispatchedMission(api);
    const supervisor = await roleClient(api, 'supervisor');
    expectStatus(await setStatus(operator, mission.id, { status: 'ON_SITE' }), 200);

    const done = await setStatus(supervisor, mission.id, { status: 'COMPLETED' });

    expectStatus(done, 200);
    expect(done.body.status).toBe('COMPLETED');
    expect(done.body.completed_at).not.toBeNull();
  });

  it('lets a supervisor role key fail a mission', async () => {
    const { api } = server();
    const { mission } = await dispatchedMission(api);
    const supervisor = await roleClient(api, 'supervisor');

    const failed = await setStatus(supervisor, mission.id, {
      status: 'FAILED',
      reason: 'road closed',
    });

    expectStatus(failed, 200);
    expect(failed.body).toMatchObject({ status: 'FAILED', failure_reason: 'road closed' });
  });

  it.each(['ACK', 'ON_ROUTE', 'ON_SITE'])(
    'refuses %s from a supervisor role key with 403',
    async (status) => {
      const { api } = server();
      const { mission } = await dispatchedMission(api);
      const supervisor = await roleClient(api, 'supervisor');

      const refused = await setStatus(supervisor, mission.id, { status });

      expectError(refused, 403, 'forbidden');
      expect(await getMission(api, mission.id)).toEqual(mission);
    },
  );

  it('refuses ACK from an admin role key that is not bound to a team with 403', async () => {
    const { api } = server();
    const { mission } = await dispatchedMission(api);
    const admin = await roleClient(api, 'admin');

    const refused = await setStatus(admin, mission.id, { status: 'ACK' });

    expectError(refused, 403, 'forbidden');
    expect(await getMission(api, mission.id)).toEqual(mission);
  });

  it("lets the team's operator carry the mission from ACK to COMPLETED", async () => {
    const { api } = server();
    const { mission, operator, operatorMember } = await dispatchedMission(api);

    for (const status of ['ACK', 'ON_ROUTE', 'ON_SITE', 'COMPLETED']) {
      const moved = await setStatus(operator, mission.id, { status });
      expectStatus(moved, 200);
      expect(moved.body.status).toBe(status);
    }

    const seen = await operator.get(`/v1/missions/${mission.id}`);
    expectStatus(seen, 200);
    expect(seen.body).toMatchObject({ status: 'COMPLETED', sequence: 5 });
    for (const field of ['ack_at', 'on_route_at', 'on_site_at', 'completed_at']) {
      expect(seen.body[field], field).not.toBeNull();
    }
    const history = await historyOf(operator, mission.id);
    expect(history.slice(1).map((entry) => entry.member_id)).toEqual(
      Array(4).fill(operatorMember.id),
    );
  });
});
