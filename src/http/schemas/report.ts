import { Type } from 'typebox';

import { REPORT_GROUPINGS } from '../../domain/response-times.js';
import { nullable, Priority, Uuid, Vertical } from './common.js';

/** A week: a longer target is a mistake, not a target. */
const MAX_TARGET_S = 604_800;

function target(what: string, byDefault: string) {
  return Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: MAX_TARGET_S,
      description:
        `${what} target in seconds (${byDefault}); ` + 'within_target is the share at or under it',
    }),
  );
}

const Bound = (description: string) =>
  Type.Optional(Type.String({ format: 'date-time', description }));

export const ResponseTimeQuery = Type.Object(
  {
    from: Bound('RFC 3339; missions dispatched at or after it (default: no start)'),
    to: Bound('RFC 3339; missions dispatched before it (default: no end); later than from'),
    vertical: Type.Optional(Vertical),
    team_id: Type.Optional(Uuid),
    priority: Type.Optional(Priority),
    group_by: Type.Optional(
      Type.Enum([...REPORT_GROUPINGS], {
        description: 'one group per value; without it, one group of every mission',
      }),
    ),
    timezone: Type.Optional(
      Type.String({
        maxLength: 64,
        description: 'IANA time zone of group_by=hour, e.g. America/Los_Angeles (default UTC)',
      }),
    ),
    turnout_target: target('Turnout', 'default 80'),
    travel_target: target('Travel', 'default 240'),
    response_target: target('Response', 'default turnout_target + travel_target'),
    on_scene_target: target('On-scene', 'default none: within_target is null'),
  },
  { additionalProperties: false },
);

const Seconds = (description: string) => nullable(Type.Number({ description }));

export const IntervalSummary = Type.Object({
  count: Type.Integer({ description: 'missions with both ends of the interval' }),
  mean: Seconds('seconds, rounded to 0.1; null when count is 0'),
  median: Seconds('nearest rank: the value at rank ceil(0.5 × count), ascending; seconds'),
  p90: Seconds('nearest rank: the value at rank ceil(0.9 × count), ascending; seconds'),
  within_target: nullable(
    Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'share at or under the target, rounded to 4 decimals; null without a target',
    }),
  ),
});

export const ReportGroup = Type.Object(
  {
    vertical: Type.Optional(Type.String()),
    team_id: Type.Optional(Uuid),
    team_name: Type.Optional(Type.String()),
    priority: Type.Optional(Type.String()),
    hour: Type.Optional(Type.Integer({ minimum: 0, maximum: 23 })),
  },
  {
    additionalProperties: false,
    description:
      'What the group shares: {} without group_by, {"vertical"}, {"team_id", "team_name"}, ' +
      '{"priority"} or {"hour"}',
  },
);

export const ResponseTimeGroup = Type.Object({
  group: ReportGroup,
  turnout: IntervalSummary,
  travel: IntervalSummary,
  response: IntervalSummary,
  on_scene: IntervalSummary,
});

export const ResponseTimeReport = Type.Object({ data: Type.Array(ResponseTimeGroup) });
