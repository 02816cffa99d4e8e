import { describe, expect, it } from 'vitest';

import type { ApiClient } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import {
  actingMember,
  dispatch,
  fieldTeam,
  makeEvent,
  makeKey,
  makeTeam,
} from '../support/factories.js';
import {
  expectError,
  expectStatus,
  freshOrganization,
  manualClock,
  setStatus,
} from '../support/rules-helpers.js';

const REPORT = '/v1/reports/response-times';
const S = 1000;

// Every mission gets its times from this clock, so the report's figures are known in advance.
const clock = manualClock('2017-01-01T00:00:00.000Z');
// Far beyond any test's span: no escalation changes a mission behind the test's back.
const NEVER_S = 10_000_000;

type Crew = Awaited<ReturnType<typeof fieldTeam>>;

/** When each status came, in seconds after dispatch. */
interface Timeline {
  at: string;
  route?: number;
  site?: number;
  done?: number;
  fail?: number;
}

/**
 * A mission dispatched at `timeline.at`, carried by its crew through the
 * statuses of the timeline, each reported with its `occurred_at` as a
 * device that was offline would.
 */
async function missionWith(
  api: ApiClient,
  crew: Crew,
  timeline: Timeline,
  event: Record<string, unknown> = {},
) {
  clock.set(timeline.at);
  const created = await makeEvent(api, event);
  const mission = await dispatch(api, { event_id: created.id, team_id: crew.team.id });
  const dispatchedMs = Date.parse(mission.dispatched_at);
  expect(dispatchedMs).toBe(Date.parse(timeline.at));

  const steps: [string, number | undefined][] = [
    ['ON_ROUTE', timeline.route],
    ['ON_SITE', timeline.site],
    ['COMPLETED', timeline.done],
    ['FAILED', timeline.fail],
  ];
  const reported = steps.filter((step): step is [string, number] => step[1] !== undefined);
  const lastS = Math.max(0, ...reported.map(([, seconds]) => seconds));
  clock.set(new Date(dispatchedMs + lastS * S + 60 * S));
  for (const [status, seconds] of reported) {
    const occurred_at = new Date(dispatchedMs + seconds * S).toISOString();
    expectStatus(await setStatus(crew.operator, mission.id, { status, occurred_at }), 200);
  }
  return mission;
}

/** The same mission timeline, on a crew of its own. */
async function crewMission(api: ApiClient, timeline: Timeline, event = {}, team = {}) {
  return missionWith(api, await fieldTeam(api, team), timeline, event);
}

async function report(api: ApiClient, query = '') {
  const response = await api.get(REPORT + query);
  expectStatus(response, 200);
  return response.body.data as any[];
}

function figures(
  count: number,
  mean: number | null = null,
  median: number | null = null,
  p90: number | null = null,
  within_target: number | null = null,
) {
  return { count, mean, median, p90, within_target };
}

const NOTHING = {
  turnout: figures(0),
  travel: figures(0),
  response: figures(0),
  on_scene: figures(0),
};

/**
 * Seven missions on 1 January 2017 whose intervals (seconds) are:
 * turnout 30, 60, 80, 81, 120; travel 200, 240, 241, 320;
 * response 200, 230, 300, 361, 400; on scene 500, 600, 1000, 1800.
 */
async function sevenMissions(api: ApiClient) {
  await crewMission(api, { at: '2017-01-01T10:00:00Z', route: 30, site: 230, done: 1230 });
  await crewMission(api, { at: '2017-01-01T10:05:00Z', route: 60, site: 300, done: 900 });
  await crewMission(api, { at: '2017-01-01T10:10:00Z', route: 80, site: 400, fail: 500 });
  // Turned back on the way: a turnout, and nothing else.
  await crewMission(api, { at: '2017-01-01T10:15:00Z', route: 81, fail: 200 });
  await crewMission(api, { at: '2017-01-01T10:20:00Z', route: 120, site: 361, done: 2161 });
  // Still waiting for its crew: counted in no interval.
  await crewMission(api, { at: '2017-01-01T10:25:00Z' });
  // Went straight to ON_SITE: a response and an on-scene time, no turnout nor travel.
  await crewMission(api, { at: '2017-01-01T10:30:00Z', site: 200, done: 700 });
}

describeOnEachDatabase(
  'the response-time report',
  (server) => {
    describe('figures', () => {
      it('gives count, mean, nearest-rank median and p90, and share within target', async () => {
        const api = await freshOrganization(server());
        await sevenMissions(api);

        expect(await report(api)).toEqual([
          {
            group: {},
            turnout: figures(5, 74.2, 80, 120, 0.6),
            travel: figures(4, 250.3, 240, 320, 0.5),
            response: figures(5, 298.2, 300, 400, 0.6),
            on_scene: figures(4, 975, 600, 1800, null),
          },
        ]);
      });

      it('uses the targets it is given, and response defaults to turnout plus travel', async () => {
        const api = await freshOrganization(server());
        await sevenMissions(api);

        const [given] = await report(
          api,
          '?turnout_target=60&travel_target=241&on_scene_target=600',
        );
        expect(given.turnout.within_target).toBe(0.4);
        expect(given.travel.within_target).toBe(0.75);
        // 60 + 241 = 301: 200, 230 and 300 of five.
        expect(given.response.within_target).toBe(0.6);
        expect(given.on_scene.within_target).toBe(0.5);

        const [response] = await report(api, '?response_target=230&on_scene_target=0');
        expect(response.response.within_target).toBe(0.4);
        expect(response.on_scene.within_target).toBe(0);
        expect(response.turnout.within_target).toBe(0.6);
      });

      it('gives one group of zero counts when no mission matches', async () => {
        const api = await freshOrganization(server());

        expect(await report(api)).toEqual([{ group: {}, ...NOTHING }]);
      });

      it('keeps the milliseconds of the times in its percentiles', async () => {
        const api = await freshOrganization(server());
        await crewMission(api, { at: '2017-01-01T10:00:00.250Z', route: 45.5, site: 245.125 });

        const [all] = await report(api);

        expect(all.turnout).toEqual(figures(1, 45.5, 45.5, 45.5, 1));
        expect(all.travel).toEqual(figures(1, 199.6, 199.625, 199.625, 1));
        expect(all.response).toEqual(figures(1, 245.1, 245.125, 245.125, 1));
      });
    });

    describe('grouping', () => {
      it('by vertical, verticals in order of name', async () => {
        const api = await freshOrganization(server());
        const fire = { vertical: 'fire' };
        const teamOfFire = { verticals: ['fire'] };
        await crewMission(api, { at: '2017-01-02T10:00:00Z', route: 50, site: 250 });
        await crewMission(api, { at: '2017-01-02T10:01:00Z', route: 90 }, fire, teamOfFire);
        await crewMission(api, { at: '2017-01-02T10:02:00Z', route: 70 }, fire, teamOfFire);

        const groups = await report(api, '?group_by=vertical');

        expect(groups.map((row) => row.group)).toEqual([
          { vertical: 'fire' },
          { vertical: 'healthcare' },
        ]);
        expect(groups[0].turnout).toEqual(figures(2, 80, 70, 90, 0.5));
        expect(groups[0].response).toEqual(figures(0));
        expect(groups[1].turnout).toEqual(figures(1, 50, 50, 50, 1));
        expect(groups[1].travel).toEqual(figures(1, 200, 200, 200, 1));
      });

      it('by team, with its name, teams in order of name', async () => {
        const api = await freshOrganization(server());
        const medic = await fieldTeam(api, { name: 'Medic 2' });
        const engine = await fieldTeam(api, { name: 'Engine 1' });
        await missionWith(api, medic, { at: '2017-01-02T10:00:00Z', route: 40, done: 100 });
        await missionWith(api, medic, { at: '2017-01-02T11:00:00Z', route: 100, fail: 200 });
        await missionWith(api, engine, { at: '2017-01-02T12:00:00Z', route: 10 });

        const groups = await report(api, '?group_by=team');

        expect(groups).toEqual([
          {
            group: { team_id: engine.team.id, team_name: 'Engine 1' },
            ...NOTHING,
            turnout: figures(1, 10, 10, 10, 1),
          },
          {
            group: { team_id: medic.team.id, team_name: 'Medic 2' },
            ...NOTHING,
            turnout: figures(2, 70, 40, 100, 0.5),
          },
        ]);
      });

      it('by priority, from the most urgent', async () => {
        const api = await freshOrganization(server());
        for (const [minute, priority, route] of [
          [0, 'low', 300],
          [1, 'critical', 20],
          [2, 'high', 60],
          [3, 'critical', 40],
        ] as const) {
          const at = `2017-01-02T10:0${minute}:00Z`;
          await crewMission(api, { at, route }, { priority });
        }

        const groups = await report(api, '?group_by=priority');

        expect(groups.map((row) => [row.group, row.turnout])).toEqual([
          [{ priority: 'critical' }, figures(2, 30, 20, 40, 1)],
          [{ priority: 'high' }, figures(1, 60, 60, 60, 1)],
          [{ priority: 'low' }, figures(1, 300, 300, 300, 0)],
        ]);
      });

      it('by hour of dispatch, in UTC or in the time zone asked for', async () => {
        const api = await freshOrganization(server());
        await crewMission(api, { at: '2017-01-01T22:30:00Z', route: 10 });
        await crewMission(api, { at: '2017-01-02T06:10:00Z', route: 20 });
        await crewMission(api, { at: '2017-01-01T06:50:00Z', route: 30 });

        const utc = await report(api, '?group_by=hour');
        const pacific = await report(api, '?group_by=hour&timezone=America/Los_Angeles');

        expect(utc.map((row) => [row.group, row.turnout.count, row.turnout.median])).toEqual([
          [{ hour: 6 }, 2, 20],
          [{ hour: 22 }, 1, 10],
        ]);
        // Pacific Standard Time is UTC−8 in January.
        expect(pacific.map((row) => [row.group, row.turnout.count, row.turnout.median])).toEqual([
          [{ hour: 14 }, 1, 10],
          [{ hour: 22 }, 2, 20],
        ]);
      });

      it('gives no group at all when no mission matches', async () => {
        const api = await freshOrganization(server());

        for (const grouping of ['vertical', 'team', 'priority', 'hour']) {
          expect(await report(api, `?group_by=${grouping}`)).toEqual([]);
        }
      });
    });

    describe('filters', () => {
      it('counts missions dispatched from `from` on and before `to`', async () => {
        const api = await freshOrganization(server());
        await crewMission(api, { at: '2017-01-03T07:59:59.999Z', route: 1 });
        await crewMission(api, { at: '2017-01-03T08:00:00.000Z', route: 2 });
        await crewMission(api, { at: '2017-01-03T09:59:59.999Z', route: 3 });
        await crewMission(api, { at: '2017-01-03T10:00:00.000Z', route: 4 });

        const window = async (query: string) => {
          const [all] = await report(api, query);
          return [all.turnout.count, all.turnout.median, all.turnout.p90];
        };

        expect(await window('?from=2017-01-03T08:00:00Z&to=2017-01-03T10:00:00Z')).toEqual([
          2, 2, 3,
        ]);
        // The same instants written in Pacific time.
        const from = encodeURIComponent('2017-01-03T00:00:00-08:00');
        const to = encodeURIComponent('2017-01-03T02:00:00.000-08:00');
        expect(await window(`?from=${from}&to=${to}`)).toEqual([2, 2, 3]);
        expect(await window('?from=2017-01-03T08:00:00Z')).toEqual([3, 3, 4]);
        expect(await window('?to=2017-01-03T08:00:00Z')).toEqual([1, 1, 1]);
        expect(await window('')).toEqual([4, 2, 4]);
      });

      it('filters by vertical, team and priority', async () => {
        const api = await freshOrganization(server());
        const crew = await fieldTeam(api, { verticals: ['fire', 'healthcare'] });
        await missionWith(api, crew, { at: '2017-01-04T10:00:00Z', route: 10, done: 20 });
        await missionWith(
          api,
          crew,
          { at: '2017-01-04T11:00:00Z', route: 20, done: 30 },
          { vertical: 'fire', priority: 'critical' },
        );
        await crewMission(api, { at: '2017-01-04T12:00:00Z', route: 30 }, { priority: 'low' });

        const turnouts = async (query: string) =>
          (await report(api, query)).map((row) => [row.turnout.count, row.turnout.mean]);

        expect(await turnouts('?vertical=fire')).toEqual([[1, 20]]);
        expect(await turnouts('?vertical=healthcare')).toEqual([[2, 20]]);
        expect(await turnouts(`?team_id=${crew.team.id}`)).toEqual([[2, 15]]);
        expect(await turnouts('?priority=low')).toEqual([[1, 30]]);
        expect(await turnouts(`?priority=high&team_id=${crew.team.id}`)).toEqual([[1, 10]]);
        expect(await turnouts('?priority=medium')).toEqual([[0, null]]);
        expect(await turnouts(`?team_id=${crew.team.id}&group_by=vertical`)).toEqual([
          [1, 20],
          [1, 10],
        ]);
      });

      it("finds nothing with another organization's team, as the mission list does", async () => {
        const api = await freshOrganization(server());
        const other = await freshOrganization(server());
        const theirs = await fieldTeam(other);
        await missionWith(other, theirs, { at: '2017-01-04T10:00:00Z', route: 10 });
        await crewMission(api, { at: '2017-01-04T10:00:00Z', route: 10 });

        expect(await report(api, `?team_id=${theirs.team.id}`)).toEqual([
          { group: {}, ...NOTHING },
        ]);
        expect(await report(api, `?team_id=${theirs.team.id}&group_by=team`)).toEqual([]);
        expect((await api.get(`/v1/missions?team_id=${theirs.team.id}`)).body.data).toEqual([]);
        // Their own report sees their mission only.
        expect((await report(other))[0].turnout.count).toBe(1);
      });
    });

    describe('bad input', () => {
      const BAD: [string, string][] = [
        ['an unknown group_by', 'group_by=station'],
        ['a from that is not a time', 'from=yesterday'],
        ['a from without a time of day', 'from=2017-01-01'],
        ['a from without an offset', 'from=2017-01-01T10:00:00'],
        ['a to on a day that does not exist', 'to=2017-02-30T10:00:00Z'],
        ['a leap second', 'from=2016-12-31T23:59:60Z'],
        ['a from after to', 'from=2017-01-02T00:00:00Z&to=2017-01-01T00:00:00Z'],
        ['a from equal to to', 'from=2017-01-02T00:00:00Z&to=2017-01-02T00:00:00Z'],
        ['an unknown parameter', 'since=2017-01-01T00:00:00Z'],
        ['an unknown priority', 'priority=urgent'],
        ['a team_id that is not a UUID', 'team_id=engine-1'],
        ['a vertical in capitals', 'vertical=Fire'],
        ['a target that is not a number', 'turnout_target=fast'],
        ['a negative target', 'travel_target=-1'],
        ['a fractional target', 'response_target=80.5'],
        ['a target over a week', 'on_scene_target=604801'],
        ['a target that is a space', 'turnout_target=%20'],
        ['a target in hexadecimal', 'turnout_target=0x10'],
        ['a target with an exponent', 'travel_target=1e3'],
        ['a to past the year 9999 in UTC', 'to=9999-12-31T23:59:59-01:00'],
        ['a from past the year 9999 in UTC', 'from=9999-12-31T23:59:59-01:00'],
        ['a from before 1970', 'from=1969-12-31T23:59:59Z'],
        ['an unknown time zone', 'group_by=hour&timezone=Mars/Olympus_Mons'],
        ['an empty time zone', 'group_by=hour&timezone='],
      ];

      it.each(BAD)('refuses %s with 400', async (_, query) => {
        const { api } = server();

        const refused = await api.get(`${REPORT}?${query}`);

        expectError(refused, 400, 'validation_failed');
        expect(refused.body.error.message).not.toBe('');
      });

      it('names the field it refuses', async () => {
        const { api } = server();

        const range = await api.get(`${REPORT}?from=2017-01-02T00:00:00Z&to=2017-01-01T00:00:00Z`);
        const zone = await api.get(`${REPORT}?timezone=Nowhere/Special`);
        const grouping = await api.get(`${REPORT}?group_by=station`);

        expect(range.body.error.details.field).toBe('to');
        expect(zone.body.error.details.field).toBe('timezone');
        expect(grouping.body.error.details.field).toBe('group_by');
        expect(grouping.body.error.message).toContain('vertical, team, priority, hour');
      });
    });

    describe('who may read it', () => {
      it("shows a field operator his own team's missions only", async () => {
        const api = await freshOrganization(server());
        const mine = await fieldTeam(api);
        const theirs = await fieldTeam(api);
        await missionWith(api, mine, { at: '2017-01-05T10:00:00Z', route: 10 });
        await missionWith(api, theirs, { at: '2017-01-05T10:00:00Z', route: 50 });

        const own = await report(mine.operator, '?group_by=team');
        const asked = await report(mine.operator, `?team_id=${theirs.team.id}`);

        expect(own.map((row) => [row.group.team_id, row.turnout.count])).toEqual([
          [mine.team.id, 1],
        ]);
        expect(asked).toEqual([{ group: {}, ...NOTHING }]);
        expect((await report(mine.operator, `?team_id=${mine.team.id}`))[0].turnout.mean).toBe(10);
      });

      it('shows dispatchers and supervisors the whole organization', async () => {
        const api = await freshOrganization(server());
        await crewMission(api, { at: '2017-01-05T10:00:00Z', route: 10 });
        await crewMission(api, { at: '2017-01-05T10:00:00Z', route: 50 });

        for (const role of ['dispatcher', 'supervisor'] as const) {
          const { client } = await actingMember(api, role);
          expect((await report(client))[0].turnout).toEqual(figures(2, 30, 10, 50, 1));
        }
      });

      it('refuses a key without missions:view with 403, and no key with 401', async () => {
        const api = await freshOrganization(server());
        const teamsOnly = api.as(await makeKey(api, { permissions: ['teams:view'] }));

        expectError(await teamsOnly.get(REPORT), 403, 'forbidden');
        expectError(await api.get(REPORT, { key: null }), 401, 'unauthorized');
        expectError(
          await api.get(REPORT, { key: 'wede_not_a_real_key_0000000000' }),
          401,
          'unauthorized',
        );
      });

      it('refuses a key without missions:view before looking at its query', async () => {
        const api = await freshOrganization(server());
        const teamsOnly = api.as(await makeKey(api, { permissions: ['teams:view'] }));

        expectError(await teamsOnly.get(`${REPORT}?group_by=station`), 403, 'forbidden');
      });
    });

    it('names each team as it is named now', async () => {
      const api = await freshOrganization(server());
      const team = await makeTeam(api, { name: 'Medic 9' });
      const { client } = await actingMember(api, 'operator', team.id);
      await missionWith(api, { team, operator: client } as Crew, {
        at: '2017-01-06T10:00:00Z',
        route: 10,
      });
      expectStatus(await api.patch(`/v1/teams/${team.id}`, { name: 'Medic 9B' }), 200);

      const [group] = await report(api, '?group_by=team');

      expect(group.group).toEqual({ team_id: team.id, team_name: 'Medic 9B' });
    });
  },
  {
    now: clock.now,
    delivery: {
      escalationSeconds: { critical: NEVER_S, high: NEVER_S, medium: NEVER_S, low: NEVER_S },
      undeliveredSeconds: { critical: NEVER_S, high: NEVER_S, medium: NEVER_S, low: NEVER_S },
    },
  },
);
