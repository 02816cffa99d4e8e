import {
  checkTransition,
  isFinal,
  TIMESTAMP_FIELD,
  type MissionStatus,
} from '../domain/mission-lifecycle.js';
import { WedeError } from '../domain/wede-error.js';
import { findEventForUpdate, updateEvent } from '../store/event-store.js';
import {
  findMission,
  insertHistory,
  latestMissionChangeOfEvent,
  listActiveMissions,
  swapMissionStatus,
  type MissionRow,
} from '../store/mission-store.js';
import { newId } from '../store/new-id.js';
import type { Db } from '../store/schema.js';
import { swapTeamStatus } from '../store/team-store.js';
import { iso, type Actor } from './actor.js';
import { authorOf, recordChange } from './record-change.js';

export interface Transition {
  to: MissionStatus;
  at: Date;
  feedback?: Record<string, unknown> | undefined;
  reason?: string | undefined;
  /** Recorded on the event if this transition ends its last active mission. */
  eventCloseReason?: string | undefined;
  /** For SENT: the delivery channel that reached the team. */
  channelUsed?: 'internet' | 'sms' | undefined;
}

/**
 * Moves one mission to its next status with every side effect, inside the
 * caller's transaction: history, audit, and when the mission ends, its team
 * freed and its event closed once no other mission of the event is active.
 * Callers have already checked who may make the move.
 */
export async function applyTransition(
  trx: Db,
  actor: Actor,
  mission: MissionRow,
  transition: Transition,
): Promise<MissionRow> {
  assertForward(mission, transition.to);

  const ending = isFinal(transition.to);
  const event = ending
    ? await findEventForUpdate(trx, mission.organization_id, mission.event_id)
    : undefined;

  const updated = await swapStatus(trx, actor, mission, transition);
  await appendHistory(trx, actor, mission, updated, transition);

  if (ending) {
    await freeTeam(trx, actor, updated);
    if (event?.status === 'OPEN') {
      await closeEventIfDone(trx, actor, updated, transition.eventCloseReason ?? 'missions_ended');
    }
  }
  return updated;
}

/** Refuses a move that is not forward, or from a final status (409). */
export function assertForward(mission: MissionRow, to: MissionStatus): void {
  const verdict = checkTransition(mission.status as MissionStatus, to);
  if (verdict.allowed) return;

  if (verdict.reason === 'final') {
    throw new WedeError('mission_final', `mission is ${mission.status} and can no longer change`, {
      status: mission.status,
    });
  }
  throw new WedeError('invalid_transition', `a mission in ${mission.status} cannot move to ${to}`, {
    status: mission.status,
    requested: to,
  });
}

async function swapStatus(
  trx: Db,
  actor: Actor,
  mission: MissionRow,
  transition: Transition,
): Promise<MissionRow> {
  const at = iso(transition.at);
  const changes = {
    status: transition.to,
    [TIMESTAMP_FIELD[transition.to]]: at,
    feedback: mergeFeedback(mission.feedback, transition.feedback),
    failure_reason: transition.to === 'FAILED' ? (transition.reason ?? null) : null,
    channel_used: transition.channelUsed ?? mission.channel_used,
    sequence: mission.sequence + 1,
    last_transition_at: at,
    updated_at: iso(actor.now),
  };

  const won = await swapMissionStatus(
    trx,
    mission.organization_id,
    mission.id,
    mission.status,
    changes,
  );
  if (!won) await refuseLostRace(trx, mission);

  return { ...mission, ...changes };
}

async function refuseLostRace(trx: Db, mission: MissionRow): Promise<never> {
  const current = await findMission(trx, mission.organization_id, mission.id);
  throw new WedeError('conflict', 'the mission was changed by another update; reload and retry', {
    status: current?.status ?? null,
  });
}

// Each report adds to what the team said before; a later value of a field wins.
function mergeFeedback(
  stored: string | null,
  given: Record<string, unknown> | undefined,
): string | null {
  if (given === undefined) return stored;

  const previous = stored === null ? {} : (JSON.parse(stored) as Record<string, unknown>);
  return JSON.stringify({ ...previous, ...given });
}

async function appendHistory(
  trx: Db,
  actor: Actor,
  before: MissionRow,
  after: MissionRow,
  transition: Transition,
): Promise<void> {
  const feedback = transition.feedback ?? null;

  await insertHistory(trx, {
    id: newId(),
    organization_id: after.organization_id,
    mission_id: after.id,
    sequence: after.sequence,
    from_status: before.status,
    to_status: after.status,
    occurred_at: after.last_transition_at,
    recorded_at: iso(actor.now),
    channel: actor.channel,
    actor_key_id: actor.principal.keyId,
    actor_member_id: actor.principal.memberId,
    feedback: feedback === null ? null : JSON.stringify(feedback),
    reason: transition.reason ?? null,
  });
  await recordChange(trx, authorOf(actor.principal), iso(actor.now), {
    action: 'mission.status_updated',
    entityType: 'mission',
    entityId: after.id,
    data: {
      mission_id: after.id,
      event_id: after.event_id,
      team_id: after.team_id,
      previous_status: before.status,
      status: after.status,
      occurred_at: after.last_transition_at,
      sequence: after.sequence,
      channel: actor.channel,
      feedback,
      reason: transition.reason ?? null,
    },
  });
}

async function freeTeam(trx: Db, actor: Actor, mission: MissionRow): Promise<void> {
  const stillActive = await listActiveMissions(trx, mission.organization_id, {
    teamId: mission.team_id,
  });
  if (stillActive.length > 0) return;

  const at = iso(actor.now);
  const freed = await swapTeamStatus(
    trx,
    mission.organization_id,
    mission.team_id,
    'BUSY',
    'AVAILABLE',
    at,
  );
  if (!freed) return;

  await recordChange(trx, authorOf(actor.principal), at, {
    action: 'team.status_changed',
    entityType: 'team',
    entityId: mission.team_id,
    data: {
      team_id: mission.team_id,
      previous_status: 'BUSY',
      status: 'AVAILABLE',
      occurred_at: mission.last_transition_at,
    },
  });
}

async function closeEventIfDone(
  trx: Db,
  actor: Actor,
  mission: MissionRow,
  reason: string,
): Promise<void> {
  const stillActive = await listActiveMissions(trx, mission.organization_id, {
    eventId: mission.event_id,
  });
  if (stillActive.length > 0) return;

  // A back-dated report can end the last mission before another one ended.
  const closedAt = await latestMissionChangeOfEvent(trx, mission.organization_id, mission.event_id);
  await closeEvent(trx, actor, mission.event_id, reason, closedAt ?? mission.last_transition_at);
}

/** Marks an event CLOSED and records it; the caller holds the event's lock. */
export async function closeEvent(
  trx: Db,
  actor: Actor,
  eventId: string,
  reason: string,
  closedAt: string,
): Promise<void> {
  const organizationId = actor.principal.organizationId;

  await updateEvent(trx, organizationId, eventId, {
    status: 'CLOSED',
    closed_at: closedAt,
    close_reason: reason,
    updated_at: iso(actor.now),
  });
  await recordChange(trx, authorOf(actor.principal), iso(actor.now), {
    action: 'event.closed',
    entityType: 'event',
    entityId: eventId,
    data: {
      event_id: eventId,
      status: 'CLOSED',
      reason,
      closed_at: closedAt,
      occurred_at: closedAt,
    },
  });
}
