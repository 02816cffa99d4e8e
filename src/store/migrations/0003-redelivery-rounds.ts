import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A redelivery starts a fresh round of retries: `round_start` is the attempt
 * count when the round began, so the backoff schedule counts from there while
 * `attempts` keeps counting every attempt ever made.
 */
async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('webhook_deliveries')
    .addColumn('round_start', 'integer', (c) => c.notNull().defaultTo(sql`0`))
    .execute();
}

export const redeliveryRoundsMigration: Migration = { up };
