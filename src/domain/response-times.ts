import { summarizeDurations, type IntervalSummary } from './interval-statistics.js';
import { PRIORITIES } from './vocabulary.js';

/**
 * The intervals a response is judged by, each between two of a mission's times:
 * turnout (dispatched → on route), travel (on route → on site), response
 * (dispatched → on site) and on scene (on site → completed).
 */
export const RESPONSE_INTERVALS = ['turnout', 'travel', 'response', 'on_scene'] as const;

export type ResponseInterval = (typeof RESPONSE_INTERVALS)[number];

/** One mission's times in epoch ms; null where the mission never got there (or was skipped). */
export interface MissionTimes {
  dispatchedAt: number;
  onRouteAt: number | null;
  onSiteAt: number | null;
  completedAt: number | null;
}

const INTERVAL_ENDS: Record<ResponseInterval, readonly [keyof MissionTimes, keyof MissionTimes]> = {
  turnout: ['dispatchedAt', 'onRouteAt'],
  travel: ['onRouteAt', 'onSiteAt'],
  response: ['dispatchedAt', 'onSiteAt'],
  on_scene: ['onSiteAt', 'completedAt'],
};

/** The target of each interval in seconds; null where none is set. */
export type ResponseTargets = Record<ResponseInterval, number | null>;

/** NFPA 1710's turnout and travel times for a first engine, in seconds. */
export const DEFAULT_TURNOUT_TARGET_S = 80;
export const DEFAULT_TRAVEL_TARGET_S = 240;

/**
 * The targets a report uses: turnout 80 s and travel 240 s unless given,
 * response their sum unless given, and on scene none unless given.
 */
export function responseTargets(given: Partial<Record<ResponseInterval, number>>): ResponseTargets {
  const turnout = given.turnout ?? DEFAULT_TURNOUT_TARGET_S;
  const travel = given.travel ?? DEFAULT_TRAVEL_TARGET_S;
  const response = given.response ?? turnout + travel;
  return { turnout, travel, response, on_scene: given.on_scene ?? null };
}

export type ResponseFigures = Record<ResponseInterval, IntervalSummary>;

/** The durations of one group's missions, per interval, in ms. */
class GroupDurations {
  readonly durationsMs: Record<ResponseInterval, number[]> = {
    turnout: [],
    travel: [],
    response: [],
    on_scene: [],
  };

  add(times: MissionTimes): void {
    for (const interval of RESPONSE_INTERVALS) {
      const [start, end] = INTERVAL_ENDS[interval];
      const startMs = times[start];
      const endMs = times[end];
      // A mission without both ends of an interval is left out of that interval only.
      if (startMs !== null && endMs !== null) this.durationsMs[interval].push(endMs - startMs);
    }
  }

  summarize(targets: ResponseTargets): ResponseFigures {
    const figures = {} as ResponseFigures;
    for (const interval of RESPONSE_INTERVALS) {
      const target = targets[interval];
      figures[interval] = summarizeDurations(
        this.durationsMs[interval],
        target === null ? null : target * 1000,
      );
    }
    return figures;
  }
}

/** The figures of missions taken as one group: all counts 0 when there are none. */
export function summarizeResponseTimes<Row>(
  rows: Iterable<Row>,
  timesOf: (row: Row) => MissionTimes,
  targets: ResponseTargets,
): ResponseFigures {
  const group = new GroupDurations();
  for (const row of rows) group.add(timesOf(row));
  return group.summarize(targets);
}

/**
 * The figures of missions grouped by `keyOf`, in the order each key was
 * first seen. A group exists once one of its missions is seen, even if none
 * of its intervals could be measured.
 *
 * @example
 * const byVertical = groupResponseTimes(rows, (row) => row.vertical, (row) => row.times, targets);
 */
export function groupResponseTimes<Row, Key>(
  rows: Iterable<Row>,
  keyOf: (row: Row) => Key,
  timesOf: (row: Row) => MissionTimes,
  targets: ResponseTargets,
): { key: Key; figures: ResponseFigures }[] {
  const groups = new Map<Key, GroupDurations>();
  for (const row of rows) {
    const key = keyOf(row);
    let group = groups.get(key);
    if (group === undefined) {
      group = new GroupDurations();
      groups.set(key, group);
    }
    group.add(timesOf(row));
  }

  return [...groups].map(([key, group]) => ({ key, figures: group.summarize(targets) }));
}

/** What a report can be grouped by; without one, every mission is in one group. */
export const REPORT_GROUPINGS = ['vertical', 'team', 'priority', 'hour'] as const;

export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** The identity of a group as a report shows it. */
export type ReportGroup =
  | Record<string, never>
  | { vertical: string }
  | { team_id: string; team_name: string }
  | { priority: string }
  | { hour: number };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function priorityRank(priority: string): number {
  const index = (PRIORITIES as readonly string[]).indexOf(priority);
  return index === -1 ? -1 : index;
}

// Text is compared by UTF-16 code units, not by locale, so the order never
// depends on the server's language settings.
const GROUP_ORDER: Record<ReportGrouping, (a: ReportGroup, b: ReportGroup) => number> = {
  vertical: (a, b) => byText(field(a, 'vertical'), field(b, 'vertical')),
  team: (a, b) =>
    byText(field(a, 'team_name'), field(b, 'team_name')) ||
    byText(field(a, 'team_id'), field(b, 'team_id')),
  priority: (a, b) =>
    priorityRank(field(b, 'priority')) - priorityRank(field(a, 'priority')) ||
    byText(field(a, 'priority'), field(b, 'priority')),
  hour: (a, b) => Number(field(a, 'hour')) - Number(field(b, 'hour')),
};

function field(group: ReportGroup, name: string): string {
  return String((group as Record<string, unknown>)[name] ?? '');
}

/**
 * Groups in a report's order: verticals by name; teams by name, then id;
 * priorities from the most urgent (critical, high, medium, low); hours 0 to 23.
 */
export function orderGroups<T extends { group: ReportGroup }>(
  grouping: ReportGrouping,
  groups: readonly T[],
): T[] {
  const compare = GROUP_ORDER[grouping];
  return [...groups].sort((a, b) => compare(a.group, b.group));
}
