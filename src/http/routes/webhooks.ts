import { Type } from 'typebox';

import {
  createEndpoint,
  getEndpoint,
  redeliver,
  removeEndpoint,
  rotateSecret,
  updateEndpointSettings,
} from '../../services/manage-webhooks.js';
import { pageRequest } from '../../store/page.js';
import { lastAttemptExcerpts, listDeliveries, listEndpoints } from '../../store/webhook-store.js';
import { checkEndpointUrl } from '../../webhooks/endpoint-address.js';
import { actorOf, type App, type RouteDeps } from '../app-types.js';
import { idempotentWrite } from '../idempotent-write.js';
import { listBody } from '../list-body.js';
import { presentDelivery, presentEndpoint, presentEndpointWithSecret } from '../present/webhook.js';
import { ERROR_RESPONSES, IdParams, ListQuery, listOf } from '../schemas/common.js';
import {
  DeliveryListQuery,
  RedeliverRequest,
  WebhookCreate,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookUpdate,
} from '../schemas/webhook.js';

const tags = ['webhooks'];

function hideSecret<T extends { secret: string | null }>(shown: T): T {
  return { ...shown, secret: null };
}
const manage = { anyOf: ['webhooks:manage'] } as const;

export async function webhookRoutes(app: App, deps: RouteDeps): Promise<void> {
  app.post(
    '/v1/webhooks',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Register a webhook endpoint',
        description:
          'Messages are signed per Standard Webhooks with the returned secret (whsec_…), ' +
          'which is shown only here and on rotation. URLs must be https, and must not ' +
          'resolve to loopback, private or link-local addresses, unless the server allows it.',
        body: WebhookCreate,
        response: { 201: WebhookEndpointWithSecret, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const url = await checkEndpointUrl(request.body.url, deps.webhooks);
      return idempotentWrite(
        deps,
        request,
        reply,
        201,
        actorOf(request, deps),
        async (trx, actor) =>
          presentEndpointWithSecret(await createEndpoint(trx, actor, { ...request.body, url })),
        // The secret is shown once; a replay of the creation does not show it again.
        hideSecret,
      );
    },
  );

  app.get(
    '/v1/webhooks',
    {
      config: manage,
      schema: {
        tags,
        summary: 'List webhook endpoints, newest first',
        querystring: Type.Object(ListQuery, { additionalProperties: false }),
        response: { 200: listOf(WebhookEndpoint), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = pageRequest(request.query.limit, request.query.cursor);
      const rows = await listEndpoints(deps.db, request.principal.organizationId, page);
      return listBody(rows, page.limit, presentEndpoint);
    },
  );

  app.get(
    '/v1/webhooks/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Get a webhook endpoint',
        params: IdParams,
        response: { 200: WebhookEndpoint, ...ERROR_RESPONSES },
      },
    },
    async (request) =>
      presentEndpoint(await getEndpoint(deps.db, actorOf(request, deps), request.params.id)),
  );

  app.patch(
    '/v1/webhooks/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change the URL, the events, or enable and disable an endpoint',
        params: IdParams,
        body: WebhookUpdate,
        response: { 200: WebhookEndpoint, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { url: text, ...rest } = request.body;
      const url = text === undefined ? undefined : await checkEndpointUrl(text, deps.webhooks);
      return idempotentWrite(
        deps,
        request,
        reply,
        200,
        actorOf(request, deps),
        async (trx, actor) =>
          presentEndpoint(
            await updateEndpointSettings(trx, actor, request.params.id, { ...rest, url }),
          ),
      );
    },
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete an endpoint and its delivery log',
        params: IdParams,
        response: { 200: Type.Object({ deleted: Type.Boolean() }), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 200, actorOf(request, deps), async (trx, actor) => {
        await removeEndpoint(trx, actor, request.params.id);
        return { deleted: true };
      }),
  );

  app.post(
    '/v1/webhooks/:id/rotate-secret',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rotate the signing secret',
        description: 'Messages carry signatures with both the new and the old secret for 24 h.',
        params: IdParams,
        response: { 200: WebhookEndpointWithSecret, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(
        deps,
        request,
        reply,
        200,
        actorOf(request, deps),
        async (trx, actor) =>
          presentEndpointWithSecret(await rotateSecret(trx, actor, request.params.id)),
        hideSecret,
      ),
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The delivery log of an endpoint, newest first',
        params: IdParams,
        querystring: DeliveryListQuery,
        response: { 200: listOf(WebhookDelivery), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const endpoint = await getEndpoint(deps.db, actorOf(request, deps), request.params.id);
      const page = pageRequest(request.query.limit, request.query.cursor);
      const rows = await listDeliveries(
        deps.db,
        endpoint.organization_id,
        endpoint.id,
        page,
        request.query.status,
      );
      const excerpts = await lastAttemptExcerpts(
        deps.db,
        rows.map((row) => row.id),
      );
      return listBody(rows, page.limit, (row) =>
        presentDelivery(row, excerpts.get(row.id) ?? null),
      );
    },
  );

  app.post(
    '/v1/webhooks/:id/redeliver',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Send one message again, or every message that failed since a time',
        params: IdParams,
        body: RedeliverRequest,
        response: { 202: Type.Object({ requeued: Type.Integer() }), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 202, actorOf(request, deps), async (trx, actor) => ({
        requeued: await redeliver(trx, actor, request.params.id, request.body),
      })),
  );
}
