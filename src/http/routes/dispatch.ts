import { dispatchTeam } from '../../services/dispatch-team.js';
import { actorOf, type App, type RouteDeps } from '../app-types.js';
import { idempotentWrite } from '../idempotent-write.js';
import { presentDispatch } from '../present/mission.js';
import { ERROR_RESPONSES } from '../schemas/common.js';
import { DispatchRequest, DispatchResult } from '../schemas/mission.js';

export async function dispatchRoutes(app: App, deps: RouteDeps): Promise<void> {
  app.post(
    '/v1/teams/dispatch',
    {
      config: { anyOf: ['teams:dispatch', 'missions:backup'] },
      schema: {
        tags: ['missions', 'teams'],
        summary: 'Dispatch a team to an event',
        description:
          'Creates a CREATED mission and marks the team BUSY. Without team_id, the ' +
          "nearest available team serving the event's vertical is chosen. For backup, dispatch " +
          'to the same event (with backup_of); a field operator may do so only for an event ' +
          'his own team is on. With divert and a team_id, a team BUSY on another event is ' +
          'taken from it: that mission ends FAILED (reason "diverted") in the same ' +
          'transaction, and the answer shows it as diverted. Supervisor and admin keys ' +
          'may give occurred_at, for a dispatch entered late or imported: it becomes ' +
          'dispatched_at, and may be neither before the event was received nor in the future.',
        body: DispatchRequest,
        response: { 201: DispatchResult, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 201, actorOf(request, deps), async (trx, actor) =>
        presentDispatch(trx, await dispatchTeam(trx, actor, request.body, deps.delivery)),
      ),
  );
}
