import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { CHILD_TIMEOUT_MS, killAllWede, runWede } from '../support/wede-cli.js';

const TIMEOUT = CHILD_TIMEOUT_MS * 2;

let folder: string;
let databasePath: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'wede-cli-config-'));
  databasePath = join(folder, 'never-created', 'wede.db');
});
// Tests here run concurrently: children are killed only once all have ended.
afterAll(async () => {
  await killAllWede();
  rmSync(folder, { recursive: true, force: true });
});

const INVALID: { variable: string; value: string; says: RegExp }[] = [
  { variable: 'PORT', value: 'abc', says: /PORT.*"abc"/ },
  { variable: 'PORT', value: '70000', says: /PORT.*"70000"/ },
  { variable: 'PORT', value: '-1', says: /PORT.*"-1"/ },
  { variable: 'LOG_LEVEL', value: 'loud', says: /LOG_LEVEL.*"loud"/ },
  { variable: 'DATABASE_URL', value: 'mysql://x', says: /DATABASE_URL.*"mysql:\/\/x"/ },
  { variable: 'WEDE_ADMIN_KEY', value: 'short', says: /WEDE_ADMIN_KEY.*24 characters/ },
  {
    variable: 'WEDE_ADMIN_KEY',
    value: 'a key with spaces that is long enough',
    says: /WEDE_ADMIN_KEY/,
  },
  { variable: 'HOST', value: ' ', says: /HOST/ },
];

describe.concurrent('wede serve with an invalid configuration', () => {
  it.each(INVALID)(
    'refuses $variable=$value, naming the variable',
    async (bad) => {
      const result = await runWede(['serve'], {
        PORT: '0',
        DATABASE_URL: databasePath,
        [bad.variable]: bad.value,
      });

      expect(result.code, result.stdout + result.stderr).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toMatch(/configuration error/);
      expect(result.stderr).toMatch(bad.says);
      // A clear message, not a stack trace.
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stdout).not.toMatch(/wede is listening/);
      expect(existsSync(databasePath)).toBe(false);
    },
    TIMEOUT,
  );
});

describe.concurrent('the other commands with an invalid configuration', () => {
  it.each([['migrate'], ['org', 'create', 'Porto'], ['audit', 'verify']])(
    'wede %s refuses DATABASE_URL=mysql://x before touching anything',
    async (...args: string[]) => {
      const result = await runWede(args, { DATABASE_URL: 'mysql://x' });

      expect(result.code, result.stdout + result.stderr).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toMatch(/configuration error.*DATABASE_URL/);
      expect(result.stdout).not.toMatch(/wede_/);
    },
    TIMEOUT,
  );

  it(
    'wede migrate refuses LOG_LEVEL=loud too',
    async () => {
      const result = await runWede(['migrate'], { DATABASE_URL: databasePath, LOG_LEVEL: 'loud' });

      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/LOG_LEVEL/);
      expect(existsSync(databasePath)).toBe(false);
    },
    TIMEOUT,
  );
});

describe('wede serve when it cannot start', () => {
  let blocker: Server | undefined;

  afterEach(async () => {
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = undefined;
  });

  it(
    'stops with an error, not a hang, when PostgreSQL is unreachable',
    async () => {
      const result = await runWede(['serve'], {
        PORT: '0',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
      });

      expect(result.code, result.stdout + result.stderr).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stdout + result.stderr).toMatch(/ECONNREFUSED/);
      expect(result.stdout).not.toMatch(/wede is listening/);
    },
    TIMEOUT,
  );

  it(
    'stops with an error when its port is taken',
    async () => {
      const server = createServer();
      blocker = server;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');

      const result = await runWede(['serve'], {
        PORT: String(address.port),
        DATABASE_URL: join(folder, 'port-taken', 'wede.db'),
      });

      expect(result.code, result.stdout + result.stderr).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stdout + result.stderr).toMatch(/EADDRINUSE/);
    },
    TIMEOUT,
  );
});
