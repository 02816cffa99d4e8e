import type SQLite from 'better-sqlite3';
import { v7 } from 'uuid';

import type { EventTable, MissionTable } from '../src/store/schema.js';

/** A team as the seeding sees it: its id and the members a mission to it is sent to. */
export interface SeedTeam {
  id: string;
  memberIds: string[];
}

export interface SeedMission {
  team: SeedTeam;
  status: 'CREATED' | 'COMPLETED' | 'FAILED';
  /** When it was dispatched, in ms since the epoch; later steps follow minutes apart. */
  dispatchedMs: number;
}

const MINUTE_MS = 60_000;

/**
 * Writes events and missions as dispatch and the lifecycle would have left
 * them (ids time-ordered from their own times, timestamps of every step
 * reached, the team's members on each mission), straight into SQLite: the
 * bench's way to a large table without a million API calls.
 */
export class MissionRows {
  private readonly insertEvent: SQLite.Statement;
  private readonly insertMission: SQLite.Statement;
  private readonly insertMember: SQLite.Statement;

  constructor(
    private readonly connection: SQLite.Database,
    private readonly organizationId: string,
  ) {
    this.insertEvent = insert(connection, 'events', EVENT_COLUMNS);
    this.insertMission = insert(connection, 'missions', MISSION_COLUMNS);
    this.insertMember = connection.prepare(
      'insert into mission_members (organization_id, mission_id, member_id) values (?, ?, ?)',
    );
  }

  /** `work` as one SQLite transaction. */
  transaction(work: () => void): () => void {
    return this.connection.transaction(work);
  }

  /** One event and a mission on it for each team given; returns the missions' ids. */
  addEvent(missions: readonly SeedMission[], index: number): string[] {
    const first = missions[0]!;
    const ended = missions.every((mission) => mission.status !== 'CREATED');
    const createdAt = iso(first.dispatchedMs - MINUTE_MS);
    const event: EventTable = {
      id: v7({ msecs: first.dispatchedMs - MINUTE_MS }),
      organization_id: this.organizationId,
      vertical: 'fire',
      priority: PRIORITIES[index % PRIORITIES.length]!,
      lat: 37.7 + (index % 1000) / 10_000,
      lng: -122.5 + (index % 997) / 10_000,
      title: `Alarm ${index}`,
      notes: null,
      address: `${100 + (index % 900)} Market St`,
      external_id: null,
      status: ended ? 'CLOSED' : 'OPEN',
      closed_at: ended ? iso(first.dispatchedMs + 40 * MINUTE_MS) : null,
      close_reason: ended ? 'missions_ended' : null,
      occurred_at: createdAt,
      created_at: createdAt,
      updated_at: ended ? iso(first.dispatchedMs + 40 * MINUTE_MS) : createdAt,
    };
    this.insertEvent.run(event);

    return missions.map((mission) => this.addMission(event, mission));
  }

  private addMission(event: EventTable, seed: SeedMission): string {
    const row = missionRow(event, seed);
    this.insertMission.run(row);
    for (const memberId of seed.team.memberIds) {
      this.insertMember.run(this.organizationId, row.id, memberId);
    }
    return row.id;
  }
}

const PRIORITIES = ['low', 'medium', 'high', 'critical'];

function missionRow(event: EventTable, seed: SeedMission): MissionTable {
  const at = (minutes: number) => iso(seed.dispatchedMs + minutes * MINUTE_MS);
  const completed = seed.status === 'COMPLETED';
  const failed = seed.status === 'FAILED';
  const ended = completed || failed;
  const last = completed ? at(40) : failed ? at(3) : at(0);
  return {
    id: v7({ msecs: seed.dispatchedMs }),
    organization_id: event.organization_id,
    event_id: event.id,
    team_id: seed.team.id,
    backup_of: null,
    status: seed.status,
    channel_used: ended ? 'internet' : null,
    vertical: event.vertical,
    priority: event.priority,
    notes: null,
    event_lat: event.lat,
    event_lng: event.lng,
    dispatched_at: at(0),
    sent_at: ended ? at(0.1) : null,
    ack_at: ended ? at(1) : null,
    on_route_at: completed ? at(2) : null,
    on_site_at: completed ? at(8) : null,
    completed_at: completed ? last : null,
    failed_at: failed ? last : null,
    failure_reason: failed ? 'cancelled' : null,
    feedback: completed ? '{"fire_status":"extinguished","casualties":0}' : null,
    sequence: completed ? 6 : failed ? 4 : 1,
    last_transition_at: last,
    created_at: at(0),
    updated_at: last,
  };
}

const EVENT_COLUMNS = [
  'id',
  'organization_id',
  'vertical',
  'priority',
  'lat',
  'lng',
  'title',
  'notes',
  'address',
  'external_id',
  'status',
  'closed_at',
  'close_reason',
  'occurred_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof EventTable)[];

const MISSION_COLUMNS = [
  'id',
  'organization_id',
  'event_id',
  'team_id',
  'backup_of',
  'status',
  'channel_used',
  'vertical',
  'priority',
  'notes',
  'event_lat',
  'event_lng',
  'dispatched_at',
  'sent_at',
  'ack_at',
  'on_route_at',
  'on_site_at',
  'completed_at',
  'failed_at',
  'failure_reason',
  'feedback',
  'sequence',
  'last_transition_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof MissionTable)[];

function insert(connection: SQLite.Database, table: string, columns: readonly string[]) {
  const names = columns.join(', ');
  const values = columns.map((column) => `@${column}`).join(', ');
  return connection.prepare(`insert into ${table} (${names}) values (${values})`);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
