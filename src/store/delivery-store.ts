import { isPostgres } from './dialect-of.js';
import type { PageRequest } from './page.js';
import type { DeliveryJobTable, Db, SmsMessageTable } from './schema.js';

export async function insertJobs(db: Db, jobs: readonly DeliveryJobTable[]): Promise<void> {
  if (jobs.length > 0)
    await db
      .insertInto('delivery_jobs')
      .values([...jobs])
      .execute();
}

/**
 * The oldest due job not yet done, locked for the caller's transaction. With
 * several servers on one PostgreSQL, SKIP LOCKED hands each job to one of them;
 * the job is marked done in the same transaction as what it does, so it runs once.
 */
export async function takeDueJob(db: Db, now: string) {
  return db
    .selectFrom('delivery_jobs')
    .selectAll()
    .where('done_at', 'is', null)
    .where('run_at', '<=', now)
    .orderBy('run_at')
    .limit(1)
    .$if(isPostgres(db), (q) => q.forUpdate().skipLocked())
    .executeTakeFirst();
}

export async function finishJob(db: Db, id: string, at: string, outcome: string): Promise<void> {
  await db
    .updateTable('delivery_jobs')
    .set({ done_at: at, outcome })
    .where('id', '=', id)
    .execute();
}

export async function listJobsOfMission(db: Db, organizationId: string, missionId: string) {
  return db
    .selectFrom('delivery_jobs')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('mission_id', '=', missionId)
    .orderBy('run_at')
    .execute();
}

export async function insertSms(db: Db, rows: readonly SmsMessageTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('sms_messages')
      .values([...rows])
      .execute();
}

/**
 * Claims queued texts for sending (`sending`, stamped now). A claim older than
 * `staleBefore` belongs to a server that died mid-send, and is claimed again.
 */
export async function claimQueuedSms(db: Db, now: string, staleBefore: string, limit: number) {
  const due = db
    .selectFrom('sms_messages')
    .select('id')
    .where('direction', '=', 'out')
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'sending'), eb('updated_at', '<', staleBefore)]),
      ]),
    )
    .orderBy('created_at')
    .limit(limit)
    .$if(isPostgres(db), (q) => q.forUpdate().skipLocked());

  return db
    .updateTable('sms_messages')
    .set({ status: 'sending', updated_at: now })
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

export async function updateSms(
  db: Db,
  id: string,
  changes: Partial<Pick<SmsMessageTable, 'status' | 'provider_id' | 'error' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('sms_messages').set(changes).where('id', '=', id).execute();
}

export async function listSms(
  db: Db,
  organizationId: string,
  page: PageRequest,
  filter: { missionId?: string | undefined; direction?: string | undefined },
) {
  return db
    .selectFrom('sms_messages')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .$if(filter.missionId !== undefined, (q) => q.where('mission_id', '=', filter.missionId!))
    .$if(filter.direction !== undefined, (q) => q.where('direction', '=', filter.direction!))
    .$if(page.after !== undefined, (q) => q.where('id', '<', page.after!))
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/**
 * The team's members who can be texted, as the team is now: someone who left
 * since the dispatch is not texted, someone who joined is.
 */
export async function listTeamPhones(db: Db, organizationId: string, teamId: string) {
  return db
    .selectFrom('members')
    .select(['id', 'name', 'phone'])
    .where('organization_id', '=', organizationId)
    .where('team_id', '=', teamId)
    .where('phone', 'is not', null)
    .orderBy('id')
    .execute();
}

/** How many of a mission's dispatch texts are in each state. */
export async function countMissionTexts(db: Db, missionId: string) {
  const rows = await db
    .selectFrom('sms_messages')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('mission_id', '=', missionId)
    .where('direction', '=', 'out')
    .groupBy('status')
    .execute();
  return new Map(rows.map((row) => [row.status, Number(row.n)]));
}

/** Runs a job again later instead of finishing it. */
export async function postponeJob(db: Db, id: string, runAt: string): Promise<void> {
  await db.updateTable('delivery_jobs').set({ run_at: runAt }).where('id', '=', id).execute();
}

/** Members of the organization with this phone; more than one is a mistake to report. */
export async function findMembersByPhone(db: Db, organizationId: string, phone: string) {
  return db
    .selectFrom('members')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('phone', '=', phone)
    .orderBy('id')
    .execute();
}

/**
 * The member's missions still under way, oldest first (the numbers in "ACK 2"):
 * those of his team now, and those he was dispatched on with an earlier team.
 */
export async function listOpenMissionsOfMember(
  db: Db,
  organizationId: string,
  member: { id: string; team_id: string | null },
  activeStatuses: readonly string[],
) {
  const dispatchedOn = db
    .selectFrom('mission_members')
    .select('mission_id')
    .where('member_id', '=', member.id);
  return db
    .selectFrom('missions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('status', 'in', activeStatuses)
    .where((eb) =>
      eb.or([
        eb('id', 'in', dispatchedOn),
        ...(member.team_id === null ? [] : [eb('team_id', '=', member.team_id)]),
      ]),
    )
    .orderBy('dispatched_at')
    .orderBy('id')
    .execute();
}

export async function findInboundSms(db: Db, organizationId: string, providerId: string) {
  return db
    .selectFrom('sms_messages')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('direction', '=', 'in')
    .where('provider_id', '=', providerId)
    .executeTakeFirst();
}

/** Members of any organization with this phone: a provider's callback names no organization. */
export async function findMembersByPhoneAnywhere(db: Db, phone: string) {
  return db.selectFrom('members').selectAll().where('phone', '=', phone).orderBy('id').execute();
}

/** A text Wede sent, by the provider's id for it. */
export async function findSentSms(db: Db, providerId: string) {
  return db
    .selectFrom('sms_messages')
    .selectAll()
    .where('direction', '=', 'out')
    .where('provider_id', '=', providerId)
    .executeTakeFirst();
}
