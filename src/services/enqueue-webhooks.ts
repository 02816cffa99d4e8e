import { subscribes, webhookBody } from '../domain/webhook-events.js';
import { newId } from '../store/new-id.js';
import type { Db } from '../store/schema.js';
import { insertMessage, listEnabledEndpoints } from '../store/webhook-store.js';

/**
 * Writes the webhook message for a change, with one delivery per subscribed
 * endpoint, in the transaction that makes the change: committed together or not
 * at all, so a crash can lose neither. Nothing is stored when nobody listens.
 */
export async function enqueueWebhooks(
  trx: Db,
  organizationId: string,
  at: string,
  change: { action: string; data: Record<string, unknown> },
  only?: (endpointId: string) => boolean,
): Promise<void> {
  const body = webhookBody({ id: `msg_${newId()}`, organizationId, at, ...change });
  if (!body) return;

  const endpoints = (await listEnabledEndpoints(trx, organizationId)).filter(
    (endpoint) =>
      subscribes(JSON.parse(endpoint.events) as string[], body.event) &&
      (only === undefined || only(endpoint.id)),
  );
  if (endpoints.length === 0) return;

  await insertMessage(
    trx,
    {
      id: body.id,
      organization_id: organizationId,
      event_type: body.event,
      body: JSON.stringify(body),
      created_at: at,
    },
    endpoints.map((endpoint) => ({
      id: newId(),
      organization_id: organizationId,
      endpoint_id: endpoint.id,
      message_id: body.id,
      status: 'pending',
      attempts: 0,
      round_start: 0,
      next_attempt_at: at,
      last_attempt_at: null,
      last_status_code: null,
      last_error: null,
      delivered_at: null,
      created_at: at,
    })),
  );
}
