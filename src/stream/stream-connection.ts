import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { RawData, WebSocket } from 'ws';

import { can, type Principal } from '../domain/permissions.js';
import { followChange, streamViewerOf, type StreamViewer } from '../domain/stream-visibility.js';
import { WedeError } from '../domain/wede-error.js';
import type { Actor } from '../services/actor.js';
import { confirmReceipt } from '../services/confirm-receipt.js';
import { updateTeamLocation } from '../services/manage-teams.js';
import { lastAuditSeq, listAuditRows } from '../store/audit-store.js';
import { inTransaction } from '../store/database.js';
import { listOpenEventIdsOfTeam } from '../store/mission-store.js';
import { lockOrganizationWrites } from '../store/organization-store.js';
import { findLiveKey } from '../store/key-store.js';
import { principalOf } from '../http/authenticate.js';
import type { Db, Schema } from '../store/schema.js';
import { changeMessage, type ChangeMessage } from './change-message.js';
import { parseClientMessage, type ClientMessage } from './client-message.js';
import { AUDIT_PAGE_ROWS, type StreamHub, type StreamSubscriber } from './stream-hub.js';

export interface StreamConnectionDeps {
  db: Kysely<Schema>;
  /** For the replay's reads, which must not queue behind writes on SQLite. */
  reader: Db;
  hub: StreamHub;
  now: () => Date;
  afterCommit: () => void;
}

/** WebSocket close codes (RFC 6455): 1008 policy violation, 1013 try again later. */
const POLICY_VIOLATION = 1008;
const TRY_AGAIN_LATER = 1013;

// Limits per connection: a device sends a receipt or a location now and then.
const MESSAGES_PER_MINUTE = 120;
const BAD_MESSAGES_ALLOWED = 20;
const QUEUED_MESSAGES_ALLOWED = 50;
/** Unsent bytes beyond which a reader too slow for the stream is dropped; it resumes later. */
const SEND_BUFFER_LIMIT_BYTES = 4 * 1024 * 1024;
// Also the pace of the `ping` message, by which a browser (which cannot see protocol
// pings) learns that a quiet connection is still alive.
const HEARTBEAT_INTERVAL_MS = 20_000;
const RECHECK_INTERVAL_MS = 5_000;
// Beyond this a device is better served by reloading its missions through the API.
const MAX_REPLAY_CHANGES = 5_000;

/**
 * One client of the stream: it sends the changes its principal may see, first
 * the ones after the seq the client resumes from, then live ones from the hub,
 * and handles what the client sends. Everything it does runs one step at a
 * time, in order, so a replay and the live changes never interleave.
 */
export class StreamConnection implements StreamSubscriber {
  readonly organizationId: string;
  private viewer: StreamViewer = { scope: 'nothing' };
  /** While replaying, live changes wait here; the replay's end decides which still go. */
  private held: ChangeMessage[] | null = [];
  private steps: Promise<void> = Promise.resolve();
  private queued = 0;
  private badMessages = 0;
  private recentMessages: number[] = [];
  private alive = true;
  private closed = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private recheck: NodeJS.Timeout | null = null;
  /** The seq of the last change handled, sent or not: nothing at or before it goes again. */
  private cursor = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly principal: Principal,
    private readonly deps: StreamConnectionDeps,
    private readonly log: FastifyBaseLogger,
  ) {
    this.organizationId = principal.organizationId;
  }

  /** Listens at once (a frame sent right after the upgrade is not lost), then says hello. */
  open(after: number | undefined): void {
    this.socket.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    this.socket.on('pong', () => {
      this.alive = true;
    });
    this.socket.on('close', (code) => this.onClose(code));
    this.socket.on('error', (error) => this.log.warn({ err: error }, 'stream socket failed'));
    this.heartbeat = setInterval(() => this.checkAlive(), HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
    // A key revoked, or a member moved, must not keep what it was allowed at connect time.
    this.recheck = setInterval(
      () => this.enqueue(async () => void (await this.stillAllowed(this.deps.reader))),
      RECHECK_INTERVAL_MS,
    );
    this.recheck.unref();

    this.enqueue(() => this.greet(after));
  }

  receive(message: ChangeMessage): void {
    if (this.held) this.held.push(message);
    else this.deliver(message);
  }

  private async greet(after: number | undefined): Promise<void> {
    const { teamId } = this.principal;
    const teamEvents =
      teamId === null
        ? []
        : await listOpenEventIdsOfTeam(this.deps.reader, this.organizationId, teamId);
    this.viewer = streamViewerOf(this.principal, teamEvents);

    await this.deps.hub.join(this);
    if (this.closed) return this.deps.hub.leave(this);

    const seq = await lastAuditSeq(this.deps.reader, this.organizationId);
    // A device learns whose missions it carries, so it confirms only its own team's.
    this.send({
      type: 'hello',
      seq,
      member_id: this.principal.memberId,
      team_id: this.principal.teamId,
    });
    this.log.info({ scope: this.viewer.scope, after: after ?? null, seq }, 'stream opened');
    await this.replay(after ?? seq);
  }

  /**
   * Sends every change after `after`, then the live ones held meanwhile, with
   * none twice. Page by page, giving way between pages so one client's long
   * replay does not hold up the server; a resume older than the limit starts
   * from now, and the client is told to reload what it holds through the API.
   */
  private async replay(after: number): Promise<void> {
    this.held ??= [];
    const latest = await lastAuditSeq(this.deps.reader, this.organizationId);
    let cursor = after;
    if (latest - after > MAX_REPLAY_CHANGES) {
      this.send({
        type: 'error',
        code: 'resume_too_old',
        message: `more than ${MAX_REPLAY_CHANGES} changes were missed; reload through the API`,
      });
      cursor = latest;
    }

    while (!this.closed) {
      const rows = await listAuditRows(
        this.deps.reader,
        this.organizationId,
        cursor,
        AUDIT_PAGE_ROWS,
      );
      for (const row of rows) {
        this.deliver(await changeMessage(this.deps.reader, row), true);
        cursor = row.seq;
      }
      if (rows.length < AUDIT_PAGE_ROWS) break;
      await new Promise((resolve) => setImmediate(resolve));
    }

    this.cursor = Math.max(this.cursor, cursor);
    const held = this.held;
    this.held = null;
    for (const message of held) if (message.seq > cursor) this.deliver(message);
  }

  private deliver(message: ChangeMessage, replaying = false): void {
    // The hub may bring a change the replay already sent (its poll lags the replay).
    if (!replaying && message.seq <= this.cursor) return;
    this.cursor = Math.max(this.cursor, message.seq);

    const { visible, viewer } = followChange(this.viewer, message.change);
    this.viewer = viewer;
    if (visible) this.sendText(message.text);
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.tooManyMessages()) return this.close(POLICY_VIOLATION, 'too many messages');
    if (this.queued >= QUEUED_MESSAGES_ALLOWED)
      return this.close(POLICY_VIOLATION, 'too many messages');

    const frame = isBinary ? null : rawText(data);
    this.enqueue(() => this.handle(frame));
  }

  private async handle(frame: string | null): Promise<void> {
    try {
      if (frame === null) throw new WedeError('validation_failed', 'send text frames of JSON');
      const message = parseClientMessage(frame);
      await this.act(message);
    } catch (error) {
      this.refuse(error);
    }
  }

  private async act(message: ClientMessage): Promise<void> {
    switch (message.type) {
      case 'receipt':
        return this.confirm(message.missionId);
      case 'location':
        return this.locate(message.lat, message.lng);
      case 'resume':
        return this.replay(message.after);
    }
  }

  private async confirm(missionId: string): Promise<void> {
    const status = await this.write((trx, actor) => confirmReceipt(trx, actor, missionId));
    this.send({ type: 'receipt_ok', mission_id: missionId, status });
  }

  private async locate(lat: number, lng: number): Promise<void> {
    const { teamId } = this.principal;
    const allowed = can(this.principal, 'teams:location') || can(this.principal, 'teams:manage');
    if (teamId === null || !allowed) {
      throw new WedeError('forbidden', "only an operator's device reports its team's location");
    }

    const team = await this.write((trx, actor) =>
      updateTeamLocation(trx, actor, teamId, { lat, lng }),
    );
    this.send({
      type: 'location_ok',
      team_id: team.id,
      lat: team.lat,
      lng: team.lng,
      updated_at: team.location_updated_at,
    });
  }

  /**
   * Whether the key is still live and stands for the same team and role as at
   * connect time; if not, the connection is closed and the client must connect
   * again, as whoever it now is.
   */
  private async stillAllowed(db: Db): Promise<boolean> {
    if (this.closed || this.principal.keyId === null) return !this.closed;
    const key = await findLiveKey(db, this.organizationId, this.principal.keyId);
    const now = key === undefined ? undefined : principalOf(key);
    if (now === undefined) {
      this.close(POLICY_VIOLATION, 'the key was revoked');
      return false;
    }
    if (now.teamId !== this.principal.teamId || now.role !== this.principal.role) {
      this.close(POLICY_VIOLATION, 'permissions changed; connect again');
      return false;
    }
    return true;
  }

  /** A write as the device, through the internet channel, like a route's write. */
  private async write<T>(work: (trx: Db, actor: Actor) => Promise<T>): Promise<T> {
    const actor: Actor = { principal: this.principal, now: this.deps.now(), channel: 'internet' };
    const result = await inTransaction(this.deps.db, async (trx) => {
      await lockOrganizationWrites(trx, this.organizationId);
      if (!(await this.stillAllowed(trx))) {
        throw new WedeError('unauthorized', 'the key was revoked or its member changed');
      }
      return work(trx, actor);
    });
    this.deps.afterCommit();
    return result;
  }

  private refuse(error: unknown): void {
    if (!(error instanceof WedeError)) {
      this.log.error({ err: error }, 'stream message failed');
      this.send({ type: 'error', code: 'internal', message: 'the message could not be handled' });
      return;
    }

    this.log.info({ code: error.code }, error.message);
    this.send({ type: 'error', code: error.code, message: error.message });
    this.badMessages += 1;
    if (this.badMessages > BAD_MESSAGES_ALLOWED)
      this.close(POLICY_VIOLATION, 'too many bad messages');
  }

  private enqueue(step: () => Promise<void>): void {
    this.queued += 1;
    this.steps = this.steps
      .then(() => (this.closed ? undefined : step()))
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'stream connection failed');
        this.close(TRY_AGAIN_LATER, 'server error');
      })
      .finally(() => {
        this.queued -= 1;
      });
  }

  private tooManyMessages(): boolean {
    const now = Date.now();
    this.recentMessages = this.recentMessages.filter((at) => now - at < 60_000);
    this.recentMessages.push(now);
    return this.recentMessages.length > MESSAGES_PER_MINUTE;
  }

  private send(message: Record<string, unknown>): void {
    this.sendText(JSON.stringify(message));
  }

  private sendText(text: string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > SEND_BUFFER_LIMIT_BYTES) {
      return this.close(TRY_AGAIN_LATER, 'too slow to read the stream; resume later');
    }
    this.socket.send(text);
  }

  private checkAlive(): void {
    if (!this.alive) return void this.socket.terminate();
    this.alive = false;
    this.socket.ping();
    this.send({ type: 'ping' });
  }

  private close(code: number, reason: string): void {
    this.log.info({ code, reason }, 'stream closed by the server');
    this.socket.close(code, reason);
    this.onClose(code);
  }

  private onClose(code: number): void {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.recheck) clearInterval(this.recheck);
    this.deps.hub.leave(this);
    this.log.info({ code }, 'stream ended');
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
