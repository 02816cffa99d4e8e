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

const PhoneNumber = Type.String({
  pattern: '^\\+[1-9][0-9]{6,14}$',
  description: 'E.164, as providers send it',
});

export const InboundSmsBody = Type.Object(
  {
    From: PhoneNumber,
    To: Type.String({ maxLength: 32 }),
    Body: Type.String({ maxLength: 1600 }),
    MessageSid: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  // Providers send many more fields about the message; they are not ours to refuse.
  { additionalProperties: true },
);

export const InboundSmsResult = Type.Object({
  outcome: literalUnion([
    'applied',
    'backup_dispatched',
    'not_understood',
    'refused',
    'unknown_sender',
  ]),
  mission_id: nullable(Uuid),
  status: nullable(Type.String()),
  reply: nullable(Type.String({ description: 'the text sent back to the sender' })),
  duplicate: Type.Boolean({ description: 'received before (same MessageSid): nothing done again' }),
});

export const SmsStatusBody = Type.Object(
  {
    MessageSid: Type.String({ minLength: 1, maxLength: 64 }),
    MessageStatus: Type.String({ minLength: 1, maxLength: 32 }),
    ErrorCode: Type.Optional(Type.String({ maxLength: 16 })),
  },
  { additionalProperties: true },
);
