import { afterAll, beforeAll, describe } from 'vitest';

import { databaseKinds, type DatabaseKind } from './test-database.js';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server.js';

/**
 * Runs a block of API tests once per database (SQLite, and PostgreSQL when it is
 * reachable), each against its own server on its own empty database.
 */
export function describeOnEachDatabase(
  title: string,
  body: (server: () => TestServer) => void,
  options: TestServerOptions = {},
  /** Fewer databases, for what only one of them does (several servers share PostgreSQL). */
  only: (kind: DatabaseKind) => boolean = () => true,
): void {
  describe.each(databaseKinds().filter(only))(`${title} [%s]`, (kind) => {
    let server: TestServer | undefined;

    beforeAll(async () => {
      server = await startTestServer(kind, options);
    });
    afterAll(async () => {
      await server?.close();
    });

    body(() => {
      if (!server) throw new Error('the test server did not start');
      return server;
    });
  });
}
