import { UNREADABLE_TIME } from '../domain/kept-time.js';
import { randomBytes } from 'node:crypto';

import { notFound, validationFailed } from '../domain/wede-error.js';
import { newId } from '../store/new-id.js';
import type { Db, WebhookEndpointTable } from '../store/schema.js';
import {
  deleteEndpoint,
  findEndpoint,
  insertEndpoint,
  requeueDeliveries,
  updateEndpoint,
} from '../store/webhook-store.js';
import { iso, type Actor } from './actor.js';
import { authorOf, recordChange } from './record-change.js';

/** After a rotation, receivers may still hold the old secret for this long. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export interface EndpointInput {
  /** Checked with checkEndpointUrl before the transaction: DNS must not hold a write open. */
  url: URL;
  events: string[];
  description?: string | undefined;
}

export async function createEndpoint(
  trx: Db,
  actor: Actor,
  input: EndpointInput,
): Promise<WebhookEndpointTable> {
  const url = input.url;
  const at = iso(actor.now);
  const endpoint: WebhookEndpointTable = {
    id: newId(),
    organization_id: actor.principal.organizationId,
    url: url.toString(),
    description: input.description ?? null,
    events: JSON.stringify([...new Set(input.events)]),
    enabled: 1,
    secret: generateWebhookSecret(),
    previous_secret: null,
    previous_secret_expires_at: null,
    disabled_reason: null,
    failing_since: null,
    created_at: at,
    updated_at: at,
  };

  await insertEndpoint(trx, endpoint);
  await record(trx, actor, 'webhook.created', endpoint.id, {
    url: endpoint.url,
    events: input.events,
  });
  return endpoint;
}

export async function getEndpoint(db: Db, actor: Actor, id: string) {
  const endpoint = await findEndpoint(db, actor.principal.organizationId, id);
  if (!endpoint) throw notFound('webhook', id);
  return endpoint;
}

export interface EndpointChanges {
  /** Checked with checkEndpointUrl before the transaction. */
  url?: URL | undefined;
  events?: string[] | undefined;
  description?: string | null | undefined;
  enabled?: boolean | undefined;
}

/** Re-enabling an endpoint clears why it was disabled and how long it had failed. */
export async function updateEndpointSettings(
  trx: Db,
  actor: Actor,
  id: string,
  changes: EndpointChanges,
): Promise<WebhookEndpointTable> {
  const endpoint = await getEndpoint(trx, actor, id);
  const { url } = changes;
  const at = iso(actor.now);
  const row = {
    ...(url !== undefined && { url: url.toString() }),
    ...(changes.events !== undefined && { events: JSON.stringify([...new Set(changes.events)]) }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.enabled !== undefined && { enabled: changes.enabled ? 1 : 0 }),
    ...(changes.enabled === true && { disabled_reason: null, failing_since: null }),
    updated_at: at,
  };

  await updateEndpoint(trx, endpoint.organization_id, id, row);
  await record(trx, actor, 'webhook.updated', id, { changes: { ...changes, url: row.url } });
  return { ...endpoint, ...row };
}

export async function removeEndpoint(trx: Db, actor: Actor, id: string): Promise<void> {
  const endpoint = await getEndpoint(trx, actor, id);
  await deleteEndpoint(trx, endpoint.organization_id, id);
  await record(trx, actor, 'webhook.deleted', id, { url: endpoint.url });
}

/** A new signing secret; the old one keeps signing alongside it for 24 hours. */
export async function rotateSecret(trx: Db, actor: Actor, id: string) {
  const endpoint = await getEndpoint(trx, actor, id);
  const row = {
    secret: generateWebhookSecret(),
    previous_secret: endpoint.secret,
    previous_secret_expires_at: iso(new Date(actor.now.getTime() + PREVIOUS_SECRET_GRACE_MS)),
    updated_at: iso(actor.now),
  };

  await updateEndpoint(trx, endpoint.organization_id, id, row);
  await record(trx, actor, 'webhook.secret_rotated', id, {
    previous_secret_expires_at: row.previous_secret_expires_at,
  });
  return { ...endpoint, ...row };
}

export interface RedeliverRequest {
  message_id?: string | undefined;
  failed_since?: string | undefined;
}

/** Sends one message again, or every message that failed since a time. */
export async function redeliver(
  trx: Db,
  actor: Actor,
  id: string,
  request: RedeliverRequest,
): Promise<number> {
  const endpoint = await getEndpoint(trx, actor, id);
  if ((request.message_id === undefined) === (request.failed_since === undefined)) {
    throw validationFailed('message_id', 'or failed_since is required, not both');
  }

  // Stored times are UTC with milliseconds; an offset or second precision is normalized.
  const failedSince =
    request.failed_since === undefined ? undefined : new Date(request.failed_since);
  // RFC 3339 allows what JavaScript dates cannot hold, such as a leap second.
  if (failedSince !== undefined && Number.isNaN(failedSince.getTime())) {
    throw validationFailed('failed_since', UNREADABLE_TIME);
  }

  const requeued = await requeueDeliveries(
    trx,
    endpoint.organization_id,
    id,
    { messageId: request.message_id, failedSince: failedSince?.toISOString() },
    iso(actor.now),
  );
  if (request.message_id !== undefined && requeued === 0) {
    throw notFound('message', request.message_id);
  }
  return requeued;
}

function record(
  trx: Db,
  actor: Actor,
  action: 'webhook.created' | 'webhook.updated' | 'webhook.deleted' | 'webhook.secret_rotated',
  id: string,
  data: Record<string, unknown>,
) {
  return recordChange(trx, authorOf(actor.principal), iso(actor.now), {
    action,
    entityType: 'webhook',
    entityId: id,
    data: { endpoint_id: id, ...data },
  });
}
