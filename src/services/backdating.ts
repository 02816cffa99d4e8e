import { HISTORY_ROLES, mayBackdate } from '../domain/permissions.js';
import { WedeError } from '../domain/wede-error.js';
import type { Actor } from './actor.js';

/** Refuses (403) an `occurred_at` from a caller who may not record past times. */
export function assertMayBackdate(actor: Actor, what: string): void {
  if (mayBackdate(actor.principal)) return;

  throw new WedeError(
    'forbidden',
    `only ${HISTORY_ROLES.join(' and ')} keys may give ${what} an occurred_at`,
    { field: 'occurred_at', roles: HISTORY_ROLES },
  );
}
