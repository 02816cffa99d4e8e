import { isMissionStatus, type MissionStatus } from '../domain/mission-lifecycle.js';
import { checkFeedback } from '../domain/feedback-limits.js';
import { feedbackParserFor } from '../domain/feedback/feedback-parsers.js';
import { authorizeStatus } from '../domain/status-authority.js';
import { WedeError } from '../domain/wede-error.js';
import type { MissionRow } from '../store/mission-store.js';
import type { Db } from '../store/schema.js';
import type { Actor } from './actor.js';
import { applyTransition, assertForward } from './apply-transition.js';
import { loadVisibleMission } from './mission-access.js';
import { resolveOccurredAt } from './occurred-at.js';
import { refuseAfterTeamsNextMission } from './team-timeline.js';

export interface StatusUpdate {
  status: string;
  feedback?: object | undefined;
  occurred_at?: string | undefined;
  reason?: string | undefined;
}

const REFUSALS = {
  system_status: 'is set by Wede itself (on dispatch and by the delivery engine)',
  not_team_operator: "can only be set by a field operator of the mission's team",
  no_permission: "needs missions:manage, or a field operator of the mission's team",
} as const;

/** PATCH /v1/missions/:id/status: the lifecycle rules, then the transition. */
export async function updateMissionStatus(
  trx: Db,
  actor: Actor,
  missionId: string,
  update: StatusUpdate,
): Promise<MissionRow> {
  const to = parseStatus(update.status);
  if (update.feedback !== undefined) checkFeedback(update.feedback);
  const mission = await loadVisibleMission(trx, actor.principal, missionId);

  const authority = authorizeStatus(actor.principal, { teamId: mission.team_id }, to);
  if (!authority.allowed) {
    const status = authority.reason === 'system_status' ? 'invalid_status' : 'forbidden';
    throw new WedeError(status, `${to} ${REFUSALS[authority.reason]}`, { status: to });
  }

  assertForward(mission, to);
  const at = reportedTime(mission, update.occurred_at, actor.now);
  await refuseAfterTeamsNextMission(trx, mission, at);
  const feedback =
    update.feedback === undefined
      ? undefined
      : feedbackParserFor(mission.vertical).normalize(update.feedback as Record<string, unknown>);
  return applyTransition(trx, actor, mission, {
    to,
    at,
    feedback,
    reason: update.reason,
  });
}

function parseStatus(status: string): MissionStatus {
  if (!isMissionStatus(status)) {
    throw new WedeError('validation_failed', `status "${status}" is not a mission status`, {
      field: 'status',
    });
  }
  return status;
}

function reportedTime(mission: MissionRow, occurredAt: string | undefined, now: Date): Date {
  return resolveOccurredAt(
    occurredAt,
    {
      at: mission.last_transition_at,
      bound: 'previous_change',
      what: "the mission's previous change",
      details: { previous: mission.last_transition_at },
    },
    now,
  );
}
