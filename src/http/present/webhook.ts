import type { Static } from 'typebox';

import type { WebhookDeliveryTable, WebhookEndpointTable } from '../../store/schema.js';
import type { WebhookDelivery, WebhookEndpoint } from '../schemas/webhook.js';

/** An endpoint as listed: never its secret, which is shown on creation and rotation. */
export function presentEndpoint(row: WebhookEndpointTable): Static<typeof WebhookEndpoint> {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as string[],
    enabled: row.enabled === 1,
    disabled_reason: row.disabled_reason,
    failing_since: row.failing_since,
    previous_secret_expires_at: row.previous_secret_expires_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function presentEndpointWithSecret(row: WebhookEndpointTable) {
  return { ...presentEndpoint(row), secret: row.secret as string | null };
}

type DeliveryJson = Static<typeof WebhookDelivery>;

export function presentDelivery(
  row: WebhookDeliveryTable & { event_type: string },
  excerpt: string | null,
): DeliveryJson {
  return {
    id: row.id,
    message_id: row.message_id,
    event: row.event_type,
    status: row.status as DeliveryJson['status'],
    attempts: row.attempts,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    last_response_excerpt: excerpt,
    last_attempt_at: row.last_attempt_at,
    next_attempt_at: row.status === 'pending' ? row.next_attempt_at : null,
    delivered_at: row.delivered_at,
    created_at: row.created_at,
  };
}
