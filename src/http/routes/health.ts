import { sql } from 'kysely';

import type { Database } from '../../store/database.js';
import type { App } from '../app-types.js';

export async function healthRoutes(app: App, database: Database): Promise<void> {
  // Liveness: the process answers. Readiness: it can also reach its database.
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ready', database: database.dialect };
    } catch (error) {
      request.log.warn({ err: error }, 'database not reachable');
      return reply.code(503).send({ status: 'unavailable', database: database.dialect });
    }
  });
}
