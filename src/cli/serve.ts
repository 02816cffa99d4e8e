import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logger.js';
import { startServer } from '../server.js';
import type { Bootstrap } from '../services/manage-organizations.js';

export async function serve(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger, {
    onBootstrap: (bootstrap, url) => showCreatedKey(bootstrap, url),
  });

  if (server.bootstrap.restoredAdminKey) {
    logger.warn(
      'WEDE_ADMIN_KEY had been revoked or narrowed through the API and is an admin key again; ' +
        'unset or change WEDE_ADMIN_KEY to retire it for good',
    );
  }

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void stop(signal));
  process.once('SIGTERM', (signal) => void stop(signal));
}

function showCreatedKey(bootstrap: Bootstrap, url: string): void {
  const key = bootstrap.createdAdminKey;
  if (key === undefined) return;

  // Shown once, on the terminal rather than in the logs: only its hash is stored.
  // Before listening, so a port already taken does not lose it.
  process.stdout.write(
    `\nCreated organization "${bootstrap.organization.name}" and its admin API key.\n` +
      `It is shown only this once; keep it safe:\n\n  ${key}\n\n` +
      `Try: curl -H "Authorization: Bearer ${key}" ${url}/v1/missions\n\n`,
  );
}
