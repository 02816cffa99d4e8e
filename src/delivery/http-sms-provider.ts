import { request } from 'undici';

import type { SmsHttpSettings } from '../config/load-config.js';
import type { SmsProvider } from './sms-provider.js';

const SEND_TIMEOUT_MS = 10_000;
const ERROR_EXCERPT = 300;

/**
 * The "create message" REST call of the large SMS providers: a form with To,
 * From, Body and StatusCallback, posted with basic auth to the account's
 * messages endpoint; a 2xx answer carries the message's `sid`.
 */
export function httpSmsProvider(
  settings: SmsHttpSettings,
  statusCallback: string | undefined,
): SmsProvider {
  const credentials = Buffer.from(`${settings.user}:${settings.token}`).toString('base64');
  const authorization = `Basic ${credentials}`;

  return {
    name: 'http',
    async send(sms) {
      const form = new URLSearchParams({ To: sms.to, From: sms.from, Body: sms.body });
      if (statusCallback !== undefined) form.set('StatusCallback', statusCallback);

      try {
        const response = await request(settings.url, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form.toString(),
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        });
        const text = await response.body.text();
        if (response.statusCode < 200 || response.statusCode >= 300) {
          return { accepted: false, error: `HTTP ${response.statusCode}: ${excerpt(text)}` };
        }

        const sid = sidOf(text);
        if (sid === undefined) return { accepted: false, error: `no sid in ${excerpt(text)}` };
        return { accepted: true, providerId: sid };
      } catch (error) {
        const { name, message } = error as Error;
        const why =
          name === 'TimeoutError' ? `no answer within ${SEND_TIMEOUT_MS / 1000} s` : message;
        return { accepted: false, error: why };
      }
    },
  };
}

function sidOf(text: string): string | undefined {
  try {
    const sid = (JSON.parse(text) as { sid?: unknown }).sid;
    return typeof sid === 'string' && sid !== '' ? sid : undefined;
  } catch {
    return undefined;
  }
}

function excerpt(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').slice(0, ERROR_EXCERPT);
}
