import type { Kysely } from 'kysely';

import { inTransaction } from '../store/database.js';
import { findSentSms, updateSms } from '../store/delivery-store.js';
import { lockOrganizationWrites } from '../store/organization-store.js';
import type { Schema } from '../store/schema.js';
import { systemActor } from './actor.js';
import { markSent } from './mark-sent.js';

// The provider's words for where a text is, and ours.
const STATUSES: Readonly<Record<string, 'sent' | 'delivered' | 'failed'>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  failed: 'failed',
  undelivered: 'failed',
};

export interface SmsStatusReport {
  providerId: string;
  status: string;
  errorCode?: string | undefined;
}

/**
 * A provider's report on a text Wede sent. A text that reached the phone
 * marks its mission SENT over sms, if nothing confirmed it before. Unknown
 * texts and statuses in between (queued, sending) change nothing.
 */
export async function recordSmsStatus(
  db: Kysely<Schema>,
  report: SmsStatusReport,
  now: Date,
): Promise<'recorded' | 'ignored'> {
  const status = STATUSES[report.status.toLowerCase()];
  if (status === undefined) return 'ignored';

  return inTransaction(db, async (trx) => {
    const text = await findSentSms(trx, report.providerId);
    if (text === undefined) return 'ignored';

    await lockOrganizationWrites(trx, text.organization_id);
    await updateSms(trx, text.id, {
      status,
      error: status === 'failed' ? `provider error ${report.errorCode ?? 'unknown'}` : text.error,
      updated_at: now.toISOString(),
    });
    if (status !== 'failed' && text.mission_id !== null) {
      const actor = systemActor(text.organization_id, now, 'sms');
      await markSent(trx, actor, text.organization_id, text.mission_id, 'sms');
    }
    return 'recorded';
  });
}
