import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';

import { isPostgres } from './dialect-of.js';
import type { Db } from './schema.js';

/** Stands, while a query is compiled, for one field of an argument. */
class FieldPlaceholder {
  constructor(
    readonly index: number,
    readonly field: string,
  ) {}
}

/** The placeholders of whole arguments, and which argument each stands for. */
const argumentIndexes = new WeakMap<object, number>();

/** An argument's placeholder; reading a field of it gives that field's placeholder. */
function placeholderOf(index: number): object {
  const placeholder = new Proxy(
    {},
    {
      get: (_target, field) =>
        typeof field === 'string' ? new FieldPlaceholder(index, field) : undefined,
    },
  );
  argumentIndexes.set(placeholder, index);
  return placeholder;
}

function valueOf(parameter: unknown, args: readonly unknown[]): unknown {
  if (parameter instanceof FieldPlaceholder) {
    return (args[parameter.index] as Record<string, unknown>)[parameter.field];
  }
  const index =
    typeof parameter === 'object' && parameter !== null
      ? argumentIndexes.get(parameter)
      : undefined;
  return index === undefined ? parameter : args[index];
}

/**
 * A query built and compiled once per dialect, then run with each call's
 * arguments. Kysely otherwise builds and compiles every query anew, which on
 * the hot path (a status update runs about a dozen) costs about as much as
 * SQLite running them. `build` gets placeholders for its arguments: it may
 * use an argument, or a field of it named in the query, only as a value,
 * never to decide the query's shape (no conditions on it, no spreading it).
 */
export function compiledQuery<Args extends unknown[], Row>(
  build: (db: Db, ...args: Args) => Compilable<Row>,
): (db: Db, ...args: Args) => Promise<QueryResult<Row>> {
  const arity = build.length - 1;
  const compiled = new Map<'sqlite' | 'postgres', CompiledQuery<Row>>();

  return (db, ...args) => {
    const dialect = isPostgres(db) ? 'postgres' : 'sqlite';
    let query = compiled.get(dialect);
    if (query === undefined) {
      const placeholders = Array.from({ length: arity }, (_, index) => placeholderOf(index));
      query = build(db, ...(placeholders as Args)).compile();
      compiled.set(dialect, query);
    }

    const parameters = query.parameters.map((parameter) => valueOf(parameter, args));
    return db.executeQuery(CompiledQuery.raw(query.sql, parameters) as CompiledQuery<Row>);
  };
}
