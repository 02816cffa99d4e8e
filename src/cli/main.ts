import { Command } from 'commander';

import { ConfigError, UsageError } from '../config/load-config.js';
import { createLogger } from '../logger.js';
import { auditVerify } from './audit-verify.js';
import { createOrganizationCommand } from './org-create.js';
import { migrate } from './migrate.js';
import { reportCommand } from './report.js';
import { serve } from './serve.js';

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
program.addCommand(reportCommand());

try {
  await program.parseAsync();
} catch (error) {
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
  process.stderr.write(`wede: ${(error as Error).message ?? String(error)}\n`);
  process.exitCode = 1;
}
