import { loadConfig } from '../config/load-config.js';
import { openDatabase } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';

export async function migrate(): Promise<void> {
  const database = openDatabase(loadConfig().database);
  try {
    const { results = [] } = await migrateToLatest(database);
    const applied = results.filter((result) => result.status === 'Success');

    process.stdout.write(
      applied.length === 0
        ? 'The database is up to date.\n'
        : applied.map((result) => `applied ${result.migrationName}\n`).join(''),
    );
  } finally {
    await database.close();
  }
}
