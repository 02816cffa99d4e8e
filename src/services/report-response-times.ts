import { UNREADABLE_TIME } from '../domain/kept-time.js';
import { setImmediate as nextTurn } from 'node:timers/promises';

import { hourOfDayIn, isTimeZone } from '../domain/hour-of-day.js';
import { seesWholeOrganization, type Principal } from '../domain/permissions.js';
import {
  GroupDurations,
  orderGroups,
  RESPONSE_INTERVALS,
  responseTargets,
  type MissionTimes,
  type ReportGroup,
  type ReportGrouping,
  type ResponseFigures,
  type ResponseTargets,
} from '../domain/response-times.js';
import { validationFailed } from '../domain/wede-error.js';
import type { Database } from '../store/database.js';
import {
  forEachMissionTimes,
  teamNamesById,
  type MissionTimesRow,
  type ResponseTimeFilter,
  type ResponseTimeGroupColumn,
} from '../store/response-time-store.js';
import type { Db } from '../store/schema.js';

/** What a response-time report is asked for; times RFC 3339, targets in seconds. */
export interface ResponseTimeQuery {
  from?: string | undefined;
  to?: string | undefined;
  vertical?: string | undefined;
  team_id?: string | undefined;
  priority?: string | undefined;
  group_by?: ReportGrouping | undefined;
  timezone?: string | undefined;
  turnout_target?: number | undefined;
  travel_target?: number | undefined;
  response_target?: number | undefined;
  on_scene_target?: number | undefined;
}

export type ResponseTimeGroup = { group: ReportGroup } & ResponseFigures;

const GROUP_COLUMNS: Record<ReportGrouping, ResponseTimeGroupColumn | null> = {
  vertical: 'vertical',
  team: 'team_id',
  priority: 'priority',
  hour: null,
};

/**
 * Turnout, travel, response and on-scene figures of the missions dispatched in
 * the window, per group. A key that sees only its own team's missions (a field
 * operator's) gets a report of that team only; another team's id, like any id
 * of another organization, matches nothing. Over many missions it takes
 * seconds, in slices between which other requests are served; `signal`
 * stops it between two slices.
 */
export async function reportResponseTimes(
  database: Database,
  principal: Principal,
  query: ResponseTimeQuery,
  signal: AbortSignal,
): Promise<{ data: ResponseTimeGroup[] }> {
  const filter = checkedFilter(query);
  const timeZone = query.timezone ?? 'UTC';
  if (!isTimeZone(timeZone)) {
    throw validationFailed('timezone', `must be an IANA time zone name such as Europe/Lisbon`);
  }

  const visible = visibleFilter(principal, filter);
  const grouping = query.group_by ?? null;
  const column = grouping === null ? null : GROUP_COLUMNS[grouping];
  const targets = responseTargets({
    turnout: query.turnout_target,
    travel: query.travel_target,
    response: query.response_target,
    on_scene: query.on_scene_target,
  });
  const keyOf = grouping === null ? () => '' : groupKeyOf(grouping, timeZone);
  const groups = new Map<string | number, GroupDurations>();
  // Without group_by there is one group, there even when no mission matches.
  if (grouping === null) groups.set('', new GroupDurations());

  if (visible !== null) {
    const collect = (row: MissionTimesRow) => {
      const key = keyOf(row);
      let group = groups.get(key);
      if (group === undefined) {
        group = new GroupDurations();
        groups.set(key, group);
      }
      group.add(timesOf(row));
    };
    await forEachMissionTimes(database, principal.organizationId, visible, column, collect, signal);
  }

  const summarized = await summarizeInTurns(groups, targets, signal);
  if (grouping === null) return { data: [{ group: {}, ...summarized[0]!.figures }] };

  const presented = await presentGroups(
    database.reader,
    principal.organizationId,
    grouping,
    summarized,
  );
  return { data: orderGroups(grouping, presented) };
}

/**
 * The figures of each group, in the order the groups were first seen. Sorting
 * a million durations takes some 100 ms, so other requests get a turn after
 * each interval's.
 */
async function summarizeInTurns(
  groups: Map<string | number, GroupDurations>,
  targets: ResponseTargets,
  signal: AbortSignal,
): Promise<{ key: string | number; figures: ResponseFigures }[]> {
  const summarized: { key: string | number; figures: ResponseFigures }[] = [];
  for (const [key, group] of groups) {
    const figures = {} as ResponseFigures;
    for (const interval of RESPONSE_INTERVALS) {
      figures[interval] = group.summarizeInterval(interval, targets);
      await nextTurn();
      signal.throwIfAborted();
    }
    summarized.push({ key, figures });
  }
  return summarized;
}

/**
 * The filter narrowed to what the principal may see, as the mission list is;
 * null when that is nothing (a field operator asking for another team).
 */
function visibleFilter(principal: Principal, filter: ResponseTimeFilter) {
  if (seesWholeOrganization(principal)) return filter;

  const ownTeam = principal.teamId ?? '';
  if (filter.teamId !== undefined && filter.teamId !== ownTeam) return null;
  return { ...filter, teamId: ownTeam };
}

function checkedFilter(query: ResponseTimeQuery): ResponseTimeFilter {
  // Stored times are RFC 3339 UTC text with milliseconds, compared as text:
  // a bound given with another offset is turned into the same form first.
  const from = instant('from', query.from);
  const to = instant('to', query.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw validationFailed('to', 'must be later than from');
  }
  return {
    from: from?.toISOString(),
    to: to?.toISOString(),
    vertical: query.vertical,
    teamId: query.team_id,
    priority: query.priority,
  };
}

function instant(field: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;

  // RFC 3339 allows a leap second (23:59:60), which a JavaScript date cannot hold.
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw validationFailed(field, UNREADABLE_TIME);
  return at;
}

function groupKeyOf(
  grouping: ReportGrouping,
  timeZone: string,
): (row: MissionTimesRow) => string | number {
  if (grouping === 'hour') {
    const hourOf = hourOfDayIn(timeZone);
    return (row) => hourOf(Date.parse(row.dispatched_at));
  }
  return (row) => row.group_value ?? '';
}

function timesOf(row: MissionTimesRow): MissionTimes {
  return {
    dispatchedAt: Date.parse(row.dispatched_at),
    onRouteAt: row.on_route_at === null ? null : Date.parse(row.on_route_at),
    onSiteAt: row.on_site_at === null ? null : Date.parse(row.on_site_at),
    completedAt: row.completed_at === null ? null : Date.parse(row.completed_at),
  };
}

async function presentGroups(
  db: Db,
  organizationId: string,
  grouping: ReportGrouping,
  groups: { key: string | number; figures: ResponseFigures }[],
): Promise<ResponseTimeGroup[]> {
  const names =
    grouping === 'team'
      ? await teamNamesById(
          db,
          organizationId,
          groups.map(({ key }) => String(key)),
        )
      : new Map<string, string>();

  return groups.map(({ key, figures }) => {
    const group: ReportGroup =
      grouping === 'team'
        ? { team_id: String(key), team_name: names.get(String(key)) ?? '' }
        : grouping === 'hour'
          ? { hour: Number(key) }
          : ({ [grouping]: String(key) } as ReportGroup);
    return { group, ...figures };
  });
}
