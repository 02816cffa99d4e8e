import type { Static } from 'typebox';

import type { TeamTable } from '../../store/schema.js';
import type { Team } from '../schemas/team.js';

type TeamJson = Static<typeof Team>;

export function presentTeam(row: TeamTable): TeamJson {
  return {
    id: row.id,
    name: row.name,
    verticals: JSON.parse(row.verticals) as string[],
    status: row.status as TeamJson['status'],
    lat: row.lat,
    lng: row.lng,
    location_updated_at: row.location_updated_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
