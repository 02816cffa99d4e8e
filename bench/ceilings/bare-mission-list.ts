import { createHash } from 'node:crypto';

import type SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';

type MissionRow = Record<string, unknown> & { id: string; feedback: string | null };

/**
 * The filtered list's ceiling: the key lookup, the page of 51 missions by
 * status and team, their members in one query, and the same JSON, as plain
 * prepared statements behind bare Fastify (no schema, no cursor).
 */
export function bareMissionList(app: FastifyInstance, connection: SQLite.Database): void {
  const findKey = connection.prepare(
    'select k.id, k.organization_id, k.role, k.permissions, k.member_id, ' +
      'm.role as member_role, m.team_id as member_team_id from api_keys k ' +
      'left join members m on m.id = k.member_id where k.revoked_at is null and k.key_hash = ?',
  );
  const page = connection.prepare(
    'select * from missions where organization_id = ? and status in (?) and team_id = ? ' +
      'order by id desc limit ?',
  );
  const membersOf = new Map<number, SQLite.Statement>();

  app.get('/v1/missions', (request, reply) => {
    const bearer = (request.headers.authorization ?? '').slice('Bearer '.length);
    const key = findKey.get(createHash('sha256').update(bearer).digest('hex')) as {
      organization_id: string;
    };
    const query = request.query as { status: string; team_id: string; limit?: string };
    const limit = Number(query.limit ?? 50);

    const rows = page.all(
      key.organization_id,
      query.status,
      query.team_id,
      limit + 1,
    ) as MissionRow[];
    const kept = rows.slice(0, limit);
    const members = memberStatement(connection, membersOf, kept.length).all(
      ...kept.map((row) => row.id),
    ) as { mission_id: string; member_id: string }[];

    const data = kept.map((row) => ({
      ...row,
      member_ids: members.filter((m) => m.mission_id === row.id).map((m) => m.member_id),
      feedback: row.feedback === null ? null : JSON.parse(row.feedback),
    }));
    const nextCursor = rows.length > limit ? Buffer.from(`v1:${kept.at(-1)!.id}`) : null;
    reply.send({
      data,
      count: data.length,
      next_cursor: nextCursor?.toString('base64url') ?? null,
    });
  });
}

function memberStatement(
  connection: SQLite.Database,
  cache: Map<number, SQLite.Statement>,
  count: number,
): SQLite.Statement {
  let statement = cache.get(count);
  if (statement === undefined) {
    const marks = Array.from({ length: Math.max(count, 1) }, () => '?').join(', ');
    statement = connection.prepare(
      `select mission_id, member_id from mission_members where mission_id in (${marks}) ` +
        'order by member_id',
    );
    cache.set(count, statement);
  }
  return statement;
}
