import { sql, type Kysely, type Migration } from 'kysely';

import type { Dialect } from '../database.js';

const FINAL = `('COMPLETED', 'FAILED')`;

async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('audit_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('audit_head', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // One default organization, even with two servers starting on an empty database.
  await db.schema
    .createIndex('organizations_one_default')
    .on('organizations')
    .column('is_default')
    .unique()
    .where(sql.ref('is_default'), '=', 1)
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('verticals', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('location_updated_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('teams_name_unique', ['organization_id', 'name'])
    .execute();
  await db.schema
    .createIndex('teams_by_status')
    .on('teams')
    .columns(['organization_id', 'status'])
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('members_phone_unique', ['organization_id', 'phone'])
    .execute();
  await db.schema
    .createIndex('members_by_team')
    .on('members')
    .columns(['organization_id', 'team_id'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('permissions', 'text')
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('vertical', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('notes', 'text')
    .addColumn('address', 'text')
    .addColumn('external_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('events_external_id_unique', ['organization_id', 'external_id'])
    .execute();
  await db.schema
    .createIndex('events_by_status')
    .on('events')
    .columns(['organization_id', 'status', 'id'])
    .execute();

  await db.schema
    .createTable('missions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('backup_of', 'text', (c) => c.references('missions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel_used', 'text')
    .addColumn('vertical', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('event_lat', 'double precision', (c) => c.notNull())
    .addColumn('event_lng', 'double precision', (c) => c.notNull())
    .addColumn('dispatched_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('ack_at', 'text')
    .addColumn('on_route_at', 'text')
    .addColumn('on_site_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('feedback', 'text')
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('last_transition_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const column of ['status', 'team_id', 'event_id']) {
    await db.schema
      .createIndex(`missions_by_${column}`)
      .on('missions')
      .columns(['organization_id', column, 'id'])
      .execute();
  }
  await db.schema
    .createIndex('missions_by_organization')
    .on('missions')
    .columns(['organization_id', 'id'])
    .execute();

  await db.schema
    .createTable('mission_members')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('mission_id', 'text', (c) => c.notNull().references('missions.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addPrimaryKeyConstraint('mission_members_pk', ['mission_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('mission_members_by_member')
    .on('mission_members')
    .columns(['organization_id', 'member_id', 'mission_id'])
    .execute();

  await db.schema
    .createTable('mission_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('mission_id', 'text', (c) => c.notNull().references('missions.id'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('actor_key_id', 'text')
    .addColumn('actor_member_id', 'text')
    .addColumn('feedback', 'text')
    .addColumn('reason', 'text')
    .addUniqueConstraint('mission_history_sequence_unique', ['mission_id', 'sequence'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_key_id', 'text')
    .addColumn('actor_member_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['organization_id', 'seq'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response_body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['organization_id', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_by_expiry')
    .on('idempotency_keys')
    .column('expires_at')
    .execute();

  await refuseChangesToFinalMissions(db, dialect);
  await keepHistoryAppendOnly(db, dialect);
}

/**
 * A final mission is immutable. The application never writes one, and this
 * trigger makes sure no other code path or hand-written SQL can either.
 */
async function refuseChangesToFinalMissions(db: Kysely<unknown>, dialect: Dialect) {
  if (dialect === 'sqlite') {
    for (const operation of ['UPDATE', 'DELETE']) {
      await sql`
        CREATE TRIGGER ${sql.raw(`missions_final_no_${operation.toLowerCase()}`)}
        BEFORE ${sql.raw(operation)} ON missions
        FOR EACH ROW WHEN OLD.status IN ${sql.raw(FINAL)}
        BEGIN SELECT RAISE(ABORT, 'mission_final: a completed or failed mission is immutable'); END
      `.execute(db);
    }
    return;
  }

  await sql`
    CREATE FUNCTION wede_refuse_final_mission_change() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'mission_final: mission % is % and immutable', OLD.id, OLD.status
        USING ERRCODE = 'WD001';
    END
    $$ LANGUAGE plpgsql
  `.execute(db);
  await sql`
    CREATE TRIGGER missions_final_immutable
    BEFORE UPDATE OR DELETE ON missions
    FOR EACH ROW WHEN (OLD.status IN ${sql.raw(FINAL)})
    EXECUTE FUNCTION wede_refuse_final_mission_change()
  `.execute(db);
}

/** A mission's history is its record: rows are added, never changed or removed. */
async function keepHistoryAppendOnly(db: Kysely<unknown>, dialect: Dialect) {
  const message = 'mission_history is append-only';
  if (dialect === 'sqlite') {
    for (const operation of ['UPDATE', 'DELETE']) {
      await sql`
        CREATE TRIGGER ${sql.raw(`mission_history_no_${operation.toLowerCase()}`)}
        BEFORE ${sql.raw(operation)} ON mission_history
        BEGIN SELECT RAISE(ABORT, ${sql.lit(message)}); END
      `.execute(db);
    }
    return;
  }

  await sql`
    CREATE FUNCTION wede_refuse_history_change() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION ${sql.lit(message)} USING ERRCODE = 'WD002';
    END
    $$ LANGUAGE plpgsql
  `.execute(db);
  await sql`
    CREATE TRIGGER mission_history_append_only
    BEFORE UPDATE OR DELETE ON mission_history
    FOR EACH ROW EXECUTE FUNCTION wede_refuse_history_change()
  `.execute(db);
}

export function initialMigration(dialect: Dialect): Migration {
  return { up: (db) => up(db, dialect) };
}
