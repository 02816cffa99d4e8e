import { ConfigError } from '../config/load-config.js';
import { GENESIS_HASH } from '../domain/audit-chain.js';
import { findAnyKeyByHash, insertKey, restoreAdminKey } from '../store/key-store.js';
import { newId } from '../store/new-id.js';
import { findDefaultOrganization, insertOrganization } from '../store/organization-store.js';
import type { Db, OrganizationTable } from '../store/schema.js';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-secret.js';
import { recordChange } from './record-change.js';

export const DEFAULT_ORGANIZATION_NAME = 'default';

export interface NewOrganization {
  organization: OrganizationTable;
  adminKey: string;
}

/** Creates an organization with its first admin key (a new one unless one is given). */
export async function createOrganization(
  trx: Db,
  name: string,
  now: Date,
  adminKey: string = generateApiKey(),
  isDefault = false,
): Promise<NewOrganization> {
  const at = now.toISOString();
  const organization: OrganizationTable = {
    id: newId(),
    name,
    is_default: isDefault ? 1 : 0,
    audit_seq: 0,
    audit_head: GENESIS_HASH,
    created_at: at,
  };

  await insertOrganization(trx, organization);
  await recordChange(trx, system(organization.id), at, {
    action: 'organization.created',
    entityType: 'organization',
    entityId: organization.id,
    data: { organization_id: organization.id, name },
  });
  await addAdminKey(trx, organization.id, adminKey, at);
  return { organization, adminKey };
}

export interface Bootstrap {
  organization: OrganizationTable;
  /** The admin key made on this start, to be shown once; absent when none was made. */
  createdAdminKey: string | undefined;
  /** True when WEDE_ADMIN_KEY had been revoked or narrowed and was made an admin key again. */
  restoredAdminKey: boolean;
}

/**
 * On the first start, creates the default organization and its admin key. When
 * an admin key is configured, makes sure that exact key works as an admin key of
 * the default organization, on every start, even after it was revoked.
 */
export async function bootstrapDefaultOrganization(
  trx: Db,
  now: Date,
  configuredKey: string | undefined,
): Promise<Bootstrap> {
  const existing = await findDefaultOrganization(trx);
  if (!existing) {
    if (configuredKey !== undefined) await assertKeyUnused(trx, configuredKey);

    const created = await createOrganization(
      trx,
      DEFAULT_ORGANIZATION_NAME,
      now,
      configuredKey,
      true,
    );
    return {
      organization: created.organization,
      createdAdminKey: configuredKey === undefined ? created.adminKey : undefined,
      restoredAdminKey: false,
    };
  }

  const restoredAdminKey =
    configuredKey !== undefined && (await ensureAdminKey(trx, existing.id, configuredKey, now));
  return { organization: existing, createdAdminKey: undefined, restoredAdminKey };
}

/** Makes the configured key a live admin key; true when it had to be restored. */
async function ensureAdminKey(
  trx: Db,
  organizationId: string,
  key: string,
  now: Date,
): Promise<boolean> {
  const stored = await findAnyKeyByHash(trx, hashApiKey(key));
  if (!stored) {
    await addAdminKey(trx, organizationId, key, now.toISOString());
    return false;
  }

  if (stored.organization_id !== organizationId) throw keyOfAnotherOrganization();
  const isLiveAdmin =
    stored.revoked_at === null &&
    stored.role === 'admin' &&
    stored.permissions === null &&
    stored.member_id === null;
  if (isLiveAdmin) return false;

  // The operator asked for this exact key to be the admin key: a revoke or a
  // narrowing through the API does not outlive the next start.
  await restoreAdminKey(trx, stored.id);
  await recordChange(trx, system(organizationId), now.toISOString(), {
    action: 'key.restored',
    entityType: 'key',
    entityId: stored.id,
    data: { key_id: stored.id, role: 'admin', reason: 'WEDE_ADMIN_KEY' },
  });
  return true;
}

async function assertKeyUnused(trx: Db, key: string) {
  if (await findAnyKeyByHash(trx, hashApiKey(key))) throw keyOfAnotherOrganization();
}

function keyOfAnotherOrganization(): ConfigError {
  return new ConfigError(
    'WEDE_ADMIN_KEY is already a key of another organization; choose a different key',
  );
}

async function addAdminKey(trx: Db, organizationId: string, key: string, at: string) {
  const id = newId();
  await insertKey(trx, {
    id,
    organization_id: organizationId,
    name: 'admin (bootstrap)',
    key_hash: hashApiKey(key),
    key_prefix: displayPrefix(key),
    role: 'admin',
    permissions: null,
    member_id: null,
    created_at: at,
    revoked_at: null,
  });
  await recordChange(trx, system(organizationId), at, {
    action: 'key.created',
    entityType: 'key',
    entityId: id,
    data: { key_id: id, name: 'admin (bootstrap)', role: 'admin', prefix: displayPrefix(key) },
  });
}

function system(organizationId: string) {
  return { organizationId, keyId: null, memberId: null };
}
