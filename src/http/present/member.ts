import type { Static } from 'typebox';

import type { MemberTable } from '../../store/schema.js';
import type { Member } from '../schemas/member.js';

type MemberJson = Static<typeof Member>;

export function presentMember(row: MemberTable): MemberJson {
  return {
    id: row.id,
    name: row.name,
    role: row.role as MemberJson['role'],
    team_id: row.team_id,
    phone: row.phone,
    email: row.email,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
