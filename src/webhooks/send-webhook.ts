import { isIP } from 'node:net';

import { Webhook } from 'standardwebhooks';
import { request, type Dispatcher } from 'undici';

import { isInternalAddress } from '../domain/webhook-address.js';
import type { DueDelivery } from '../store/webhook-store.js';
import type { AddressPolicy } from './endpoint-address.js';

/** A receiver has this long to answer with a 2xx. */
export const DELIVERY_TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 1024;

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** The start of the receiver's answer, for the delivery log. */
  excerpt: string | null;
  durationMs: number;
}

/**
 * Sends one message to one endpoint, signed per Standard Webhooks with the
 * current secret and, for 24 h after a rotation, the previous one too. Never
 * throws: what the receiver did (or failed to do) comes back as the result.
 */
export async function sendWebhook(
  delivery: DueDelivery,
  now: Date,
  dispatcher: Dispatcher,
  policy: AddressPolicy,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);

  try {
    // Registered under an earlier configuration, an endpoint may no longer be allowed.
    const url = new URL(delivery.url);
    if (url.protocol !== 'https:' && !policy.allowHttp) {
      return failure('plain http is not allowed (WEDE_WEBHOOK_ALLOW_HTTP is off)', elapsed());
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!policy.allowPrivate && isIP(host) && isInternalAddress(host)) {
      return failure(`${host} is an internal address`, elapsed());
    }

    const response = await request(delivery.url, {
      method: 'POST',
      dispatcher,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Wede-Webhooks/1',
        'webhook-id': delivery.message_id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signatures(delivery, now),
      },
      body: delivery.body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    const excerpt = await readExcerpt(response.body);
    const ok = response.statusCode >= 200 && response.statusCode < 300;

    return { ok, statusCode: response.statusCode, error: null, excerpt, durationMs: elapsed() };
  } catch (error) {
    return failure(describe(error), elapsed());
  }
}

function signatures(delivery: DueDelivery, now: Date): string {
  const secrets = [delivery.secret];
  const previousValid =
    delivery.previous_secret !== null &&
    delivery.previous_secret_expires_at !== null &&
    new Date(delivery.previous_secret_expires_at) > now;
  if (previousValid) secrets.push(delivery.previous_secret!);

  return secrets
    .map((secret) => new Webhook(secret).sign(delivery.message_id, now, delivery.body))
    .join(' ');
}

async function readExcerpt(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= EXCERPT_BYTES) {
      body.destroy();
      break;
    }
  }
  return storable(Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'));
}

// PostgreSQL text cannot hold NUL, and a receiver's answer may contain anything.
function storable(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD');
}

function failure(error: string, durationMs: number): SendResult {
  return { ok: false, statusCode: null, error, excerpt: null, durationMs };
}

function describe(error: unknown): string {
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  }
  return storable([code, message].filter(Boolean).join(': ') || 'the request failed');
}
