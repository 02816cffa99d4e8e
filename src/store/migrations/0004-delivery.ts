import type { Kysely, Migration } from 'kysely';

/**
 * The delivery engine's durable state: timers (escalation to SMS, the alert
 * for a mission nothing reached) as jobs, and every text sent or received.
 */
async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('delivery_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mission_id', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('delivery_jobs_once', ['mission_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('delivery_jobs_due')
    .on('delivery_jobs')
    .columns(['done_at', 'run_at'])
    .execute();

  await db.schema
    .createTable('sms_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('from_number', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('mission_id', 'text')
    .addColumn('member_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sms_messages_by_organization')
    .on('sms_messages')
    .columns(['organization_id', 'id'])
    .execute();
  await db.schema
    .createIndex('sms_messages_queued')
    .on('sms_messages')
    .columns(['status', 'created_at'])
    .execute();
}

export const deliveryMigration: Migration = { up };
