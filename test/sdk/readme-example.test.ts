import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runNode } from '../support/node-script.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import {
  databaseUrl,
  killAllWede,
  REPO_ROOT,
  startWede,
  type WedeServer,
} from '../support/wede-cli.js';

const README = join(REPO_ROOT, 'packages', 'sdk', 'README.md');

/** The code block that follows `marker` in the README. */
function blockAfter(readme: string, marker: string): string {
  const start = readme.indexOf(marker);
  if (start === -1) throw new Error(`the README has no "${marker}"`);
  const block = /```\w*\n([\s\S]*?)```/.exec(readme.slice(start));
  if (!block) throw new Error(`no code block after "${marker}"`);
  return block[1]!;
}

describe("the SDK README's example", () => {
  let database: TestDatabase;
  let server: WedeServer;
  const adminKey = `wede_readme_${randomBytes(16).toString('hex')}`;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    // What `npm start` runs, on a database of its own.
    server = await startWede({
      DATABASE_URL: databaseUrl(database.config),
      WEDE_ADMIN_KEY: adminKey,
    });
  });
  afterAll(async () => {
    await killAllWede();
    await database?.drop();
  });

  it('runs as written and prints what the README says', async () => {
    const readme = await readFile(README, 'utf8');
    const script = blockAfter(readme, '<!-- example: first-mission.mjs -->');
    const printed = blockAfter(readme, 'In a fresh organization it prints');

    const run = await runNode(script, { WEDE_URL: server.url, WEDE_API_KEY: adminKey });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(printed);
  });

  it('says which key to set when WEDE_API_KEY is missing', async () => {
    const readme = await readFile(README, 'utf8');
    const script = blockAfter(readme, '<!-- example: first-mission.mjs -->');

    const run = await runNode(script, { WEDE_URL: server.url, WEDE_API_KEY: '' });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Set WEDE_API_KEY');
    expect(run.stdout).toBe('');
  });
});
