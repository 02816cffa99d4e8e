import type { MissionStatus } from './mission-lifecycle.js';

/** What a crew member can text back, and the status each code sets. */
export const REPLY_CODES = {
  ACK: 'ACK',
  ROUTE: 'ON_ROUTE',
  SITE: 'ON_SITE',
  DONE: 'COMPLETED',
  FAIL: 'FAILED',
  BACKUP: 'BACKUP',
} as const satisfies Record<string, MissionStatus | 'BACKUP'>;

export type ReplyCode = keyof typeof REPLY_CODES;

export interface SmsReply {
  code: ReplyCode;
  /** Which of the sender's open missions, 1 for the oldest; needed only when he has several. */
  missionNumber: number | undefined;
  /** The words after the code: feedback, or FAIL's reason. */
  text: string;
}

// Phones add what people did not type: a trailing full stop, a capital letter, odd spaces.
const REPLY = /^\s*([a-z]+)\b\s*(?:#?\s*(\d{1,3})(?![\d/.,]))?[\s.,:;-]*(.*?)\s*$/is;

/** Reads a reply such as `SITE 2 stable bp 120/80`; undefined when no code starts it. */
export function parseSmsReply(body: string): SmsReply | undefined {
  const match = REPLY.exec(body.replace(/\s+/g, ' '));
  if (match === null) return undefined;

  const code = match[1]!.toUpperCase();
  if (!(code in REPLY_CODES)) return undefined;
  return {
    code: code as ReplyCode,
    missionNumber: match[2] === undefined ? undefined : Number(match[2]),
    text: match[3] ?? '',
  };
}

// The help must fit in a couple of texts, whatever the reply it answers held.
const MAX_PROBLEM_LENGTH = 160;

/** The answer to a reply Wede could not use: what went wrong, then how to write one. */
export function replyHelp(problem: string, example = 'SITE stable bp 120/80'): string {
  const said =
    problem.length <= MAX_PROBLEM_LENGTH ? problem : `${problem.slice(0, MAX_PROBLEM_LENGTH - 1)}…`;
  return (
    `WEDE: ${said}. Reply ACK, ROUTE, SITE, DONE, FAIL why, or BACKUP, ` +
    `then any details, e.g. "${example}".`
  );
}
