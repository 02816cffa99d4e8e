import { Type } from 'typebox';

import { seesWholeOrganization } from '../../domain/permissions.js';
import { loadVisibleMission } from '../../services/mission-access.js';
import { updateMissionStatus } from '../../services/update-mission-status.js';
import { listHistory, listMissions } from '../../store/mission-store.js';
import { pageRequest, toPage } from '../../store/page.js';
import { actorOf, type App, type RouteDeps } from '../app-types.js';
import { idempotentWrite } from '../idempotent-write.js';
import { presentHistoryEntry, presentMission, presentMissions } from '../present/mission.js';
import { ERROR_RESPONSES, IdParams, listOf } from '../schemas/common.js';
import { HistoryEntry, Mission, MissionListQuery, StatusUpdate } from '../schemas/mission.js';

const tags = ['missions'];
const view = { anyOf: ['missions:view'] } as const;

export async function missionRoutes(app: App, deps: RouteDeps): Promise<void> {
  app.addHook('preHandler', async (request, reply) => {
    const id = (request.params as { id?: string }).id;
    if (id === undefined) return;

    request.log = request.log.child({ mission_id: id });
    reply.log = request.log;
  });

  app.get(
    '/v1/missions',
    {
      config: view,
      schema: {
        tags,
        summary: 'List missions',
        description: "Newest first. Field operators see only their own team's missions.",
        querystring: MissionListQuery,
        response: { 200: listOf(Mission), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { principal } = request;
      const query = request.query;
      const ownTeamOnly = !seesWholeOrganization(principal);
      if (ownTeamOnly && query.team_id !== undefined && query.team_id !== principal.teamId) {
        return { data: [], count: 0, next_cursor: null };
      }

      const page = pageRequest(query.limit, query.cursor);
      const rows = await listMissions(
        deps.db,
        principal.organizationId,
        {
          statuses: query.status?.split(','),
          teamId: ownTeamOnly ? (principal.teamId ?? '') : query.team_id,
          memberId: query.member_id,
          eventId: query.event_id,
        },
        page,
      );
      const { rows: missions, nextCursor } = toPage(rows, page.limit);

      const data = await presentMissions(deps.db, missions);
      return { data, count: data.length, next_cursor: nextCursor };
    },
  );

  app.get(
    '/v1/missions/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'Get a mission',
        params: IdParams,
        response: { 200: Mission, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const mission = await loadVisibleMission(deps.db, request.principal, request.params.id);
      return presentMission(deps.db, mission);
    },
  );

  app.patch(
    '/v1/missions/:id/status',
    {
      config: { anyOf: ['missions:manage', 'missions:receive'] },
      schema: {
        tags,
        summary: "Update a mission's status",
        description:
          'Forward only; ACK, ON_ROUTE and ON_SITE by a field operator of the ' +
          "mission's team, COMPLETED and FAILED also by a supervisor. Feedback up to 16 KiB.",
        params: IdParams,
        body: StatusUpdate,
        response: { 200: Mission, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      return idempotentWrite(
        deps,
        request,
        reply,
        200,
        actorOf(request, deps),
        async (trx, actor) =>
          presentMission(
            trx,
            await updateMissionStatus(trx, actor, request.params.id, request.body),
          ),
      );
    },
  );

  app.get(
    '/v1/missions/:id/history',
    {
      config: view,
      schema: {
        tags,
        summary: "A mission's transitions, oldest first",
        params: IdParams,
        response: {
          200: Type.Object({ data: Type.Array(HistoryEntry), count: Type.Integer() }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const mission = await loadVisibleMission(deps.db, request.principal, request.params.id);
      const data = (await listHistory(deps.db, mission.organization_id, mission.id)).map(
        presentHistoryEntry,
      );
      return { data, count: data.length };
    },
  );
}
