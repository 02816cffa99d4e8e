import type { IncomingMessage, ServerResponse } from 'node:http';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { Kysely } from 'kysely';

import type { DeliverySettings, WebhookSettings } from '../config/load-config.js';
import type { Actor } from '../services/actor.js';
import type { Schema } from '../store/schema.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Tells the webhook worker, the delivery engine and the live stream of a commit. */
    afterCommit(): void;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What routes need besides the request. */
export interface RouteDeps {
  db: Kysely<Schema>;
  now: () => Date;
  webhooks: WebhookSettings;
  delivery: DeliverySettings;
  /** Called after every committed write: new webhook messages may be waiting. */
  afterCommit: () => void;
}

export function actorOf(request: FastifyRequest, deps: RouteDeps): Actor {
  return { principal: request.principal, now: deps.now(), channel: 'api' };
}
