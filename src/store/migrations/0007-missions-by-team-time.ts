import type { Kysely, Migration } from 'kysely';

/**
 * A team's missions may not overlap in time: a dispatch entered late and a
 * status given its own time are checked against the team's other missions by
 * their dispatch times. Set once, at dispatch, so status updates only read it.
 */
async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('missions_by_team_and_dispatched_at')
    .on('missions')
    .columns(['organization_id', 'team_id', 'dispatched_at'])
    .execute();
}

export const missionsByTeamTimeMigration: Migration = { up };
