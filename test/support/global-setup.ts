import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

/**
 * Finds the PostgreSQL the suite runs against. A developer without one gets the
 * SQLite half with a clear notice; CI (CI=true) must have one and fails otherwise.
 */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.WEDE_TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL;
  const reachable = await canConnect(url);

  if (!reachable && process.env.CI === 'true') {
    throw new Error(`PostgreSQL is not reachable at ${url}; CI never skips the PostgreSQL suite`);
  }
  if (!reachable) {
    process.stderr.write(
      `\n[wede] PostgreSQL not reachable at ${url}: the PostgreSQL half of ` +
        'the suite is SKIPPED. Start PostgreSQL or set WEDE_TEST_POSTGRES_URL to run it.\n\n',
    );
  }
  project.provide('postgresUrl', reachable ? url : null);
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
