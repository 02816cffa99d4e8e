import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';

import type { WedeClient } from '@wede/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSdkServer, type SdkServer } from '../support/sdk-server.js';
import { CHILD_TIMEOUT_MS, killAllWede, runWede, type WedeEnv } from '../support/wede-cli.js';

const LA = 'America/Los_Angeles';
const TIMEOUT = CHILD_TIMEOUT_MS * 2;
const S = 1000;

/** When each status came, in seconds after dispatch. */
interface Timeline {
  at: string;
  route?: number;
  site?: number;
  done?: number;
  fail?: number;
}

/** A team with an operator whose phone reports its statuses. */
async function crew(admin: WedeClient, server: SdkServer, name: string, vertical: string) {
  const team = await admin.teams.create({ name, verticals: [vertical] });
  const member = await admin.members.create({
    name: `${name} crew ${randomUUID().slice(0, 4)}`,
    role: 'operator',
    team_id: team.id,
  });
  const key = await admin.keys.create({ name: `${name} phone`, member_id: member.id });
  return { team, operator: server.client(key.key!) };
}

/** An event and its dispatch as they happened on `timeline.at`, carried through its statuses. */
async function pastMission(
  admin: WedeClient,
  { team, operator }: Awaited<ReturnType<typeof crew>>,
  timeline: Timeline,
  event: { vertical: string; priority: 'high' | 'critical' },
) {
  const created = await admin.events.create({
    ...event,
    lat: 37.77,
    lng: -122.42,
    title: 'Call',
    occurred_at: timeline.at,
  });
  const mission = await admin.teams.dispatch({
    event_id: created.id,
    team_id: team.id,
    occurred_at: timeline.at,
  });
  const dispatchedMs = Date.parse(mission.dispatched_at);
  expect(dispatchedMs).toBe(Date.parse(timeline.at));

  const steps = [
    ['ON_ROUTE', timeline.route],
    ['ON_SITE', timeline.site],
    ['COMPLETED', timeline.done],
    ['FAILED', timeline.fail],
  ] as const;
  for (const [status, seconds] of steps) {
    if (seconds === undefined) continue;
    const occurred_at = new Date(dispatchedMs + seconds * S).toISOString();
    await operator.missions.updateStatus(mission.id, { status, occurred_at });
  }
}

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('wede report against wede serve', () => {
  let server: SdkServer;
  let engine: Awaited<ReturnType<typeof crew>>;
  let medic: Awaited<ReturnType<typeof crew>>;
  let env: WedeEnv;

  /**
   * Three missions: turnouts 65, 90 and 40 s; travel 240 and 360 s; responses
   * 305 and 450 s; on scene 1200 and 3540 s (the third was turned back).
   */
  beforeAll(async () => {
    server = await startSdkServer('sqlite');
    const { admin } = server;
    engine = await crew(admin, server, 'Engine 1', 'fire');
    medic = await crew(admin, server, 'Medic 2', 'healthcare');

    await pastMission(
      admin,
      engine,
      { at: '2017-01-01T10:00:00Z', route: 65, site: 305, done: 1505 },
      { vertical: 'fire', priority: 'critical' },
    );
    await pastMission(
      admin,
      medic,
      { at: '2017-01-01T11:00:00Z', route: 90, site: 450, done: 3990 },
      { vertical: 'healthcare', priority: 'high' },
    );
    await pastMission(
      admin,
      medic,
      { at: '2017-01-01T12:10:00Z', route: 40, fail: 100 },
      { vertical: 'healthcare', priority: 'high' },
    );
    env = { WEDE_URL: server.url, WEDE_API_KEY: server.adminKey };
  }, TIMEOUT);
  afterAll(async () => {
    await killAllWede();
    await server?.close();
  });

  async function wedeReport(args: string[], extraEnv: WedeEnv = {}) {
    return runWede(['report', ...args], { ...env, ...extraEnv });
  }

  it(
    'prints a table by default, with aligned columns and times as m:ss',
    async () => {
      const result = await wedeReport([]);

      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(
        [
          'group         interval  count    mean  median    p90  within target',
          'all missions  turnout       3    1:05    1:05   1:30          66.7%',
          '              travel        2    5:00    4:00   6:00          50.0%',
          '              response      2  6:17.5    5:05   7:30          50.0%',
          '              on scene      2   39:30   20:00  59:00              -',
          '',
        ].join('\n'),
      );
    },
    TIMEOUT,
  );

  it(
    'prints the groups it is asked for, labelled by name',
    async () => {
      const result = await wedeReport(['--group-by', 'team', '--format', 'table']);

      expect(result.code, result.stderr).toBe(0);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(9);
      expect(lines[1]).toMatch(/^Engine 1 +turnout +1 +1:05 +1:05 +1:05 +100\.0%$/);
      expect(lines[5]).toMatch(/^Medic 2 +turnout +2 +1:05 +0:40 +1:30 +50\.0%$/);
      expect(lines[6]).toMatch(/^ +travel +1 +6:00 +6:00 +6:00 +0\.0%$/);
      // Every line of the table is as wide as its columns, figures right-aligned.
      const countColumn = lines[0]!.indexOf('count') + 'count'.length;
      for (const line of lines.slice(1)) expect(line[countColumn - 1]).toMatch(/\d/);
    },
    TIMEOUT,
  );

  it(
    'prints CSV with a header row, seconds as numbers and nulls as empty fields',
    async () => {
      const result = await wedeReport(['--group-by', 'team', '--format', 'csv']);

      expect(result.code, result.stderr).toBe(0);
      const intervals = ['turnout', 'travel', 'response', 'on_scene'];
      const figures = ['count', 'mean', 'median', 'p90', 'within_target'];
      const header = [
        'team_id',
        'team_name',
        ...intervals.flatMap((interval) => figures.map((figure) => `${interval}_${figure}`)),
      ].join(',');
      expect(result.stdout).toBe(
        `${header}\r\n` +
          `${engine.team.id},Engine 1,1,65,65,65,1,1,240,240,240,1,1,305,305,305,` +
          `1,1,1200,1200,1200,\r\n` +
          `${medic.team.id},Medic 2,2,65,40,90,0.5,1,360,360,360,0,1,450,450,450,0,` +
          `1,3540,3540,3540,\r\n`,
      );
    },
    TIMEOUT,
  );

  it(
    'prints JSON exactly as the API answers, with the filters and targets given',
    async () => {
      const args = ['--vertical', 'healthcare', '--from', '2017-01-01T11:00:00Z'];
      const targets = ['--turnout-target', '40', '--on-scene-target', '3600'];

      const result = await wedeReport([...args, ...targets, '--format', 'json']);

      expect(result.code, result.stderr).toBe(0);
      const printed = JSON.parse(result.stdout);
      expect(printed).toEqual(
        await server.admin.reports.responseTimes({
          vertical: 'healthcare',
          from: '2017-01-01T11:00:00Z',
          turnout_target: 40,
          on_scene_target: 3600,
        }),
      );
      expect(printed).toEqual({
        data: [
          {
            group: {},
            turnout: { count: 2, mean: 65, median: 40, p90: 90, within_target: 0.5 },
            travel: { count: 1, mean: 360, median: 360, p90: 360, within_target: 0 },
            response: { count: 1, mean: 450, median: 450, p90: 450, within_target: 0 },
            on_scene: { count: 1, mean: 3540, median: 3540, p90: 3540, within_target: 1 },
          },
        ],
      });
    },
    TIMEOUT,
  );

  it(
    'takes --url and --key over WEDE_URL and WEDE_API_KEY',
    async () => {
      const args = ['--url', server.url, '--key', server.adminKey, '--format', 'json'];

      const result = await wedeReport(args, { WEDE_URL: 'http://127.0.0.1:9', WEDE_API_KEY: 'x' });

      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).data[0].turnout.count).toBe(3);
    },
    TIMEOUT,
  );

  it.each([
    // Los Angeles time, as replay reads the file: 03:00 PST is 11:00Z.
    [['--from', '2017-01-01 03:00', '--timezone', LA], 2],
    [['--from', '2017-01-01', '--to', '2017-01-02', '--timezone', LA], 3],
    [['--to', '2017-01-01T04:00', '--timezone', LA], 2],
    // Without --timezone, in UTC, the zone of --group-by hour's default too.
    [['--from', '2017-01-01T11:30'], 1],
    [['--to', '2017-01-01T11:30'], 2],
    [['--from', '2017-01-01T11:30', '--timezone', 'UTC'], 1],
    [['--from', '2017-01-01T12:30', '--timezone', 'Europe/Paris'], 1],
    // With a zone, the time is sent as typed.
    [['--from', '2017-01-01T11:00:00+00:00'], 2],
  ])(
    'reads %j in the zone given, else UTC, counting %i turnouts',
    async (args, turnouts) => {
      const result = await wedeReport([...args, '--format', 'json']);

      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).data[0].turnout.count).toBe(turnouts);
    },
    TIMEOUT,
  );

  describe.concurrent('refusals', () => {
    const plain = (stderr: string) => {
      // A clear line, not a stack trace.
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(stderr).not.toMatch(/"level"/);
    };

    it(
      'exits 1 with the reason when the key is refused',
      async () => {
        const result = await wedeReport([], { WEDE_API_KEY: 'wede_not_a_key_000000000000' });

        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^wede report: the server refused \(401 unauthorized\): /);
        plain(result.stderr);
      },
      TIMEOUT,
    );

    it(
      'exits 1 with the server’s message when a filter is refused',
      async () => {
        const result = await wedeReport([
          '--from',
          '2017-01-02T00:00:00Z',
          '--to',
          '2017-01-01T00:00:00Z',
        ]);

        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/400 validation_failed.*to/);
        plain(result.stderr);
      },
      TIMEOUT,
    );

    it(
      'exits 1 naming the server it could not reach',
      async () => {
        const url = `http://127.0.0.1:${await closedPort()}`;

        const result = await wedeReport([], { WEDE_URL: url });

        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`wede report: could not reach ${url}`);
        plain(result.stderr);
      },
      TIMEOUT,
    );

    it(
      'exits 2 when it has no key to use or a URL that is not one',
      async () => {
        const noKey = await wedeReport([], { WEDE_API_KEY: undefined });
        const badUrl = await wedeReport(['--url', 'wede.example.org']);

        expect([noKey.code, badUrl.code]).toEqual([2, 2]);
        expect(noKey.stderr).toMatch(/WEDE_API_KEY/);
        expect(badUrl.stderr).toMatch(/--url/);
        for (const result of [noKey, badUrl]) plain(result.stderr);
      },
      TIMEOUT,
    );

    it(
      'goes to http://127.0.0.1:8080 without --url or WEDE_URL, as replay does',
      async () => {
        const help = await wedeReport(['--help']);
        const result = await wedeReport([], { WEDE_URL: undefined });

        expect(help.stdout).toMatch(/\$WEDE_URL, else\s+http:\/\/127\.0\.0\.1:8080/);
        // Whatever listens there (most likely nothing) answers; the option check does not.
        expect(result.code).not.toBe(2);
        if (result.stderr.includes('could not reach')) {
          expect(result.stderr).toContain('could not reach http://127.0.0.1:8080');
        }
      },
      TIMEOUT,
    );

    it.each([
      ['  ', 'an API key is needed: --key KEY or WEDE_API_KEY'],
      ['wede_x\ny', 'the key of --key or WEDE_API_KEY holds a space, a control character'],
      ['wede_x\ty', 'the key of --key or WEDE_API_KEY holds a space, a control character'],
    ])(
      'exits 2 naming the key, not the URL, for the key %j',
      async (key, message) => {
        const result = await wedeReport(['--key', key]);

        expect(result.code).toBe(2);
        expect(result.stderr).toContain(message);
        expect(result.stderr).not.toMatch(/--url|could not reach/);
        plain(result.stderr);
      },
      TIMEOUT,
    );

    it.each([
      [['--format', 'xml'], '--format'],
      [['--group-by', 'station'], '--group-by'],
      [['--turnout-target', 'fast'], '--turnout-target'],
      [['--turnout-target', '-1'], '--turnout-target'],
      [['--turnout-target', '80.5'], '--turnout-target'],
      [['--bogus-flag'], "unknown option '--bogus-flag'"],
      [['extra'], 'too many arguments'],
      [['--from', 'yesterday'], '--from must be RFC 3339 with a zone'],
      [['--to', '2017-02-30'], '--to must be RFC 3339 with a zone'],
      [['--from', '2017-01-01', '--timezone', 'Mars/Base'], '--timezone must be an IANA'],
      [['--from', '1970-01-01', '--timezone', 'Europe/Paris'], 'outside the times'],
      [['--to', '9999-12-31 23:00', '--timezone', 'Pacific/Honolulu'], 'outside the times'],
    ])(
      'refuses %j with exit 2 before calling the server',
      async (args, message) => {
        const result = await wedeReport(args, { WEDE_URL: 'http://127.0.0.1:9' });

        expect(result.code).toBe(2);
        expect(result.stderr).toContain(message);
        plain(result.stderr);
      },
      TIMEOUT,
    );

    it(
      'exits 0 for --help',
      async () => {
        const result = await wedeReport(['--help']);

        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^Usage: wede report /);
      },
      TIMEOUT,
    );
  });
});

describe('wede report of teams with names anyone could type', () => {
  let server: SdkServer;
  const teams = new Map<string, string>();
  const NAMES = [
    '=HYPERLINK("http://example.org","x")',
    '+Engine',
    '-Medic',
    '@Rescue',
    '\tTab crew',
    '\rReturn crew',
    'Line\nbreak',
    '-5',
    ' =1+1',
    '\uFF1D1+1',
    '\uFEFF=1',
  ];

  beforeAll(async () => {
    server = await startSdkServer('sqlite');
    for (const [index, name] of NAMES.entries()) {
      const unit = await crew(server.admin, server, name, 'fire');
      teams.set(name, unit.team.id);
      const at = new Date(Date.UTC(2017, 0, 1, index)).toISOString();
      await pastMission(
        server.admin,
        unit,
        { at, route: 60 },
        { vertical: 'fire', priority: 'high' },
      );
    }
  }, TIMEOUT);
  afterAll(async () => {
    await killAllWede();
    await server?.close();
  });

  const report = (format: string) =>
    runWede(['report', '--group-by', 'team', '--format', format], {
      WEDE_URL: server.url,
      WEDE_API_KEY: server.adminKey,
    });

  it(
    'neutralises CSV cells a spreadsheet would run as a formula, leaving numbers as they are',
    async () => {
      const result = await report('csv');

      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(
        `\r\n${teams.get(NAMES[0]!)},"'=HYPERLINK(""http://example.org"",""x"")",1,60,`,
      );
      for (const name of ['+Engine', '-Medic', '@Rescue', ' =1+1', '\uFF1D1+1', '\uFEFF=1']) {
        expect(result.stdout).toContain(`\r\n${teams.get(name)},'${name},1,60,`);
      }
      expect(result.stdout).toContain(`\r\n${teams.get('\tTab crew')},'\tTab crew,1,60,`);
      expect(result.stdout).toContain(`\r\n${teams.get('\rReturn crew')},"'\rReturn crew",1,60,`);
      expect(result.stdout).toContain(`\r\n${teams.get('Line\nbreak')},"Line\nbreak",1,60,`);
      expect(result.stdout).toContain(`\r\n${teams.get('-5')},-5,1,60,`);
    },
    TIMEOUT,
  );

  it(
    'shows line breaks and tabs in names escaped, one table line per interval',
    async () => {
      const result = await report('table');

      expect(result.code, result.stderr).toBe(0);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(1 + NAMES.length * 4);
      expect(result.stdout).not.toMatch(/[\t\r]/);
      expect(lines).toContainEqual(expect.stringMatching(/^Line\\nbreak +turnout +1 /));
      expect(lines).toContainEqual(expect.stringMatching(/^\\tTab crew +turnout +1 /));
      expect(lines).toContainEqual(expect.stringMatching(/^\\rReturn crew +turnout +1 /));
    },
    TIMEOUT,
  );
});
