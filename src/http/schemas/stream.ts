import { Type } from 'typebox';

import { Timestamp } from './common.js';

export const StreamQuery = Type.Object(
  {
    after: Type.Optional(
      Type.Integer({
        minimum: 0,
        // The audit sequence is a 32-bit integer in the database.
        maximum: 2_147_483_647,
        description: 'The seq of the last change the client has; it gets every later one first',
      }),
    ),
    ticket: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'A ticket from POST /v1/stream/tickets, instead of the Authorization header',
      }),
    ),
  },
  { additionalProperties: false },
);

export const StreamTicket = Type.Object({
  ticket: Type.String({ description: 'Good for one connection, within a minute' }),
  expires_at: Timestamp,
});

export const CreatedStreamTicket = Type.Object({
  ticket: Type.Union([Type.String(), Type.Null()], {
    description: 'The ticket; null when the answer is a replay, as a ticket is never stored',
  }),
  expires_at: Timestamp,
});
