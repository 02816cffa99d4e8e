import type { Updateable } from 'kysely';

import { compiledQuery } from './compiled-query.js';
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

export async function listEndpoints(db: Db, organizationId: string, page: PageRequest) {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .$if(page.after !== undefined, (q) => q.where('id', '<', page.after!))
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

// Every change checks who listens: compiled once.
const enabledEndpoints = compiledQuery((db: Db, organizationId: string) =>
  db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('enabled', '=', 1)
    .orderBy('id'),
);

export async function listEnabledEndpoints(db: Db, organizationId: string) {
  const { rows } = await enabledEndpoints(db, organizationId);
  return rows;
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

function candidatesOf(
  rows: readonly {
    id: string;
    organization_id: string;
    endpoint_id: string;
    failing_since: string | null;
  }[],
): DueCandidate[] {
  return rows.map((row) => ({
    id: row.id,
    organization_id: row.organization_id,
    endpoint_id: row.endpoint_id,
    failing: row.failing_since !== null,
  }));
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
  round_start: number;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  body: string;
  /** Whether the endpoint's last attempt failed. */
  failing: boolean;
}

export interface DueCandidate {
  id: string;
  organization_id: string;
  endpoint_id: string;
  /** Whether the endpoint's last attempt failed. */
  failing: boolean;
}

export interface LeaseRequest {
  now: string;
  leaseUntil: string;
  /** How many due deliveries, oldest first, to offer to `choose`. */
  candidates: number;
  /** Endpoints and organizations with all their slots taken; their deliveries are not offered. */
  busyEndpointIds: readonly string[];
  busyOrganizationIds: readonly string[];
  /** Deliveries this worker is already sending or recording. */
  heldIds: ReadonlySet<string>;
  /** Picks the deliveries the worker will send now; the rest stay in the queue. */
  choose(due: readonly DueCandidate[]): string[];
}

/**
 * Leases due deliveries of enabled endpoints to the calling worker.
 *
 * On PostgreSQL several servers share the queue: the chosen rows are leased
 * in the database (not due again until `leaseUntil`) and SKIP LOCKED keeps two
 * servers from taking the same row; a server that dies mid-send lets the lease
 * lapse. SQLite is embedded in one server process, so the worker's own set of
 * held deliveries is the whole lease and nothing is written: a write here would
 * cost a disk flush per batch, which is what kept the worker behind the API.
 * After a crash nothing is held and every undelivered message is due at once.
 */
export async function leaseDueDeliveries(db: Db, request: LeaseRequest): Promise<DueDelivery[]> {
  const { now, leaseUntil, candidates, busyEndpointIds, busyOrganizationIds, heldIds, choose } =
    request;
  const postgres = isPostgres(db);
  const held = postgres ? [] : [...heldIds];

  const due = (trx: Db) =>
    trx
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select(['d.id', 'd.organization_id', 'd.endpoint_id', 'e.failing_since'])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .where('e.enabled', '=', 1)
      .$if(busyEndpointIds.length > 0, (q) => q.where('d.endpoint_id', 'not in', busyEndpointIds))
      .$if(busyOrganizationIds.length > 0, (q) =>
        q.where('d.organization_id', 'not in', busyOrganizationIds),
      )
      .$if(held.length > 0, (q) => q.where('d.id', 'not in', held))
      .orderBy('d.next_attempt_at')
      .orderBy('d.id')
      .limit(candidates);

  const ids = postgres
    ? await db.transaction().execute(async (trx) => {
        const chosen = choose(candidatesOf(await due(trx).forUpdate('d').skipLocked().execute()));
        if (chosen.length > 0) {
          await trx
            .updateTable('webhook_deliveries')
            .set({ next_attempt_at: leaseUntil })
            .where('id', 'in', chosen)
            .execute();
        }
        return chosen;
      })
    : choose(candidatesOf(await due(db).execute()));
  if (ids.length === 0) return [];

  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .innerJoin('webhook_messages as m', 'm.id', 'd.message_id')
    .select([
      'd.id',
      'd.organization_id',
      'd.endpoint_id',
      'd.message_id',
      'd.attempts',
      'd.round_start',
      'e.url',
      'e.secret',
      'e.previous_secret',
      'e.previous_secret_expires_at',
      'e.failing_since',
      'm.body',
    ])
    .where('d.id', 'in', ids)
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .execute();
  return rows.map(({ failing_since: failingSince, ...row }) => ({
    ...row,
    failing: failingSince !== null,
  }));
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
    .set((eb) => ({ status: 'pending', next_attempt_at: now, round_start: eb.ref('attempts') }))
    .where('organization_id', '=', organizationId)
    .where('endpoint_id', '=', endpointId)
    .$if(filter.messageId !== undefined, (q) => q.where('message_id', '=', filter.messageId!))
    .$if(filter.failedSince !== undefined, (q) =>
      q.where('status', '=', 'failed').where('last_attempt_at', '>=', filter.failedSince!),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
