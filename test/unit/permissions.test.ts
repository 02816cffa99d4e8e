import { describe, expect, it } from 'vitest';

import {
  PERMISSIONS,
  ROLES,
  can,
  isPermission,
  isRole,
  mayBackdate,
  permissionsOf,
  resolvePermissions,
  seesWholeOrganization,
  type Permission,
  type Principal,
  type Role,
} from '../../src/domain/permissions.js';

import { an, titled } from './titled.js';

const OPERATOR: Permission[] = [
  'missions:view',
  'missions:receive',
  'missions:backup',
  'teams:view',
  'teams:location',
];

const SUPERVISOR: Permission[] = [
  'missions:view',
  'missions:manage',
  'teams:view',
  'teams:manage',
  'teams:dispatch',
  'teams:location',
  'events:view',
  'events:manage',
  'members:view',
  'members:manage',
];

const DISPATCHER: Permission[] = [
  'missions:view',
  'missions:manage',
  'teams:view',
  'teams:dispatch',
  'events:view',
  'events:manage',
  'members:view',
];

const sorted = (permissions: Iterable<Permission>) => [...permissions].sort();

describe('the permission and role names', () => {
  it.each(['missions:view', 'missions:manage', 'missions:receive'])(
    'includes the spec permission %s',
    (permission) => {
      expect(PERMISSIONS).toContain(permission);
    },
  );

  it.each([
    'teams:dispatch',
    'events:manage',
    'webhooks:manage',
    'missions:backup',
    'teams:location',
  ])('includes the design permission %s', (permission) => {
    expect(PERMISSIONS).toContain(permission);
  });

  it('names each permission once', () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });

  it('has exactly the four roles of the design', () => {
    expect([...ROLES].sort()).toEqual(['admin', 'dispatcher', 'operator', 'supervisor']);
  });
});

describe('isPermission', () => {
  it.each([...PERMISSIONS])('accepts %s', (permission) => {
    expect(isPermission(permission)).toBe(true);
  });

  it.each([
    '',
    'missions',
    'missions:',
    'missions:*',
    '*',
    'MISSIONS:VIEW',
    'missions:view ',
    'mission:view',
    'missions:delete',
    'admin',
    'toString',
  ])('refuses %j', (value) => {
    expect(isPermission(value)).toBe(false);
  });
});

describe('isRole', () => {
  it.each(['admin', 'supervisor', 'dispatcher', 'operator'])('accepts %s', (value) => {
    expect(isRole(value)).toBe(true);
  });

  it.each(['', 'Admin', 'OPERATOR', 'root', 'owner', 'integrator', 'operator ', 'constructor'])(
    'refuses %j',
    (value) => {
      expect(isRole(value)).toBe(false);
    },
  );
});

describe('permissionsOf', () => {
  const GRANTS: Record<Role, readonly Permission[]> = {
    admin: PERMISSIONS,
    supervisor: SUPERVISOR,
    dispatcher: DISPATCHER,
    operator: OPERATOR,
  };

  const MATRIX = ROLES.flatMap((role) =>
    PERMISSIONS.map((permission) => ({
      role,
      permission,
      granted: GRANTS[role].includes(permission),
      verb: GRANTS[role].includes(permission) ? 'holds' : 'does not hold',
    })),
  );

  it.each(titled(MATRIX, (r) => `${an(r.role)} ${r.verb} ${r.permission}`))(
    '%s',
    (_title, { role, permission, granted }) => {
      expect(permissionsOf(role).includes(permission)).toBe(granted);
    },
  );

  it('gives an operator exactly the field permissions', () => {
    expect(sorted(permissionsOf('operator'))).toEqual(sorted(OPERATOR));
  });

  it.each(['missions:manage', 'teams:dispatch'] as const)(
    'does not let an operator hold %s',
    (permission) => {
      expect(permissionsOf('operator')).not.toContain(permission);
    },
  );

  it('gives an admin every permission there is', () => {
    expect(sorted(permissionsOf('admin'))).toEqual(sorted(PERMISSIONS));
  });

  it('lets a supervisor manage missions but not receive them as a field operator', () => {
    expect(permissionsOf('supervisor')).toContain('missions:manage');
    expect(permissionsOf('supervisor')).not.toContain('missions:receive');
  });

  it.each(ROLES)('lets the %s role view missions', (role) => {
    expect(permissionsOf(role)).toContain('missions:view');
  });
});

describe('resolvePermissions', () => {
  it.each(ROLES)('grants a key with only the role %s exactly that role', (role) => {
    const granted = resolvePermissions({ keyRole: role, keyPermissions: null, memberRole: null });
    expect(sorted(granted)).toEqual(sorted(permissionsOf(role)));
  });

  it.each(ROLES)('grants a key bound to a member with the role %s exactly that role', (role) => {
    const granted = resolvePermissions({ keyRole: null, keyPermissions: null, memberRole: role });
    expect(sorted(granted)).toEqual(sorted(permissionsOf(role)));
  });

  it.each([
    ['grants a key listing only missions:view exactly that', ['missions:view']],
    [
      'grants a key listing two admin permissions exactly those',
      ['keys:manage', 'webhooks:manage'],
    ],
    [
      'grants a key listing three field permissions exactly those',
      ['missions:view', 'missions:receive', 'teams:location'],
    ],
    ['grants a key listing every permission every permission', [...PERMISSIONS]],
  ] as [string, Permission[]][])('%s', (_title, list) => {
    const granted = resolvePermissions({ keyRole: null, keyPermissions: list, memberRole: null });
    expect(sorted(granted)).toEqual(sorted(list));
  });

  it('grants nothing to a key with an empty explicit list', () => {
    const granted = resolvePermissions({ keyRole: null, keyPermissions: [], memberRole: null });
    expect(granted.size).toBe(0);
  });

  it('grants nothing to a key with neither a role nor a list nor a member', () => {
    const granted = resolvePermissions({ keyRole: null, keyPermissions: null, memberRole: null });
    expect(granted.size).toBe(0);
  });

  it.each(
    titled(
      [
        { keyRole: 'admin', memberRole: 'operator' },
        { keyRole: 'supervisor', memberRole: 'operator' },
        { keyRole: 'operator', memberRole: 'supervisor' },
        { keyRole: 'dispatcher', memberRole: 'admin' },
        { keyRole: 'admin', memberRole: 'dispatcher' },
      ] as const,
      (r) => `lets the ${r.memberRole} role of the member override the ${r.keyRole} key role`,
    ),
  )('%s', (_title, { keyRole, memberRole }) => {
    const granted = resolvePermissions({ keyRole, keyPermissions: null, memberRole });
    expect(sorted(granted)).toEqual(sorted(permissionsOf(memberRole)));
  });

  it.each(
    titled(
      [
        {
          title: 'narrows a supervisor key to the listed permissions',
          keyRole: 'supervisor',
          memberRole: null,
          list: ['missions:view', 'missions:manage'],
          expected: ['missions:manage', 'missions:view'],
        },
        {
          title: 'drops listed permissions an operator key does not hold',
          keyRole: 'operator',
          memberRole: null,
          list: ['missions:view', 'missions:manage', 'keys:manage'],
          expected: ['missions:view'],
        },
        {
          title: 'drops listed permissions a dispatcher key does not hold',
          keyRole: 'dispatcher',
          memberRole: null,
          list: ['teams:dispatch', 'missions:receive', 'keys:manage'],
          expected: ['teams:dispatch'],
        },
        {
          title: 'narrows to nothing when no listed permission belongs to the role',
          keyRole: 'operator',
          memberRole: null,
          list: ['missions:manage', 'webhooks:manage'],
          expected: [],
        },
        {
          title: 'narrows against the member role, not the wider key role',
          keyRole: 'admin',
          memberRole: 'operator',
          list: ['missions:manage', 'missions:receive'],
          expected: ['missions:receive'],
        },
        {
          title: 'narrows a member-bound key without a key role against the member role',
          keyRole: null,
          memberRole: 'operator',
          list: ['missions:view', 'keys:manage', 'teams:dispatch'],
          expected: ['missions:view'],
        },
        {
          title: 'narrows an admin key to the listed permissions',
          keyRole: 'admin',
          memberRole: null,
          list: ['webhooks:manage'],
          expected: ['webhooks:manage'],
        },
      ] as const,
      (r) => `${r.title}`,
    ),
  )('%s', (_title, { keyRole, memberRole, list, expected }) => {
    const granted = resolvePermissions({ keyRole, keyPermissions: list, memberRole });
    expect(sorted(granted)).toEqual(expected);
  });

  it('never grants more than the role holds, whatever the list says', () => {
    for (const role of ROLES) {
      const granted = resolvePermissions({
        keyRole: role,
        keyPermissions: [...PERMISSIONS],
        memberRole: null,
      });
      expect(sorted(granted), role).toEqual(sorted(permissionsOf(role)));
    }
  });

  it('counts a permission listed twice once', () => {
    const granted = resolvePermissions({
      keyRole: null,
      keyPermissions: ['missions:view', 'missions:view'],
      memberRole: null,
    });
    expect(sorted(granted)).toEqual(['missions:view']);
  });

  it('hands out a fresh set, so changing one grant leaves the role untouched', () => {
    const first = resolvePermissions({
      keyRole: 'operator',
      keyPermissions: null,
      memberRole: null,
    });
    first.add('missions:manage');
    const second = resolvePermissions({
      keyRole: 'operator',
      keyPermissions: null,
      memberRole: null,
    });
    expect(second.has('missions:manage')).toBe(false);
    expect(permissionsOf('operator')).not.toContain('missions:manage');
  });
});

function principal(input: {
  memberId: string | null;
  teamId?: string | null;
  keyRole?: Role | null;
  memberRole?: Role | null;
  list?: readonly Permission[] | null;
}): Principal {
  const keyRole = input.keyRole ?? null;
  const memberRole = input.memberRole ?? null;
  return {
    organizationId: 'org-1',
    keyId: 'key-1',
    memberId: input.memberId,
    teamId: input.teamId ?? null,
    role: memberRole ?? keyRole,
    permissions: resolvePermissions({ keyRole, keyPermissions: input.list ?? null, memberRole }),
  };
}

describe('can', () => {
  it('answers from the principal permission set', () => {
    const operator = principal({ memberId: 'm-1', teamId: 't-1', memberRole: 'operator' });
    expect(can(operator, 'missions:receive')).toBe(true);
    expect(can(operator, 'missions:manage')).toBe(false);
  });
});

describe('seesWholeOrganization', () => {
  it.each(
    titled(
      [
        { who: 'an unbound admin key', memberId: null, keyRole: 'admin' },
        { who: 'an unbound supervisor key', memberId: null, keyRole: 'supervisor' },
        { who: 'an unbound dispatcher key', memberId: null, keyRole: 'dispatcher' },
        { who: 'an unbound operator key', memberId: null, keyRole: 'operator' },
        { who: 'an unbound key with only missions:view', memberId: null, list: ['missions:view'] },
        {
          who: 'a supervisor member on a team',
          memberId: 'm-1',
          teamId: 't-1',
          memberRole: 'supervisor',
        },
        { who: 'a supervisor member with no team', memberId: 'm-1', memberRole: 'supervisor' },
        {
          who: 'a dispatcher member on a team',
          memberId: 'm-1',
          teamId: 't-1',
          memberRole: 'dispatcher',
        },
        { who: 'a dispatcher member with no team', memberId: 'm-1', memberRole: 'dispatcher' },
        { who: 'an admin member on a team', memberId: 'm-1', teamId: 't-1', memberRole: 'admin' },
      ] as const,
      (r) => `lets ${r.who} see the whole organization`,
    ),
  )('%s', (_title, input) => {
    expect(seesWholeOrganization(principal(input))).toBe(true);
  });

  it.each(
    titled(
      [
        {
          who: 'an operator member on a team',
          memberId: 'm-1',
          teamId: 't-1',
          memberRole: 'operator',
        },
        { who: 'an operator member with no team', memberId: 'm-1', memberRole: 'operator' },
        {
          who: 'an operator member whose key has an admin role',
          memberId: 'm-1',
          teamId: 't-1',
          keyRole: 'admin',
          memberRole: 'operator',
        },
      ] as const,
      (r) => `limits ${r.who} to his own team`,
    ),
  )('%s', (_title, input) => {
    expect(seesWholeOrganization(principal(input))).toBe(false);
  });
});

describe('mayBackdate', () => {
  it.each(['admin', 'supervisor'] as const)('lets a %s key give a past time', (role) => {
    expect(mayBackdate(principal({ memberId: null, keyRole: role }))).toBe(true);
  });

  it.each(['dispatcher', 'operator'] as const)('refuses a %s member a past time', (role) => {
    expect(mayBackdate(principal({ memberId: 'm-1', memberRole: role }))).toBe(false);
  });

  it('goes by the member role of a key bound to a member, not the key role', () => {
    const boundDispatcher = principal({
      memberId: 'm-1',
      keyRole: 'admin',
      memberRole: 'dispatcher',
    });
    expect(mayBackdate(boundDispatcher)).toBe(false);
  });

  it('keeps the right for a supervisor key narrowed to a few permissions', () => {
    const narrowed = principal({ memberId: null, keyRole: 'supervisor', list: ['events:manage'] });
    expect(mayBackdate(narrowed)).toBe(true);
  });

  it('refuses a key with a bare permission list and no role', () => {
    const bare = principal({ memberId: null, list: ['events:manage', 'teams:dispatch'] });
    expect(mayBackdate(bare)).toBe(false);
  });
});
