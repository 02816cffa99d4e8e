import type { StreamChange } from '../domain/stream-visibility.js';
import { presentMission } from '../http/present/mission.js';
import { findMission } from '../store/mission-store.js';
import type { AuditLogTable, Db } from '../store/schema.js';

/** One audit row as the stream sends it, built once and sent to every viewer allowed. */
export interface ChangeMessage {
  seq: number;
  change: StreamChange;
  /** The JSON text sent on the socket. */
  text: string;
}

/**
 * The stream's `change` message for an audit row. A new mission also carries
 * the mission as the API shows it (place, priority, notes, members), so a
 * device can act on it without a second request; it is the mission as it is
 * when the message is built, which for a replay may be further along.
 */
export async function changeMessage(db: Db, row: AuditLogTable): Promise<ChangeMessage> {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const change = { action: row.action, entityType: row.entity_type, data };

  if (row.action === 'mission.created') {
    const mission = await findMission(db, row.organization_id, row.entity_id);
    if (mission) data.mission = await presentMission(db, mission);
  }

  const text = JSON.stringify({
    type: 'change',
    seq: row.seq,
    event: row.action,
    data,
    occurred_at: row.at,
  });
  return { seq: row.seq, change, text };
}
