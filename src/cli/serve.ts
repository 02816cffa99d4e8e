import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logger.js';
import { startServer } from '../server.js';

export async function serve(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);

  if (server.bootstrap.restoredAdminKey) {
    logger.warn(
      'WEDE_ADMIN_KEY had been revoked or narrowed through the API and is an admin key again; ' +
        'unset or change WEDE_ADMIN_KEY to retire it for good',
    );
  }

  const key = server.bootstrap.createdAdminKey;
  if (key !== undefined) {
    // Shown once, on the terminal rather than in the logs: only its hash is stored.
    process.stdout.write(
      `\nCreated organization "${server.bootstrap.organization.name}" and its admin API key.\n` +
        `It is shown only this once; keep it safe:\n\n  ${key}\n\n` +
        `Try: curl -H "Authorization: Bearer ${key}" ${server.url}/v1/missions\n\n`,
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
