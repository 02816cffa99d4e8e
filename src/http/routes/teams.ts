import {
  createTeam,
  getTeam,
  updateTeamDetails,
  updateTeamLocation,
} from '../../services/manage-teams.js';
import { pageRequest } from '../../store/page.js';
import { listTeams } from '../../store/team-store.js';
import { actorOf, type App, type RouteDeps } from '../app-types.js';
import { idempotentWrite } from '../idempotent-write.js';
import { listBody } from '../list-body.js';
import { presentTeam } from '../present/team.js';
import { ERROR_RESPONSES, IdParams, listOf } from '../schemas/common.js';
import { Team, TeamCreate, TeamListQuery, TeamLocation, TeamUpdate } from '../schemas/team.js';

const tags = ['teams'];
const manage = { anyOf: ['teams:manage'] } as const;
const view = { anyOf: ['teams:view'] } as const;

export async function teamRoutes(app: App, deps: RouteDeps): Promise<void> {
  app.post(
    '/v1/teams',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a team',
        body: TeamCreate,
        response: { 201: Team, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 201, actorOf(request, deps), async (trx, actor) =>
        presentTeam(await createTeam(trx, actor, request.body)),
      ),
  );

  app.get(
    '/v1/teams',
    {
      config: view,
      schema: {
        tags,
        summary: 'List teams, newest first',
        querystring: TeamListQuery,
        response: { 200: listOf(Team), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { query } = request;
      const page = pageRequest(query.limit, query.cursor);
      const rows = await listTeams(
        deps.db,
        request.principal.organizationId,
        { status: query.status, name: query.name, vertical: query.vertical },
        page,
      );

      return listBody(rows, page.limit, presentTeam);
    },
  );

  app.get(
    '/v1/teams/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'Get a team',
        params: IdParams,
        response: { 200: Team, ...ERROR_RESPONSES },
      },
    },
    async (request) =>
      presentTeam(await getTeam(deps.db, actorOf(request, deps), request.params.id)),
  );

  app.patch(
    '/v1/teams/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rename a team, change its verticals, or take it on or off duty',
        params: IdParams,
        body: TeamUpdate,
        response: { 200: Team, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 200, actorOf(request, deps), async (trx, actor) =>
        presentTeam(await updateTeamDetails(trx, actor, request.params.id, request.body)),
      ),
  );

  app.put(
    '/v1/teams/:id/location',
    {
      config: { anyOf: ['teams:manage', 'teams:location'] },
      schema: {
        tags,
        summary: "Report a team's location",
        description: "Field operators report their own team's location.",
        params: IdParams,
        body: TeamLocation,
        response: { 200: Team, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 200, actorOf(request, deps), async (trx, actor) =>
        presentTeam(await updateTeamLocation(trx, actor, request.params.id, request.body)),
      ),
  );
}
