import type { Static } from 'typebox';

import type { ApiKeyTable } from '../../store/schema.js';
import type { ApiKey } from '../schemas/key.js';

type KeyJson = Static<typeof ApiKey>;

/** A key as listed: never its secret, which is shown once, at creation. */
export function presentKey(row: ApiKeyTable): KeyJson {
  return {
    id: row.id,
    name: row.name,
    role: row.role as KeyJson['role'],
    permissions:
      row.permissions === null ? null : (JSON.parse(row.permissions) as KeyJson['permissions']),
    member_id: row.member_id,
    prefix: row.key_prefix,
    created_at: row.created_at,
    revoked_at: row.revoked_at,
  };
}
