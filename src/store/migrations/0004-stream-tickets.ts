import type { Kysely, Migration } from 'kysely';

/**
 * One-time tickets that let a browser open the stream: a browser cannot set an
 * Authorization header on a WebSocket, and a long-lived key must never sit in a
 * URL. Only the ticket's SHA-256 is kept, like a key's.
 */
async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stream_tickets')
    .addColumn('ticket_hash', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('key_id', 'text', (c) => c.notNull().references('api_keys.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stream_tickets_by_expiry')
    .on('stream_tickets')
    .column('expires_at')
    .execute();
}

export const streamTicketsMigration: Migration = { up };
