import { Type } from 'typebox';

import { ROLES } from '../../domain/permissions.js';
import { ListQuery, literalUnion, nullable, Timestamp, Uuid } from './common.js';

const Role = literalUnion(ROLES);
const Phone = Type.String({
  pattern: '^\\+[1-9][0-9]{6,14}$',
  description: 'E.164, e.g. +351912345678',
});
const Email = Type.String({ format: 'email', maxLength: 254 });
const MemberName = Type.String({ minLength: 1, maxLength: 200 });

export const Member = Type.Object({
  id: Uuid,
  name: Type.String(),
  role: Role,
  team_id: nullable(Uuid),
  phone: nullable(Type.String()),
  email: nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const MemberCreate = Type.Object(
  {
    name: MemberName,
    role: Role,
    team_id: Type.Optional(nullable(Uuid)),
    phone: Type.Optional(nullable(Phone)),
    email: Type.Optional(nullable(Email)),
  },
  { additionalProperties: false },
);

export const MemberUpdate = Type.Object(
  {
    name: Type.Optional(MemberName),
    role: Type.Optional(Role),
    team_id: Type.Optional(nullable(Uuid)),
    phone: Type.Optional(nullable(Phone)),
    email: Type.Optional(nullable(Email)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const MemberListQuery = Type.Object(
  {
    team_id: Type.Optional(Uuid),
    role: Type.Optional(Role),
    ...ListQuery,
  },
  { additionalProperties: false },
);
