import { existsSync } from 'node:fs';

import { loadConfig, UsageError } from '../config/load-config.js';
import { verifyAuditLog } from '../services/verify-audit-log.js';
import { openDatabase } from '../store/database.js';

const REASONS = {
  hash_mismatch: 'its contents do not match its hash (edited after it was written)',
  broken_link: 'it does not link to the row before it',
  gap: 'rows are missing before it',
  truncated: 'it and every row after it are missing (the chain ends early)',
} as const;

export async function auditVerify(): Promise<void> {
  const config = loadConfig().database;
  // Verifying must never create the database it was asked to check.
  if (config.kind === 'sqlite' && config.path !== ':memory:' && !existsSync(config.path)) {
    throw new UsageError(`there is no Wede database at ${config.path}`);
  }
  const database = openDatabase(config);
  try {
    const reports = await verifyAuditLog(database.db);
    let broken = 0;

    for (const report of reports) {
      const name = `organization "${report.organizationName}" (${report.organizationId})`;
      if (report.broken === undefined) {
        process.stdout.write(`ok: ${name}, ${report.rows} rows\n`);
        continue;
      }
      broken += 1;
      process.stdout.write(
        `BROKEN: ${name}: first broken row is seq ${report.broken.seq}: ` +
          `${REASONS[report.broken.reason]}\n`,
      );
    }
    if (broken > 0) process.exitCode = 1;
  } finally {
    await database.close();
  }
}
