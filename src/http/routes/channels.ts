import { listSms } from '../../store/delivery-store.js';
import { pageRequest } from '../../store/page.js';
import type { App, RouteDeps } from '../app-types.js';
import { listBody } from '../list-body.js';
import { presentSms } from '../present/sms.js';
import { SmsListQuery, SmsMessage } from '../schemas/channel.js';
import { ERROR_RESPONSES, listOf } from '../schemas/common.js';

export async function channelRoutes(app: App, deps: RouteDeps): Promise<void> {
  app.get(
    '/v1/channels/sms/messages',
    {
      config: { anyOf: ['missions:manage'] },
      schema: {
        tags: ['channels'],
        summary: 'Texts sent to crews and received from them, newest first',
        description:
          'Every text of the organization, whatever the provider; with the log provider ' +
          '(WEDE_SMS_PROVIDER=log, for development) this is the only place they go.',
        querystring: SmsListQuery,
        response: { 200: listOf(SmsMessage), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { query } = request;
      const page = pageRequest(query.limit, query.cursor);
      const rows = await listSms(deps.db, request.principal.organizationId, page, {
        missionId: query.mission_id,
        direction: query.direction,
      });
      return listBody(rows, page.limit, presentSms);
    },
  );
}
