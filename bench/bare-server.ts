import SQLite from 'better-sqlite3';
import Fastify from 'fastify';

import { bareMissionList } from './ceilings/bare-mission-list.js';
import { bareStatusUpdate } from './ceilings/bare-status-update.js';

/**
 * The machine's ceilings, each a child process like Wede's server:
 *   answer PORT BYTES   bare Fastify answering a JSON body of that size
 *   status PORT FILE    the status update's statements behind bare Fastify
 *   list PORT FILE      the filtered list's statements behind bare Fastify
 */
const [mode, portText, argument] = process.argv.slice(2);
const app = Fastify({ logger: false });
app.get('/healthz', () => ({ ok: true }));

if (mode === 'answer') {
  const body = JSON.stringify({ data: 'x'.repeat(Math.max(0, Number(argument) - 11)) });
  app.patch('/v1/missions/:id/status', (_request, reply) => {
    reply.header('content-type', 'application/json').send(body);
  });
} else {
  const connection = new SQLite(argument!);
  // The same settings as Wede's connection.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  if (mode === 'status') bareStatusUpdate(app, connection);
  else bareMissionList(app, connection);
}

await app.listen({ port: Number(portText), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
