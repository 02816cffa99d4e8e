import { randomBytes } from 'node:crypto';

import { findLiveKey } from '../store/key-store.js';
import type { Db } from '../store/schema.js';
import {
  consumeStreamTicket,
  deleteExpiredStreamTickets,
  insertStreamTicket,
} from '../store/stream-ticket-store.js';
import { iso, type Actor } from './actor.js';
import { hashApiKey } from './api-key-secret.js';

export const STREAM_TICKET_TTL_MS = 60_000;

export interface StreamTicket {
  ticket: string;
  expires_at: string;
}

/**
 * A ticket a browser puts in the stream's URL instead of its key: 32 random
 * bytes, good once and for a minute, so a URL that leaks into a log is worthless.
 */
export async function issueStreamTicket(trx: Db, actor: Actor): Promise<StreamTicket> {
  const { principal } = actor;
  if (principal.keyId === null) throw new Error('only a key can ask for a stream ticket');

  const ticket = randomBytes(32).toString('base64url');
  const expiresAt = iso(new Date(actor.now.getTime() + STREAM_TICKET_TTL_MS));

  await deleteExpiredStreamTickets(trx, iso(actor.now));
  await insertStreamTicket(trx, {
    ticket_hash: hashApiKey(ticket),
    organization_id: principal.organizationId,
    key_id: principal.keyId,
    expires_at: expiresAt,
    created_at: iso(actor.now),
  });
  return { ticket, expires_at: expiresAt };
}

/** The live key a ticket was issued to, using the ticket up; undefined if it cannot be used. */
export async function redeemStreamTicket(db: Db, ticket: string, now: Date) {
  const redeemed = await consumeStreamTicket(db, hashApiKey(ticket), iso(now));
  if (!redeemed) return undefined;

  return findLiveKey(db, redeemed.organization_id, redeemed.key_id);
}
