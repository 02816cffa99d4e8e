import type { Priority } from '../domain/vocabulary.js';
import { notFound, WedeError } from '../domain/wede-error.js';
import { isUniqueViolation } from '../store/database.js';
import {
  findEvent,
  findEventByExternalId,
  findEventForUpdate,
  insertEvent,
  updateEvent,
} from '../store/event-store.js';
import { listActiveMissions } from '../store/mission-store.js';
import { newId } from '../store/new-id.js';
import type { Db, EventTable } from '../store/schema.js';
import { iso, type Actor } from './actor.js';
import { applyTransition, closeEvent } from './apply-transition.js';
import { assertMayBackdate } from './backdating.js';
import { resolveOccurredAt } from './occurred-at.js';
import { authorOf, recordChange } from './record-change.js';

export interface EventInput {
  vertical: string;
  priority?: Priority | undefined;
  lat: number;
  lng: number;
  title?: string | undefined;
  notes?: string | undefined;
  address?: string | undefined;
  external_id?: string | undefined;
  occurred_at?: string | undefined;
}

/**
 * POST /v1/events: records an OPEN event. `occurred_at` (supervisors and
 * admins only) is when it was received, for an event entered late or
 * imported; it defaults to now, and created_at is always when it was recorded.
 */
export async function createEvent(trx: Db, actor: Actor, input: EventInput): Promise<EventTable> {
  if (input.occurred_at !== undefined) assertMayBackdate(actor, 'an event');
  const at = iso(actor.now);
  const occurredAt = iso(resolveOccurredAt(input.occurred_at, null, actor.now));
  const event: EventTable = {
    id: newId(),
    organization_id: actor.principal.organizationId,
    vertical: input.vertical,
    priority: input.priority ?? 'medium',
    lat: input.lat,
    lng: input.lng,
    title: input.title ?? null,
    notes: input.notes ?? null,
    address: input.address ?? null,
    external_id: input.external_id ?? null,
    status: 'OPEN',
    closed_at: null,
    close_reason: null,
    occurred_at: occurredAt,
    created_at: at,
    updated_at: at,
  };

  await insertUniqueEvent(trx, event);
  await recordChange(trx, authorOf(actor.principal), at, {
    action: 'event.created',
    entityType: 'event',
    entityId: event.id,
    data: { ...event },
  });
  return event;
}

// Checked first for a helpful answer naming the existing event; the unique index
// still decides a race, since PostgreSQL allows no query after a failed insert.
async function insertUniqueEvent(trx: Db, event: EventTable): Promise<void> {
  const externalId = event.external_id;
  const existing =
    externalId === null
      ? undefined
      : await findEventByExternalId(trx, event.organization_id, externalId);
  if (existing) throw duplicateExternalId(externalId!, existing.id);

  try {
    await insertEvent(trx, event);
  } catch (error) {
    if (!isUniqueViolation(error) || externalId === null) throw error;
    throw duplicateExternalId(externalId, null);
  }
}

function duplicateExternalId(externalId: string, existingId: string | null): WedeError {
  return new WedeError('conflict', `an event with external_id ${externalId} exists`, {
    field: 'external_id',
    existing_id: existingId,
  });
}

export async function getEvent(db: Db, actor: Actor, id: string): Promise<EventTable> {
  const event = await findEvent(db, actor.principal.organizationId, id);
  if (!event) throw notFound('event', id);
  return event;
}

export type EventChanges = Partial<
  Pick<EventInput, 'priority' | 'lat' | 'lng' | 'title' | 'notes' | 'address'>
>;

/** Corrects what is known about an open event; a closed event is a record and stays as it was. */
export async function updateEventDetails(
  trx: Db,
  actor: Actor,
  id: string,
  changes: EventChanges,
): Promise<EventTable> {
  const event = await findEventForUpdate(trx, actor.principal.organizationId, id);
  if (!event) throw notFound('event', id);
  if (event.status !== 'OPEN') throw new WedeError('event_closed', 'a closed event cannot change');

  const at = iso(actor.now);
  await updateEvent(trx, event.organization_id, id, { ...changes, updated_at: at });
  await recordChange(trx, authorOf(actor.principal), at, {
    action: 'event.updated',
    entityType: 'event',
    entityId: id,
    data: { event_id: id, changes },
  });
  return { ...event, ...changes, updated_at: at };
}

export interface CloseRequest {
  fail_active_missions?: boolean | undefined;
  reason?: string | undefined;
}

/**
 * Closes an event by hand. While teams are still on it the close is refused,
 * unless the caller asks to fail their missions, which then end FAILED first.
 */
export async function closeEventByHand(
  trx: Db,
  actor: Actor,
  id: string,
  request: CloseRequest,
): Promise<EventTable> {
  const organizationId = actor.principal.organizationId;
  const event = await findEventForUpdate(trx, organizationId, id);
  if (!event) throw notFound('event', id);
  if (event.status !== 'OPEN') throw new WedeError('event_closed', 'the event is already closed');

  const active = await listActiveMissions(trx, organizationId, { eventId: id });
  if (active.length > 0 && request.fail_active_missions !== true) {
    throw new WedeError(
      'event_has_active_missions',
      `${active.length} mission(s) are still active; set fail_active_missions to end them`,
      { active_mission_ids: active.map((mission) => mission.id) },
    );
  }

  const reason = request.reason ?? 'closed_by_hand';
  for (const mission of active) {
    await applyTransition(trx, actor, mission, {
      to: 'FAILED',
      at: actor.now,
      reason,
      eventCloseReason: reason,
    });
  }

  const closed = await findEvent(trx, organizationId, id);
  if (closed?.status === 'OPEN') await closeEvent(trx, actor, id, reason, iso(actor.now));
  return (await findEvent(trx, organizationId, id))!;
}
