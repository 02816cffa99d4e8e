import { GENESIS_HASH } from '../domain/audit-chain.js';
import { findKeyByHash, insertKey } from '../store/key-store.js';
import { newId } from '../store/new-id.js';
import { insertOrganization, listOrganizations } from '../store/organization-store.js';
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
): Promise<NewOrganization> {
  const at = now.toISOString();
  const organization: OrganizationTable = {
    id: newId(),
    name,
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
}

/**
 * On the first start, creates the default organization and its admin key. When
 * an admin key is configured, makes sure that exact key works for the default
 * organization, on every start.
 */
export async function bootstrapDefaultOrganization(
  trx: Db,
  now: Date,
  configuredKey: string | undefined,
): Promise<Bootstrap> {
  const [existing] = await listOrganizations(trx);
  if (!existing) {
    const created = await createOrganization(trx, DEFAULT_ORGANIZATION_NAME, now, configuredKey);
    return {
      organization: created.organization,
      createdAdminKey: configuredKey === undefined ? created.adminKey : undefined,
    };
  }

  if (configuredKey !== undefined && !(await findKeyByHash(trx, hashApiKey(configuredKey)))) {
    await addAdminKey(trx, existing.id, configuredKey, now.toISOString());
  }
  return { organization: existing, createdAdminKey: undefined };
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
