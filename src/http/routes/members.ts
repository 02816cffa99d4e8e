import { createMember, getMember, updateMemberDetails } from '../../services/manage-members.js';
import { listMembers } from '../../store/member-store.js';
import { pageRequest } from '../../store/page.js';
import { actorOf, type App, type RouteDeps } from '../app-types.js';
import { idempotentWrite } from '../idempotent-write.js';
import { listBody } from '../list-body.js';
import { presentMember } from '../present/member.js';
import { ERROR_RESPONSES, IdParams, listOf } from '../schemas/common.js';
import { Member, MemberCreate, MemberListQuery, MemberUpdate } from '../schemas/member.js';

const tags = ['members'];
const manage = { anyOf: ['members:manage'] } as const;
const view = { anyOf: ['members:view'] } as const;

export async function memberRoutes(app: App, deps: RouteDeps): Promise<void> {
  app.post(
    '/v1/members',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a member',
        body: MemberCreate,
        response: { 201: Member, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 201, actorOf(request, deps), async (trx, actor) =>
        presentMember(await createMember(trx, actor, request.body)),
      ),
  );

  app.get(
    '/v1/members',
    {
      config: view,
      schema: {
        tags,
        summary: 'List members, newest first',
        querystring: MemberListQuery,
        response: { 200: listOf(Member), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { query } = request;
      const page = pageRequest(query.limit, query.cursor);
      const rows = await listMembers(
        deps.db,
        request.principal.organizationId,
        { teamId: query.team_id, role: query.role },
        page,
      );

      return listBody(rows, page.limit, presentMember);
    },
  );

  app.get(
    '/v1/members/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'Get a member',
        params: IdParams,
        response: { 200: Member, ...ERROR_RESPONSES },
      },
    },
    async (request) =>
      presentMember(await getMember(deps.db, actorOf(request, deps), request.params.id)),
  );

  app.patch(
    '/v1/members/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a member',
        params: IdParams,
        body: MemberUpdate,
        response: { 200: Member, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 200, actorOf(request, deps), async (trx, actor) =>
        presentMember(await updateMemberDetails(trx, actor, request.params.id, request.body)),
      ),
  );
}
