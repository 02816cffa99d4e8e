import type { Principal } from '../domain/permissions.js';

export type Channel = 'api' | 'sms' | 'internet' | 'system';

/**
 * Who makes a change, when, and through which channel. `now` is fixed once per
 * request so every row a change writes carries the same time, and tests can set it.
 */
export interface Actor {
  principal: Principal;
  now: Date;
  channel: Channel;
}

export function iso(date: Date): string {
  return date.toISOString();
}

/** Wede itself acting, with no key behind it: the delivery engine, timers, providers. */
export function systemActor(organizationId: string, now: Date, channel: Channel): Actor {
  return {
    principal: {
      organizationId,
      keyId: null,
      memberId: null,
      teamId: null,
      role: null,
      permissions: new Set(),
    },
    now,
    channel,
  };
}
