import { afterAll, describe, expect, it } from 'vitest';

import { CHILD_TIMEOUT_MS, killAllWede, REPO_ROOT, runWede } from '../support/wede-cli.js';

const TIMEOUT = CHILD_TIMEOUT_MS * 2;
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

describe.concurrent('the wede command', () => {
  afterAll(killAllWede);

  it(
    'answers `npx wede --help` from the repository root',
    async () => {
      const result = await runWede(
        ['--help'],
        {},
        {
          cwd: REPO_ROOT,
          command: { file: npx, args: ['--no-install', 'wede'] },
        },
      );

      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Usage: wede /m);
      // Wede's own entry, not a package of that name from a registry.
      expect(result.stdout).toContain('field-response dispatch');
      for (const command of ['serve', 'migrate', 'org', 'audit', 'replay', 'report']) {
        expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
      }
    },
    TIMEOUT,
  );

  it(
    'lists the subcommands of org and audit',
    async () => {
      const org = await runWede(['org', '--help']);
      const audit = await runWede(['audit', '--help']);

      expect(org.code).toBe(0);
      expect(org.stdout).toMatch(/create .*<name>/);
      expect(audit.code).toBe(0);
      expect(audit.stdout).toMatch(/^\s+verify\b/m);
    },
    TIMEOUT,
  );

  it(
    'refuses an unknown command with a non-zero exit',
    async () => {
      const result = await runWede(['launch']);

      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toMatch(/unknown command 'launch'/);
    },
    TIMEOUT,
  );
});
