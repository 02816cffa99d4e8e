import { describe, expect, it } from 'vitest';

import type { MissionStatus } from '../../src/domain/mission-lifecycle.js';
import {
  resolvePermissions,
  type Permission,
  type Principal,
  type Role,
} from '../../src/domain/permissions.js';
import {
  SYSTEM_STATUSES,
  authorizeStatus,
  type AuthorityVerdict,
} from '../../src/domain/status-authority.js';

import { an, titled } from './titled.js';

const MISSION_TEAM = 'team-0001';
const OTHER_TEAM = 'team-0002';
const MISSION = { teamId: MISSION_TEAM };

type Binding = 'own team' | 'other team' | 'no member';

/** A key acting as a member of the given role, or a key of that role bound to nobody. */
function principal(role: Role, binding: Binding): Principal {
  if (binding === 'no member') {
    return {
      organizationId: 'org-1',
      keyId: 'key-1',
      memberId: null,
      teamId: null,
      role,
      permissions: resolvePermissions({ keyRole: role, keyPermissions: null, memberRole: null }),
    };
  }
  return {
    organizationId: 'org-1',
    keyId: 'key-1',
    memberId: 'member-1',
    teamId: binding === 'own team' ? MISSION_TEAM : OTHER_TEAM,
    role,
    permissions: resolvePermissions({ keyRole: null, keyPermissions: null, memberRole: role }),
  };
}

/** A key with an explicit permission list, acting for itself or as a member of a team. */
function keyWith(
  permissions: Permission[],
  member: { role: Role | null; teamId: string | null } | null,
): Principal {
  return {
    organizationId: 'org-1',
    keyId: 'key-2',
    memberId: member === null ? null : 'member-2',
    teamId: member?.teamId ?? null,
    role: member?.role ?? null,
    permissions: resolvePermissions({
      keyRole: null,
      keyPermissions: permissions,
      memberRole: member?.role ?? null,
    }),
  };
}

const STATUSES: MissionStatus[] = [
  'CREATED',
  'SENT',
  'ACK',
  'ON_ROUTE',
  'ON_SITE',
  'COMPLETED',
  'FAILED',
];

// Expected verdicts, written out from the rules, for the statuses in STATUSES order.
//   sys   refused: system_status (only Wede sets CREATED and SENT)
//   ok    allowed
//   op    refused: not_team_operator (field statuses need missions:receive on the team)
//   perm  refused: no_permission (final statuses need the team's operator or missions:manage)
type Cell = 'sys' | 'ok' | 'op' | 'perm';
const EXPECTED: Record<Role, Record<Binding, Cell[]>> = {
  operator: {
    'own team': ['sys', 'sys', 'ok', 'ok', 'ok', 'ok', 'ok'],
    'other team': ['sys', 'sys', 'op', 'op', 'op', 'perm', 'perm'],
    'no member': ['sys', 'sys', 'op', 'op', 'op', 'perm', 'perm'],
  },
  supervisor: {
    'own team': ['sys', 'sys', 'op', 'op', 'op', 'ok', 'ok'],
    'other team': ['sys', 'sys', 'op', 'op', 'op', 'ok', 'ok'],
    'no member': ['sys', 'sys', 'op', 'op', 'op', 'ok', 'ok'],
  },
  // Dispatchers complete or fail missions (missions:manage) but carry none.
  dispatcher: {
    'own team': ['sys', 'sys', 'op', 'op', 'op', 'ok', 'ok'],
    'other team': ['sys', 'sys', 'op', 'op', 'op', 'ok', 'ok'],
    'no member': ['sys', 'sys', 'op', 'op', 'op', 'ok', 'ok'],
  },
  // An admin holds every permission, missions:receive included, so as a member of the
  // mission's team he may also report the field statuses.
  admin: {
    'own team': ['sys', 'sys', 'ok', 'ok', 'ok', 'ok', 'ok'],
    'other team': ['sys', 'sys', 'op', 'op', 'op', 'ok', 'ok'],
    'no member': ['sys', 'sys', 'op', 'op', 'op', 'ok', 'ok'],
  },
};

const VERDICT: Record<Cell, AuthorityVerdict> = {
  sys: { allowed: false, reason: 'system_status' },
  ok: { allowed: true },
  op: { allowed: false, reason: 'not_team_operator' },
  perm: { allowed: false, reason: 'no_permission' },
};

const WHO: Record<Binding, string> = {
  'own team': "of the mission's team",
  'other team': 'of another team',
  'no member': 'key bound to no member',
};

const CASES = (Object.keys(EXPECTED) as Role[]).flatMap((role) =>
  (Object.keys(EXPECTED[role]) as Binding[]).flatMap((binding) =>
    STATUSES.map((to, column) => {
      const cell = EXPECTED[role][binding][column]!;
      const verdict = VERDICT[cell];
      const outcome = verdict.allowed ? `may set ${to}` : `may not set ${to} (${verdict.reason})`;
      const subject = `${role} ${WHO[binding]}`;
      return { title: `${an(subject)} ${outcome}`, role, binding, to, expected: VERDICT[cell] };
    }),
  ),
);

describe('authorizeStatus for every role, binding and target status', () => {
  it.each(titled(CASES, (r) => r.title))('%s', (_title, { role, binding, to, expected }) => {
    expect(authorizeStatus(principal(role, binding), MISSION, to)).toEqual(expected);
  });
});

describe('authorizeStatus beyond the roles', () => {
  it('names CREATED and SENT as the statuses only Wede sets', () => {
    expect([...SYSTEM_STATUSES].sort()).toEqual(['CREATED', 'SENT']);
  });

  it.each(['CREATED', 'SENT'] as const)(
    "refuses %s even to a key holding every permission on the mission's team",
    (to) => {
      const all = principal('admin', 'own team');
      expect(authorizeStatus(all, MISSION, to)).toEqual({
        allowed: false,
        reason: 'system_status',
      });
    },
  );

  it.each(['ACK', 'ON_ROUTE', 'ON_SITE', 'COMPLETED', 'FAILED'] as const)(
    'a member with missions:receive but no team may not set %s',
    (to) => {
      const teamless = keyWith(['missions:receive'], { role: 'operator', teamId: null });
      expect(authorizeStatus(teamless, MISSION, to).allowed).toBe(false);
    },
  );

  it.each(['ACK', 'ON_ROUTE', 'ON_SITE'] as const)(
    'an operator whose key was narrowed to missions:view may not set %s for his team',
    (to) => {
      const narrowed = keyWith(['missions:view'], { role: 'operator', teamId: MISSION_TEAM });
      expect(authorizeStatus(narrowed, MISSION, to)).toEqual({
        allowed: false,
        reason: 'not_team_operator',
      });
    },
  );

  it.each(['COMPLETED', 'FAILED'] as const)(
    'an operator whose key was narrowed to missions:view may not set %s for his team',
    (to) => {
      const narrowed = keyWith(['missions:view'], { role: 'operator', teamId: MISSION_TEAM });
      expect(authorizeStatus(narrowed, MISSION, to)).toEqual({
        allowed: false,
        reason: 'no_permission',
      });
    },
  );

  it.each(['ACK', 'ON_ROUTE', 'ON_SITE'] as const)(
    'an unbound key holding only missions:manage may not set the field status %s',
    (to) => {
      expect(authorizeStatus(keyWith(['missions:manage'], null), MISSION, to)).toEqual({
        allowed: false,
        reason: 'not_team_operator',
      });
    },
  );

  it.each(['COMPLETED', 'FAILED'] as const)(
    'an unbound key holding only missions:manage may set %s',
    (to) => {
      expect(authorizeStatus(keyWith(['missions:manage'], null), MISSION, to)).toEqual({
        allowed: true,
      });
    },
  );

  it.each(['ACK', 'ON_ROUTE', 'ON_SITE', 'COMPLETED', 'FAILED'] as const)(
    'an operator key narrowed to missions:receive may set %s for his own team',
    (to) => {
      const narrowed = keyWith(['missions:receive'], { role: 'operator', teamId: MISSION_TEAM });
      expect(authorizeStatus(narrowed, MISSION, to)).toEqual({ allowed: true });
    },
  );

  it.each(['ACK', 'ON_ROUTE', 'ON_SITE', 'COMPLETED', 'FAILED'] as const)(
    'a key holding every permission but missions:receive and missions:manage may not set %s',
    (to) => {
      const rest = keyWith(
        ['missions:view', 'missions:backup', 'teams:dispatch', 'teams:manage', 'events:manage'],
        { role: null, teamId: MISSION_TEAM },
      );
      expect(authorizeStatus(rest, MISSION, to).allowed).toBe(false);
    },
  );

  it('compares team ids exactly, so a look-alike team id is another team', () => {
    const operator = principal('operator', 'own team');
    expect(authorizeStatus(operator, { teamId: `${MISSION_TEAM} ` }, 'ACK').allowed).toBe(false);
    expect(authorizeStatus(operator, { teamId: MISSION_TEAM.toUpperCase() }, 'ACK').allowed).toBe(
      false,
    );
  });
});
