import { setTimeout as sleep } from 'node:timers/promises';

import { Agent } from 'undici';
import type { Logger } from 'pino';
import type { Kysely } from 'kysely';

import type { WebhookSettings } from '../config/load-config.js';
import { nextAttemptDelayMs } from '../domain/webhook-events.js';
import { recordChange } from '../services/record-change.js';
import { inTransaction, type Database } from '../store/database.js';
import { newId } from '../store/new-id.js';
import { lockOrganizationWrites } from '../store/organization-store.js';
import type { Schema, WebhookEndpointTable } from '../store/schema.js';
import {
  findEndpoint,
  leaseDueDeliveries,
  recordAttempt,
  updateEndpoint,
  type DueCandidate,
  type DueDelivery,
} from '../store/webhook-store.js';
import { DeliverySlots, type SlotHolder, type SlotLimits } from './delivery-slots.js';
import { externalOnlyLookup } from './endpoint-address.js';
import { DELIVERY_TIMEOUT_MS, sendWebhook, type SendResult } from './send-webhook.js';

// Enough requests open that a receiver a few hundred milliseconds away still takes
// messages as fast as the API makes them.
const SLOT_LIMITS: SlotLimits = {
  total: 256,
  perOrganization: 64,
  perEndpoint: 64,
  perFailingEndpoint: 4,
};
const LEASE_BATCH = 32;
// Due deliveries looked at per free slot, so one endpoint's backlog does not hide the others'.
const CANDIDATES_PER_SLOT = 4;
const IDLE_POLL_MS = 250;
/**
 * Every commit pokes the worker; under load, leases woken by pokes start at
 * most this often, so each API write does not pay for a query of its own.
 */
const POKED_ROUND_GAP_MS = 10;
const OUTCOMES_PER_COMMIT = 64;
// How long the first outcome waits for others to share its commit.
const OUTCOME_GATHER_MS = 20;
// Sent but not yet recorded; past this the worker waits for the database before sending more.
const MAX_UNRECORDED = 256;
// Long enough to outlast one attempt, so a live worker's lease never lapses mid-send.
const LEASE_MS = DELIVERY_TIMEOUT_MS * 3;

interface Outcome {
  delivery: DueDelivery;
  result: SendResult;
  sentAt: Date;
}

interface PendingOutcome extends Outcome {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Delivers queued webhook messages: leases due deliveries from the database,
 * sends them concurrently, and records every attempt with what comes next
 * (done, retry at a time, or failed). Nothing is held only in memory: a crash
 * leaves leases that lapse, and the next worker sends those messages again.
 */
export class DeliveryWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  // A poke that arrives while the worker is busy must not be lost to the next idle wait.
  private poked = false;
  private roundStartedAt = 0;
  private readonly outcomes: PendingOutcome[] = [];
  private flushing = false;
  private stopping: Promise<void> | undefined;
  private readonly inFlight = new Map<Promise<void>, SlotHolder>();
  private readonly recording = new Set<Promise<void>>();
  // Deliveries leased to this worker, from the lease until their outcome is recorded.
  private readonly held = new Set<string>();
  private readonly agent: Agent;

  constructor(
    private readonly database: Database,
    private readonly settings: WebhookSettings,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.agent = new Agent({
      connect: settings.allowPrivate ? {} : { lookup: externalOnlyLookup },
    });
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Tells the worker that new messages may be waiting. */
  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  /** Finishes the attempts under way and stops; later calls wait for the same stop. */
  stop(): Promise<void> {
    this.stopping ??= this.drain();
    return this.stopping;
  }

  private async drain(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
    await Promise.allSettled(this.inFlight.keys());
    await Promise.allSettled(this.recording);
    await this.agent.close();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.roundStartedAt = Date.now();
      const leased = await this.leaseBatch().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not lease webhook deliveries');
        return [];
      });
      for (const delivery of leased) this.track(delivery);

      if (leased.length < LEASE_BATCH || this.inFlight.size >= SLOT_LIMITS.total) await this.idle();
    }
  }

  private async leaseBatch(): Promise<DueDelivery[]> {
    if (this.recording.size >= MAX_UNRECORDED) return [];
    const slots = new DeliverySlots(SLOT_LIMITS, this.inFlight.values());
    const wanted = Math.min(LEASE_BATCH, slots.free);
    if (wanted <= 0) return [];

    // Oldest first, each endpoint and organization up to its share of the slots.
    const choose = (due: readonly DueCandidate[]): string[] => {
      const chosen: string[] = [];
      for (const candidate of due) {
        if (chosen.length >= wanted) break;
        const holder = {
          organizationId: candidate.organization_id,
          endpointId: candidate.endpoint_id,
          failing: candidate.failing,
        };
        if (!slots.mayTake(holder)) continue;
        slots.take(holder);
        chosen.push(candidate.id);
      }
      return chosen;
    };

    const now = this.now();
    // Read-only on SQLite: a lease must not wait for its turn behind every API write.
    return leaseDueDeliveries(this.database.reader, {
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
      candidates: wanted * CANDIDATES_PER_SLOT,
      busyEndpointIds: slots.fullEndpoints(),
      busyOrganizationIds: slots.fullOrganizations(),
      heldIds: this.held,
      choose,
    });
  }

  // A slot is held while the request is open; recording the outcome happens after.
  private track(delivery: DueDelivery): void {
    this.held.add(delivery.id);
    const sentAt = this.now();
    const sending = sendWebhook(delivery, sentAt, this.agent, this.settings);
    const open = sending.then(() => {
      this.inFlight.delete(open);
      this.poke();
    });
    this.inFlight.set(open, {
      organizationId: delivery.organization_id,
      endpointId: delivery.endpoint_id,
      failing: delivery.failing,
    });

    const recorded = sending
      .then((result) => this.record(delivery, result, sentAt))
      .then((saved) => {
        this.recording.delete(recorded);
        if (saved) {
          this.held.delete(delivery.id);
          return;
        }
        // Unrecorded, it is still due: held a while, as a lapsing lease would, so a
        // database that keeps refusing does not make us send it again in a tight loop.
        setTimeout(() => this.held.delete(delivery.id), LEASE_MS).unref();
      });
    this.recording.add(recorded);
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
      const done = () => {
        clearTimeout(timer);
        this.poked = false;
        resolve();
      };
      const timer = setTimeout(done, IDLE_POLL_MS);
      this.wake = done;
    });
  }

  /** Whether the outcome was recorded; never throws. */
  private async record(delivery: DueDelivery, result: SendResult, sentAt: Date): Promise<boolean> {
    const log = this.logger.child({
      organization_id: delivery.organization_id,
      endpoint_id: delivery.endpoint_id,
      message_id: delivery.message_id,
      attempt: delivery.attempts + 1,
    });

    try {
      await this.recordOutcome({ delivery, result, sentAt });
    } catch (error) {
      log.error({ err: error }, 'could not record a webhook attempt; it will be sent again');
      return false;
    }
    if (result.ok) log.debug({ durationMs: result.durationMs }, 'webhook delivered');
    else log.warn({ status: result.statusCode, error: result.error }, 'webhook attempt failed');
    return true;
  }

  /**
   * Queues an outcome to be recorded. Outcomes that finish within a few
   * milliseconds of each other are recorded in one transaction: on SQLite each
   * commit waits for the disk and blocks the event loop meanwhile, and one commit
   * per attempt would let deliveries fall behind the API's own writes.
   */
  private recordOutcome(outcome: Outcome): Promise<void> {
    return new Promise((resolve, reject) => {
      this.outcomes.push({ ...outcome, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        void this.flushOutcomes();
      }
    });
  }

  private async flushOutcomes(): Promise<void> {
    while (this.outcomes.length > 0) {
      if (this.outcomes.length < OUTCOMES_PER_COMMIT && this.running)
        await sleep(OUTCOME_GATHER_MS);

      // Organizations in one order, so two servers' batches cannot lock them crosswise.
      const batch = this.outcomes
        .splice(0, OUTCOMES_PER_COMMIT)
        .sort((a, b) => a.delivery.organization_id.localeCompare(b.delivery.organization_id));
      try {
        await this.settleAll(batch);
        for (const outcome of batch) outcome.resolve();
      } catch (error) {
        if (batch.length === 1) {
          batch[0]!.reject(error);
          continue;
        }
        // One outcome the database refuses must not cost the others theirs.
        for (const outcome of batch) {
          await this.settleAll([outcome]).then(outcome.resolve, outcome.reject);
        }
      }
    }
    this.flushing = false;
  }

  private settleAll(batch: readonly Outcome[]): Promise<void> {
    return inTransaction(this.database.db, async (trx) => {
      for (const { delivery, result, sentAt } of batch) {
        await this.settle(trx, delivery, result, sentAt);
      }
    });
  }

  private async settle(
    trx: Kysely<Schema>,
    delivery: DueDelivery,
    result: SendResult,
    sentAt: Date,
  ): Promise<void> {
    // The organization's lock orders this with API writes: a delete of the endpoint, or
    // another attempt disabling it, is either fully before or fully after.
    await lockOrganizationWrites(trx, delivery.organization_id);
    const endpoint = await findEndpoint(trx, delivery.organization_id, delivery.endpoint_id);
    if (!endpoint) return;

    const attempts = delivery.attempts + 1;
    const at = sentAt.toISOString();
    const gone = result.statusCode === 410;
    const delayMs =
      result.ok || gone
        ? undefined
        : nextAttemptDelayMs(attempts - delivery.round_start, this.settings.retryDelaysSeconds);

    await recordAttempt(
      trx,
      {
        id: newId(),
        organization_id: delivery.organization_id,
        delivery_id: delivery.id,
        attempt: attempts,
        at,
        status_code: result.statusCode,
        error: result.error,
        excerpt: result.excerpt,
        duration_ms: result.durationMs,
      },
      {
        status: result.ok ? 'delivered' : delayMs === undefined ? 'failed' : 'pending',
        attempts,
        next_attempt_at: new Date(sentAt.getTime() + (delayMs ?? 0)).toISOString(),
        last_attempt_at: at,
        last_status_code: result.statusCode,
        last_error: result.error,
        delivered_at: result.ok ? at : null,
      },
    );
    await this.updateEndpointHealth(trx, endpoint, result, sentAt, gone);
  }

  /**
   * An endpoint that answers 410 Gone is disabled at once; one that has failed
   * without a single success for longer than the configured hours is disabled
   * too, and the organization's other endpoints hear of it.
   */
  private async updateEndpointHealth(
    trx: Kysely<Schema>,
    endpoint: WebhookEndpointTable,
    result: SendResult,
    sentAt: Date,
    gone: boolean,
  ): Promise<void> {
    const at = sentAt.toISOString();
    if (result.ok) {
      if (endpoint.failing_since !== null) {
        await updateEndpoint(trx, endpoint.organization_id, endpoint.id, { failing_since: null });
      }
      return;
    }

    const failingSince = endpoint.failing_since ?? at;
    const failingHours = (sentAt.getTime() - new Date(failingSince).getTime()) / 3_600_000;
    const reason = gone
      ? 'the endpoint answered 410 Gone'
      : failingHours >= this.settings.disableAfterHours
        ? `no successful delivery since ${failingSince}`
        : undefined;

    if (reason === undefined || endpoint.enabled === 0) {
      if (endpoint.failing_since === null) {
        await updateEndpoint(trx, endpoint.organization_id, endpoint.id, { failing_since: at });
      }
      return;
    }

    await updateEndpoint(trx, endpoint.organization_id, endpoint.id, {
      enabled: 0,
      disabled_reason: reason,
      failing_since: failingSince,
      updated_at: at,
    });
    await recordChange(
      trx,
      { organizationId: endpoint.organization_id, keyId: null, memberId: null },
      at,
      {
        action: 'endpoint.disabled',
        entityType: 'webhook',
        entityId: endpoint.id,
        data: { endpoint_id: endpoint.id, url: endpoint.url, reason, disabled_at: at },
      },
    );
    this.logger.warn({ endpoint_id: endpoint.id, reason }, 'webhook endpoint disabled');
  }
}
