import type { Static } from 'typebox';

import type { EventTable } from '../../store/schema.js';
import type { Event } from '../schemas/event.js';

type EventJson = Static<typeof Event>;

export function presentEvent(row: EventTable): EventJson {
  return {
    id: row.id,
    vertical: row.vertical,
    priority: row.priority as EventJson['priority'],
    lat: row.lat,
    lng: row.lng,
    title: row.title,
    notes: row.notes,
    address: row.address,
    external_id: row.external_id,
    status: row.status as EventJson['status'],
    closed_at: row.closed_at,
    close_reason: row.close_reason,
    occurred_at: row.occurred_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
