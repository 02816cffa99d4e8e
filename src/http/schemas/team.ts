import { Type } from 'typebox';

import { TEAM_STATUSES } from '../../domain/vocabulary.js';
import {
  Latitude,
  ListQuery,
  literalUnion,
  Longitude,
  nullable,
  Timestamp,
  Uuid,
  Vertical,
} from './common.js';

const TeamStatus = literalUnion(TEAM_STATUSES);
const SettableTeamStatus = literalUnion(['AVAILABLE', 'OFF_DUTY']);
const TeamName = Type.String({ minLength: 1, maxLength: 100 });
const Verticals = Type.Array(Vertical, { maxItems: 20, uniqueItems: true });

export const Team = Type.Object({
  id: Uuid,
  name: Type.String(),
  verticals: Type.Array(Type.String()),
  status: TeamStatus,
  lat: nullable(Type.Number()),
  lng: nullable(Type.Number()),
  location_updated_at: nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const TeamCreate = Type.Object(
  {
    name: TeamName,
    verticals: Type.Optional(Verticals),
    lat: Type.Optional(Latitude),
    lng: Type.Optional(Longitude),
    status: Type.Optional(SettableTeamStatus),
  },
  { additionalProperties: false },
);

export const TeamUpdate = Type.Object(
  {
    name: Type.Optional(TeamName),
    verticals: Type.Optional(Verticals),
    status: Type.Optional(SettableTeamStatus),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TeamLocation = Type.Object(
  { lat: Latitude, lng: Longitude },
  { additionalProperties: false },
);

export const TeamListQuery = Type.Object(
  {
    status: Type.Optional(TeamStatus),
    name: Type.Optional(Type.String({ maxLength: 100 })),
    vertical: Type.Optional(Vertical),
    ...ListQuery,
  },
  { additionalProperties: false },
);
