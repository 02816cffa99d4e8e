import { sql, type Kysely, type Migration } from 'kysely';

/**
 * When an event was really received, apart from when Wede recorded it: an
 * import of past incidents keeps their true times. Events recorded before
 * this column existed were received when they were recorded.
 */
async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('events').addColumn('occurred_at', 'text').execute();
  await sql`UPDATE events SET occurred_at = created_at`.execute(db);
}

export const eventOccurredAtMigration: Migration = { up };
