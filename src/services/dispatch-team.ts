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
import { applyTransition } from './apply-transition.js';
import { assertMayBackdate } from './backdating.js';
import { resolveOccurredAt } from './occurred-at.js';
import { authorOf, recordChange } from './record-change.js';
import { scheduleDelivery } from './schedule-delivery.js';
import {
  refuseAfterTeamsNextMission,
  refuseWhileTeamWasBusy,
  wasTeamBusyAt,
} from './team-timeline.js';
import type { DeliverySettings } from '../config/load-config.js';

export interface DispatchRequest {
  event_id: string;
  team_id?: string | undefined;
  notes?: string | undefined;
  event_lat?: number | undefined;
  event_lng?: number | undefined;
  backup_of?: string | undefined;
  /** When the dispatch was made (supervisors and admins); default: now. */
  occurred_at?: string | undefined;
  /** May take the named team from a mission of another event, which ends FAILED. */
  divert?: boolean | undefined;
  /** With divert: the mission the caller means to take the team from, as a precondition. */
  divert_from?: string | undefined;
}

export interface Dispatched {
  mission: MissionRow;
  /** The mission the team was taken from by a divert, now FAILED; null otherwise. */
  diverted: MissionRow | null;
}

/** The failure reason of a mission whose team was diverted to another event. */
const DIVERTED = 'diverted';

/**
 * POST /v1/teams/dispatch: creates a CREATED mission for a team on an open
 * event and marks the team BUSY. Without a team, the nearest available team
 * serving the event's vertical is taken. With `divert`, a named team busy on
 * another event is taken from it, and that mission ends FAILED (`diverted`).
 */
export async function dispatchTeam(
  trx: Db,
  actor: Actor,
  request: DispatchRequest,
  delivery: DeliverySettings,
): Promise<Dispatched> {
  checkDispatchOptions(actor, request);
  const organizationId = actor.principal.organizationId;
  const event = await findEventForUpdate(trx, organizationId, request.event_id);
  if (!event) throw notFound('event', request.event_id);
  if (event.status !== 'OPEN') {
    throw new WedeError('event_closed', 'the event is closed; open a new event to dispatch');
  }

  const activeOnEvent = await listActiveMissions(trx, organizationId, { eventId: event.id });
  await authorizeDispatch(trx, actor, event, activeOnEvent, request.backup_of);
  const at = dispatchTime(event, request.occurred_at, actor.now);

  const plan = { event, place: dispatchPlace(event, request), request, at, delivery };
  if (request.team_id === undefined) {
    const backdated = request.occurred_at !== undefined;
    const team = await takeNearestTeam(trx, actor, event, plan.place, { at, backdated });
    return { mission: await createMission(trx, actor, { ...plan, team }), diverted: null };
  }
  const team = await findTeam(trx, organizationId, request.team_id);
  if (!team) throw notFound('team', request.team_id);
  refuseTeamOnEvent(team, activeOnEvent);
  // A mission that is not the organization's is unknown, whatever the team is doing.
  const divertFrom = request.divert_from;
  if (divertFrom !== undefined && !(await findMission(trx, organizationId, divertFrom))) {
    throw notFound('mission', divertFrom);
  }

  if (request.divert === true && team.status === 'BUSY') {
    return divertTeam(trx, actor, { ...plan, team });
  }
  if (request.occurred_at !== undefined) await refuseWhileTeamWasBusy(trx, team, at);
  await takeNamedTeam(trx, actor, team, at);
  return { mission: await createMission(trx, actor, { ...plan, team }), diverted: null };
}

// Refused before anything is read: a caller who may not use an option learns nothing more.
function checkDispatchOptions(actor: Actor, request: DispatchRequest): void {
  if (request.occurred_at !== undefined) assertMayBackdate(actor, 'a dispatch');
  if (request.divert_from !== undefined && request.divert !== true) {
    throw validationFailed('divert_from', 'needs divert: true');
  }
  if (request.divert !== true) return;

  if (!can(actor.principal, 'teams:dispatch')) {
    throw new WedeError('forbidden', 'diverting a team needs teams:dispatch', {
      required: ['teams:dispatch'],
    });
  }
  if (request.team_id === undefined) {
    throw validationFailed('team_id', 'is required to divert: name the team to take');
  }
}

function dispatchTime(event: EventTable, occurredAt: string | undefined, now: Date): Date {
  return resolveOccurredAt(
    occurredAt,
    { at: event.occurred_at, bound: 'event_occurred_at', what: 'the event was received' },
    now,
  );
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

function refuseTeamOnEvent(team: TeamTable, activeOnEvent: readonly MissionRow[]): void {
  if (!activeOnEvent.some((mission) => mission.team_id === team.id)) return;

  throw new WedeError('team_unavailable', `team ${team.name} is already on this event`, {
    team_id: team.id,
  });
}

async function takeNamedTeam(trx: Db, actor: Actor, team: TeamTable, at: Date): Promise<void> {
  if (team.status === 'AVAILABLE' && (await takeTeam(trx, actor, team, at))) return;

  const status = team.status === 'AVAILABLE' ? 'BUSY' : team.status;
  const hint = status === 'BUSY' ? '; send divert: true to take it from its mission' : '';
  throw new WedeError('team_unavailable', `team ${team.name} is not available${hint}`, {
    team_id: team.id,
    status,
  });
}

/**
 * Takes a busy team to this event. The new mission is made first, so when the
 * one it leaves ends FAILED the team, still holding a mission, stays BUSY; the
 * end goes through the same transition as any other, with its history, records
 * and its event closing when it was the last. Writes of an organization are
 * serialized, and the old mission's status is compared-and-set, so of two
 * diverts of one team at once only one ends that mission.
 */
async function divertTeam(trx: Db, actor: Actor, plan: MissionPlan): Promise<Dispatched> {
  const left = await missionToLeave(trx, plan.team, plan.request.divert_from);
  const at = divertTime(plan, left);
  await refuseAfterTeamsNextMission(trx, left, at);

  const mission = await createMission(trx, actor, { ...plan, at });
  const diverted = await applyTransition(trx, actor, left, { to: 'FAILED', at, reason: DIVERTED });
  return { mission, diverted };
}

async function missionToLeave(
  trx: Db,
  team: TeamTable,
  divertFrom: string | undefined,
): Promise<MissionRow> {
  const active = await listActiveMissions(trx, team.organization_id, { teamId: team.id });
  // A BUSY team holds exactly one mission: dispatch takes only AVAILABLE teams.
  const [left] = active;
  if (left === undefined || active.length > 1) {
    throw new WedeError('conflict', `team ${team.name} is not on exactly one mission`, {
      team_id: team.id,
      active_mission_ids: active.map((mission) => mission.id),
    });
  }

  if (divertFrom !== undefined && divertFrom !== left.id) {
    throw new WedeError('conflict', `team ${team.name} is no longer on mission ${divertFrom}`, {
      team_id: team.id,
      mission_id: left.id,
    });
  }
  return left;
}

/**
 * The mission left behind cannot end before its last change. A time the
 * caller gave is refused then; the server's own time (which a request that
 * waited for another's commit may have read first) is moved up to it.
 */
function divertTime(plan: MissionPlan, left: MissionRow): Date {
  const lastChange = new Date(left.last_transition_at);
  if (plan.at >= lastChange) return plan.at;
  if (plan.request.occurred_at === undefined) return lastChange;

  throw new WedeError(
    'invalid_occurred_at',
    `occurred_at is before the last change (${left.last_transition_at}) of mission ` +
      `${left.id}, which the team would be taken from`,
    {
      field: 'occurred_at',
      bound: 'diverted_mission_last_change',
      earliest: left.last_transition_at,
      mission_id: left.id,
    },
  );
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
  { at, backdated }: { at: Date; backdated: boolean },
): Promise<TeamTable> {
  const teams = await listAvailableLocatedTeams(trx, actor.principal.organizationId);
  const serving = teams
    .filter((team) => (JSON.parse(team.verticals) as string[]).includes(event.vertical))
    .map((team) => ({ team, lat: team.lat!, lng: team.lng! }));

  for (const { team } of byDistance(place, serving)) {
    if (backdated && (await wasTeamBusyAt(trx, team, at))) continue;
    if (await takeTeam(trx, actor, team, at)) return team;
  }
  throw new WedeError(
    'no_team_available',
    `no available team with a known location serves ${event.vertical}`,
    { vertical: event.vertical },
  );
}

/** Marks the team BUSY if it is still AVAILABLE; false when another dispatch took it first. */
async function takeTeam(trx: Db, actor: Actor, team: TeamTable, at: Date): Promise<boolean> {
  const now = iso(actor.now);
  const taken = await swapTeamStatus(trx, team.organization_id, team.id, 'AVAILABLE', 'BUSY', now);
  if (!taken) return false;

  await recordChange(trx, authorOf(actor.principal), now, {
    action: 'team.status_changed',
    entityType: 'team',
    entityId: team.id,
    data: { team_id: team.id, previous_status: 'AVAILABLE', status: 'BUSY', occurred_at: iso(at) },
  });
  return true;
}

/** What a new mission is made of, once its team is settled. */
interface MissionPlan {
  event: EventTable;
  team: TeamTable;
  place: Point;
  request: DispatchRequest;
  /** When the dispatch happened: now, or the caller's occurred_at. */
  at: Date;
  delivery: DeliverySettings;
}

async function createMission(trx: Db, actor: Actor, plan: MissionPlan): Promise<MissionRow> {
  const { event, team, place, request } = plan;
  const at = iso(plan.at);
  const now = iso(actor.now);
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
    created_at: now,
    updated_at: now,
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
    recorded_at: now,
    channel: actor.channel,
    actor_key_id: actor.principal.keyId,
    actor_member_id: actor.principal.memberId,
    feedback: null,
    reason: null,
  });
  await recordChange(trx, authorOf(actor.principal), now, {
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
      occurred_at: at,
    },
  });
  await scheduleDelivery(trx, mission, plan.delivery);
  return mission;
}
