import { describe, expect, it } from 'vitest';

import {
  beyondOwn,
  mayAssignRole,
  resolvePermissions,
  type Principal,
  type Role,
} from '../../src/domain/permissions.js';

function principal(
  role: Role,
  permissions = resolvePermissions({
    keyRole: role,
    keyPermissions: null,
    memberRole: null,
  }),
): Principal {
  return { organizationId: 'o', keyId: 'k', memberId: null, teamId: null, role, permissions };
}

describe('who may give a member a role', () => {
  it.each([
    ['supervisor', null, 'operator', true],
    ['supervisor', 'operator', 'supervisor', true],
    ['supervisor', 'dispatcher', 'operator', true],
    ['supervisor', null, 'admin', false],
    ['supervisor', 'supervisor', 'admin', false],
    ['supervisor', 'admin', 'operator', false],
    ['admin', null, 'admin', true],
    ['admin', 'admin', 'operator', true],
  ] as const)('a %s changing %s to %s: %s', (caller, from, to, allowed) => {
    expect(mayAssignRole(principal(caller), from, to)).toBe(allowed);
  });

  it('refuses admin to a key listing every permission but one', () => {
    const almostAll = resolvePermissions({
      keyRole: 'admin',
      keyPermissions: ['members:manage', 'keys:manage'],
      memberRole: null,
    });

    expect(mayAssignRole(principal('admin', almostAll), null, 'admin')).toBe(false);
  });
});

describe('permissions beyond the caller', () => {
  it('names exactly the ones the caller lacks', () => {
    const supervisor = principal('supervisor');

    expect(beyondOwn(supervisor, ['missions:view', 'keys:manage', 'webhooks:manage'])).toEqual([
      'keys:manage',
      'webhooks:manage',
    ]);
  });

  it('is empty when the caller holds them all', () => {
    expect(beyondOwn(principal('admin'), ['keys:manage', 'missions:receive'])).toEqual([]);
  });
});
