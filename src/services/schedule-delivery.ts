import type { DeliverySettings } from '../config/load-config.js';
import { deliveryTimers } from '../domain/delivery-timers.js';
import type { Priority } from '../domain/vocabulary.js';
import { insertJobs } from '../store/delivery-store.js';
import type { MissionRow } from '../store/mission-store.js';
import { newId } from '../store/new-id.js';
import type { Db } from '../store/schema.js';

/**
 * Sets a new mission's delivery timers, in its dispatch transaction so a crash
 * cannot leave a mission without them: text the team if no device confirms it
 * in time, and alert supervisors if nothing at all reaches the team. A timer
 * already past for a backdated dispatch is left out (see deliveryTimers).
 */
export async function scheduleDelivery(
  trx: Db,
  mission: MissionRow,
  settings: DeliverySettings,
): Promise<void> {
  const timers = deliveryTimers(
    new Date(mission.dispatched_at),
    new Date(mission.created_at),
    mission.priority as Priority,
    settings,
  );

  await insertJobs(
    trx,
    timers.map(({ kind, runAt }) => ({
      id: newId(),
      organization_id: mission.organization_id,
      kind,
      mission_id: mission.id,
      run_at: runAt.toISOString(),
      done_at: null,
      outcome: null,
      created_at: mission.created_at,
    })),
  );
}
