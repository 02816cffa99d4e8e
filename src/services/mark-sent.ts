import type { MissionRow } from '../store/mission-store.js';
import { findMission } from '../store/mission-store.js';
import type { Db } from '../store/schema.js';
import type { Actor } from './actor.js';
import { applyTransition } from './apply-transition.js';

/**
 * The delivery engine's part of the lifecycle: the first confirmation that a
 * mission reached its team (a device's receipt, an SMS provider's acceptance)
 * marks it SENT with the channel that did it. Later confirmations, and one for
 * a mission that has already moved on, change nothing: the answer is null.
 */
export async function markSent(
  trx: Db,
  actor: Actor,
  organizationId: string,
  missionId: string,
  channel: 'internet' | 'sms',
): Promise<MissionRow | null> {
  const mission = await findMission(trx, organizationId, missionId);
  if (mission === undefined || mission.status !== 'CREATED') return null;

  return applyTransition(trx, actor, mission, { to: 'SENT', at: actor.now, channelUsed: channel });
}
