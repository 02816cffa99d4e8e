import { Ajv, type FormatDefinition, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

import { isKeptTime } from '../domain/kept-time.js';

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({
    allErrors: false,
    // Unknown fields are refused, never silently dropped.
    removeAdditional: false,
    useDefaults: true,
    strict: false,
    // Errors then carry the rule's schema, whose description explains a pattern.
    verbose: true,
    ...options,
  });
  addFormats.default(ajv, ['uuid', 'date-time', 'email']);

  // RFC 3339 syntax alone lets through instants no answer could be written with.
  const rfc3339 = ajv.formats['date-time'] as FormatDefinition<string>;
  const readable = rfc3339.validate as (text: string) => boolean;
  ajv.addFormat('date-time', {
    ...rfc3339,
    validate: (text: string) => readable(text) && isKeptTime(text),
  });
  return ajv;
}

// Bodies are JSON and must carry the right types; a "12" where a number belongs is
// refused. Query strings and paths are text by nature, so they are coerced.
const bodyAjv = makeAjv({ coerceTypes: false });
const textAjv = makeAjv({ coerceTypes: true });

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

// Coercion reads " " as 0 and "0x10" as 16: numbers in text must be written plainly.
const WHOLE = /^-?[0-9]{1,15}$/;
const DECIMAL = /^-?[0-9]{1,15}(\.[0-9]{1,15})?$/;

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  const validate = ajv.compile(schema as object) as Validate;
  if (httpPart === 'body') return validate as ReturnType<FastifySchemaCompiler<unknown>>;

  return plainNumbersFirst(schema as JsonObject, validate) as ReturnType<
    FastifySchemaCompiler<unknown>
  >;
};

interface JsonObject {
  properties?: Record<string, { type?: unknown }>;
}

/** Refuses a number written any other way than in digits, before coercion reads it. */
function plainNumbersFirst(schema: JsonObject, validate: Validate): Validate {
  const numeric = Object.entries(schema.properties ?? {}).filter(
    ([, property]) => property.type === 'integer' || property.type === 'number',
  );
  if (numeric.length === 0) return validate;

  const guarded: Validate = (data) => {
    for (const [field, property] of numeric) {
      const text = (data as Record<string, unknown> | null)?.[field];
      const whole = property.type === 'integer';
      if (typeof text === 'string' && !(whole ? WHOLE : DECIMAL).test(text)) {
        guarded.errors = [
          {
            instancePath: `/${field}`,
            keyword: 'type',
            params: { type: property.type },
            message: whole ? 'must be a whole number in digits' : 'must be a number in digits',
          },
        ];
        return false;
      }
    }

    const valid = validate(data);
    guarded.errors = validate.errors;
    return valid;
  };
  return guarded;
}
