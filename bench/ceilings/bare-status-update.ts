import { createHash } from 'node:crypto';

import type SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';

import { auditHash } from '../../src/domain/audit-chain.js';
import { v7 } from 'uuid';

/**
 * The status update's ceiling: the statements Wede runs for one
 * `PATCH /v1/missions/:id/status` with an Idempotency-Key (key lookup, the
 * idempotency claim, the mission's compare-and-set, its history row, the
 * audit chain with its webhook check, and on COMPLETED the team freed and the
 * event closed), as plain prepared statements in one better-sqlite3
 * transaction, behind bare Fastify. No checks beyond what the writes need.
 */
export function bareStatusUpdate(app: FastifyInstance, connection: SQLite.Database): void {
  const sql = statementsOf(connection);
  const update = connection.transaction((input: UpdateInput) => applyUpdate(sql, input));

  app.patch('/v1/missions/:id/status', (request, reply) => {
    const bearer = (request.headers.authorization ?? '').slice('Bearer '.length);
    const key = sql.findKey.get(createHash('sha256').update(bearer).digest('hex')) as KeyRow;
    const idempotencyKey = request.headers['idempotency-key'] as string;
    const now = new Date().toISOString();
    sql.findIdempotent.get(key.organization_id, idempotencyKey, now);

    const body = request.body as { status: string; feedback?: object };
    const { id } = request.params as { id: string };
    const answer = update({ key, idempotencyKey, now, id, body });
    reply.code(answer === undefined ? 409 : 200).send(answer ?? { error: 'conflict' });
  });
}

interface KeyRow {
  id: string;
  organization_id: string;
  member_id: string | null;
}

interface UpdateInput {
  key: KeyRow;
  idempotencyKey: string;
  now: string;
  id: string;
  body: { status: string; feedback?: object };
}

type MissionRow = Record<string, unknown> & {
  id: string;
  organization_id: string;
  event_id: string;
  team_id: string;
  status: string;
  sequence: number;
  feedback: string | null;
};

const TIMESTAMP: Record<string, string> = {
  ACK: 'ack_at',
  ON_ROUTE: 'on_route_at',
  ON_SITE: 'on_site_at',
  COMPLETED: 'completed_at',
};
const ACTIVE = `('CREATED', 'SENT', 'ACK', 'ON_ROUTE', 'ON_SITE')`;

function statementsOf(connection: SQLite.Database) {
  const prepare = (text: string) => connection.prepare(text);
  return {
    findKey: prepare(
      'select k.id, k.organization_id, k.role, k.permissions, k.member_id, ' +
        'm.role as member_role, m.team_id as member_team_id from api_keys k ' +
        'left join members m on m.id = k.member_id where k.revoked_at is null and k.key_hash = ?',
    ),
    findIdempotent: prepare(
      'select * from idempotency_keys where organization_id = ? and key = ? and expires_at > ?',
    ),
    dropExpiredClaim: prepare(
      'delete from idempotency_keys where organization_id = ? and key = ? and expires_at <= ?',
    ),
    claim: prepare(
      'insert into idempotency_keys (organization_id, key, request_hash, status_code, ' +
        "response_body, created_at, expires_at) values (?, ?, ?, 0, '', ?, ?)",
    ),
    storeAnswer: prepare(
      'update idempotency_keys set status_code = 200, response_body = ? ' +
        'where organization_id = ? and key = ?',
    ),
    findMission: prepare('select * from missions where organization_id = ? and id = ?'),
    findEvent: prepare('select * from events where organization_id = ? and id = ?'),
    swapStatus: Object.fromEntries(
      Object.entries(TIMESTAMP).map(([status, column]) => [
        status,
        prepare(
          `update missions set status = ?, ${column} = ?, feedback = ?, failure_reason = null, ` +
            'channel_used = ?, sequence = ?, last_transition_at = ?, updated_at = ? ' +
            'where organization_id = ? and id = ? and status = ?',
        ),
      ]),
    ),
    insertHistory: prepare(
      'insert into mission_history (id, organization_id, mission_id, sequence, from_status, ' +
        'to_status, occurred_at, recorded_at, channel, actor_key_id, actor_member_id, ' +
        "feedback, reason) values (?, ?, ?, ?, ?, ?, ?, ?, 'api', ?, ?, ?, null)",
    ),
    takeAuditSeq: prepare(
      'update organizations set audit_seq = audit_seq + 1 where id = ? ' +
        'returning audit_seq, audit_head',
    ),
    insertAudit: prepare(
      'insert into audit_log (organization_id, seq, at, actor_key_id, actor_member_id, action, ' +
        'entity_type, entity_id, data, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    setAuditHead: prepare('update organizations set audit_head = ? where id = ?'),
    listEndpoints: prepare(
      'select * from webhook_endpoints where organization_id = ? and enabled = 1 order by id',
    ),
    activeOfTeam: prepare(
      `select * from missions where organization_id = ? and status in ${ACTIVE} ` +
        'and team_id = ? order by id',
    ),
    activeOfEvent: prepare(
      `select * from missions where organization_id = ? and status in ${ACTIVE} ` +
        'and event_id = ? order by id',
    ),
    freeTeam: prepare(
      "update teams set status = 'AVAILABLE', updated_at = ? " +
        "where organization_id = ? and id = ? and status = 'BUSY'",
    ),
    latestChange: prepare(
      'select max(last_transition_at) as latest from missions ' +
        'where organization_id = ? and event_id = ?',
    ),
    closeEvent: prepare(
      "update events set status = 'CLOSED', closed_at = ?, close_reason = 'missions_ended', " +
        'updated_at = ? where organization_id = ? and id = ?',
    ),
    memberIds: prepare(
      'select mission_id, member_id from mission_members where mission_id in (?) ' +
        'order by member_id',
    ),
  };
}

type Statements = ReturnType<typeof statementsOf>;

function applyUpdate(sql: Statements, input: UpdateInput): object | undefined {
  const { key, now, body } = input;
  const organizationId = key.organization_id;
  const expires = new Date(Date.parse(now) + 24 * 3600 * 1000).toISOString();
  sql.dropExpiredClaim.run(organizationId, input.idempotencyKey, now);
  sql.claim.run(organizationId, input.idempotencyKey, requestHash(input), now, expires);

  const mission = sql.findMission.get(organizationId, input.id) as MissionRow;
  const ending = body.status === 'COMPLETED';
  const event = ending ? (sql.findEvent.get(organizationId, mission.event_id) as EventRow) : null;
  const feedback = mergeFeedback(mission.feedback, body.feedback);
  const sequence = mission.sequence + 1;
  const won = sql.swapStatus[body.status]!.run(
    body.status,
    now,
    feedback,
    mission.channel_used,
    sequence,
    now,
    now,
    organizationId,
    mission.id,
    mission.status,
  );
  if (won.changes === 0) return undefined;

  const given = body.feedback === undefined ? null : JSON.stringify(body.feedback);
  sql.insertHistory.run(
    v7(),
    organizationId,
    mission.id,
    sequence,
    mission.status,
    body.status,
    now,
    now,
    key.id,
    key.member_id,
    given,
  );
  record(sql, key, now, 'mission.status_updated', 'mission', mission.id, {
    mission_id: mission.id,
    event_id: mission.event_id,
    team_id: mission.team_id,
    previous_status: mission.status,
    status: body.status,
    occurred_at: now,
    sequence,
    channel: 'api',
    feedback: body.feedback ?? null,
    reason: null,
  });
  if (ending) endMission(sql, key, now, mission, event!);

  const members = sql.memberIds.all(mission.id) as { member_id: string }[];
  const answer = {
    ...mission,
    status: body.status,
    [TIMESTAMP[body.status]!]: now,
    feedback: feedback === null ? null : JSON.parse(feedback),
    sequence,
    updated_at: now,
    member_ids: members.map((row) => row.member_id),
  };
  sql.storeAnswer.run(JSON.stringify(answer), organizationId, input.idempotencyKey);
  return answer;
}

type EventRow = { id: string; status: string };

function endMission(
  sql: Statements,
  key: KeyRow,
  now: string,
  mission: MissionRow,
  event: EventRow,
) {
  const organizationId = key.organization_id;
  if (sql.activeOfTeam.all(organizationId, mission.team_id).length === 0) {
    if (sql.freeTeam.run(now, organizationId, mission.team_id).changes > 0) {
      record(sql, key, now, 'team.status_changed', 'team', mission.team_id, {
        team_id: mission.team_id,
        previous_status: 'BUSY',
        status: 'AVAILABLE',
        occurred_at: now,
      });
    }
  }
  if (event.status !== 'OPEN') return;
  if (sql.activeOfEvent.all(organizationId, mission.event_id).length > 0) return;

  const latest = sql.latestChange.get(organizationId, mission.event_id) as { latest: string };
  sql.closeEvent.run(latest.latest, now, organizationId, mission.event_id);
  record(sql, key, now, 'event.closed', 'event', mission.event_id, {
    event_id: mission.event_id,
    status: 'CLOSED',
    reason: 'missions_ended',
    closed_at: latest.latest,
    occurred_at: latest.latest,
  });
}

function record(
  sql: Statements,
  key: KeyRow,
  at: string,
  action: string,
  entityType: string,
  entityId: string,
  data: object,
) {
  const organizationId = key.organization_id;
  const chain = sql.takeAuditSeq.get(organizationId) as { audit_seq: number; audit_head: string };
  const text = JSON.stringify(data);
  const hash = auditHash(chain.audit_head, {
    organizationId,
    seq: chain.audit_seq,
    at,
    actorKeyId: key.id,
    actorMemberId: key.member_id,
    action,
    entityType,
    entityId,
    data: text,
  });
  sql.insertAudit.run(
    organizationId,
    chain.audit_seq,
    at,
    key.id,
    key.member_id,
    action,
    entityType,
    entityId,
    text,
    chain.audit_head,
    hash,
  );
  sql.setAuditHead.run(hash, organizationId);
  sql.listEndpoints.all(organizationId);
}

function requestHash(input: UpdateInput): string {
  return createHash('sha256')
    .update(`${input.key.id} PATCH /v1/missions/${input.id}/status\n${JSON.stringify(input.body)}`)
    .digest('hex');
}

function mergeFeedback(stored: string | null, given: object | undefined): string | null {
  if (given === undefined) return stored;
  const previous = stored === null ? {} : (JSON.parse(stored) as object);
  return JSON.stringify({ ...previous, ...given });
}
