import { byDistance, isValidLatitude, isValidLongitude, type Point } from '../domain/geo.js';
import type { MissionStatus } from '../domain/mission-lifecycle.js';
import { can } from '../domain/permissions.js';
import { notFound, validationFailed, WedeError } from '../domain/wede-error.js';
import { findEventForUpdate } from '../store/event-store.js';
import { listTeamMemberIds } from '../store/member-store.js';
import {
  findMission,
  insertHistory,
  insertMission,
  listActiveMissions,
  type MissionRow,
} from '../store/mission-store.js';
import { newId } from '../store/new-id.js';
import type { Db, EventTable, TeamTable } from '../store/schema.js';
import { findTeam, listAvailableLocatedTeams, swapTeamStatus } from '../store/team-store.js';
import { iso, type Actor } from './actor.js';
import { authorOf, recordChange } from './record-change.js';
import { scheduleDelivery } from './schedule-delivery.js';
import type { DeliverySettings } from '../config/load-config.js';

export interface DispatchRequest {
  event_id: string;
  team_id?: string | undefined;
  notes?: string | undefined;
  event_lat?: number | undefined;
  event_lng?: number | undefined;
  backup_of?: string | undefined;
}

/**
 * POST /v1/teams/dispatch: creates a CREATED mission for a team on an open
 * event and marks the team BUSY. Without a team, the nearest available team
 * serving the event's vertical is taken.
 */
export async function dispatchTeam(
  trx: Db,
  actor: Actor,
  request: DispatchRequest,
  delivery: DeliverySettings,
): Promise<MissionRow> {
  const organizationId = actor.principal.organizationId;
  const event = await findEventForUpdate(trx, organizationId, request.event_id);
  if (!event) throw notFound('event', request.event_id);
  if (event.status !== 'OPEN') {
    throw new WedeError('event_closed', 'the event is closed; open a new event to dispatch');
  }

  const activeOnEvent = await listActiveMissions(trx, organizationId, { eventId: event.id });
  await authorizeDispatch(trx, actor, event, activeOnEvent, request.backup_of);

  const place = dispatchPlace(event, request);
  const team =
    request.team_id === undefined
      ? await takeNearestTeam(trx, actor, event, place)
      : await takeNamedTeam(trx, actor, request.team_id, activeOnEvent);

  const mission = await createMission(trx, actor, event, team, place, request);
  await scheduleDelivery(trx, mission, delivery);
  return mission;
}

/**
 * Dispatchers and supervisors (teams:dispatch) send any team. A field operator
 * (missions:backup) may only ask for backup on an event his own team is on.
 */
async function authorizeDispatch(
  trx: Db,
  actor: Actor,
  event: EventTable,
  activeOnEvent: readonly MissionRow[],
  backupOf: string | undefined,
): Promise<void> {
  const { principal } = actor;
  if (backupOf !== undefined) await checkBackupOf(trx, actor, event, backupOf);
  if (can(principal, 'teams:dispatch')) return;

  if (!can(principal, 'missions:backup')) {
    throw new WedeError('forbidden', 'dispatching a team needs teams:dispatch');
  }
  const ownTeamOnEvent = activeOnEvent.some((mission) => mission.team_id === principal.teamId);
  if (principal.teamId === null || !ownTeamOnEvent) {
    throw new WedeError(
      'forbidden',
      'a field operator can only ask for backup on an event ' + 'his own team is on',
    );
  }
}

async function checkBackupOf(trx: Db, actor: Actor, event: EventTable, backupOf: string) {
  const original = await findMission(trx, actor.principal.organizationId, backupOf);
  if (!original) throw notFound('mission', backupOf);

  if (original.event_id !== event.id) {
    throw validationFailed('backup_of', 'must be a mission of the same event');
  }
}

function dispatchPlace(event: EventTable, request: DispatchRequest): Point {
  const given = request.event_lat !== undefined || request.event_lng !== undefined;
  if (!given) return { lat: event.lat, lng: event.lng };

  if (request.event_lat === undefined || request.event_lng === undefined) {
    throw validationFailed('event_lat', 'and event_lng must be given together');
  }
  if (!isValidLatitude(request.event_lat)) throw validationFailed('event_lat', 'must be -90..90');
  if (!isValidLongitude(request.event_lng)) {
    throw validationFailed('event_lng', 'must be -180..180');
  }
  return { lat: request.event_lat, lng: request.event_lng };
}

async function takeNamedTeam(
  trx: Db,
  actor: Actor,
  teamId: string,
  activeOnEvent: readonly MissionRow[],
): Promise<TeamTable> {
  const team = await findTeam(trx, actor.principal.organizationId, teamId);
  if (!team) throw notFound('team', teamId);

  if (activeOnEvent.some((mission) => mission.team_id === team.id)) {
    throw new WedeError('team_unavailable', `team ${team.name} is already on this event`, {
      team_id: team.id,
    });
  }
  if (team.status !== 'AVAILABLE' || !(await takeTeam(trx, actor, team))) {
    throw new WedeError('team_unavailable', `team ${team.name} is not available`, {
      team_id: team.id,
      status: team.status === 'AVAILABLE' ? 'BUSY' : team.status,
    });
  }
  return team;
}

/**
 * Takes the nearest available team serving the event's vertical. A team taken
 * by a concurrent dispatch in the meantime is passed over for the next nearest,
 * so the caller, who named no team, is refused only when none is left.
 */
async function takeNearestTeam(
  trx: Db,
  actor: Actor,
  event: EventTable,
  place: Point,
): Promise<TeamTable> {
  const teams = await listAvailableLocatedTeams(trx, actor.principal.organizationId);
  const serving = teams
    .filter((team) => (JSON.parse(team.verticals) as string[]).includes(event.vertical))
    .map((team) => ({ team, lat: team.lat!, lng: team.lng! }));

  for (const { team } of byDistance(place, serving)) {
    if (await takeTeam(trx, actor, team)) return team;
  }
  throw new WedeError(
    'no_team_available',
    `no available team with a known location serves ${event.vertical}`,
    { vertical: event.vertical },
  );
}

/** Marks the team BUSY if it is still AVAILABLE; false when another dispatch took it first. */
async function takeTeam(trx: Db, actor: Actor, team: TeamTable): Promise<boolean> {
  const at = iso(actor.now);
  const taken = await swapTeamStatus(trx, team.organization_id, team.id, 'AVAILABLE', 'BUSY', at);
  if (!taken) return false;

  await recordChange(trx, authorOf(actor.principal), at, {
    action: 'team.status_changed',
    entityType: 'team',
    entityId: team.id,
    data: { team_id: team.id, previous_status: 'AVAILABLE', status: 'BUSY' },
  });
  return true;
}

async function createMission(
  trx: Db,
  actor: Actor,
  event: EventTable,
  team: TeamTable,
  place: Point,
  request: DispatchRequest,
): Promise<MissionRow> {
  const at = iso(actor.now);
  const status: MissionStatus = 'CREATED';
  const mission: MissionRow = {
    id: newId(),
    organization_id: event.organization_id,
    event_id: event.id,
    team_id: team.id,
    backup_of: request.backup_of ?? null,
    status,
    channel_used: null,
    vertical: event.vertical,
    priority: event.priority,
    notes: request.notes ?? event.notes,
    event_lat: place.lat,
    event_lng: place.lng,
    dispatched_at: at,
    sent_at: null,
    ack_at: null,
    on_route_at: null,
    on_site_at: null,
    completed_at: null,
    failed_at: null,
    failure_reason: null,
    feedback: null,
    sequence: 1,
    last_transition_at: at,
    created_at: at,
    updated_at: at,
  };
  const memberIds = await listTeamMemberIds(trx, event.organization_id, team.id);

  await insertMission(trx, mission, memberIds);
  await insertHistory(trx, {
    id: newId(),
    organization_id: mission.organization_id,
    mission_id: mission.id,
    sequence: 1,
    from_status: null,
    to_status: status,
    occurred_at: at,
    recorded_at: at,
    channel: actor.channel,
    actor_key_id: actor.principal.keyId,
    actor_member_id: actor.principal.memberId,
    feedback: null,
    reason: null,
  });
  await recordChange(trx, authorOf(actor.principal), at, {
    action: 'mission.created',
    entityType: 'mission',
    entityId: mission.id,
    data: {
      mission_id: mission.id,
      event_id: event.id,
      team_id: team.id,
      backup_of: mission.backup_of,
      status,
      sequence: 1,
      member_ids: memberIds,
    },
  });
  return mission;
}
