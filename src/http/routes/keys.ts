import { Type } from 'typebox';

import { createKey, revokeKey } from '../../services/manage-keys.js';
import { listKeys } from '../../store/key-store.js';
import { pageRequest } from '../../store/page.js';
import { actorOf, type App, type RouteDeps } from '../app-types.js';
import { idempotentWrite } from '../idempotent-write.js';
import { listBody } from '../list-body.js';
import { presentKey } from '../present/key.js';
import { ERROR_RESPONSES, IdParams, ListQuery, listOf } from '../schemas/common.js';
import { ApiKey, CreatedApiKey, KeyCreate } from '../schemas/key.js';

const tags = ['keys'];
const manage = { anyOf: ['keys:manage'] } as const;

export async function keyRoutes(app: App, deps: RouteDeps): Promise<void> {
  app.post(
    '/v1/keys',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create an API key',
        description:
          'Give a role, a permission list, or a member_id (the key then acts as that ' +
          "member, with the member's role and team). The secret is in `key`, shown only here.",
        body: KeyCreate,
        response: { 201: CreatedApiKey, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(
        deps,
        request,
        reply,
        201,
        actorOf(request, deps),
        async (trx, actor) => {
          const { row, secret } = await createKey(trx, actor, request.body);
          return { ...presentKey(row), key: secret as string | null };
        },
        // Only the key's hash is ever stored, the replay of its creation included.
        (created) => ({ ...created, key: null }),
      ),
  );

  app.get(
    '/v1/keys',
    {
      config: manage,
      schema: {
        tags,
        summary: 'List API keys (never their secrets), newest first',
        querystring: Type.Object(ListQuery, { additionalProperties: false }),
        response: { 200: listOf(ApiKey), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = pageRequest(request.query.limit, request.query.cursor);
      const rows = await listKeys(deps.db, request.principal.organizationId, page);
      return listBody(rows, page.limit, presentKey);
    },
  );

  app.delete(
    '/v1/keys/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Revoke an API key',
        params: IdParams,
        response: { 200: ApiKey, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 200, actorOf(request, deps), async (trx, actor) =>
        presentKey(await revokeKey(trx, actor, request.params.id)),
      ),
  );
}
