import { randomUUID } from 'node:crypto';

export interface OutgoingSms {
  to: string;
  from: string;
  body: string;
}

/** A provider accepted the text (its id), or refused it (why). */
export type SmsSendResult =
  { accepted: true; providerId: string } | { accepted: false; error: string };

/** Where texts leave Wede. Implementations never throw: a failure is a result. */
export interface SmsProvider {
  name: string;
  send(sms: OutgoingSms): Promise<SmsSendResult>;
}

/**
 * For development and tests: accepts every text at once and sends nothing;
 * the texts are in the database, listed by GET /v1/channels/sms/messages.
 */
export const logSmsProvider: SmsProvider = {
  name: 'log',
  send: async () => ({ accepted: true, providerId: `log_${randomUUID()}` }),
};
