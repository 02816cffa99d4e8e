import { listMissionMemberIds, type MissionRow } from '../../store/mission-store.js';
import type { Static } from 'typebox';

import type { Dispatched } from '../../services/dispatch-team.js';
import type { Db, MissionHistoryTable } from '../../store/schema.js';
import type { DispatchResult, HistoryEntry, Mission } from '../schemas/mission.js';

export type MissionJson = Static<typeof Mission>;
type Enum<K extends keyof MissionJson> = MissionJson[K];

function parseObject(text: string | null): Record<string, unknown> | null {
  return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
}

function toJson(row: MissionRow, memberIds: string[]): MissionJson {
  return {
    id: row.id,
    event_id: row.event_id,
    team_id: row.team_id,
    backup_of: row.backup_of,
    member_ids: memberIds,
    status: row.status as Enum<'status'>,
    channel_used: row.channel_used as Enum<'channel_used'>,
    vertical: row.vertical,
    priority: row.priority as Enum<'priority'>,
    notes: row.notes,
    event_lat: row.event_lat,
    event_lng: row.event_lng,
    dispatched_at: row.dispatched_at,
    sent_at: row.sent_at,
    ack_at: row.ack_at,
    on_route_at: row.on_route_at,
    on_site_at: row.on_site_at,
    completed_at: row.completed_at,
    failed_at: row.failed_at,
    failure_reason: row.failure_reason,
    feedback: parseObject(row.feedback),
    sequence: row.sequence,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Missions as the API shows them, with the members each was sent to (one query for all). */
export async function presentMissions(db: Db, rows: readonly MissionRow[]): Promise<MissionJson[]> {
  const members = await listMissionMemberIds(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toJson(row, members.get(row.id) ?? []));
}

export async function presentMission(db: Db, row: MissionRow): Promise<MissionJson> {
  const [json] = await presentMissions(db, [row]);
  return json!;
}

/** A dispatch's answer: the new mission, with the one its team was diverted from, if any. */
export async function presentDispatch(
  db: Db,
  dispatched: Dispatched,
): Promise<Static<typeof DispatchResult>> {
  const rows =
    dispatched.diverted === null ? [dispatched.mission] : [dispatched.mission, dispatched.diverted];
  const [mission, diverted] = await presentMissions(db, rows);
  return diverted === undefined ? mission! : { ...mission!, diverted };
}

export function presentHistoryEntry(row: MissionHistoryTable): Static<typeof HistoryEntry> {
  return {
    id: row.id,
    sequence: row.sequence,
    from_status: row.from_status as Enum<'status'> | null,
    status: row.to_status as Enum<'status'>,
    occurred_at: row.occurred_at,
    recorded_at: row.recorded_at,
    channel: row.channel as Static<typeof HistoryEntry>['channel'],
    key_id: row.actor_key_id,
    member_id: row.actor_member_id,
    feedback: parseObject(row.feedback),
    reason: row.reason,
  };
}
