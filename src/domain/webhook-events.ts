/** The messages an endpoint can subscribe to; `*` takes them all. */
export const WEBHOOK_EVENT_TYPES = [
  'mission.created',
  'mission.status_updated',
  'mission.undelivered',
  'event.created',
  'event.closed',
  'team.status_changed',
  'endpoint.disabled',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

export function subscribes(events: readonly string[], type: WebhookEventType): boolean {
  return events.includes('*') || events.includes(type);
}

type Data = Record<string, unknown>;

// What each recorded change tells a receiver. Mission messages keep the spec's
// {mission_id, status, feedback} and add what a consumer needs to order and join.
const PAYLOADS: Partial<Record<string, (data: Data) => Data>> = {
  'mission.created': (data) => ({
    mission_id: data.mission_id,
    status: data.status,
    feedback: null,
    previous_status: null,
    event_id: data.event_id,
    team_id: data.team_id,
    backup_of: data.backup_of ?? null,
    sequence: data.sequence,
    occurred_at: data.occurred_at,
  }),
  'mission.status_updated': (data) => ({
    mission_id: data.mission_id,
    status: data.status,
    feedback: data.feedback ?? {},
    previous_status: data.previous_status,
    event_id: data.event_id,
    team_id: data.team_id,
    sequence: data.sequence,
    occurred_at: data.occurred_at,
    channel: data.channel,
    reason: data.reason ?? null,
  }),
  'mission.undelivered': (data) => ({
    mission_id: data.mission_id,
    status: data.status,
    event_id: data.event_id,
    team_id: data.team_id,
    priority: data.priority,
    dispatched_at: data.dispatched_at,
    texts_sent: data.texts_sent,
  }),
  'event.created': (data) => ({
    event_id: data.id,
    vertical: data.vertical,
    priority: data.priority,
    lat: data.lat,
    lng: data.lng,
    title: data.title,
    address: data.address,
    external_id: data.external_id,
    status: data.status,
    occurred_at: data.occurred_at,
  }),
  'event.closed': (data) => ({
    event_id: data.event_id,
    status: 'CLOSED',
    reason: data.reason,
    closed_at: data.closed_at,
  }),
  'team.status_changed': (data) => ({
    team_id: data.team_id,
    previous_status: data.previous_status,
    status: data.status,
  }),
  'endpoint.disabled': (data) => data,
};

export interface WebhookBody {
  id: string;
  event: WebhookEventType;
  occurred_at: string;
  organization_id: string;
  payload: Data;
}

/** The body of a webhook message for a recorded change, or undefined when none is sent. */
export function webhookBody(input: {
  id: string;
  action: string;
  organizationId: string;
  at: string;
  data: Data;
}): WebhookBody | undefined {
  const toPayload = PAYLOADS[input.action];
  if (!toPayload || !isWebhookEventType(input.action)) return undefined;

  const occurredAt = typeof input.data.occurred_at === 'string' ? input.data.occurred_at : input.at;
  return {
    id: input.id,
    event: input.action,
    occurred_at: occurredAt,
    organization_id: input.organizationId,
    payload: toPayload(input.data),
  };
}

/**
 * When to try again after `attempts` failed attempts, or undefined when the
 * schedule is spent. Jitter of up to a fifth spreads retries after an outage.
 */
export function nextAttemptDelayMs(
  attempts: number,
  delaysSeconds: readonly number[],
  random: () => number = Math.random,
): number | undefined {
  const base = delaysSeconds[attempts - 1];
  if (base === undefined) return undefined;

  const jitter = 1 + (random() * 2 - 1) * 0.2;
  return Math.round(base * 1000 * jitter);
}
