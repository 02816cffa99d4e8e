import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const START_DEADLINE_MS = 60_000;

/** A server process the bench started: Wede itself or one of the bare ceilings. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak resident memory so far, in MB (VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** An admin key the bench sets through WEDE_ADMIN_KEY, so it needs no first-start output. */
export const BENCH_ADMIN_KEY = 'wede_bench_admin_key_0123456789abcdef';

let nextPort = 18_400 + (process.pid % 500) * 4;

/** Runs `node bin/wede.js ARGS` to its end (migrate, replay); rejects on a non-zero exit. */
export function runWede(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/wede.js', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`wede ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`));
    });
  });
}

/** `wede serve` on the given SQLite file, with the bench's admin key; ready when healthy. */
export function startWede(
  databasePath: string,
  extraEnv: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = nextPort++;
  // BENCH_CPU_PROF=DIR: each Wede server writes a CPU profile there when it stops.
  const profileDir = process.env.BENCH_CPU_PROF;
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return startProcess([...profiling, 'bin/wede.js', 'serve'], port, {
    PORT: String(port),
    DATABASE_URL: databasePath,
    WEDE_ADMIN_KEY: BENCH_ADMIN_KEY,
    // Texts to crews would race the bench's own status updates; nothing here waits that long.
    WEDE_ESCALATION_SECONDS: 'critical=3600,high=3600,medium=3600,low=3600',
    WEDE_UNDELIVERED_SECONDS: 'critical=7200,high=7200,medium=7200,low=7200',
    ...extraEnv,
  });
}

/** One of the bare servers in bench/ceilings, on its own port. */
export function startBare(mode: string, args: readonly string[]): Promise<ServerProcess> {
  const port = nextPort++;
  return startProcess(
    ['--import', 'tsx', 'bench/bare-server.ts', mode, String(port), ...args],
    port,
    {},
  );
}

async function startProcess(
  args: readonly string[],
  port: number,
  env: Record<string, string>,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));

  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(child, url, () => stderr);
  return {
    url,
    pid: child.pid!,
    peakRssMb: () => peakRssMb(child.pid!),
    stop: () => stopProcess(child),
  };
}

async function waitHealthy(child: ChildProcess, url: string, stderr: () => string) {
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${stderr()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server at ${url} did not become healthy:\n${stderr()}`);
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
