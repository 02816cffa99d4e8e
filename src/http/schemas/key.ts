import { Type } from 'typebox';

import { PERMISSIONS, ROLES } from '../../domain/permissions.js';
import { literalUnion, nullable, Timestamp, Uuid } from './common.js';

const Permission = literalUnion(PERMISSIONS);

export const ApiKey = Type.Object({
  id: Uuid,
  name: Type.String(),
  role: nullable(literalUnion(ROLES)),
  permissions: nullable(Type.Array(Permission)),
  member_id: nullable(Uuid),
  prefix: Type.String({ description: 'the first characters of the key, to tell keys apart' }),
  created_at: Timestamp,
  revoked_at: nullable(Timestamp),
});

export const CreatedApiKey = Type.Object({
  ...ApiKey.properties,
  key: nullable(
    Type.String({
      description:
        'the secret, shown only in this answer; null when an Idempotency-Key ' +
        'replays it, since the secret is never stored',
    }),
  ),
});

export const KeyCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.Optional(literalUnion(ROLES)),
    permissions: Type.Optional(Type.Array(Permission, { minItems: 1, uniqueItems: true })),
    member_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
