import {
  beyondOwn,
  isRole,
  permissionsOf,
  resolvePermissions,
  type Permission,
  type Role,
} from '../domain/permissions.js';
import { notFound, validationFailed, WedeError } from '../domain/wede-error.js';
import { findMember } from '../store/member-store.js';
import { findKey, insertKey, revokeKey as revokeStoredKey } from '../store/key-store.js';
import { newId } from '../store/new-id.js';
import type { ApiKeyTable, Db } from '../store/schema.js';
import { iso, type Actor } from './actor.js';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-secret.js';
import { authorOf, recordChange } from './record-change.js';

export interface KeyInput {
  name: string;
  role?: Role | undefined;
  permissions?: Permission[] | undefined;
  member_id?: string | undefined;
}

export interface CreatedKey {
  row: ApiKeyTable;
  secret: string;
}

/** Creates a key; its secret is returned here once and only its hash is kept. */
export async function createKey(trx: Db, actor: Actor, input: KeyInput): Promise<CreatedKey> {
  const organizationId = actor.principal.organizationId;
  const memberRole = await boundMemberRole(trx, organizationId, input.member_id);
  checkKeyShape(input, memberRole);
  checkNoEscalation(actor, input, memberRole);

  const secret = generateApiKey();
  const at = iso(actor.now);
  const row: ApiKeyTable = {
    id: newId(),
    organization_id: organizationId,
    name: input.name,
    key_hash: hashApiKey(secret),
    key_prefix: displayPrefix(secret),
    role: input.role ?? null,
    permissions: input.permissions === undefined ? null : JSON.stringify(input.permissions),
    member_id: input.member_id ?? null,
    created_at: at,
    revoked_at: null,
  };

  await insertKey(trx, row);
  await recordChange(trx, authorOf(actor.principal), at, {
    action: 'key.created',
    entityType: 'key',
    entityId: row.id,
    data: {
      key_id: row.id,
      name: row.name,
      role: row.role,
      permissions: input.permissions ?? null,
      member_id: row.member_id,
      prefix: row.key_prefix,
    },
  });
  return { row, secret };
}

async function boundMemberRole(trx: Db, organizationId: string, memberId: string | undefined) {
  if (memberId === undefined) return null;

  const member = await findMember(trx, organizationId, memberId);
  if (!member) throw notFound('member', memberId);
  return isRole(member.role) ? member.role : null;
}

function checkKeyShape(input: KeyInput, memberRole: Role | null): void {
  if (input.role === undefined && input.permissions === undefined && memberRole === null) {
    throw validationFailed('role', 'or permissions or member_id is required');
  }
  if (memberRole !== null && input.role !== undefined && input.role !== memberRole) {
    throw validationFailed('role', `must match the member's role (${memberRole}) or be left out`);
  }
  if (input.role === 'operator' && input.member_id === undefined) {
    throw validationFailed(
      'member_id',
      'is required for an operator key: an operator acts for one member of one team',
    );
  }

  // A list narrows the role it comes with; a permission outside it would be listed
  // on the key but never work, so it is refused rather than kept as a false promise.
  const role = memberRole ?? input.role;
  const outside = role
    ? (input.permissions ?? []).filter((p) => !permissionsOf(role).includes(p))
    : [];
  if (outside.length > 0) {
    throw new WedeError(
      'validation_failed',
      `permissions ${outside.join(', ')} are not part of the ${role} role this key acts with`,
      { field: 'permissions', permissions: outside },
    );
  }
}

// Nobody hands out more than he holds.
function checkNoEscalation(actor: Actor, input: KeyInput, memberRole: Role | null): void {
  const granted = resolvePermissions({
    keyRole: input.role ?? null,
    keyPermissions: input.permissions ?? null,
    memberRole,
  });
  const beyond = beyondOwn(actor.principal, granted);
  if (beyond.length > 0) {
    throw new WedeError('forbidden', 'a key cannot grant permissions its creator lacks', {
      permissions: beyond,
    });
  }
}

export async function revokeKey(trx: Db, actor: Actor, id: string): Promise<ApiKeyTable> {
  const organizationId = actor.principal.organizationId;
  const key = await findKey(trx, organizationId, id);
  if (!key) throw notFound('key', id);
  if (key.revoked_at !== null) return key;

  const at = iso(actor.now);
  await revokeStoredKey(trx, organizationId, id, at);
  await recordChange(trx, authorOf(actor.principal), at, {
    action: 'key.revoked',
    entityType: 'key',
    entityId: id,
    data: { key_id: id, name: key.name },
  });
  return { ...key, revoked_at: at };
}
