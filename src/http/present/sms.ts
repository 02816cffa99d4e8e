import type { SmsMessageTable } from '../../store/schema.js';

export function presentSms(row: SmsMessageTable) {
  return {
    id: row.id,
    direction: row.direction as 'out' | 'in',
    to: row.to_number,
    from: row.from_number,
    body: row.body,
    mission_id: row.mission_id,
    member_id: row.member_id,
    status: row.status,
    provider_id: row.provider_id,
    error: row.error,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
