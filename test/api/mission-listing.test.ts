import { expect, it } from 'vitest';

import type { ApiClient } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import {
  actingMember,
  dispatch,
  dispatchedMission,
  fieldTeam,
  makeEvent,
  makeTeam,
} from '../support/factories.js';
import {
  expectError,
  expectStatus,
  freshOrganization,
  listedIds,
  setStatus,
} from '../support/rules-helpers.js';

/** Four missions of one organization, in four different states, oldest first. */
async function missionsInFourStates(api: ApiClient) {
  const created = await dispatchedMission(api);
  const acked = await dispatchedMission(api);
  const onSite = await dispatchedMission(api);
  const completed = await dispatchedMission(api);
  expectStatus(await setStatus(acked.operator, acked.mission.id, { status: 'ACK' }), 200);
  expectStatus(await setStatus(onSite.operator, onSite.mission.id, { status: 'ON_SITE' }), 200);
  const done = await setStatus(completed.operator, completed.mission.id, { status: 'COMPLETED' });
  expectStatus(done, 200);
  return {
    created: created.mission.id,
    acked: acked.mission.id,
    onSite: onSite.mission.id,
    completed: completed.mission.id,
  };
}

describeOnEachDatabase('listing missions', (server) => {
  it('filters by a single status', async () => {
    const api = await freshOrganization(server());
    const ids = await missionsInFourStates(api);

    expect(await listedIds(api, '?status=ACK')).toEqual([ids.acked]);
    expect(await listedIds(api, '?status=COMPLETED')).toEqual([ids.completed]);
    expect(await listedIds(api, '?status=FAILED')).toEqual([]);
  });

  it('filters by a comma-separated list of statuses', async () => {
    const api = await freshOrganization(server());
    const ids = await missionsInFourStates(api);

    const listed = await listedIds(api, '?status=CREATED,ON_SITE,COMPLETED');

    expect(listed).toEqual([ids.completed, ids.onSite, ids.created]);
  });

  it('refuses a status that is not a mission status with 400', async () => {
    const { api } = server();

    for (const status of ['DONE', 'ack', 'ACK,', 'ACK,,ON_SITE']) {
      const refused = await api.get(`/v1/missions?status=${encodeURIComponent(status)}`);
      expectError(refused, 400, 'validation_failed');
    }
  });

  it('filters by team_id', async () => {
    const api = await freshOrganization(server());
    const team = await makeTeam(api);
    const first = await dispatchedMission(api);
    const mine = await dispatch(api, { event_id: first.event.id, team_id: team.id });
    await dispatchedMission(api);

    expect(await listedIds(api, `?team_id=${team.id}`)).toEqual([mine.id]);
    expect(await listedIds(api, `?team_id=${first.team.id}`)).toEqual([first.mission.id]);
  });

  it('filters by event_id', async () => {
    const api = await freshOrganization(server());
    const first = await dispatchedMission(api);
    const backup = await dispatch(api, {
      event_id: first.event.id,
      team_id: (await makeTeam(api)).id,
      backup_of: first.mission.id,
    });
    await dispatchedMission(api);

    expect(await listedIds(api, `?event_id=${first.event.id}`)).toEqual([
      backup.id,
      first.mission.id,
    ]);
  });

  it('lists the members at dispatch time in member_ids and filters by member_id', async () => {
    const api = await freshOrganization(server());
    const crew = await fieldTeam(api);
    const { member: second } = await actingMember(api, 'operator', crew.team.id);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
    const { member: late } = await actingMember(api, 'operator', crew.team.id);
    await dispatchedMission(api);

    expect([...mission.member_ids].sort()).toEqual([crew.operatorMember.id, second.id].sort());
    expect(await listedIds(api, `?member_id=${second.id}`)).toEqual([mission.id]);
    expect(await listedIds(api, `?member_id=${crew.operatorMember.id}`)).toEqual([mission.id]);
    expect(await listedIds(api, `?member_id=${late.id}`)).toEqual([]);
  });

  it('keeps a member on the missions he was sent on after he changes team', async () => {
    const api = await freshOrganization(server());
    const crew = await fieldTeam(api);
    const event = await makeEvent(api);
    const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
    const otherTeam = await makeTeam(api);

    const moved = await api.patch(`/v1/members/${crew.operatorMember.id}`, {
      team_id: otherTeam.id,
    });
    expectStatus(moved, 200);

    expect(await listedIds(api, `?member_id=${crew.operatorMember.id}`)).toEqual([mission.id]);
    const listed = await api.get(`/v1/missions?event_id=${event.id}`);
    expect(listed.body.data[0].member_ids).toEqual([crew.operatorMember.id]);
  });

  it('walks every mission exactly once, newest first, with limit and cursor', async () => {
    const api = await freshOrganization(server());
    const created: string[] = [];
    for (let i = 0; i < 7; i += 1) created.push((await dispatchedMission(api)).mission.id);

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=3' : `?limit=3&cursor=${cursor}`;
      const page = await api.get(`/v1/missions${query}`);
      expectStatus(page, 200);
      expect(page.body.count).toBe(page.body.data.length);
      pages.push(page.body.data.map((mission: { id: string }) => mission.id));
      cursor = page.body.next_cursor;
    } while (cursor !== null && pages.length < 10);

    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual([...created].reverse());
  });

  it('answers next_cursor null when the page holds the last mission exactly', async () => {
    const api = await freshOrganization(server());
    for (let i = 0; i < 2; i += 1) await dispatchedMission(api);

    const page = await api.get('/v1/missions?limit=2');

    expectStatus(page, 200);
    expect(page.body).toMatchObject({ count: 2, next_cursor: null });
  });

  it('refuses a cursor the server did not issue with 400', async () => {
    const { api } = server();

    const refused = await api.get('/v1/missions?cursor=not-a-cursor');

    expectError(refused, 400, 'validation_failed');
  });

  it("shows an operator only his team's missions, even when asking for another team", async () => {
    const api = await freshOrganization(server());
    const mine = await dispatchedMission(api);
    const theirs = await dispatchedMission(api);

    const own = await listedIds(mine.operator, '');
    const asked = await listedIds(mine.operator, `?team_id=${theirs.team.id}`);
    const byEvent = await listedIds(mine.operator, `?event_id=${theirs.event.id}`);
    const byMember = await listedIds(mine.operator, `?member_id=${theirs.operatorMember.id}`);

    expect(own).toEqual([mine.mission.id]);
    expect(asked).toEqual([]);
    expect(byEvent).toEqual([]);
    expect(byMember).toEqual([]);
    expect(await listedIds(api, '')).toEqual([theirs.mission.id, mine.mission.id]);
  });
});
