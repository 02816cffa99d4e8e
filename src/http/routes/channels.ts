import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';

import { isProviderSigned } from '../../domain/provider-signature.js';
import { WedeError } from '../../domain/wede-error.js';
import { receiveProviderSms, receiveSms } from '../../services/receive-sms.js';
import { recordSmsStatus } from '../../services/sms-status.js';
import { listSms } from '../../store/delivery-store.js';
import { pageRequest } from '../../store/page.js';
import type { App, RouteDeps } from '../app-types.js';
import { listBody } from '../list-body.js';
import { presentSms } from '../present/sms.js';
import {
  InboundSmsBody,
  InboundSmsResult,
  SmsListQuery,
  SmsMessage,
  SmsStatusBody,
} from '../schemas/channel.js';
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
      config: { anyOf: ['channels:inbound'], providerSigned: true },
      schema: {
        tags: ['channels'],
        summary: "A text from a crew member's phone, as the SMS provider posts it",
        description:
          'Form-encoded (or JSON) From, To, Body. Applied as the member whose phone sent it, ' +
          'with the same rules as the API: ACK, ROUTE, SITE, DONE, FAIL why, BACKUP, then ' +
          "details read by the vertical's feedback parser; a number names the mission when " +
          'the member has several open (ACK 2). The sender is answered by text; an unknown ' +
          'number gets nothing. A MessageSid seen before is not applied again. Called with a ' +
          'channels:inbound key, or by the http provider signing its form (X-Twilio-Signature).',
        body: InboundSmsBody,
        response: { 200: InboundSmsResult, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { From, To, Body, MessageSid } = request.body;
      const sms = { from: From, to: To, body: Body, providerId: MessageSid };
      const keyed = request.principal !== undefined;
      if (!keyed) requireProviderSignature(request, deps);

      const result = keyed
        ? await receiveSms(
            deps.db,
            request.principal.organizationId,
            sms,
            deps.now(),
            deps.delivery,
          )
        : ((await receiveProviderSms(deps.db, sms, deps.now(), deps.delivery)) ?? UNKNOWN_SENDER);
      deps.afterCommit();

      request.log.info(
        { mission_id: result.mission_id, outcome: result.outcome, duplicate: result.duplicate },
        result.outcome === 'unknown_sender' ? 'text from an unknown number' : 'text received',
      );
      return result;
    },
  );

  app.post(
    '/v1/channels/sms/status',
    {
      config: { anyOf: ['channels:inbound'], providerSigned: true },
      schema: {
        tags: ['channels'],
        summary: 'The SMS provider reports where a text Wede sent has got to',
        description:
          'Form-encoded MessageSid, MessageStatus (sent, delivered, failed, undelivered…), ' +
          'ErrorCode. A text that reached the phone marks its mission SENT over sms if ' +
          'nothing confirmed it before. Signed by the provider, or with a channels:inbound key.',
        body: SmsStatusBody,
        response: { 204: Type.Null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      if (request.principal === undefined) requireProviderSignature(request, deps);

      const { MessageSid, MessageStatus, ErrorCode } = request.body;
      const outcome = await recordSmsStatus(
        deps.db,
        { providerId: MessageSid, status: MessageStatus, errorCode: ErrorCode },
        deps.now(),
      );
      deps.afterCommit();
      request.log.info({ sms: MessageSid, status: MessageStatus, outcome }, 'text status');
      return reply.code(204).send(null);
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

const UNKNOWN_SENDER = {
  outcome: 'unknown_sender',
  mission_id: null,
  status: null,
  reply: null,
  duplicate: false,
} as const;

/**
 * Refuses a keyless call unless the provider signed it: an HMAC with the http
 * provider's token over the URL it called (WEDE_PUBLIC_URL and the path) and
 * the form's fields.
 */
function requireProviderSignature(request: FastifyRequest, deps: RouteDeps): void {
  const token = deps.delivery.smsHttp?.token;
  const base = deps.delivery.publicUrl;
  if (token === undefined || base === undefined) {
    throw new WedeError(
      'unauthorized',
      'send an API key; signed provider calls need WEDE_SMS_PROVIDER=http and WEDE_PUBLIC_URL',
    );
  }

  const fields = Object.fromEntries(
    Object.entries((request.body ?? {}) as Record<string, unknown>).map(([name, value]) => [
      name,
      String(value),
    ]),
  );
  const header = request.headers['x-twilio-signature'];
  const signature = Array.isArray(header) ? header[0] : header;
  if (!isProviderSigned(token, base + request.url, fields, signature)) {
    throw new WedeError('unauthorized', 'the provider signature does not match this request');
  }
}
