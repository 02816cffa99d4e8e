import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

import type { DeliverySettings, WebhookSettings } from '../config/load-config.js';
import { WedeError } from '../domain/wede-error.js';
import type { Database } from '../store/database.js';
import { StreamHub } from '../stream/stream-hub.js';
import type { App, RouteDeps } from './app-types.js';
import { authenticate, authenticateStream, authorize } from './authenticate.js';
import { replyWithError } from './error-reply.js';
import { inspectInput, refuseUndeclaredInput } from './inspect-input.js';
import { validatorCompiler } from './request-validation.js';
import { channelRoutes } from './routes/channels.js';
import { dispatchRoutes } from './routes/dispatch.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { keyRoutes } from './routes/keys.js';
import { memberRoutes } from './routes/members.js';
import { missionRoutes } from './routes/missions.js';
import { reportRoutes } from './routes/reports.js';
import { teamRoutes } from './routes/teams.js';
import { streamRoutes } from './routes/stream.js';
import { webhookRoutes } from './routes/webhooks.js';

export interface AppOptions {
  database: Database;
  logger: Logger;
  /** The clock; tests set it to check times without sleeping. */
  now?: () => Date;
  webhooks: WebhookSettings;
  delivery: DeliverySettings;
  /** Called after every committed write. */
  afterCommit?: () => void;
}

export const BODY_LIMIT_BYTES = 64 * 1024;
/** A stream client sends receipts and locations; a bigger frame closes its socket (1009). */
export const STREAM_MESSAGE_LIMIT_BYTES = 16 * 1024;
const REQUEST_ID = /^[\w.:-]{1,100}$/;

export async function buildApp(options: AppOptions): Promise<App> {
  const app: App = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    clientErrorHandler: answerUnreadableRequest,
    // A URL the router cannot even decode still gets the error envelope.
    frameworkErrors: (error, request, reply) =>
      replyWithError(
        new WedeError('validation_failed', `the URL is not valid: ${error.message}`),
        request,
        reply,
      ),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON only: a text/plain body is refused with 415 rather than half-parsed.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('preValidation', inspectInput);
  app.setErrorHandler(replyWithError);
  app.setNotFoundHandler((request, reply) =>
    replyWithError(
      new WedeError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
      request,
      reply,
    ),
  );
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerOpenApi(app);
  await app.register(websocket, { options: { maxPayload: STREAM_MESSAGE_LIMIT_BYTES } });

  const hub = new StreamHub(options.database.reader, options.logger.child({ part: 'stream' }));
  hub.start();
  app.addHook('onClose', () => hub.stop());

  const deps: RouteDeps = {
    db: options.database.db,
    now: options.now ?? (() => new Date()),
    webhooks: options.webhooks,
    delivery: options.delivery,
    afterCommit: () => {
      options.afterCommit?.();
      hub.poke();
    },
  };
  // Changes made outside a request (the delivery engine's) announce themselves here too.
  app.decorate('afterCommit', deps.afterCommit);
  const stream = { ...deps, reader: options.database.reader, hub };
  await app.register(async (v1: App) => {
    v1.decorateRequest('principal');
    v1.addHook('onRequest', async (request, reply) => {
      // A provider's callback carries a signature over its form instead of a key;
      // the route checks it once the form is read.
      const signed = request.routeOptions.config.providerSigned === true;
      if (signed && request.headers.authorization === undefined) return;

      request.principal = request.routeOptions.config.ticketAccepted
        ? await authenticateStream(deps.db, request, deps.now())
        : await authenticate(deps.db, request);
      request.log = request.log.child({ organization_id: request.principal.organizationId });
      reply.log = request.log;
    });
    // Before validation: a caller without the permission learns nothing of the schema.
    v1.addHook('preValidation', authorize);
    v1.addHook('preValidation', refuseUndeclaredInput);

    for (const routes of [
      missionRoutes,
      dispatchRoutes,
      eventRoutes,
      teamRoutes,
      memberRoutes,
      keyRoutes,
      webhookRoutes,
      channelRoutes,
    ]) {
      await v1.register(async (scope: App) => routes(scope, deps));
    }
    await v1.register(async (scope: App) => streamRoutes(scope, deps, stream));
    await v1.register(async (scope: App) => reportRoutes(scope, options.database));
  });
  await healthRoutes(app, options.database);

  return app;
}

async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Wede API',
        version: '1.0.0',
        description: 'Field-response dispatch: events, teams, dispatch and missions.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

/**
 * A request Node could not even parse (headers or URL over 16 KiB, a
 * malformed request line, too slow to arrive) gets the same error envelope
 * as any other, written straight to the socket: Fastify never saw it.
 */
function answerUnreadableRequest(this: FastifyInstance, error: Error, socket: Duplex): void {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNRESET' || socket.destroyed) return;

  const refusal =
    code === 'HPE_HEADER_OVERFLOW'
      ? new WedeError('headers_too_large', 'the URL and headers are over 16 KiB; send less')
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new WedeError('request_timeout', 'the request took too long to arrive')
        : new WedeError('validation_failed', 'the request is not readable HTTP');
  this.log.debug({ err: error }, 'unreadable request');

  if (socket.writable) {
    const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
    socket.write(
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
