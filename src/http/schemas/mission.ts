import { Type } from 'typebox';

import { MISSION_STATUSES } from '../../domain/mission-lifecycle.js';
import {
  FreeObject,
  Latitude,
  ListQuery,
  literalUnion,
  Longitude,
  nullable,
  OccurredAt,
  Priority,
  Timestamp,
  Uuid,
} from './common.js';

export const MissionStatus = literalUnion(MISSION_STATUSES);

const STATUS_LIST_PATTERN = `^(${MISSION_STATUSES.join('|')})(,(${MISSION_STATUSES.join('|')}))*$`;

export const Mission = Type.Object({
  id: Uuid,
  event_id: Uuid,
  team_id: Uuid,
  backup_of: nullable(Uuid),
  member_ids: Type.Array(Uuid, { description: "the team's members at dispatch time" }),
  status: MissionStatus,
  channel_used: nullable(literalUnion(['internet', 'sms'])),
  vertical: Type.String(),
  priority: Priority,
  notes: nullable(Type.String()),
  event_lat: Type.Number(),
  event_lng: Type.Number(),
  dispatched_at: Timestamp,
  sent_at: nullable(Timestamp),
  ack_at: nullable(Timestamp),
  on_route_at: nullable(Timestamp),
  on_site_at: nullable(Timestamp),
  completed_at: nullable(Timestamp),
  failed_at: nullable(Timestamp),
  failure_reason: nullable(Type.String()),
  feedback: nullable(FreeObject),
  sequence: Type.Integer({ description: 'grows by one with each transition' }),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const MissionListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.String({
        pattern: STATUS_LIST_PATTERN,
        description:
          'one status, or a comma-separated list of them: ' + MISSION_STATUSES.join(', '),
      }),
    ),
    team_id: Type.Optional(Uuid),
    member_id: Type.Optional(Uuid),
    event_id: Type.Optional(Uuid),
    ...ListQuery,
  },
  { additionalProperties: false },
);

export const StatusUpdate = Type.Object(
  {
    status: MissionStatus,
    feedback: Type.Optional(FreeObject),
    occurred_at: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'when it really happened, for a device that was offline',
      }),
    ),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const HistoryEntry = Type.Object({
  id: Uuid,
  sequence: Type.Integer(),
  from_status: nullable(MissionStatus),
  status: MissionStatus,
  occurred_at: Timestamp,
  recorded_at: Timestamp,
  channel: literalUnion(['api', 'sms', 'internet', 'system']),
  key_id: nullable(Uuid),
  member_id: nullable(Uuid),
  feedback: nullable(FreeObject),
  reason: nullable(Type.String()),
});

export const DispatchRequest = Type.Object(
  {
    event_id: Uuid,
    team_id: Type.Optional(Uuid),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
    event_lat: Type.Optional(Latitude),
    event_lng: Type.Optional(Longitude),
    backup_of: Type.Optional(Uuid),
    occurred_at: Type.Optional(OccurredAt),
    divert: Type.Optional(
      Type.Boolean({
        description:
          'with team_id: take the team even if it is BUSY on a mission of another event; ' +
          'that mission ends FAILED with reason "diverted" at this dispatch\'s time. ' +
          'Needs teams:dispatch',
      }),
    ),
    divert_from: Type.Optional({
      ...Uuid,
      description:
        'with divert: the mission the team is expected to be on; if it is on another by ' +
        'now (say, diverted by someone else a moment ago), the dispatch is refused with 409',
    }),
  },
  { additionalProperties: false },
);

export const DispatchResult = Type.Object({
  ...Mission.properties,
  diverted: Type.Optional({
    ...Mission,
    description: 'only when divert took the team from another mission: that mission, now FAILED',
  }),
});
