import { Type, type TEnum, type TSchema } from 'typebox';

import { PRIORITIES } from '../../domain/vocabulary.js';

export const Uuid = Type.String({ format: 'uuid', description: 'A UUID (v7, time-ordered)' });

export const Timestamp = Type.String({
  format: 'date-time',
  description: 'RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z',
});

/** A past time given for a change recorded late or imported (supervisors and admins only). */
export const OccurredAt = Type.String({
  format: 'date-time',
  description:
    'when it really happened, for a record entered late or imported from another system; ' +
    'supervisor and admin keys only; not in the future; default: now',
});

export const Latitude = Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 degrees' });
export const Longitude = Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 degrees' });

export const Vertical = Type.String({
  pattern: '^[a-z][a-z0-9-]{0,62}$',
  description: 'A line of work such as healthcare, fire or security (lowercase)',
});

/** One of a fixed set of strings, as a JSON Schema enum. */
export function literalUnion<const T extends readonly string[]>(values: T): TEnum<[...T]> {
  return Type.Enum([...values]) as TEnum<[...T]>;
}

export const Priority = literalUnion(PRIORITIES);

export function nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ListQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'next_cursor of a page' })),
};

export function listOf<T extends TSchema>(item: T) {
  return Type.Object({
    data: Type.Array(item),
    count: Type.Integer({ description: 'the number of items in this page' }),
    next_cursor: nullable(Type.String({ description: 'pass as cursor for the next page' })),
  });
}

export const ErrorEnvelope = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Object({}, { additionalProperties: true })),
  }),
});

/** The error answers every authenticated route may give. */
export const ERROR_RESPONSES = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
  413: ErrorEnvelope,
  422: ErrorEnvelope,
};

export const FreeObject = Type.Object({}, { additionalProperties: true });
