import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { DatabaseConfig } from '../../src/config/load-config.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { ApiClient } from './api-client.js';

/** The repository root, where `npx wede` and `node bin/wede.js` are run from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEDE_BIN = join(REPO_ROOT, 'bin', 'wede.js');

/** Starting through tsx takes a second or two; a busy machine takes longer. */
export const CHILD_TIMEOUT_MS = 60_000;

const CONFIG_VARIABLES = ['PORT', 'HOST', 'DATABASE_URL', 'LOG_LEVEL', 'WEDE_ADMIN_KEY'];

/** Variables for the child; `undefined` leaves one out. */
export type WedeEnv = Record<string, string | undefined>;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliResult extends Exit {
  stdout: string;
  stderr: string;
  /** The output's lines, blank ones left out. */
  lines: string[];
}

/** What DATABASE_URL is set to for a test database. */
export function databaseUrl(config: DatabaseConfig): string {
  return config.kind === 'sqlite' ? config.path : config.url;
}

/** The environment of a child: the test's own, without any Wede setting it did not ask for. */
function childEnv(env: WedeEnv): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete result[name];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result;
}

const children = new Set<Tracked>();

/** A child process whose output is collected as it comes. */
class Tracked {
  stdout = '';
  stderr = '';
  exit: Exit | undefined;
  readonly closed: Promise<Exit>;
  private readonly listeners = new Set<() => void>();

  constructor(readonly child: ChildProcess) {
    children.add(this);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.notify();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.notify();
    });
    this.closed = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.exit = { code, signal };
        children.delete(this);
        this.notify();
        resolve(this.exit);
      });
      child.on('error', (error) => {
        this.stderr += `\n[spawn error] ${error.message}\n`;
      });
    });
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  describe(): string {
    return `--- stdout ---\n${this.stdout}\n--- stderr ---\n${this.stderr}`;
  }

  /** Resolves with what `find` finds in stdout; fails when the child ends first or time is up. */
  waitFor<T>(
    find: (stdout: string) => T | undefined,
    what: string,
    timeoutMs = CHILD_TIMEOUT_MS,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}\n${this.describe()}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      const check = () => {
        const found = find(this.stdout);
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (this.exit !== undefined) {
          done();
          reject(
            new Error(
              `wede ended (code ${this.exit.code}, signal ${this.exit.signal}) ` +
                `before ${what}\n${this.describe()}`,
            ),
          );
        }
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends a signal and waits for the process to end. */
  async signal(signal: NodeJS.Signals, timeoutMs = CHILD_TIMEOUT_MS): Promise<Exit> {
    if (this.exit) return this.exit;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.closed;
    } finally {
      clearTimeout(timer);
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function spawnTracked(command: string, args: string[], env: WedeEnv, cwd: string): Tracked {
  return new Tracked(
    spawn(command, args, {
      cwd,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

export interface RunOptions {
  cwd?: string;
  timeoutMs?: number;
  /** Another program than `node bin/wede.js`, e.g. `npx wede`. */
  command?: { file: string; args: string[] };
}

/** Runs `node bin/wede.js ARGS…` to its end and returns its exit and output. */
export async function runWede(
  args: string[],
  env: WedeEnv = {},
  options: RunOptions = {},
): Promise<CliResult> {
  const command = options.command ?? { file: process.execPath, args: [WEDE_BIN] };
  const child = spawnTracked(
    command.file,
    [...command.args, ...args],
    env,
    options.cwd ?? REPO_ROOT,
  );
  const timeoutMs = options.timeoutMs ?? CHILD_TIMEOUT_MS;

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.child.kill('SIGKILL');
  }, timeoutMs);
  const exit = await child.closed.finally(() => clearTimeout(timer));
  if (timedOut) {
    throw new Error(
      `wede ${args.join(' ')} did not end within ${timeoutMs} ms\n` + child.describe(),
    );
  }
  return {
    ...exit,
    stdout: child.stdout,
    stderr: child.stderr,
    lines: `${child.stdout}\n${child.stderr}`
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line) => line.trim() !== ''),
  };
}

/** The admin keys printed on a line of their own. */
export function printedKeys(output: string): string[] {
  return [...output.matchAll(/^\s*(wede_[A-Za-z0-9_-]{20,})\s*$/gm)].map((match) => match[1]!);
}

/** The JSON log lines among the output. */
export function logLines(output: string): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a line cut short while still being written
    }
  }
  return lines;
}

/** A `wede serve` child process. */
export class WedeServer {
  constructor(
    private readonly child: Tracked,
    readonly url: string,
  ) {}

  get stdout(): string {
    return this.child.stdout;
  }

  get stderr(): string {
    return this.child.stderr;
  }

  get pid(): number | undefined {
    return this.child.child.pid;
  }

  /** A client of this server acting with `key`. */
  api(key: string): ApiClient {
    return new ApiClient(this.url, key);
  }

  /** Waits for the admin key that the first start prints. */
  printedKey(timeoutMs?: number): Promise<string> {
    return this.child.waitFor(
      (stdout) => {
        // The key line comes with a hint that repeats it; wait for both to be whole.
        if (!/Try: curl .*\n/.test(stdout)) return undefined;
        return printedKeys(stdout)[0];
      },
      'the printed admin key',
      timeoutMs,
    );
  }

  /** SIGTERM: the clean stop. */
  stop(): Promise<Exit> {
    return this.child.signal('SIGTERM');
  }

  /** SIGKILL: the process dies on the spot. */
  kill(): Promise<Exit> {
    return this.child.signal('SIGKILL');
  }
}

/**
 * Starts `node bin/wede.js serve` on a free port (PORT=0) and resolves once it
 * logs that it listens, with the URL from that log line.
 */
export async function startWede(env: WedeEnv, options: { cwd?: string } = {}): Promise<WedeServer> {
  const child = spawnTracked(
    process.execPath,
    [WEDE_BIN, 'serve'],
    { PORT: '0', LOG_LEVEL: 'info', ...env },
    options.cwd ?? REPO_ROOT,
  );

  try {
    const url = await child.waitFor((stdout) => {
      const line = logLines(stdout).find((entry) => entry.msg === 'wede is listening');
      return typeof line?.url === 'string' ? line.url : undefined;
    }, 'the "wede is listening" log line');
    return new WedeServer(child, url);
  } catch (error) {
    await child.signal('SIGKILL');
    throw error;
  }
}

/** Kills whatever child a test left running; for afterEach and afterAll. */
export async function killAllWede(): Promise<void> {
  await Promise.all([...children].map((child) => child.signal('SIGKILL', 5_000)));
}

/** Opens the database directly, as someone with a SQL prompt would. */
export async function withDatabase<T>(
  config: DatabaseConfig,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = openDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
