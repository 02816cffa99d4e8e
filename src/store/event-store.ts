import type { Updateable } from 'kysely';

import { isPostgres } from './dialect-of.js';
import type { PageRequest } from './page.js';
import type { Db, EventTable } from './schema.js';

export async function insertEvent(db: Db, row: EventTable): Promise<void> {
  await db.insertInto('events').values(row).execute();
}

export async function findEvent(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Reads an event and, on PostgreSQL, locks it until commit. Every change that
 * decides whether an event is open or closed takes this lock first, so two
 * missions ending at once cannot both think the other is still active.
 */
export async function findEventForUpdate(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .$if(isPostgres(db), (query) => query.forUpdate())
    .executeTakeFirst();
}

export async function findEventByExternalId(db: Db, organizationId: string, externalId: string) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export interface EventFilter {
  status?: string | undefined;
  vertical?: string | undefined;
  priority?: string | undefined;
  externalId?: string | undefined;
}

export async function listEvents(
  db: Db,
  organizationId: string,
  filter: EventFilter,
  page: PageRequest,
) {
  let query = db.selectFrom('events').selectAll().where('organization_id', '=', organizationId);

  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.vertical !== undefined) query = query.where('vertical', '=', filter.vertical);
  if (filter.priority !== undefined) query = query.where('priority', '=', filter.priority);
  if (filter.externalId !== undefined) query = query.where('external_id', '=', filter.externalId);
  if (page.after !== undefined) query = query.where('id', '<', page.after);

  return query
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function updateEvent(
  db: Db,
  organizationId: string,
  id: string,
  changes: Updateable<EventTable>,
): Promise<void> {
  await db
    .updateTable('events')
    .set(changes)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}
