import { Command, CommanderError } from 'commander';

import { ConfigError, UsageError } from '../config/load-config.js';
import { createLogger } from '../logger.js';
import { auditVerify } from './audit-verify.js';
import { createOrganizationCommand } from './org-create.js';
import { migrate } from './migrate.js';
import { replayCommand } from './replay.js';
import { reportCommand } from './report.js';
import { serve } from './serve.js';
import { DEFAULT_SERVER_URL } from './server-connection.js';

const program = new Command()
  .name('wede')
  .description('Wede: field-response dispatch. Configured from the environment (see README).')
  .showHelpAfterError();

program.command('serve').description('run the API server').action(serve);
program.command('migrate').description('bring the database schema up to date').action(migrate);
program
  .command('org')
  .description('organizations')
  .command('create')
  .argument('<name>', 'the organization name')
  .description('create an organization; its admin key is the last line printed')
  .action(createOrganizationCommand);
program
  .command('audit')
  .description('the audit log')
  .command('verify')
  .description("check every organization's hash chain; names the first broken row")
  .action(auditVerify);
// Commander's own usage errors would exit 1, which for these two means "the server refused";
// thrown instead, they exit 2 below like every other bad option.
program
  .command('replay')
  .exitOverride()
  .argument('<file>', 'an SFFD Calls for Service CSV export, e.g. samples/sffd-2017-01-01.csv')
  .description(
    'replay real dispatch records against a running server, through the SDK, with their ' +
      'recorded times; exits 1 when the server refused anything',
  )
  .option('--url <url>', `the server (default: WEDE_URL, else ${DEFAULT_SERVER_URL})`)
  .option('--key <key>', 'an admin API key of the organization to fill (default: WEDE_API_KEY)')
  .option(
    '--speed <n>',
    "the file's clock runs N (0.01 or more) times faster than real time; max: no waiting",
    'max',
  )
  .option(
    '--from <time>',
    "only incidents received at or after this time: the file's local time " +
      '(2017-01-01, 2017-01-01 08:00) or RFC 3339 with a zone',
  )
  .option('--to <time>', 'only incidents received before this time (as --from)')
  .option('--concurrency <n>', 'requests under way at once (1-256)', '8')
  .option('--summary-json <path>', 'also write the final summary to this file as JSON')
  .action(replayCommand);
program.addCommand(reportCommand().exitOverride());

try {
  await program.parseAsync();
} catch (error) {
  // Already printed by commander: a usage error, or --help (exit code 0).
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  if (error instanceof ConfigError) {
    process.stderr.write(`wede: configuration error: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof UsageError) {
    process.stderr.write(`wede: ${error.message}\n`);
    process.exit(2);
  }
  // The full error goes to the log; the person at the terminal gets one plain line.
  createLogger('error').fatal({ err: error }, 'wede stopped');
  process.stderr.write(`wede: ${listenTrouble(error) ?? (error as Error).message ?? error}\n`);
  process.exitCode = 1;
}

/** What to do when the server cannot take its address, in the terms of its settings. */
function listenTrouble(error: unknown): string | undefined {
  const { code, address, port } = error as { code?: string; address?: string; port?: number };
  const where = `${address}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `${where} is already in use; stop what holds it or set PORT to another port`;
    case 'EADDRNOTAVAIL':
      return `${address} is not an address of this machine; set HOST to one that is`;
    case 'EACCES':
      return `${where} needs privileges this user lacks; set PORT to 1024 or above`;
    default:
      return undefined;
  }
}
