import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Mission, WedeClient } from '@wede/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSdkServer, type SdkServer } from '../support/sdk-server.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import {
  CHILD_TIMEOUT_MS,
  databaseUrl,
  printedKeys,
  REPO_ROOT,
  runWede,
} from '../support/wede-cli.js';

const TIMEOUT = CHILD_TIMEOUT_MS * 3;
const SAMPLE = join(REPO_ROOT, 'samples', 'sffd-2017-01-01.csv');

/**
 * Five real incidents of the sample, picked for what they show: 17000007 has a
 * unit cancelled before the two others were sent (its incident opens again);
 * unit 88 was sent from 17000060, where it was on scene, to 17000072
 * (a divert) and arrived there the second it was sent (equal times); unit 77 has
 * no Available time on 17000407 and was sent on to 17000410, where it came as
 * backup and two units were cancelled.
 */
const INCIDENTS = ['17000007', '17000060', '17000072', '17000407', '17000410'];

/** The picked rows, as the sample has them (its order, which is not time order). */
function pickedRows(): string {
  const [header, ...rows] = readFileSync(SAMPLE, 'utf8').split('\n');
  const picked = rows.filter((row) => INCIDENTS.includes(row.split(',')[2]!));
  return `${[header, ...picked].join('\n')}\n`;
}

const Z = (time: string) => `2017-01-${time}.000Z`;

/** Every mission as it must end up: the recorded times in UTC (PST + 8 h). */
const EXPECTED: Record<string, Partial<Mission> & { event: string; backup: string | null }> = {
  '17000007/SJ111': {
    event: '17000007',
    backup: null,
    status: 'FAILED',
    dispatched_at: Z('01T08:20:35'),
    on_route_at: null,
    on_site_at: null,
    completed_at: null,
    failed_at: Z('01T08:20:41'),
    failure_reason: 'cancelled',
  },
  '17000007/EMS6': {
    event: '17000007-2',
    backup: null,
    status: 'COMPLETED',
    dispatched_at: Z('01T08:20:48'),
    on_route_at: Z('01T08:21:08'),
    on_site_at: Z('01T08:22:54'),
    completed_at: Z('01T08:32:32'),
  },
  '17000007/BS105': {
    event: '17000007-2',
    backup: '17000007/EMS6',
    status: 'COMPLETED',
    dispatched_at: Z('01T08:20:48'),
    on_route_at: Z('01T08:22:22'),
    on_site_at: Z('01T08:31:00'),
    completed_at: Z('01T09:20:53'),
  },
  '17000060/88': {
    event: '17000060',
    backup: null,
    status: 'FAILED',
    dispatched_at: Z('01T09:22:47'),
    on_route_at: Z('01T09:22:51'),
    on_site_at: Z('01T09:31:09'),
    completed_at: null,
    failed_at: Z('01T09:44:26'),
    failure_reason: 'diverted',
  },
  '17000072/88': {
    event: '17000072',
    backup: null,
    status: 'COMPLETED',
    dispatched_at: Z('01T09:44:26'),
    on_route_at: Z('01T09:44:26'),
    on_site_at: Z('01T09:44:26'),
    completed_at: Z('01T09:59:20'),
  },
  '17000072/E15': {
    event: '17000072',
    backup: '17000072/88',
    status: 'COMPLETED',
    dispatched_at: Z('01T09:46:15'),
    on_route_at: Z('01T09:47:56'),
    on_site_at: Z('01T09:52:30'),
    completed_at: Z('01T09:58:22'),
  },
  '17000407/77': {
    event: '17000407',
    backup: null,
    status: 'FAILED',
    dispatched_at: Z('02T00:45:54'),
    on_route_at: Z('02T00:46:04'),
    on_site_at: null,
    failed_at: Z('02T00:58:22'),
    failure_reason: 'diverted',
  },
  '17000410/E36': {
    event: '17000410',
    backup: null,
    status: 'COMPLETED',
    dispatched_at: Z('02T00:57:40'),
    on_route_at: Z('02T00:57:49'),
    on_site_at: Z('02T01:00:39'),
    completed_at: Z('02T01:09:32'),
  },
  '17000410/RC1': {
    event: '17000410',
    backup: '17000410/E36',
    status: 'FAILED',
    dispatched_at: Z('02T00:57:40'),
    on_route_at: Z('02T00:59:40'),
    on_site_at: null,
    failed_at: Z('02T01:00:33'),
    failure_reason: 'cancelled',
  },
  '17000410/61': {
    event: '17000410',
    backup: '17000410/E36',
    status: 'FAILED',
    dispatched_at: Z('02T00:57:40'),
    on_route_at: Z('02T00:58:02'),
    on_site_at: null,
    failed_at: Z('02T00:58:28'),
    failure_reason: 'cancelled',
  },
  '17000410/77': {
    event: '17000410',
    backup: '17000410/E36',
    status: 'COMPLETED',
    dispatched_at: Z('02T00:58:22'),
    on_route_at: Z('02T00:58:22'),
    on_site_at: Z('02T00:58:22'),
    completed_at: Z('02T02:20:37'),
  },
};

const EXPECTED_EVENTS = [
  { external_id: '17000007', vertical: 'healthcare', priority: 'medium', at: Z('01T08:12:49') },
  { external_id: '17000007-2', vertical: 'healthcare', priority: 'medium', at: Z('01T08:20:48') },
  { external_id: '17000060', vertical: 'healthcare', priority: 'medium', at: Z('01T09:16:46') },
  { external_id: '17000072', vertical: 'fire', priority: 'medium', at: Z('01T09:40:27') },
  { external_id: '17000407', vertical: 'healthcare', priority: 'medium', at: Z('02T00:44:01') },
  { external_id: '17000410', vertical: 'healthcare', priority: 'critical', at: Z('02T00:56:10') },
];

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'wede-replay-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function writeFile(name: string, text: string): string {
  const path = join(workDir, name);
  writeFileSync(path, text);
  return path;
}

/** `wede replay FILE` against `server` with `key`, its summary read back from --summary-json. */
async function replay(server: { url: string }, key: string, file: string, extra: string[] = []) {
  const summaryPath = join(workDir, `summary-${Math.random().toString(36).slice(2)}.json`);
  const result = await runWede(
    ['replay', file, '--url', server.url, '--summary-json', summaryPath, ...extra],
    { WEDE_API_KEY: key },
    { timeoutMs: TIMEOUT },
  );
  let summary: any = null;
  try {
    summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
  } catch {
    // no summary written: the command stopped before replaying
  }
  return { ...result, summary };
}

/** Every mission of the organization, named `incident/unit` as the plan names them. */
async function missionsByName(admin: WedeClient) {
  const teams = new Map<string, string>();
  for await (const team of admin.teams.all()) teams.set(team.id, team.name);
  const events = new Map<string, string>();
  for await (const event of admin.events.all()) events.set(event.id, event.external_id!);

  const byId = new Map<string, Mission>();
  for await (const mission of admin.missions.all({ limit: 500 })) byId.set(mission.id, mission);
  const named = new Map<string, Mission & { event: string; backup: string | null }>();
  const nameOf = (mission: Mission) =>
    `${events.get(mission.event_id)!.split('-')[0]}/${teams.get(mission.team_id)}`;
  for (const mission of byId.values()) {
    const backup = mission.backup_of === null ? null : nameOf(byId.get(mission.backup_of)!);
    named.set(nameOf(mission), { ...mission, event: events.get(mission.event_id)!, backup });
  }
  return named;
}

describe.each(databaseKinds())('wede replay of real incidents (%s)', (kind) => {
  let server: SdkServer;
  let file: string;
  let first: Awaited<ReturnType<typeof replay>>;

  beforeAll(async () => {
    server = await startSdkServer(kind);
    file = writeFile(`picked-${kind}.csv`, pickedRows());
    first = await replay(server, server.adminKey, file, ['--concurrency', '4']);
  }, TIMEOUT);

  afterAll(async () => {
    await server?.close();
  });

  it('exits 0 and accounts for every row in its summary', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.summary).toMatchObject({
      rows_read: 11,
      missions_planned: 11,
      missions_replayed: 11,
      missions_not_replayed: 0,
      rows_accounted_for: true,
      events_created: 6,
      teams_created: 9,
      requests: { refused: {}, not_sent: 0 },
      stopped: null,
      ok: true,
    });
    expect(first.summary.quirks).toEqual({
      rows_out_of_order: 6,
      diverted_while_busy: 1,
      no_available_time: 1,
      diverted_open_missions: 1,
      reopened_events: 1,
      clamped_times: 0,
      same_second_steps: 4,
      unknown_priority: 0,
      statuses_after_divert: 1,
      cancelled_before_arrival: 3,
    });
    expect(first.stdout).toContain('missions replayed        11 of 11');
    expect(first.stdout).toMatch(/1 {2}units sent on while still busy \(dispatched with divert\)/);
  });

  it('leaves every mission with the status and the times the file recorded', async () => {
    const missions = await missionsByName(server.admin);

    expect([...missions.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [name, expected] of Object.entries(EXPECTED)) {
      const mission = missions.get(name)!;
      expect({ name, ...mission }).toMatchObject({ name, ack_at: null, ...expected });
    }
  });

  it('records each incident as an event at its received time, all closed at the end', async () => {
    const events = [];
    for await (const event of server.admin.events.all()) events.push(event);
    const seen = events
      .map(({ external_id, vertical, priority, occurred_at, status }) => ({
        external_id,
        vertical,
        priority,
        at: occurred_at,
        status,
      }))
      .sort((a, b) => a.external_id!.localeCompare(b.external_id!));

    expect(seen).toEqual(EXPECTED_EVENTS.map((event) => ({ ...event, status: 'CLOSED' })));
  });

  it('leaves every team available, each with one operator', async () => {
    const teams = [];
    for await (const team of server.admin.teams.all()) teams.push(team);
    expect(teams.map((team) => team.status)).toEqual(Array(9).fill('AVAILABLE'));

    const operators = [];
    for await (const member of server.admin.members.all({ role: 'operator' })) {
      operators.push(member);
    }
    expect(operators.map((member) => member.team_id).sort()).toEqual(
      teams.map((team) => team.id).sort(),
    );
  });

  it('refuses to replay twice into the same organization, exiting 1', async () => {
    const again = await replay(server, server.adminKey, file);

    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/a team named \S+ already exists in this organization \(409/);
    expect(again.summary).toMatchObject({ ok: false, missions_replayed: 0 });
    expect(again.summary.stopped).toMatch(/already exists/);
  });
});

describe('wede replay refused', () => {
  let database: TestDatabase;
  let server: SdkServer;
  let file: string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startSdkServer('sqlite', { DATABASE_URL: databaseUrl(database.config) });
    file = writeFile('refused.csv', pickedRows());
  }, TIMEOUT);

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  async function newOrganization(name: string): Promise<string> {
    const created = await runWede(['org', 'create', name], {
      DATABASE_URL: databaseUrl(database.config),
    });
    expect(created.code, created.stderr).toBe(0);
    return printedKeys(created.stdout).at(-1)!;
  }

  it('exits 1 and counts what was not sent when the server refuses a request mid-way', async () => {
    const key = await newOrganization('Already has 17000072');
    const admin = server.client(key);
    await admin.events.create({
      vertical: 'fire',
      lat: 37.7,
      lng: -122.4,
      external_id: '17000072',
    });

    const run = await replay(server, key, file);

    expect(run.code).toBe(1);
    expect(run.summary).toMatchObject({
      missions_replayed: 9,
      missions_not_replayed: 2,
      rows_accounted_for: true,
      requests: { refused: { '409 conflict': 1 }, not_sent: 8 },
      stopped: null,
      ok: false,
    });
    expect(run.summary.refusals[0]).toMatchObject({
      what: 'create event 17000072',
      code: 'conflict',
    });
    expect(run.stdout).toContain('409 conflict');
  });

  it('replays only the incidents received between --from and --to, in local time', async () => {
    const key = await newOrganization('Evening of 1 January');
    const run = await replay(server, key, file, [
      '--from',
      '2017-01-01 16:00',
      '--to',
      '2017-01-02',
    ]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.summary).toMatchObject({
      from: '2017-01-02T00:00:00.000Z',
      to: '2017-01-02T08:00:00.000Z',
      rows_read: 11,
      missions_replayed: 5,
      rows_skipped: { outside_window: 6 },
      rows_accounted_for: true,
      events_created: 2,
      ok: true,
    });
    const events = await server.client(key).events.list();
    expect(events.data.map((event) => event.external_id).sort()).toEqual(['17000407', '17000410']);
  });

  it('exits 1 with a clear message for a key that is not an admin key', async () => {
    const dispatcher = await server.admin.keys.create({ name: 'desk', role: 'dispatcher' });
    const run = await replay(server, dispatcher.key!, file);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the key is not an admin key (403)');
    expect(run.summary).toMatchObject({ ok: false, teams_created: 0, missions_replayed: 0 });
    const teams = await server.admin.teams.list();
    expect(teams.count).toBe(0);
  });

  it('exits 1 with a clear message for a key the server does not know', async () => {
    const run = await replay(server, 'wede_not_a_key_of_this_server_000000', file);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the server refused the key (401)');
  });

  it(
    'exits 1 naming the server it cannot reach',
    async () => {
      const run = await replay({ url: 'http://127.0.0.1:9' }, server.adminKey, file);

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('cannot reach the server at http://127.0.0.1:9');
      // Nothing was sent: the quirks are told as what the file holds, not as done.
      expect(run.stdout).toContain('missions replayed        0 of 11');
      expect(run.stdout).toContain('  in the file (and what a replay does with it)\n');
      expect(run.stdout).toContain('units sent after their incident had closed (to a new event');
      expect(run.stdout).not.toMatch(/opened again|quirks/);
      expect(run.summary).toMatchObject({ ok: false, missions_replayed: 0, rows_read: 11 });
    },
    TIMEOUT,
  );
});

describe('wede replay input', () => {
  const run = (args: string[], env: Record<string, string | undefined> = {}) =>
    runWede(['replay', ...args], { WEDE_API_KEY: 'wede_any_key_for_option_checks_0000', ...env });

  it.each([
    [['--speed', '0'], '--speed must be "max" or a number from 0.01 up, got "0"'],
    [['--speed', 'fast'], '--speed must be "max" or a number from 0.01 up, got "fast"'],
    [['--speed', '1e-300'], '--speed must be "max" or a number from 0.01 up, got "1e-300"'],
    [['--speed', '0.009'], '--speed must be "max" or a number from 0.01 up, got "0.009"'],
    [['--speed', '0x10'], '--speed must be "max" or a number from 0.01 up, got "0x10"'],
    [['--concurrency', '0'], '--concurrency must be a whole number from 1 to 256'],
    [['--concurrency', '2.5'], '--concurrency must be a whole number from 1 to 256'],
    [['--from', 'yesterday'], '--from must be a date or time'],
    [['--from', '2017-01-02', '--to', '2017-01-01'], '--from must be earlier than --to'],
    [['--url', 'ftp://example.org'], '--url (or WEDE_URL) must be an http or https URL'],
    [['--key', '  '], 'an admin API key is needed: --key KEY or WEDE_API_KEY'],
    [['--key', 'wede_x\ny'], 'the key of --key or WEDE_API_KEY holds a space, a control'],
    [['--key', 'wede_x y'], 'the key of --key or WEDE_API_KEY holds a space, a control'],
  ])('refuses %j with exit 2', async (options, message) => {
    const result = await run([SAMPLE, ...options]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it.each([
    [['--bogus'], "unknown option '--bogus'"],
    [[], "missing required argument 'file'"],
    [['--speed'], "option '--speed <n>' argument missing"],
    [['second.csv'], 'too many arguments'],
  ])(
    'refuses the command line %j with exit 2, as its own option checks do',
    async (args, message) => {
      const result = await run(args.length === 0 ? [] : [SAMPLE, ...args]);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    },
  );

  it('exits 0 for --help', async () => {
    const result = await run(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: wede replay /);
  });

  it('refuses to run without a key', async () => {
    const result = await run([SAMPLE], { WEDE_API_KEY: undefined });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('an admin API key is needed: --key KEY or WEDE_API_KEY');
  });

  it('names a file that does not exist', async () => {
    const result = await run([join(workDir, 'nowhere.csv')]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nowhere.csv: no such file');
  });

  it('names the columns a file lacks', async () => {
    const result = await run([writeFile('other.csv', 'id,name\n1,Ana\n')]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/other\.csv: the file lacks the columns "Incident Number", /);
  });

  it('refuses a file with a row far longer than an SFFD row, naming its line', async () => {
    const header = readFileSync(SAMPLE, 'utf8').split('\n')[0];
    const endless = `17000001,E1,${'x'.repeat(3 * 1024 * 1024)}`;

    const result = await run([writeFile('endless.csv', `${header}\n${endless}\n`)]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'endless.csv: line 2 holds a row of more than 64 KiB, where an SFFD row is under 4 KB',
    );
  });

  it('refuses a file that is not CSV', async () => {
    const result = await run([writeFile('garbled.csv', 'Incident Number,"Unit ID\n1,E1\n')]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('garbled.csv: the file is not readable CSV');
  });
});
