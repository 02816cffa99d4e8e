import { Type } from 'typebox';

import { ListQuery, literalUnion, nullable, Timestamp, Uuid } from './common.js';

export const SmsMessage = Type.Object({
  id: Uuid,
  direction: literalUnion(['out', 'in']),
  to: Type.String(),
  from: Type.String(),
  body: Type.String(),
  mission_id: nullable(Uuid),
  member_id: nullable(Uuid),
  status: Type.String({
    description: 'out: queued, sending, sent, failed; in: received, applied, refused',
  }),
  provider_id: nullable(Type.String()),
  error: nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const SmsListQuery = Type.Object(
  {
    mission_id: Type.Optional(Uuid),
    direction: Type.Optional(literalUnion(['out', 'in'])),
    ...ListQuery,
  },
  { additionalProperties: false },
);
