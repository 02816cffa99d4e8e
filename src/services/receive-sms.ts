import type { Kysely } from 'kysely';

import type { DeliverySettings } from '../config/load-config.js';
import { feedbackParserFor } from '../domain/feedback/feedback-parsers.js';
import { ACTIVE_STATUSES } from '../domain/mission-lifecycle.js';
import { isRole, resolvePermissions, type Principal } from '../domain/permissions.js';
import { parseSmsReply, REPLY_CODES, replyHelp } from '../domain/sms-reply.js';
import { WedeError } from '../domain/wede-error.js';
import { inTransaction } from '../store/database.js';
import {
  findInboundSms,
  findMembersByPhone,
  findMembersByPhoneAnywhere,
  insertSms,
  listOpenMissionsOfMember,
} from '../store/delivery-store.js';
import type { MissionRow } from '../store/mission-store.js';
import { newId } from '../store/new-id.js';
import { lockOrganizationWrites } from '../store/organization-store.js';
import type { Db, MemberTable, Schema, SmsMessageTable } from '../store/schema.js';
import { findTeam } from '../store/team-store.js';
import type { Actor } from './actor.js';
import { dispatchTeam } from './dispatch-team.js';
import { updateMissionStatus } from './update-mission-status.js';

export interface InboundSms {
  from: string;
  to: string;
  body: string;
  /** The provider's id of the message: a callback sent twice is handled once. */
  providerId?: string | undefined;
}

export type InboundOutcome =
  'applied' | 'backup_dispatched' | 'not_understood' | 'refused' | 'unknown_sender';

export interface InboundResult {
  outcome: InboundOutcome;
  mission_id: string | null;
  status: string | null;
  /** The text sent back to the sender; null for a number Wede does not know. */
  reply: string | null;
  /** True when this message had been received before and nothing was done again. */
  duplicate: boolean;
}

interface Decision {
  result: Omit<InboundResult, 'duplicate'>;
  member: MemberTable | undefined;
}

// As for the API's `reason`.
const MAX_REASON_LENGTH = 500;

/** A reply refused by the same rules as the API, after a write was attempted. */
class RefusedReply extends Error {
  constructor(
    readonly problem: string,
    readonly missionId: string,
    readonly member: MemberTable,
  ) {
    super(problem);
  }
}

/**
 * A text from a crew member's phone, applied as that member with the same
 * permission and lifecycle rules as the API: `ACK`, `ROUTE`, `SITE`, `DONE`,
 * `FAIL why`, `BACKUP`, with free text read by the mission vertical's feedback
 * parser. The sender is answered by text; an unknown number gets nothing.
 * Every received text is kept, whatever became of it.
 */
export async function receiveSms(
  db: Kysely<Schema>,
  organizationId: string,
  sms: InboundSms,
  now: Date,
  settings: DeliverySettings,
): Promise<InboundResult> {
  try {
    return await inTransaction(db, async (trx) => {
      await lockOrganizationWrites(trx, organizationId);
      if (sms.providerId !== undefined) {
        const seen = await findInboundSms(trx, organizationId, sms.providerId);
        if (seen !== undefined) return again(seen.status, seen.mission_id);
      }

      const decision = await decide(trx, organizationId, sms, now, settings);
      await keep(trx, organizationId, sms, now, settings, decision);
      return { ...decision.result, duplicate: false };
    });
  } catch (error) {
    if (!(error instanceof RefusedReply)) throw error;

    // The attempted change is rolled back; the text and the answer are still kept.
    const decision: Decision = {
      result: {
        outcome: 'refused',
        mission_id: error.missionId,
        status: null,
        reply: replyHelp(error.problem),
      },
      member: error.member,
    };
    return inTransaction(db, async (trx) => {
      await lockOrganizationWrites(trx, organizationId);
      // The same text may have been refused meanwhile by a retry running alongside.
      if (sms.providerId !== undefined) {
        const seen = await findInboundSms(trx, organizationId, sms.providerId);
        if (seen !== undefined) return again(seen.status, seen.mission_id);
      }
      await keep(trx, organizationId, sms, now, settings, decision);
      return { ...decision.result, duplicate: false };
    });
  }
}

/**
 * A text posted by the provider itself, signed rather than keyed: it names no
 * organization, so the sender's phone decides. A phone on members of two
 * organizations is answered by neither.
 */
export async function receiveProviderSms(
  db: Kysely<Schema>,
  sms: InboundSms,
  now: Date,
  settings: DeliverySettings,
): Promise<InboundResult | undefined> {
  const members = await findMembersByPhoneAnywhere(db, sms.from);
  const organizations = new Set(members.map((member) => member.organization_id));
  if (organizations.size !== 1) return undefined;

  return receiveSms(db, [...organizations][0]!, sms, now, settings);
}

function again(status: string, missionId: string | null): InboundResult {
  return {
    outcome: status as InboundOutcome,
    mission_id: missionId,
    status: null,
    reply: null,
    duplicate: true,
  };
}

async function decide(
  trx: Db,
  organizationId: string,
  sms: InboundSms,
  now: Date,
  settings: DeliverySettings,
): Promise<Decision> {
  const members = await findMembersByPhone(trx, organizationId, sms.from);
  // Two members sharing a phone cannot be told apart: acting as either could be wrong.
  if (members.length !== 1) {
    return { result: nothing('unknown_sender', null), member: undefined };
  }
  const member = members[0]!;
  const notUnderstood = (problem: string, missionId: string | null = null, example?: string) => ({
    result: { ...nothing('not_understood', missionId), reply: replyHelp(problem, example) },
    member,
  });

  const parsed = parseSmsReply(sms.body);
  if (parsed === undefined) return notUnderstood('no reply code found');

  const open = await listOpenMissionsOfMember(trx, organizationId, member, ACTIVE_STATUSES);
  if (open.length === 0) return notUnderstood('you have no open mission');
  // With one mission, a number after the code is part of the message ("ACK 5 min out").
  const reply =
    open.length === 1 && parsed.missionNumber !== undefined
      ? {
          ...parsed,
          missionNumber: undefined,
          text: `${parsed.missionNumber} ${parsed.text}`.trim(),
        }
      : parsed;
  if (open.length > 1 && reply.missionNumber === undefined) {
    return notUnderstood(
      `you have ${open.length} open missions; add its number, 1 for the oldest`,
      null,
      `${reply.code} 2`,
    );
  }
  const mission = open[(reply.missionNumber ?? 1) - 1];
  if (mission === undefined) {
    return notUnderstood(`you have no mission ${reply.missionNumber}, only 1 to ${open.length}`);
  }

  const actor: Actor = { principal: principalOf(member), now, channel: 'sms' };
  if (reply.code === 'BACKUP') return askBackup(trx, actor, mission, member, settings);

  const status = REPLY_CODES[reply.code];
  if (status === 'FAILED' && reply.text.length > MAX_REASON_LENGTH) {
    return notUnderstood(`the reason is over ${MAX_REASON_LENGTH} characters`, mission.id);
  }
  const parser = feedbackParserFor(mission.vertical);
  const reading =
    status === 'FAILED' ? { feedback: {}, problems: [] } : parser.readText(reply.text);
  if (reading.problems.length > 0) {
    return notUnderstood(reading.problems.join('; '), mission.id, `SITE ${parser.example}`);
  }

  const updated = await refusedAsReply(mission, member, () =>
    updateMissionStatus(trx, actor, mission.id, {
      status,
      feedback: Object.keys(reading.feedback).length > 0 ? reading.feedback : undefined,
      reason: status === 'FAILED' && reply.text !== '' ? reply.text : undefined,
    }),
  );
  const which = open.length > 1 ? ` for mission ${reply.missionNumber}` : '';
  return {
    result: {
      outcome: 'applied',
      mission_id: updated.id,
      status: updated.status,
      reply: `WEDE: ${updated.status} recorded${which}. Thank you.`,
    },
    member,
  };
}

async function askBackup(
  trx: Db,
  actor: Actor,
  mission: MissionRow,
  member: MemberTable,
  settings: DeliverySettings,
): Promise<Decision> {
  const { mission: backup } = await refusedAsReply(mission, member, () =>
    dispatchTeam(trx, actor, { event_id: mission.event_id, backup_of: mission.id }, settings),
  );
  const team = await findTeam(trx, backup.organization_id, backup.team_id);
  return {
    result: {
      outcome: 'backup_dispatched',
      mission_id: mission.id,
      status: mission.status,
      reply: `WEDE: backup dispatched: ${team?.name ?? 'a team'} is on its way.`,
    },
    member,
  };
}

async function refusedAsReply<T>(
  mission: MissionRow,
  member: MemberTable,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof WedeError) throw new RefusedReply(error.message, mission.id, member);
    throw error;
  }
}

function nothing(outcome: InboundOutcome, missionId: string | null) {
  return { outcome, mission_id: missionId, status: null, reply: null };
}

/** The member as if his own key were used: his role, his team. */
function principalOf(member: MemberTable): Principal {
  const role = isRole(member.role) ? member.role : null;
  return {
    organizationId: member.organization_id,
    keyId: null,
    memberId: member.id,
    teamId: member.team_id,
    role,
    permissions: resolvePermissions({ keyRole: null, keyPermissions: null, memberRole: role }),
  };
}

/** Keeps the received text with what became of it, and queues the answer. */
async function keep(
  trx: Db,
  organizationId: string,
  sms: InboundSms,
  now: Date,
  settings: DeliverySettings,
  decision: Decision,
): Promise<void> {
  const at = now.toISOString();
  const { result, member } = decision;
  const rows: SmsMessageTable[] = [
    {
      id: newId(),
      organization_id: organizationId,
      direction: 'in',
      to_number: sms.to,
      from_number: sms.from,
      body: sms.body,
      mission_id: result.mission_id,
      member_id: member?.id ?? null,
      status: result.outcome,
      provider_id: sms.providerId ?? null,
      error: null,
      created_at: at,
      updated_at: at,
    },
  ];
  if (result.reply !== null && member !== undefined) {
    // No mission on an answer: only a dispatch text marks a mission SENT when it leaves.
    rows.push({
      ...rows[0]!,
      id: newId(),
      direction: 'out',
      to_number: sms.from,
      from_number: settings.smsFrom,
      body: result.reply,
      mission_id: null,
      status: 'queued',
      provider_id: null,
    });
  }
  await insertSms(trx, rows);
}
