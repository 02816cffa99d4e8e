import { Type } from 'typebox';

import { EVENT_STATUSES } from '../../domain/vocabulary.js';
import {
  Latitude,
  ListQuery,
  literalUnion,
  Longitude,
  nullable,
  OccurredAt,
  Priority,
  Timestamp,
  Uuid,
  Vertical,
} from './common.js';

const EventStatus = literalUnion(EVENT_STATUSES);

const details = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  notes: Type.String({ maxLength: 4000 }),
  address: Type.String({ maxLength: 500 }),
};

export const Event = Type.Object({
  id: Uuid,
  vertical: Type.String(),
  priority: Priority,
  lat: Type.Number(),
  lng: Type.Number(),
  title: nullable(Type.String()),
  notes: nullable(Type.String()),
  address: nullable(Type.String()),
  external_id: nullable(Type.String()),
  status: EventStatus,
  closed_at: nullable(Timestamp),
  close_reason: nullable(Type.String()),
  occurred_at: Type.String({
    format: 'date-time',
    description: 'when the incident was received; created_at is when Wede recorded it',
  }),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const EventCreate = Type.Object(
  {
    vertical: Vertical,
    priority: Type.Optional(Priority),
    lat: Latitude,
    lng: Longitude,
    title: Type.Optional(details.title),
    notes: Type.Optional(details.notes),
    address: Type.Optional(details.address),
    external_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "the event's id in another system; unique within the organization",
      }),
    ),
    occurred_at: Type.Optional(OccurredAt),
  },
  { additionalProperties: false },
);

export const EventUpdate = Type.Object(
  {
    priority: Type.Optional(Priority),
    lat: Type.Optional(Latitude),
    lng: Type.Optional(Longitude),
    title: Type.Optional(details.title),
    notes: Type.Optional(details.notes),
    address: Type.Optional(details.address),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const EventClose = Type.Object(
  {
    fail_active_missions: Type.Optional(
      Type.Boolean({
        description: 'end the missions still active as FAILED instead of refusing the close',
      }),
    ),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const EventListQuery = Type.Object(
  {
    status: Type.Optional(EventStatus),
    vertical: Type.Optional(Vertical),
    priority: Type.Optional(Priority),
    external_id: Type.Optional(Type.String({ maxLength: 200 })),
    ...ListQuery,
  },
  { additionalProperties: false },
);
