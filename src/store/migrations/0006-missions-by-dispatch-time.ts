import type { Kysely, Migration } from 'kysely';

/**
 * Response-time reports read the missions dispatched in a time window. The
 * time is set once, at dispatch, so the index costs nothing on status updates.
 */
async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('missions_by_dispatched_at')
    .on('missions')
    .columns(['organization_id', 'dispatched_at'])
    .execute();
}

export const missionsByDispatchTimeMigration: Migration = { up };
