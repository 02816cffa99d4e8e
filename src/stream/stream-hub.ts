import type { Logger } from 'pino';

import { lastAuditSeq, listAuditRows } from '../store/audit-store.js';
import type { Db } from '../store/schema.js';
import { changeMessage, type ChangeMessage } from './change-message.js';

/** One connection as the hub sees it. */
export interface StreamSubscriber {
  readonly organizationId: string;
  /** Each new change of the organization, once, in audit order. */
  receive(message: ChangeMessage): void;
}

interface Followed {
  /** The last audit seq read for this organization; null until first known. */
  lastSeq: number | null;
  subscribers: Set<StreamSubscriber>;
}

export const STREAM_POLL_INTERVAL_MS = 1000;
export const AUDIT_PAGE_ROWS = 200;

/**
 * The live fan-out of one server process. The audit log is the source: the
 * hub reads the rows after the last one it read, for the organizations that
 * have a connection, and hands each to their connections. It reads when poked
 * after a commit of this process, and every second for the commits of other
 * processes on the same PostgreSQL.
 */
export class StreamHub {
  private readonly organizations = new Map<string, Followed>();
  private running: Promise<void> | null = null;
  private readAgain = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly reader: Db,
    private readonly logger: Logger,
    private readonly pollIntervalMs = STREAM_POLL_INTERVAL_MS,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.poke(), this.pollIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Adds a subscriber; it receives every change after the seq returned, which
   * is at most the organization's last seq once this resolves.
   */
  async join(subscriber: StreamSubscriber): Promise<void> {
    let followed = this.organizations.get(subscriber.organizationId);
    if (!followed) {
      followed = { lastSeq: null, subscribers: new Set() };
      this.organizations.set(subscriber.organizationId, followed);
    }
    followed.subscribers.add(subscriber);

    if (followed.lastSeq === null) {
      const seq = await lastAuditSeq(this.reader, subscriber.organizationId);
      // Another join, or a read, may have set it meanwhile: never go back.
      followed.lastSeq = Math.max(followed.lastSeq ?? 0, seq);
    }
  }

  leave(subscriber: StreamSubscriber): void {
    const followed = this.organizations.get(subscriber.organizationId);
    followed?.subscribers.delete(subscriber);
    if (followed?.subscribers.size === 0) this.organizations.delete(subscriber.organizationId);
  }

  /** Reads new changes soon; pokes during a read make one more read after it. */
  poke(): void {
    if (this.running) {
      this.readAgain = true;
      return;
    }
    this.running = this.readWhilePoked().finally(() => {
      this.running = null;
    });
  }

  private async readWhilePoked(): Promise<void> {
    do {
      this.readAgain = false;
      for (const [organizationId, followed] of this.organizations) {
        await this.readOrganization(organizationId, followed).catch((error: unknown) =>
          this.logger.warn(
            { err: error, organization_id: organizationId },
            'stream could not read changes',
          ),
        );
      }
    } while (this.readAgain);
  }

  private async readOrganization(organizationId: string, followed: Followed): Promise<void> {
    for (;;) {
      if (followed.lastSeq === null || followed.subscribers.size === 0) return;

      const rows = await listAuditRows(
        this.reader,
        organizationId,
        followed.lastSeq,
        AUDIT_PAGE_ROWS,
      );
      for (const row of rows) {
        const message = await changeMessage(this.reader, row);
        followed.lastSeq = row.seq;
        for (const subscriber of followed.subscribers) subscriber.receive(message);
      }
      if (rows.length < AUDIT_PAGE_ROWS) return;
    }
  }
}
