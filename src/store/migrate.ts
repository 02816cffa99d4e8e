import { Migrator, type MigrationResultSet } from 'kysely';

import type { Database } from './database.js';
import { initialMigration } from './migrations/0001-initial.js';
import { webhooksMigration } from './migrations/0002-webhooks.js';
import { redeliveryRoundsMigration } from './migrations/0003-redelivery-rounds.js';
import { deliveryMigration } from './migrations/0004-delivery.js';
import { streamTicketsMigration } from './migrations/0004-stream-tickets.js';
import { eventOccurredAtMigration } from './migrations/0005-event-occurred-at.js';
import { missionsByDispatchTimeMigration } from './migrations/0006-missions-by-dispatch-time.js';
import { missionsByTeamTimeMigration } from './migrations/0007-missions-by-team-time.js';

/** Brings the schema up to date; safe to run on every start and from several processes. */
export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: database.db,
    provider: {
      getMigrations: async () => ({
        '0001-initial': initialMigration(database.dialect),
        '0002-webhooks': webhooksMigration,
        '0003-redelivery-rounds': redeliveryRoundsMigration,
        '0004-delivery': deliveryMigration,
        '0004-stream-tickets': streamTicketsMigration,
        '0005-event-occurred-at': eventOccurredAtMigration,
        '0006-missions-by-dispatch-time': missionsByDispatchTimeMigration,
        '0007-missions-by-team-time': missionsByTeamTimeMigration,
      }),
    },
  });
  const result = await migrator.migrateToLatest();

  if (result.error) throw result.error;
  return result;
}
