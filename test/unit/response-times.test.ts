import { describe, expect, it } from 'vitest';

import { hourOfDayIn, isTimeZone } from '../../src/domain/hour-of-day.js';
import { nearestRank, summarizeDurations } from '../../src/domain/interval-statistics.js';
import {
  groupResponseTimes,
  orderGroups,
  responseTargets,
  summarizeResponseTimes,
  type MissionTimes,
  type ReportGroup,
} from '../../src/domain/response-times.js';

const S = 1000;

describe('nearestRank', () => {
  it('has no value for no values', () => {
    expect(nearestRank([], 0.5)).toBeNull();
    expect(nearestRank([], 0.9)).toBeNull();
  });

  it('gives the only value for every fraction', () => {
    expect(nearestRank([7], 0.5)).toBe(7);
    expect(nearestRank([7], 0.9)).toBe(7);
  });

  it('takes the middle value of an odd count as the median', () => {
    // ceil(0.5 × 5) = 3
    expect(nearestRank([1, 2, 3, 4, 5], 0.5)).toBe(3);
  });

  it('takes the lower middle value of an even count as the median, not an average', () => {
    // ceil(0.5 × 4) = 2
    expect(nearestRank([10, 20, 30, 40], 0.5)).toBe(20);
  });

  it('takes rank ceil(0.9 × n) as the 90th percentile', () => {
    const tens = Array.from({ length: 10 }, (_, i) => (i + 1) * 10);
    const elevens = Array.from({ length: 11 }, (_, i) => i + 1);
    const twenties = Array.from({ length: 20 }, (_, i) => i + 1);

    // 0.9 × 10 = 9: rank 9, not 10.
    expect(nearestRank(tens, 0.9)).toBe(90);
    // 0.9 × 11 = 9.9: rank 10.
    expect(nearestRank(elevens, 0.9)).toBe(10);
    // 0.9 × 20 = 18.
    expect(nearestRank(twenties, 0.9)).toBe(18);
    // 0.9 × 30 = 27 (27.000000000000004 in floating point).
    expect(
      nearestRank(
        Array.from({ length: 30 }, (_, i) => i + 1),
        0.9,
      ),
    ).toBe(27);
    // 0.9 × 4 = 3.6: rank 4, the largest.
    expect(nearestRank([1, 2, 3, 4], 0.9)).toBe(4);
  });
});

describe('summarizeDurations', () => {
  it('gives a count of 0 and nothing else for no durations, target or not', () => {
    const none = { count: 0, mean: null, median: null, p90: null, within_target: null };
    expect(summarizeDurations([], 80 * S)).toEqual(none);
    expect(summarizeDurations([], null)).toEqual(none);
  });

  it('gives one duration as mean, median and p90', () => {
    expect(summarizeDurations([75 * S], 80 * S)).toEqual({
      count: 1,
      mean: 75,
      median: 75,
      p90: 75,
      within_target: 1,
    });
  });

  it('sorts durations numerically whatever order they come in', () => {
    // As text, 100000 would sort before 20000.
    const summary = summarizeDurations([100 * S, 20 * S, 3 * S, 40 * S, 9 * S], null);

    expect(summary).toEqual({
      count: 5,
      mean: 34.4,
      median: 20,
      p90: 100,
      within_target: null,
    });
  });

  it('rounds the mean to 0.1 s and keeps percentiles to the millisecond', () => {
    // mean 3_333.666… ms → 3.3 s; median ceil(1.5) = 2nd = 1.001 s.
    const summary = summarizeDurations([1 * S, 1_001, 8 * S], null);

    expect(summary.mean).toBe(3.3);
    expect(summary.median).toBe(1.001);
    expect(summary.p90).toBe(8);
  });

  it('counts a duration equal to the target as within it, one ms over as not', () => {
    const summary = summarizeDurations([80 * S, 80 * S + 1, 79 * S, 200 * S], 80 * S);

    expect(summary.within_target).toBe(0.5);
  });

  it('rounds the share within target to 4 decimals', () => {
    expect(summarizeDurations([1 * S, 2 * S, 3 * S], 2 * S).within_target).toBe(0.6667);
    expect(summarizeDurations([1 * S, 2 * S, 3 * S], 0).within_target).toBe(0);
  });
});

const t = (iso: string) => Date.parse(iso);

function mission(
  dispatched: string,
  offsetsS: { route?: number; site?: number; done?: number },
): MissionTimes {
  const at = t(dispatched);
  const after = (seconds: number | undefined) => (seconds === undefined ? null : at + seconds * S);
  return {
    dispatchedAt: at,
    onRouteAt: after(offsetsS.route),
    onSiteAt: after(offsetsS.site),
    completedAt: after(offsetsS.done),
  };
}

describe('summarizeResponseTimes', () => {
  const targets = responseTargets({});

  it('measures each interval between its own two times', () => {
    const figures = summarizeResponseTimes(
      [mission('2017-01-01T10:00:00Z', { route: 60, site: 360, done: 1560 })],
      (row) => row,
      targets,
    );

    expect(figures.turnout).toMatchObject({ count: 1, median: 60, within_target: 1 });
    expect(figures.travel).toMatchObject({ count: 1, median: 300, within_target: 0 });
    expect(figures.response).toMatchObject({ count: 1, median: 360, within_target: 0 });
    expect(figures.on_scene).toMatchObject({ count: 1, median: 1200, within_target: null });
  });

  it('leaves a mission out of each interval it lacks an end of, and only of those', () => {
    const figures = summarizeResponseTimes(
      [
        // Straight from dispatch to on site: no turnout, no travel.
        mission('2017-01-01T10:00:00Z', { site: 300 }),
        // Failed on the way: turnout only.
        mission('2017-01-01T11:00:00Z', { route: 90 }),
        // Just dispatched: nothing.
        mission('2017-01-01T12:00:00Z', {}),
      ],
      (row) => row,
      targets,
    );

    expect(figures.turnout).toMatchObject({ count: 1, median: 90 });
    expect(figures.travel.count).toBe(0);
    expect(figures.response).toMatchObject({ count: 1, median: 300 });
    expect(figures.on_scene.count).toBe(0);
  });

  it('gives all counts 0 for no missions', () => {
    const figures = summarizeResponseTimes([], (row: MissionTimes) => row, targets);

    for (const summary of Object.values(figures)) expect(summary.count).toBe(0);
  });
});

describe('responseTargets', () => {
  it('defaults to 80 s turnout, 240 s travel, their sum as response and no on-scene target', () => {
    expect(responseTargets({})).toEqual({
      turnout: 80,
      travel: 240,
      response: 320,
      on_scene: null,
    });
  });

  it('follows changed turnout and travel targets in the response target unless it is given', () => {
    expect(responseTargets({ turnout: 60, travel: 300 }).response).toBe(360);
    expect(responseTargets({ turnout: 60, travel: 300, response: 480 }).response).toBe(480);
    expect(responseTargets({ on_scene: 0 }).on_scene).toBe(0);
  });
});

describe('groupResponseTimes and orderGroups', () => {
  it('makes one group per key, each with its own figures', () => {
    const rows = [
      { key: 'fire', times: mission('2017-01-01T10:00:00Z', { route: 30 }) },
      { key: 'healthcare', times: mission('2017-01-01T10:00:00Z', { route: 100 }) },
      { key: 'fire', times: mission('2017-01-01T10:00:00Z', { route: 50 }) },
      { key: 'security', times: mission('2017-01-01T10:00:00Z', {}) },
    ];

    const groups = groupResponseTimes(
      rows,
      (row) => row.key,
      (row) => row.times,
      responseTargets({}),
    );

    expect(groups.map((group) => [group.key, group.figures.turnout.count])).toEqual([
      ['fire', 2],
      ['healthcare', 1],
      ['security', 0],
    ]);
    expect(groups[0]!.figures.turnout).toMatchObject({ mean: 40, median: 30, p90: 50 });
  });

  const order = (grouping: Parameters<typeof orderGroups>[0], groups: ReportGroup[]) =>
    orderGroups(
      grouping,
      groups.map((group) => ({ group })),
    ).map(({ group }) => group);

  it('orders priorities from the most urgent', () => {
    const groups = ['low', 'critical', 'medium', 'high'].map((priority) => ({ priority }));

    expect(order('priority', groups)).toEqual(
      ['critical', 'high', 'medium', 'low'].map((priority) => ({ priority })),
    );
  });

  it('orders hours from 0 to 23 and verticals by name', () => {
    expect(order('hour', [{ hour: 14 }, { hour: 0 }, { hour: 9 }])).toEqual([
      { hour: 0 },
      { hour: 9 },
      { hour: 14 },
    ]);
    expect(order('vertical', [{ vertical: 'security' }, { vertical: 'fire' }])).toEqual([
      { vertical: 'fire' },
      { vertical: 'security' },
    ]);
  });

  it('orders teams by name, then by id when two share a name', () => {
    const groups = [
      { team_id: 'b', team_name: 'Medic 2' },
      { team_id: 'c', team_name: 'Engine 1' },
      { team_id: 'a', team_name: 'Medic 2' },
    ];

    expect(order('team', groups).map((group) => 'team_id' in group && group.team_id)).toEqual([
      'c',
      'a',
      'b',
    ]);
  });
});

describe('hourOfDayIn', () => {
  it('gives the UTC hour by default zone name UTC', () => {
    const hourOf = hourOfDayIn('UTC');

    expect(hourOf(t('2017-01-01T00:00:00Z'))).toBe(0);
    expect(hourOf(t('2017-01-01T23:59:59.999Z'))).toBe(23);
    expect(hourOf(t('1969-12-31T22:30:00Z'))).toBe(22);
  });

  it('gives the local hour, with daylight saving', () => {
    const pacific = hourOfDayIn('America/Los_Angeles');

    // PST, UTC−8, in January; PDT, UTC−7, in July.
    expect(pacific(t('2017-01-01T22:30:00Z'))).toBe(14);
    expect(pacific(t('2017-01-01T08:00:00Z'))).toBe(0);
    expect(pacific(t('2017-07-01T22:30:00Z'))).toBe(15);
  });

  it('gives the local hour of a zone half an hour off UTC', () => {
    const india = hourOfDayIn('Asia/Kolkata');

    expect(india(t('2017-01-01T00:29:00Z'))).toBe(5);
    expect(india(t('2017-01-01T00:30:00Z'))).toBe(6);
  });

  it('knows IANA names and refuses what is not one', () => {
    expect(isTimeZone('Europe/Lisbon')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
