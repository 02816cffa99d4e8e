import { afterAll, beforeAll, describe } from 'vitest';

import { databaseKinds } from './test-database.js';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server.js';

/**
 * Runs a block of API tests once per database (SQLite, and PostgreSQL when it is
 * reachable), each against its own server on its own empty database.
 */
export function describeOnEachDatabase(
  title: string,
  body: (server: () => TestServer) => void,
  options: TestServerOptions = {},
): void {
  describe.each(databaseKinds())(`${title} [%s]`, (kind) => {
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
