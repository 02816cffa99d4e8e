import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ResponseTimeGroup } from '@wede/sdk';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSdkServer, type SdkServer } from '../support/sdk-server.js';
import { CHILD_TIMEOUT_MS, REPO_ROOT, runWede } from '../support/wede-cli.js';

const SAMPLE = join(REPO_ROOT, 'samples', 'sffd-2017-01-01.csv');
// The whole day through a real server; a busy two-core machine needs minutes.
const REPLAY_TIMEOUT_MS = 600_000;

type Interval = 'turnout' | 'travel' | 'response' | 'on_scene';
const INTERVALS: Interval[] = ['turnout', 'travel', 'response', 'on_scene'];

interface Figures {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/**
 * The file's own figures, computed here from its columns and nothing of the
 * replay's code: each row is a mission dispatched at Dispatch DtTm, en route at
 * Response DtTm, on site at On Scene DtTm (never before en route), completed at
 * Available DtTm when it arrived. A unit sent elsewhere before its Available
 * time (or without one) was diverted then: what it recorded from that second
 * on did not happen in Wede, and it never completed.
 */
function figuresFromFile(): Map<string, Record<Interval, number[]>> {
  const rows: Record<string, string>[] = parse(readFileSync(SAMPLE, 'utf8'), { columns: true });
  // Every time of the day is Pacific standard time; only differences matter here.
  const seconds = (text: string) => (text === '' ? null : Date.parse(`${text} GMT-0800`) / 1000);

  const missions = rows.map((row) => ({
    unit: row['Unit ID']!,
    vertical: row['Call Type'] === 'Medical Incident' ? 'healthcare' : 'fire',
    dispatched: seconds(row['Dispatch DtTm']!)!,
    response: seconds(row['Response DtTm']!),
    onScene: seconds(row['On Scene DtTm']!),
    available: seconds(row['Available DtTm']!),
  }));

  for (const mission of missions) {
    const next = missions
      .filter((other) => other.unit === mission.unit && other.dispatched > mission.dispatched)
      .sort((a, b) => a.dispatched - b.dispatched)[0];
    const divertedAt =
      next !== undefined && (mission.available === null || next.dispatched < mission.available)
        ? next.dispatched
        : null;
    if (divertedAt === null) continue;

    if (mission.response !== null && mission.response >= divertedAt) mission.response = null;
    if (mission.onScene !== null && mission.onScene >= divertedAt) mission.onScene = null;
    mission.available = null;
  }

  const groups = new Map<string, Record<Interval, number[]>>();
  const empty = () => ({ turnout: [], travel: [], response: [], on_scene: [] });
  for (const mission of missions) {
    const { dispatched, response } = mission;
    const onScene =
      mission.onScene === null || response === null
        ? mission.onScene
        : Math.max(mission.onScene, response);
    const values: Partial<Record<Interval, number>> = {};
    if (response !== null) values.turnout = response - dispatched;
    if (response !== null && onScene !== null) values.travel = onScene - response;
    if (onScene !== null) values.response = onScene - dispatched;
    if (onScene !== null && mission.available !== null) {
      values.on_scene = mission.available - onScene;
    }

    for (const group of ['all', mission.vertical]) {
      if (!groups.has(group)) groups.set(group, empty());
      for (const [interval, value] of Object.entries(values)) {
        groups.get(group)![interval as Interval].push(value);
      }
    }
  }
  return groups;
}

/** Count, mean (to 0.1 s), and the nearest-rank median and 90th percentile. */
function figuresOf(values: number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (share: number) => sorted[Math.ceil(share * sorted.length) - 1]!;
  if (sorted.length === 0) return { count: 0, mean: null, median: null, p90: null };

  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    count: sorted.length,
    mean: Math.round(mean * 10) / 10,
    median: rank(0.5),
    p90: rank(0.9),
  };
}

describe('the response-time report after replaying the sample day', () => {
  let server: SdkServer;
  let workDir: string;
  let summary: any;
  const fromFile = figuresFromFile();

  beforeAll(async () => {
    server = await startSdkServer('sqlite');
    workDir = mkdtempSync(join(tmpdir(), 'wede-replay-report-'));
    const summaryPath = join(workDir, 'summary.json');
    const run = await runWede(
      ['replay', SAMPLE, '--speed', 'max', '--url', server.url, '--summary-json', summaryPath],
      { WEDE_API_KEY: server.adminKey },
      { timeoutMs: REPLAY_TIMEOUT_MS },
    );
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
  }, REPLAY_TIMEOUT_MS + CHILD_TIMEOUT_MS);

  afterAll(async () => {
    await server?.close();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  const picked = (group: ResponseTimeGroup) =>
    Object.fromEntries(
      INTERVALS.map((interval) => {
        const { count, mean, median, p90 } = group[interval];
        return [interval, { count, mean, median, p90 }];
      }),
    );
  const expected = (name: string) =>
    Object.fromEntries(
      INTERVALS.map((interval) => [interval, figuresOf(fromFile.get(name)![interval])]),
    );

  it('replays every row of the day without a refusal', () => {
    expect(summary).toMatchObject({
      rows_read: 1166,
      missions_replayed: 1166,
      rows_accounted_for: true,
      requests: { refused: {} },
      ok: true,
    });
  });

  it('gives the counts, means, medians and 90th percentiles of the whole file', async () => {
    const { data } = await server.admin.reports.responseTimes();
    const all = data[0]!;

    expect(data).toHaveLength(1);
    expect(all.group).toEqual({});
    expect(picked(all)).toEqual(expected('all'));
    // Not a comparison of two empty reports: the day has figures of every kind.
    expect(all.response.count).toBeGreaterThan(900);
  });

  it('gives per vertical the figures of the file', async () => {
    const groups = (await server.admin.reports.responseTimes({ group_by: 'vertical' })).data;

    expect(groups.map((group) => group.group.vertical).sort()).toEqual(['fire', 'healthcare']);
    for (const group of groups) {
      expect({ vertical: group.group.vertical, ...picked(group) }).toEqual({
        vertical: group.group.vertical,
        ...expected(group.group.vertical!),
      });
    }
  });
});
