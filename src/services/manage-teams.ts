import { isValidLatitude, isValidLongitude } from '../domain/geo.js';
import { can } from '../domain/permissions.js';
import { notFound, validationFailed, WedeError } from '../domain/wede-error.js';
import { isUniqueViolation } from '../store/database.js';
import { newId } from '../store/new-id.js';
import type { Db, TeamTable } from '../store/schema.js';
import { findTeam, insertTeam, swapTeamStatus, updateTeam } from '../store/team-store.js';
import { iso, type Actor } from './actor.js';
import { authorOf, recordChange } from './record-change.js';

export interface TeamInput {
  name: string;
  verticals?: string[] | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  status?: 'AVAILABLE' | 'OFF_DUTY' | undefined;
}

export async function createTeam(trx: Db, actor: Actor, input: TeamInput): Promise<TeamTable> {
  const at = iso(actor.now);
  const located = checkLocation(input.lat, input.lng);
  const team: TeamTable = {
    id: newId(),
    organization_id: actor.principal.organizationId,
    name: input.name,
    verticals: JSON.stringify(unique(input.verticals ?? [])),
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    location_updated_at: located ? at : null,
    status: input.status ?? 'AVAILABLE',
    created_at: at,
    updated_at: at,
  };

  await withUniqueName(trx, team.name, () => insertTeam(trx, team));
  await recordChange(trx, authorOf(actor.principal), at, {
    action: 'team.created',
    entityType: 'team',
    entityId: team.id,
    data: { ...team, verticals: JSON.parse(team.verticals) },
  });
  return team;
}

export async function getTeam(db: Db, actor: Actor, id: string): Promise<TeamTable> {
  const team = await findTeam(db, actor.principal.organizationId, id);
  if (!team) throw notFound('team', id);
  return team;
}

export type TeamChanges = Partial<Pick<TeamInput, 'name' | 'verticals' | 'status'>>;

/** Renames a team, changes its verticals, or takes it on or off duty (BUSY is Wede's to set). */
export async function updateTeamDetails(
  trx: Db,
  actor: Actor,
  id: string,
  changes: TeamChanges,
): Promise<TeamTable> {
  const team = await getTeam(trx, actor, id);
  const statusChanges = changes.status !== undefined && changes.status !== team.status;
  const at = iso(actor.now);

  if (statusChanges) await swapDutyStatus(trx, team, changes.status!, at);

  const row = {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.verticals !== undefined && {
      verticals: JSON.stringify(unique(changes.verticals)),
    }),
    updated_at: at,
  };
  await withUniqueName(trx, changes.name ?? team.name, () =>
    updateTeam(trx, team.organization_id, id, row),
  );
  await recordChange(trx, authorOf(actor.principal), at, {
    action: statusChanges ? 'team.status_changed' : 'team.updated',
    entityType: 'team',
    entityId: id,
    data: {
      team_id: id,
      previous_status: team.status,
      status: changes.status ?? team.status,
      changes,
    },
  });
  return { ...team, ...row, status: changes.status ?? team.status };
}

/**
 * Takes a team on or off duty with a compare-and-set, so a dispatch racing the
 * change cannot leave an OFF_DUTY team holding an active mission.
 */
async function swapDutyStatus(trx: Db, team: TeamTable, to: string, at: string): Promise<void> {
  const busy = () =>
    new WedeError('conflict', 'the team is on a mission; it becomes available when it ends', {
      status: 'BUSY',
    });
  if (team.status === 'BUSY') throw busy();

  const swapped = await swapTeamStatus(trx, team.organization_id, team.id, team.status, to, at);
  if (!swapped) throw busy();
}

/** A team's last known location; operators report their own team's. */
export async function updateTeamLocation(
  trx: Db,
  actor: Actor,
  id: string,
  location: { lat: number; lng: number },
): Promise<TeamTable> {
  const team = await getTeam(trx, actor, id);
  const { principal } = actor;
  if (!can(principal, 'teams:manage') && principal.teamId !== team.id) {
    throw new WedeError('forbidden', "an operator can only report his own team's location");
  }
  checkLocation(location.lat, location.lng);

  const at = iso(actor.now);
  const row = { lat: location.lat, lng: location.lng, location_updated_at: at, updated_at: at };
  await updateTeam(trx, team.organization_id, id, row);
  await recordChange(trx, authorOf(principal), at, {
    action: 'team.location_updated',
    entityType: 'team',
    entityId: id,
    data: { team_id: id, lat: location.lat, lng: location.lng },
  });
  return { ...team, ...row };
}

function checkLocation(lat: number | undefined, lng: number | undefined): boolean {
  if (lat === undefined && lng === undefined) return false;
  if (lat === undefined || lng === undefined) {
    throw validationFailed('lat', 'and lng must be given together');
  }
  if (!isValidLatitude(lat)) throw validationFailed('lat', 'must be between -90 and 90');
  if (!isValidLongitude(lng)) throw validationFailed('lng', 'must be between -180 and 180');
  return true;
}

async function withUniqueName(trx: Db, name: string, write: () => Promise<void>) {
  try {
    await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new WedeError('conflict', `a team named ${name} exists`, { field: 'name' });
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
