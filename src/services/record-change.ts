import { auditHash } from '../domain/audit-chain.js';
import { enqueueWebhooks } from './enqueue-webhooks.js';
import { insertAuditRow } from '../store/audit-store.js';
import { setAuditHead, takeAuditSeq } from '../store/organization-store.js';
import type { Db } from '../store/schema.js';

export type ChangeAction =
  | 'organization.created'
  | 'key.created'
  | 'key.revoked'
  | 'key.restored'
  | 'member.created'
  | 'member.updated'
  | 'team.created'
  | 'team.updated'
  | 'team.location_updated'
  | 'team.status_changed'
  | 'event.created'
  | 'event.updated'
  | 'event.closed'
  | 'mission.created'
  | 'mission.status_updated'
  | 'mission.undelivered'
  | 'webhook.created'
  | 'webhook.updated'
  | 'webhook.deleted'
  | 'webhook.secret_rotated'
  | 'endpoint.disabled';

export interface Change {
  action: ChangeAction;
  entityType: 'organization' | 'key' | 'member' | 'team' | 'event' | 'mission' | 'webhook';
  entityId: string;
  data: Record<string, unknown>;
}

export interface ChangeAuthor {
  organizationId: string;
  keyId: string | null;
  memberId: string | null;
}

/**
 * The one place every state change passes through, inside the transaction that
 * makes it: the change is appended to the organization's hash-chained audit log
 * here, and its webhook message is queued (the outbox), so nothing is committed
 * without being recorded and announced.
 */
export async function recordChange(
  trx: Db,
  author: ChangeAuthor,
  at: string,
  change: Change,
): Promise<void> {
  const { audit_seq: seq, audit_head: previousHash } = await takeAuditSeq(
    trx,
    author.organizationId,
  );
  const record = {
    organizationId: author.organizationId,
    seq,
    at,
    actorKeyId: author.keyId,
    actorMemberId: author.memberId,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    data: JSON.stringify(change.data),
  };
  const hash = auditHash(previousHash, record);

  await insertAuditRow(trx, {
    organization_id: record.organizationId,
    seq,
    at,
    actor_key_id: record.actorKeyId,
    actor_member_id: record.actorMemberId,
    action: record.action,
    entity_type: record.entityType,
    entity_id: record.entityId,
    data: record.data,
    prev_hash: previousHash,
    hash,
  });
  await setAuditHead(trx, author.organizationId, hash);
  await enqueueWebhooks(trx, author.organizationId, at, change);
}

export function authorOf(principal: {
  organizationId: string;
  keyId: string | null;
  memberId: string | null;
}): ChangeAuthor {
  return {
    organizationId: principal.organizationId,
    keyId: principal.keyId,
    memberId: principal.memberId,
  };
}
