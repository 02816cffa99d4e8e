import { WedeClient, WedeError, type ResponseTimeQuery } from '@wede/sdk';
import { Command, InvalidArgumentError, Option } from 'commander';

import { UsageError } from '../config/load-config.js';
import { EARLIEST_KEPT_TIME, isKeptTime, LATEST_KEPT_TIME } from '../domain/kept-time.js';
import { isZonedTime, parseTimeBound } from '../replay/local-time.js';
import {
  renderResponseTimes,
  REPORT_FORMATS,
  type Grouping,
  type ReportFormat,
} from './response-time-output.js';
import { DEFAULT_SERVER_URL, serverConnection } from './server-connection.js';

interface ReportOptions {
  url?: string;
  key?: string;
  from?: string;
  to?: string;
  vertical?: string;
  teamId?: string;
  priority?: string;
  groupBy?: Grouping;
  timezone?: string;
  turnoutTarget?: number;
  travelTarget?: number;
  responseTarget?: number;
  onSceneTarget?: number;
  format: ReportFormat;
}

// A report is a read, safe to ask again; but a person at a terminal should not
// wait half a minute of backoff to learn that the server is down.
const RETRY = { retries: 2, baseDelayMs: 200, maxDelayMs: 1_000, timeoutMs: 120_000 };

function seconds(text: string): number {
  if (!/^\d{1,7}$/.test(text)) throw new InvalidArgumentError('a whole number of seconds');
  return Number(text);
}

/** `wede report`: the response-time report of a running server, through the SDK. */
export function reportCommand(): Command {
  return new Command('report')
    .description('response-time report (turnout, travel, response, on scene) of a server')
    .option('--url <url>', `the Wede server (default: $WEDE_URL, else ${DEFAULT_SERVER_URL})`)
    .option('--key <key>', 'an API key with missions:view (default: $WEDE_API_KEY)')
    .option(
      '--from <time>',
      'missions dispatched at or after this time: RFC 3339 with a zone ' +
        `(2017-01-01T16:00:00Z), or a local date or time (2017-01-01, 2017-01-01 08:00) ` +
        "read in --timezone, else in UTC (wede replay reads its own in the file's zone)",
    )
    .option('--to <time>', 'missions dispatched before this time (as --from)')
    .option('--vertical <vertical>', 'one vertical only, e.g. fire')
    .option('--team-id <id>', 'one team only')
    .addOption(
      new Option('--priority <priority>', 'one priority only').choices([
        'low',
        'medium',
        'high',
        'critical',
      ]),
    )
    .addOption(
      new Option('--group-by <group>', 'one group per value').choices([
        'vertical',
        'team',
        'priority',
        'hour',
      ]),
    )
    .option(
      '--timezone <zone>',
      'IANA time zone of --group-by hour (default: UTC) and of a local --from or --to',
    )
    .option('--turnout-target <seconds>', 'turnout target (default: 80)', seconds)
    .option('--travel-target <seconds>', 'travel target (default: 240)', seconds)
    .option('--response-target <seconds>', 'response target (default: turnout + travel)', seconds)
    .option('--on-scene-target <seconds>', 'on-scene target (default: none)', seconds)
    .addOption(
      new Option('--format <format>', 'how to print it').choices(REPORT_FORMATS).default('table'),
    )
    .action(printReport);
}

async function printReport(options: ReportOptions): Promise<void> {
  const { url, key } = serverConnection(options, 'an API key');
  const query = queryOf(options);
  const client = new WedeClient({ baseUrl: url, apiKey: key, retry: RETRY });

  try {
    const report = await client.reports.responseTimes(query);
    process.stdout.write(renderResponseTimes(report, options.groupBy, options.format));
  } catch (error) {
    if (!(error instanceof WedeError)) throw error;
    process.stderr.write(`wede report: ${explain(error, url)}\n`);
    process.exitCode = 1;
  }
}

function queryOf(options: ReportOptions): ResponseTimeQuery {
  const query: ResponseTimeQuery = {
    from: instantOf('--from', options.from, options.timezone),
    to: instantOf('--to', options.to, options.timezone),
    vertical: options.vertical,
    team_id: options.teamId,
    priority: options.priority as ResponseTimeQuery['priority'],
    group_by: options.groupBy,
    timezone: options.timezone,
    turnout_target: options.turnoutTarget,
    travel_target: options.travelTarget,
    response_target: options.responseTarget,
    on_scene_target: options.onSceneTarget,
  };
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined),
  ) as ResponseTimeQuery;
}

/**
 * A bound as the API takes it: RFC 3339 with a zone as typed; a local date or
 * time read in `timeZone`, else in UTC, the zone hours are grouped in when
 * none is given: one report, one zone, whichever organization asks.
 */
function instantOf(
  name: string,
  text: string | undefined,
  timeZone: string | undefined,
): string | undefined {
  if (text === undefined || isZonedTime(text)) return text?.trim();

  const zone = timeZone ?? 'UTC';
  if (!isTimeZone(zone)) {
    throw new UsageError(`--timezone must be an IANA time zone (America/Los_Angeles)`);
  }
  const instant = parseTimeBound(text, zone);
  if (instant === null) {
    throw new UsageError(
      `${name} must be RFC 3339 with a zone (2017-01-01T16:00:00Z) or a local date or ` +
        `time (2017-01-01, 2017-01-01 08:00), got "${text}"`,
    );
  }
  const sent = instant.toISOString();
  if (!isKeptTime(sent)) {
    throw new UsageError(
      `${name} "${text}" in ${zone} is ${sent}, outside the times the server keeps ` +
        `(${EARLIEST_KEPT_TIME} to ${LATEST_KEPT_TIME})`,
    );
  }
  return sent;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function explain(error: WedeError, url: string): string {
  if (error.status === 0) return `could not reach ${url}: ${error.message}`;
  return `the server refused (${error.status} ${error.code}): ${error.message}`;
}
