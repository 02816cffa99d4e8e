import type { Db, StreamTicketTable } from './schema.js';

export async function insertStreamTicket(db: Db, row: StreamTicketTable): Promise<void> {
  await db.insertInto('stream_tickets').values(row).execute();
}

/**
 * Takes a ticket that is still valid at `now`, deleting it in the same
 * statement: of two connections using one ticket at once, only one gets it.
 */
export async function consumeStreamTicket(db: Db, ticketHash: string, now: string) {
  return db
    .deleteFrom('stream_tickets')
    .where('ticket_hash', '=', ticketHash)
    .where('expires_at', '>', now)
    .returning(['organization_id', 'key_id'])
    .executeTakeFirst();
}

/** Removes tickets nobody used in time; they could never be used any more. */
export async function deleteExpiredStreamTickets(db: Db, now: string): Promise<void> {
  await db.deleteFrom('stream_tickets').where('expires_at', '<=', now).execute();
}
