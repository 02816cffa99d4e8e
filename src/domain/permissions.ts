/**
 * Permission names (the spec's, plus the ones the design adds) and the roles
 * that bundle them.
 */
export const PERMISSIONS = [
  'missions:view',
  'missions:manage',
  'missions:receive',
  'missions:backup',
  'teams:view',
  'teams:manage',
  'teams:dispatch',
  'teams:location',
  'events:view',
  'events:manage',
  'members:view',
  'members:manage',
  'keys:manage',
  'webhooks:manage',
  'channels:inbound',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'supervisor', 'dispatcher', 'operator'] as const;

export type Role = (typeof ROLES)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  supervisor: [
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
  ],
  // The design's dispatchers complete or fail missions (a unit cancelled en route).
  dispatcher: [
    'missions:view',
    'missions:manage',
    'teams:view',
    'teams:dispatch',
    'events:view',
    'events:manage',
    'members:view',
  ],
  operator: [
    'missions:view',
    'missions:receive',
    'missions:backup',
    'teams:view',
    'teams:location',
  ],
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

/**
 * Who is calling: an API key of one organization, acting for itself or, when
 * bound to a member, as that member with the member's team.
 */
export interface Principal {
  organizationId: string;
  keyId: string | null;
  memberId: string | null;
  teamId: string | null;
  role: Role | null;
  permissions: ReadonlySet<Permission>;
}

export function can(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission);
}

/**
 * The permissions a key grants. A key bound to a member acts with the member's
 * role; an explicit permission list can only narrow that, never widen it.
 */
export function resolvePermissions(input: {
  keyRole: Role | null;
  keyPermissions: readonly Permission[] | null;
  memberRole: Role | null;
}): Set<Permission> {
  const role = input.memberRole ?? input.keyRole;
  const granted = role ? permissionsOf(role) : PERMISSIONS;

  if (input.keyPermissions === null) return new Set(role ? granted : []);
  return new Set(input.keyPermissions.filter((permission) => granted.includes(permission)));
}

/**
 * A key bound to a member who neither dispatches nor manages missions (an
 * operator) sees only the member's team; every other key sees the organization.
 */
export function seesWholeOrganization(principal: Principal): boolean {
  if (principal.memberId === null) return true;
  return can(principal, 'missions:manage') || can(principal, 'teams:dispatch');
}

/** The permissions in `granted` that `principal` does not hold itself. */
export function beyondOwn(principal: Principal, granted: Iterable<Permission>): Permission[] {
  return [...granted].filter((permission) => !principal.permissions.has(permission));
}

// An operator's own rights reach no further than his team's missions, so giving
// someone the operator role does not need them.
const TEAM_BOUND: readonly Permission[] = ['missions:receive', 'missions:backup', 'teams:location'];

function holdsRole(principal: Principal, role: Role): boolean {
  const granted = permissionsOf(role).filter((permission) => !TEAM_BOUND.includes(permission));
  return beyondOwn(principal, granted).length === 0;
}

/**
 * Whether a principal may give a member the role `to`, taking `from` away. A
 * member's role is what every key bound to him can do, so it is a grant: the
 * caller must hold what both roles give (team-bound field rights aside).
 */
export function mayAssignRole(principal: Principal, from: Role | null, to: Role): boolean {
  return (from === null || holdsRole(principal, from)) && holdsRole(principal, to);
}

/** The roles that may record when something happened in the past (an import, a late entry). */
export const HISTORY_ROLES: readonly Role[] = ['admin', 'supervisor'];

/**
 * Whether a principal may give an event or a dispatch a time other than now.
 * Backdating rewrites what response-time reports measure, so it is a
 * supervisor's call: a key acting without a role (a bare permission list) may not.
 */
export function mayBackdate(principal: Principal): boolean {
  return principal.role !== null && HISTORY_ROLES.includes(principal.role);
}
