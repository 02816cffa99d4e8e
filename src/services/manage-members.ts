import { isRole, mayAssignRole, type Role } from '../domain/permissions.js';
import { notFound, WedeError } from '../domain/wede-error.js';
import { isUniqueViolation } from '../store/database.js';
import { findMember, insertMember, updateMember } from '../store/member-store.js';
import { newId } from '../store/new-id.js';
import type { Db, MemberTable } from '../store/schema.js';
import { findTeam } from '../store/team-store.js';
import { iso, type Actor } from './actor.js';
import { authorOf, recordChange } from './record-change.js';

export interface MemberInput {
  name: string;
  role: Role;
  team_id?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
}

export async function createMember(
  trx: Db,
  actor: Actor,
  input: MemberInput,
): Promise<MemberTable> {
  const organizationId = actor.principal.organizationId;
  assertMayAssign(actor, null, input.role);
  await assertTeamExists(trx, organizationId, input.team_id);

  const at = iso(actor.now);
  const member: MemberTable = {
    id: newId(),
    organization_id: organizationId,
    name: input.name,
    role: input.role,
    team_id: input.team_id ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    created_at: at,
    updated_at: at,
  };

  await withUniquePhone(() => insertMember(trx, member));
  await recordChange(trx, authorOf(actor.principal), at, {
    action: 'member.created',
    entityType: 'member',
    entityId: member.id,
    data: { ...member },
  });
  return member;
}

export async function getMember(db: Db, actor: Actor, id: string): Promise<MemberTable> {
  const member = await findMember(db, actor.principal.organizationId, id);
  if (!member) throw notFound('member', id);
  return member;
}

export type MemberChanges = Partial<MemberInput>;

/**
 * Changes a member. A mission keeps the members it was sent to (member_ids), but
 * what a member may see and carry follows his current team.
 */
export async function updateMemberDetails(
  trx: Db,
  actor: Actor,
  id: string,
  changes: MemberChanges,
): Promise<MemberTable> {
  const member = await getMember(trx, actor, id);
  if (changes.role !== undefined) {
    assertMayAssign(actor, isRole(member.role) ? member.role : null, changes.role);
  }
  await assertTeamExists(trx, member.organization_id, changes.team_id);

  const at = iso(actor.now);
  const row = { ...changes, updated_at: at };
  await withUniquePhone(() => updateMember(trx, member.organization_id, id, row));
  await recordChange(trx, authorOf(actor.principal), at, {
    action: 'member.updated',
    entityType: 'member',
    entityId: id,
    data: { member_id: id, changes },
  });
  return { ...member, ...row };
}

function assertMayAssign(actor: Actor, from: Role | null, to: Role): void {
  if (mayAssignRole(actor.principal, from, to)) return;
  const change = from === null ? `give a member the ${to} role` : `change ${from} to ${to}`;
  throw new WedeError('forbidden', `this key cannot ${change}: it would grant rights it lacks`, {
    field: 'role',
  });
}

async function assertTeamExists(
  trx: Db,
  organizationId: string,
  teamId: string | null | undefined,
) {
  if (teamId === undefined || teamId === null) return;
  if (!(await findTeam(trx, organizationId, teamId))) throw notFound('team', teamId);
}

// Inbound SMS finds the member by phone number, so one number names one member.
async function withUniquePhone(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new WedeError('conflict', 'another member has this phone number', { field: 'phone' });
  }
}
