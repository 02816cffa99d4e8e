import { setTimeout as sleep } from 'node:timers/promises';

import type { Logger } from 'pino';

import type { DeliverySettings } from '../config/load-config.js';
import { missionText } from '../domain/mission-text.js';
import { systemActor } from '../services/actor.js';
import { markSent } from '../services/mark-sent.js';
import { recordChange } from '../services/record-change.js';
import { inTransaction, type Database } from '../store/database.js';
import {
  claimQueuedSms,
  finishJob,
  insertSms,
  countMissionTexts,
  listTeamPhones,
  postponeJob,
  takeDueJob,
  updateSms,
} from '../store/delivery-store.js';
import { findEvent } from '../store/event-store.js';
import { findMission } from '../store/mission-store.js';
import { newId } from '../store/new-id.js';
import { lockOrganizationWrites } from '../store/organization-store.js';
import type { DeliveryJobTable, Db, SmsMessageTable } from '../store/schema.js';
import type { SmsProvider } from './sms-provider.js';

const IDLE_POLL_MS = 250;
/**
 * Every commit pokes the engine; under load, rounds woken by pokes start at
 * most this often, so each API write does not pay for a round of its own.
 */
const POKED_ROUND_GAP_MS = 10;
const JOBS_PER_ROUND = 50;
// How long the undelivered alert waits, at a time, for texts still being sent.
const WAIT_FOR_TEXTS_MS = 5_000;
const TEXTS_PER_ROUND = 16;
// A text claimed longer ago than this was being sent by a server that died.
const STALE_CLAIM_MS = 60_000;

/**
 * The system part of the lifecycle: runs the delivery timers (text the team
 * when no device confirmed a mission, alert supervisors when nothing reached
 * it) and sends queued texts through the SMS provider; a provider's acceptance
 * marks the mission SENT over sms. All of its state is in the database, so a
 * restart may run a timer late but loses none.
 */
export class DeliveryEngine {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private poked = false;
  private roundStartedAt = 0;

  constructor(
    private readonly database: Database,
    private readonly settings: DeliverySettings,
    private readonly provider: SmsProvider,
    private readonly logger: Logger,
    /** Told after each commit here, as after an API write: new messages may be waiting. */
    private readonly afterCommit: () => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.roundStartedAt = Date.now();
      const done = (await this.runDueJobs()) + (await this.sendQueuedTexts());
      if (done === 0) await this.idle();
    }
  }

  private async idle(): Promise<void> {
    await this.pokeOrPoll();

    const early = this.roundStartedAt + POKED_ROUND_GAP_MS - Date.now();
    if (early > 0 && this.running) await sleep(early);
  }

  private pokeOrPoll(): Promise<void> {
    if (this.poked) {
      this.poked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.poked = false;
        resolve();
      }, IDLE_POLL_MS);
      this.wake = () => {
        clearTimeout(timer);
        this.poked = false;
        resolve();
      };
    });
  }

  private async runDueJobs(): Promise<number> {
    let ran = 0;
    try {
      while (ran < JOBS_PER_ROUND && this.running) {
        const now = this.now();
        const job = await inTransaction(this.database.db, async (trx) => {
          const due = await takeDueJob(trx, now.toISOString());
          if (due === undefined) return undefined;
          const outcome = await this.runJob(trx, due, now);
          if (outcome === 'waiting') {
            await postponeJob(
              trx,
              due.id,
              new Date(now.getTime() + WAIT_FOR_TEXTS_MS).toISOString(),
            );
          } else {
            await finishJob(trx, due.id, now.toISOString(), outcome);
          }
          return { ...due, outcome };
        });
        if (job === undefined) break;

        ran += 1;
        this.logger.info(
          { organization_id: job.organization_id, mission_id: job.mission_id, job: job.kind },
          `delivery timer ran: ${job.outcome}`,
        );
      }
    } catch (error) {
      this.logger.error({ err: error }, 'a delivery timer failed; it will run again');
    }
    if (ran > 0) this.afterCommit();
    return ran;
  }

  private async runJob(trx: Db, job: DeliveryJobTable, now: Date): Promise<string> {
    // Ordered with the API's writes of the organization, as every change is.
    await lockOrganizationWrites(trx, job.organization_id);
    const mission = await findMission(trx, job.organization_id, job.mission_id);
    // A device confirmed it, or the crew has moved on: nothing to do.
    if (mission === undefined || mission.status !== 'CREATED') return 'not_needed';

    if (job.kind === 'escalate') return this.textCrew(trx, mission, now);
    return this.alertUndelivered(trx, mission, now);
  }

  private async textCrew(
    trx: Db,
    mission: NonNullable<Awaited<ReturnType<typeof findMission>>>,
    now: Date,
  ): Promise<string> {
    const phones = await listTeamPhones(trx, mission.organization_id, mission.team_id);
    if (phones.length === 0) return 'no_phone';

    const event = await findEvent(trx, mission.organization_id, mission.event_id);
    const body = missionText({
      priority: mission.priority,
      vertical: mission.vertical,
      title: event?.title ?? 'new mission',
      notes: mission.notes,
      lat: mission.event_lat,
      lng: mission.event_lng,
    });
    const at = now.toISOString();
    const texts: SmsMessageTable[] = phones.map((member) => ({
      id: newId(),
      organization_id: mission.organization_id,
      direction: 'out',
      to_number: member.phone!,
      from_number: this.settings.smsFrom,
      body,
      mission_id: mission.id,
      member_id: member.id,
      status: 'queued',
      provider_id: null,
      error: null,
      created_at: at,
      updated_at: at,
    }));
    await insertSms(trx, texts);
    return 'texted';
  }

  private async alertUndelivered(
    trx: Db,
    mission: NonNullable<Awaited<ReturnType<typeof findMission>>>,
    now: Date,
  ): Promise<string> {
    // Texts still on their way may yet reach the crew: judge once they have gone.
    const texts = await countMissionTexts(trx, mission.id);
    if ((texts.get('queued') ?? 0) + (texts.get('sending') ?? 0) > 0) return 'waiting';

    const at = now.toISOString();
    await recordChange(
      trx,
      { organizationId: mission.organization_id, keyId: null, memberId: null },
      at,
      {
        action: 'mission.undelivered',
        entityType: 'mission',
        entityId: mission.id,
        data: {
          mission_id: mission.id,
          event_id: mission.event_id,
          team_id: mission.team_id,
          status: mission.status,
          priority: mission.priority,
          dispatched_at: mission.dispatched_at,
          texts_sent: (texts.get('sent') ?? 0) + (texts.get('delivered') ?? 0),
        },
      },
    );
    this.logger.warn(
      { organization_id: mission.organization_id, mission_id: mission.id },
      'mission reached nobody: supervisors alerted',
    );
    return 'alerted';
  }

  private async sendQueuedTexts(): Promise<number> {
    const now = this.now();
    let claimed: SmsMessageTable[];
    try {
      claimed = await claimQueuedSms(
        this.database.db,
        now.toISOString(),
        new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
        TEXTS_PER_ROUND,
      );
    } catch (error) {
      this.logger.error({ err: error }, 'could not claim texts to send');
      return 0;
    }

    await Promise.all(claimed.map((text) => this.sendText(text)));
    if (claimed.length > 0) this.afterCommit();
    return claimed.length;
  }

  private async sendText(text: SmsMessageTable): Promise<void> {
    const log = this.logger.child({
      organization_id: text.organization_id,
      mission_id: text.mission_id,
      sms_id: text.id,
    });
    const result = await this.provider.send({
      to: text.to_number,
      from: text.from_number,
      body: text.body,
    });

    try {
      await inTransaction(this.database.db, async (trx) => {
        const at = this.now();
        await lockOrganizationWrites(trx, text.organization_id);
        await updateSms(trx, text.id, {
          status: result.accepted ? 'sent' : 'failed',
          provider_id: result.accepted ? result.providerId : null,
          error: result.accepted ? null : result.error,
          updated_at: at.toISOString(),
        });
        // The provider took it: the mission has left Wede by sms.
        if (result.accepted && text.mission_id !== null) {
          const actor = systemActor(text.organization_id, at, 'sms');
          await markSent(trx, actor, text.organization_id, text.mission_id, 'sms');
        }
      });
    } catch (error) {
      log.error({ err: error }, 'could not record a sent text; it will be sent again');
      return;
    }
    if (result.accepted) log.info({ provider: this.provider.name }, 'text sent');
    else log.warn({ provider: this.provider.name, error: result.error }, 'text refused');
  }
}
