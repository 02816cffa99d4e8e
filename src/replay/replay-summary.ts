import type { ReplayPlan } from './replay-plan.js';
import type { Refusal, RequestTally } from './replay-session.js';
import type { SffdFile } from './sffd-record.js';

/** The end of a replay, as printed and as written with `--summary-json`. */
export interface ReplaySummary {
  file: string;
  speed: number | 'max';
  concurrency: number;
  from: string | null;
  to: string | null;
  rows_read: number;
  missions_planned: number;
  missions_replayed: number;
  /** Planned missions whose dispatch was refused or never sent. */
  missions_not_replayed: number;
  rows_skipped: Record<string, number>;
  /** Every row read is a mission replayed, one not replayed, or a row skipped for a reason. */
  rows_accounted_for: boolean;
  events_created: number;
  teams_created: number;
  quirks: Record<string, number>;
  requests: { accepted: number; refused: Record<string, number>; not_sent: number };
  refusals: Refusal[];
  /** Why the replay stopped before its end, or null. */
  stopped: string | null;
  elapsed_seconds: number;
  missions_per_second: number;
  /** Nothing refused and nothing stopped: the exit code is 0. */
  ok: boolean;
}

export interface SummaryInput {
  file: string;
  options: { speed: number | 'max'; concurrency: number; from: Date | null; to: Date | null };
  read: SffdFile;
  plan: ReplayPlan;
  tally: RequestTally;
  stopped: string | null;
  elapsedMs: number;
}

/** Adds up what was read, planned and answered. */
export function summarize(input: SummaryInput): ReplaySummary {
  const { read, plan, tally } = input;
  const rowsSkipped: Record<string, number> = { ...plan.skipped };
  for (const row of read.unreadable) rowsSkipped[row.reason] = (rowsSkipped[row.reason] ?? 0) + 1;

  const rowsRead = read.rows.length + read.unreadable.length;
  const notReplayed = plan.missions - tally.missionsReplayed;
  const skipped = Object.values(rowsSkipped).reduce((sum, count) => sum + count, 0);
  const refusedCount = Object.values(tally.refused).reduce((sum, count) => sum + count, 0);
  const seconds = input.elapsedMs / 1000;

  return {
    file: input.file,
    speed: input.options.speed,
    concurrency: input.options.concurrency,
    from: input.options.from?.toISOString() ?? null,
    to: input.options.to?.toISOString() ?? null,
    rows_read: rowsRead,
    missions_planned: plan.missions,
    missions_replayed: tally.missionsReplayed,
    missions_not_replayed: notReplayed,
    rows_skipped: rowsSkipped,
    rows_accounted_for: tally.missionsReplayed + notReplayed + skipped === rowsRead,
    events_created: tally.eventsCreated,
    teams_created: tally.teamsCreated,
    quirks: { rows_out_of_order: read.outOfOrder, ...snakeCase(plan.quirks) },
    requests: { accepted: tally.accepted, refused: tally.refused, not_sent: tally.notSent },
    refusals: tally.examples,
    stopped: input.stopped,
    elapsed_seconds: round(seconds, 3),
    missions_per_second: seconds > 0 ? round(tally.missionsReplayed / seconds, 1) : 0,
    ok: input.stopped === null && refusedCount === 0 && tally.notSent === 0,
  };
}

function snakeCase(quirks: object): Record<string, number> {
  return Object.fromEntries(
    Object.entries(quirks).map(([name, count]) => [
      name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
      count as number,
    ]),
  );
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

// What the file holds, and the rule a replay follows for it: true whatever was sent, even
// when the server could not be reached and nothing was.
const QUIRK_TEXT: Record<string, string> = {
  rows_out_of_order: 'rows out of time order (sent in time order)',
  diverted_while_busy: 'units sent on while still busy (dispatched with divert)',
  no_available_time: 'missions without an Available time (left open)',
  diverted_open_missions: '  of which the unit was sent on later (that dispatch diverts it)',
  reopened_events: 'units sent after their incident had closed (to a new event for it)',
  clamped_times: 'times earlier than the step they follow (raised to it)',
  same_second_steps: 'steps at the same second as the one before (kept)',
  unknown_priority: 'incidents with an unknown Final Priority (taken as medium)',
  statuses_after_divert: 'statuses recorded after a divert (not sent: the mission has ended)',
  cancelled_before_arrival: 'missions ended before arrival (FAILED, cancelled)',
};

const SKIP_TEXT: Record<string, string> = {
  outside_window: 'incident received outside --from/--to',
  no_location: 'incident without a Location',
  same_unit_twice: 'the same unit twice in one incident',
  unreadable_time: 'a time that cannot be read',
  no_incident_or_unit: 'no Incident Number or Unit ID',
};

/** The summary as lines for a person. */
export function formatSummary(summary: ReplaySummary): string {
  const lines = [
    `Replayed ${summary.file}`,
    `  rows read                ${summary.rows_read}`,
    `  missions replayed        ${summary.missions_replayed} of ${summary.missions_planned}`,
    `  events, teams created    ${summary.events_created}, ${summary.teams_created}`,
  ];

  const skipped = Object.entries(summary.rows_skipped).filter(([, count]) => count > 0);
  lines.push(`  rows skipped             ${skipped.reduce((sum, [, count]) => sum + count, 0)}`);
  for (const [reason, count] of skipped) lines.push(`    ${count}  ${SKIP_TEXT[reason] ?? reason}`);

  lines.push('  in the file (and what a replay does with it)');
  for (const [name, count] of Object.entries(summary.quirks)) {
    lines.push(`    ${String(count).padStart(5)}  ${QUIRK_TEXT[name] ?? name}`);
  }

  const refused = Object.entries(summary.requests.refused);
  lines.push(`  requests accepted        ${summary.requests.accepted}`);
  lines.push(`  requests refused         ${refused.reduce((sum, [, count]) => sum + count, 0)}`);
  for (const [code, count] of refused) lines.push(`    ${count}  ${code}`);
  for (const refusal of summary.refusals) {
    lines.push(`    e.g. ${refusal.what}: ${refusal.status} ${refusal.code}: ${refusal.message}`);
  }
  if (summary.requests.not_sent > 0) {
    lines.push(`  not sent (prerequisite refused) ${summary.requests.not_sent}`);
  }

  lines.push(
    `  elapsed                  ${summary.elapsed_seconds.toFixed(1)} s, ` +
      `${summary.missions_per_second} missions/s`,
  );
  if (!summary.rows_accounted_for) lines.push('  NOT every row is accounted for');
  if (summary.stopped !== null) lines.push(`  stopped: ${summary.stopped}`);
  return `${lines.join('\n')}\n`;
}
