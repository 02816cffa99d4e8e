import { receiveSms } from '../../services/receive-sms.js';
import { listSms } from '../../store/delivery-store.js';
import { pageRequest } from '../../store/page.js';
import type { App, RouteDeps } from '../app-types.js';
import { listBody } from '../list-body.js';
import { presentSms } from '../present/sms.js';
import { InboundSmsBody, InboundSmsResult, SmsListQuery, SmsMessage } from '../schemas/channel.js';
import { ERROR_RESPONSES, listOf } from '../schemas/common.js';

export async function channelRoutes(app: App, deps: RouteDeps): Promise<void> {
  // SMS providers post their callbacks as forms; only these routes read forms.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.post(
    '/v1/channels/sms/inbound',
    {
      config: { anyOf: ['channels:inbound'] },
      schema: {
        tags: ['channels'],
        summary: "A text from a crew member's phone, as the SMS provider posts it",
        description:
          'Form-encoded (or JSON) From, To, Body. Applied as the member whose phone sent it, ' +
          'with the same rules as the API: ACK, ROUTE, SITE, DONE, FAIL why, BACKUP, then ' +
          "details read by the vertical's feedback parser; a number names the mission when " +
          'the member has several open (ACK 2). The sender is answered by text; an unknown ' +
          'number gets nothing. A MessageSid seen before is not applied again.',
        body: InboundSmsBody,
        response: { 200: InboundSmsResult, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { From, To, Body, MessageSid } = request.body;
      const result = await receiveSms(
        deps.db,
        request.principal.organizationId,
        { from: From, to: To, body: Body, providerId: MessageSid },
        deps.now(),
        deps.delivery,
      );
      deps.afterCommit();

      request.log.info(
        { mission_id: result.mission_id, outcome: result.outcome, duplicate: result.duplicate },
        result.outcome === 'unknown_sender' ? 'text from an unknown number' : 'text received',
      );
      return result;
    },
  );

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
