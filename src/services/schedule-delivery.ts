import type { DeliverySettings } from '../config/load-config.js';
import type { Priority } from '../domain/vocabulary.js';
import { insertJobs } from '../store/delivery-store.js';
import type { MissionRow } from '../store/mission-store.js';
import { newId } from '../store/new-id.js';
import type { Db } from '../store/schema.js';

/**
 * Sets a new mission's delivery timers, in its dispatch transaction so a crash
 * cannot leave a mission without them: text the team if no device confirms it
 * in time, and alert supervisors if nothing at all reaches the team.
 */
export async function scheduleDelivery(
  trx: Db,
  mission: MissionRow,
  settings: DeliverySettings,
): Promise<void> {
  const priority = mission.priority as Priority;
  const dispatched = new Date(mission.dispatched_at).getTime();
  const at = (seconds: number) => new Date(dispatched + seconds * 1000).toISOString();

  await insertJobs(
    trx,
    [
      { kind: 'escalate', runAt: at(settings.escalationSeconds[priority]) },
      { kind: 'undelivered', runAt: at(settings.undeliveredSeconds[priority]) },
    ].map(({ kind, runAt }) => ({
      id: newId(),
      organization_id: mission.organization_id,
      kind,
      mission_id: mission.id,
      run_at: runAt,
      done_at: null,
      outcome: null,
      created_at: mission.dispatched_at,
    })),
  );
}
