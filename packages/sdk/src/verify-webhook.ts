import { Webhook, WebhookVerificationError } from 'standardwebhooks';

import type { MissionStatus } from './api-types.js';
import { WedeError } from './wede-error.js';

interface Envelope<Event extends string, Payload> {
  /** The message id (`msg_…`), the same on every retry: dedupe on it. */
  id: string;
  event: Event;
  occurred_at: string;
  organization_id: string;
  payload: Payload;
}

interface MissionPayload {
  mission_id: string;
  status: MissionStatus;
  event_id: string;
  team_id: string;
  /** Grows by one with each transition of the mission: order on it. */
  sequence: number;
}

/** A verified webhook message. Fields may be added later; ignore those you do not know. */
export type WebhookMessage =
  | Envelope<
      'mission.created',
      MissionPayload & {
        feedback: null;
        previous_status: null;
        backup_of: string | null;
      }
    >
  | Envelope<
      'mission.status_updated',
      MissionPayload & {
        feedback: Record<string, unknown>;
        previous_status: MissionStatus;
        occurred_at: string;
        channel: 'api' | 'sms' | 'internet' | 'system';
        reason: string | null;
      }
    >
  | Envelope<
      'mission.undelivered',
      Omit<MissionPayload, 'sequence'> & {
        priority: string;
        dispatched_at: string;
        texts_sent: number;
      }
    >
  | Envelope<
      'event.created',
      {
        event_id: string;
        vertical: string;
        priority: string;
        lat: number;
        lng: number;
        title: string | null;
        address: string | null;
        external_id: string | null;
        status: string;
      }
    >
  | Envelope<
      'event.closed',
      { event_id: string; status: 'CLOSED'; reason: string | null; closed_at: string }
    >
  | Envelope<'team.status_changed', { team_id: string; previous_status: string; status: string }>
  | Envelope<'endpoint.disabled', Record<string, unknown>>;

/** Request headers as Node's `IncomingMessage`, the Fetch API or a plain object carry them. */
export type WebhookHeaders =
  { get(name: string): string | null } | Record<string, string | string[] | undefined>;

const SIGNED_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * Checks a webhook request and returns its message. Pass the body exactly as
 * received (before any JSON parsing), the request's headers, and the
 * endpoint's secret (`whsec_…`); during a rotation, either secret verifies.
 * Throws a WedeError `invalid_signature` for a wrong or missing signature, a
 * timestamp more than five minutes away, or a body that was changed, and
 * `invalid_secret` when the secret itself is not one (a setup mistake).
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
): WebhookMessage {
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw new WedeError(0, 'invalid_secret', "the endpoint's secret (whsec_…) is missing");
  }
  let verifier: Webhook;
  try {
    verifier = new Webhook(secret);
  } catch (error) {
    // A setup mistake, not a forged message: it must not look like one.
    throw new WedeError(
      0,
      'invalid_secret',
      "the secret is not an endpoint's whsec_ secret",
      {},
      null,
      {
        cause: error,
      },
    );
  }
  if (typeof headers !== 'object' || headers === null) {
    throw new WedeError(0, 'invalid_signature', 'the request headers are missing');
  }

  const signed: Record<string, string> = {};
  for (const name of SIGNED_HEADERS) {
    const value = headerOf(headers, name);
    if (value === undefined) {
      throw new WedeError(0, 'invalid_signature', `the ${name} header is missing`);
    }
    signed[name] = value;
  }

  let message: unknown;
  try {
    message = verifier.verify(rawBody, signed);
  } catch (error) {
    const reason = error instanceof WebhookVerificationError ? error.message : String(error);
    throw new WedeError(
      0,
      'invalid_signature',
      `the webhook does not verify: ${reason}`,
      {},
      null,
      {
        cause: error,
      },
    );
  }
  return message as WebhookMessage;
}

function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const plain = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(plain).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : plain[key];
  // Signatures repeated over several header lines are all candidates; the rest take the first.
  if (Array.isArray(value)) return name === 'webhook-signature' ? value.join(' ') : value[0];
  return value;
}
