import { loadConfig, UsageError } from '../config/load-config.js';
import { createOrganization } from '../services/manage-organizations.js';
import { inTransaction, openDatabase } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';

export async function createOrganizationCommand(name: string): Promise<void> {
  if (name.trim() === '' || name.length > 200) {
    throw new UsageError('the organization name must be 1 to 200 characters');
  }

  const database = openDatabase(loadConfig().database);
  try {
    await migrateToLatest(database);
    const created = await inTransaction(database.db, (trx) =>
      createOrganization(trx, name.trim(), new Date()),
    );

    process.stdout.write(
      `Created organization "${created.organization.name}" (${created.organization.id}).\n` +
        `Its admin API key, shown only this once:\n${created.adminKey}\n`,
    );
  } finally {
    await database.close();
  }
}
