import type { Updateable } from 'kysely';

import { isPostgres } from './dialect-of.js';
import type { PageRequest } from './page.js';
import type {
  Db,
  WebhookAttemptTable,
  WebhookDeliveryTable,
  WebhookEndpointTable,
  WebhookMessageTable,
} from './schema.js';

export async function insertEndpoint(db: Db, row: WebhookEndpointTable): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

export async function findEndpoint(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listEndpoints(db: Db, organizationId: string) {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('id', 'desc')
    .execute();
}

export async function listEnabledEndpoints(db: Db, organizationId: string) {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('enabled', '=', 1)
    .orderBy('id')
    .execute();
}

export async function updateEndpoint(
  db: Db,
  organizationId: string,
  id: string,
  changes: Updateable<WebhookEndpointTable>,
): Promise<void> {
  await db
    .updateTable('webhook_endpoints')
    .set(changes)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

/** Removes an endpoint with its delivery log. */
export async function deleteEndpoint(db: Db, organizationId: string, id: string): Promise<void> {
  const deliveries = db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('endpoint_id', '=', id)
    .where('organization_id', '=', organizationId);
  await db.deleteFrom('webhook_attempts').where('delivery_id', 'in', deliveries).execute();
  await db
    .deleteFrom('webhook_deliveries')
    .where('endpoint_id', '=', id)
    .where('organization_id', '=', organizationId)
    .execute();
  await db
    .deleteFrom('webhook_endpoints')
    .where('id', '=', id)
    .where('organization_id', '=', organizationId)
    .execute();
}

export async function insertMessage(
  db: Db,
  message: WebhookMessageTable,
  deliveries: WebhookDeliveryTable[],
): Promise<void> {
  await db.insertInto('webhook_messages').values(message).execute();
  if (deliveries.length > 0) await db.insertInto('webhook_deliveries').values(deliveries).execute();
}

export interface DueDelivery {
  id: string;
  organization_id: string;
  endpoint_id: string;
  message_id: string;
  attempts: number;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  body: string;
}

/**
 * Leases up to `limit` due deliveries of enabled endpoints to this worker until
 * `leaseUntil`: a worker that dies mid-send lets the lease lapse and the delivery
 * is tried again. On PostgreSQL, SKIP LOCKED lets several servers share the queue.
 */
export async function leaseDueDeliveries(
  db: Db,
  now: string,
  leaseUntil: string,
  limit: number,
  busyEndpointIds: readonly string[],
): Promise<DueDelivery[]> {
  const due = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select('d.id')
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .where('e.enabled', '=', 1)
    .$if(busyEndpointIds.length > 0, (q) => q.where('d.endpoint_id', 'not in', busyEndpointIds))
    .orderBy('d.next_attempt_at')
    .limit(limit)
    .$if(isPostgres(db), (q) => q.forUpdate('d').skipLocked());

  const leased = await db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: leaseUntil })
    .where('id', 'in', due)
    .returning('id')
    .execute();
  if (leased.length === 0) return [];

  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .innerJoin('webhook_messages as m', 'm.id', 'd.message_id')
    .select([
      'd.id',
      'd.organization_id',
      'd.endpoint_id',
      'd.message_id',
      'd.attempts',
      'e.url',
      'e.secret',
      'e.previous_secret',
      'e.previous_secret_expires_at',
      'm.body',
    ])
    .where(
      'd.id',
      'in',
      leased.map((row) => row.id),
    )
    .execute();
}

/** Gives leased deliveries back to the queue, due now. */
export async function releaseLeases(db: Db, ids: readonly string[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: now })
    .where('id', 'in', ids)
    .execute();
}

export async function recordAttempt(
  db: Db,
  attempt: WebhookAttemptTable,
  delivery: Updateable<WebhookDeliveryTable>,
): Promise<void> {
  await db.insertInto('webhook_attempts').values(attempt).execute();
  await db
    .updateTable('webhook_deliveries')
    .set(delivery)
    .where('id', '=', attempt.delivery_id)
    .execute();
}

export async function listDeliveries(
  db: Db,
  organizationId: string,
  endpointId: string,
  page: PageRequest,
  status: string | undefined,
) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_messages as m', 'm.id', 'd.message_id')
    .selectAll('d')
    .select('m.event_type')
    .where('d.organization_id', '=', organizationId)
    .where('d.endpoint_id', '=', endpointId)
    .$if(status !== undefined, (q) => q.where('d.status', '=', status!))
    .$if(page.after !== undefined, (q) => q.where('d.id', '<', page.after!))
    .orderBy('d.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function lastAttemptExcerpts(db: Db, deliveryIds: readonly string[]) {
  if (deliveryIds.length === 0) return new Map<string, string | null>();

  const rows = await db
    .selectFrom('webhook_attempts')
    .select(['delivery_id', 'attempt', 'excerpt'])
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('attempt')
    .execute();
  return new Map(rows.map((row) => [row.delivery_id, row.excerpt]));
}

/** Puts deliveries of one endpoint back in the queue, to be sent again now. */
export async function requeueDeliveries(
  db: Db,
  organizationId: string,
  endpointId: string,
  filter: { messageId?: string; failedSince?: string },
  now: string,
): Promise<number> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now })
    .where('organization_id', '=', organizationId)
    .where('endpoint_id', '=', endpointId)
    .$if(filter.messageId !== undefined, (q) => q.where('message_id', '=', filter.messageId!))
    .$if(filter.failedSince !== undefined, (q) =>
      q.where('status', '=', 'failed').where('last_attempt_at', '>=', filter.failedSince!),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
