import type { FastifyReply, FastifyRequest } from 'fastify';

import {
  isPermission,
  isRole,
  resolvePermissions,
  type Permission,
  type Principal,
} from '../domain/permissions.js';
import { WedeError } from '../domain/wede-error.js';
import { findKeyByHash, type LiveKey } from '../store/key-store.js';
import type { Db } from '../store/schema.js';
import { hashApiKey } from '../services/api-key-secret.js';
import { redeemStreamTicket } from '../services/stream-tickets.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** The caller needs at least one of these; routes without it are public. */
    anyOf?: readonly Permission[];
    /** An SMS provider may call it without a key, signing the request instead. */
    providerSigned?: boolean;
    /** The route also takes a one-time stream ticket in the URL instead of a key. */
    ticketAccepted?: boolean;
  }
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** Resolves the bearer key into a principal, or refuses with 401. */
export async function authenticate(db: Db, request: FastifyRequest): Promise<Principal> {
  const match = BEARER.exec(request.headers.authorization ?? '');
  if (!match) throw new WedeError('unauthorized', 'send an API key as "Authorization: Bearer …"');

  const key = await findKeyByHash(db, hashApiKey(match[1]!));
  if (!key) throw new WedeError('unauthorized', 'the API key is not valid or was revoked');

  return principalOf(key);
}

/**
 * For the stream: a browser cannot set headers on a WebSocket, so it may bring
 * a one-time ticket in the URL instead, and then acts as the key that asked for it.
 */
export async function authenticateStream(
  db: Db,
  request: FastifyRequest,
  now: Date,
): Promise<Principal> {
  const { ticket } = request.query as { ticket?: unknown };
  if (ticket === undefined) return authenticate(db, request);

  const key = typeof ticket === 'string' ? await redeemStreamTicket(db, ticket, now) : undefined;
  if (!key) throw new WedeError('unauthorized', 'the ticket is not valid, expired or already used');

  return principalOf(key);
}

/** The principal a live key stands for now: its role, permissions and member's team. */
export function principalOf(key: LiveKey): Principal {
  const permissions =
    key.permissions === null
      ? null
      : (JSON.parse(key.permissions) as string[]).filter(isPermission);
  const memberRole = key.member_role !== null && isRole(key.member_role) ? key.member_role : null;
  const keyRole = key.role !== null && isRole(key.role) ? key.role : null;

  return {
    organizationId: key.organization_id,
    keyId: key.id,
    memberId: key.member_id,
    teamId: key.member_id === null ? null : key.member_team_id,
    role: memberRole ?? keyRole,
    permissions: resolvePermissions({ keyRole, keyPermissions: permissions, memberRole }),
  };
}

/** Refuses a caller that holds none of the route's permissions. */
export function authorize(request: FastifyRequest, _reply: FastifyReply, done: () => void) {
  // Only a provider-signed route is reached without a principal; its signature is checked next.
  if ((request.principal as Principal | null | undefined) == null) {
    if (request.routeOptions.config.providerSigned === true) return done();
    throw new WedeError('unauthorized', 'send an API key as "Authorization: Bearer …"');
  }
  const required = request.routeOptions.config.anyOf;
  if (required && !required.some((permission) => request.principal.permissions.has(permission))) {
    throw new WedeError('forbidden', `this needs the ${required.join(' or ')} permission`, {
      required,
    });
  }
  done();
}
