import { describe, expect, it } from 'vitest';

import {
  resolvePermissions,
  type Permission,
  type Principal,
  type Role,
} from '../../src/domain/permissions.js';
import {
  followChange,
  streamViewerOf,
  type StreamChange,
  type StreamViewer,
} from '../../src/domain/stream-visibility.js';
import { titled } from './titled.js';

function principal(
  role: Role | null,
  options: { member?: boolean; teamId?: string | null; permissions?: Permission[] } = {},
): Principal {
  const member = options.member ?? false;
  return {
    organizationId: 'org',
    keyId: 'key',
    memberId: member ? 'member' : null,
    teamId: member ? (options.teamId ?? null) : null,
    role,
    permissions: resolvePermissions({
      keyRole: member ? null : role,
      keyPermissions: options.permissions ?? null,
      memberRole: member ? role : null,
    }),
  };
}

const missionCreated = (teamId: string, eventId: string): StreamChange => ({
  action: 'mission.created',
  entityType: 'mission',
  data: { mission_id: 'm', team_id: teamId, event_id: eventId },
});
const missionUpdated = (teamId: string, eventId: string): StreamChange => ({
  ...missionCreated(teamId, eventId),
  action: 'mission.status_updated',
});
const eventClosed = (eventId: string): StreamChange => ({
  action: 'event.closed',
  entityType: 'event',
  data: { event_id: eventId },
});
const teamCreated: StreamChange = { action: 'team.created', entityType: 'team', data: {} };
const keyCreated: StreamChange = { action: 'key.created', entityType: 'key', data: {} };
const webhookCreated: StreamChange = {
  action: 'webhook.created',
  entityType: 'webhook',
  data: {},
};

const teamViewer = (eventIds: string[] = []): StreamViewer => ({
  scope: 'team',
  teamId: 'blue',
  eventIds: new Set(eventIds),
});

describe('streamViewerOf', () => {
  it.each(titled(['admin', 'supervisor', 'dispatcher'] as const, (role) => `a ${role} key`))(
    '%s follows the missions, events and teams of the organization',
    (_title, role) => {
      const viewer = streamViewerOf(principal(role));

      expect(viewer).toEqual({
        scope: 'organization',
        entities: new Set(['mission', 'event', 'team']),
      });
    },
  );

  it('a dispatcher bound to a member of a team still follows the whole organization', () => {
    const viewer = streamViewerOf(principal('dispatcher', { member: true, teamId: 'blue' }));

    expect(viewer.scope).toBe('organization');
  });

  it("an operator's device follows its team, starting with the events it is on", () => {
    const viewer = streamViewerOf(principal('operator', { member: true, teamId: 'blue' }), ['e1']);

    expect(viewer).toEqual(teamViewer(['e1']));
  });

  it('an operator without a team follows nothing', () => {
    expect(streamViewerOf(principal('operator', { member: true }))).toEqual({ scope: 'nothing' });
  });

  it('a key limited to teams:view follows teams only', () => {
    const viewer = streamViewerOf(principal(null, { permissions: ['teams:view'] }));

    expect(viewer).toEqual({ scope: 'organization', entities: new Set(['team']) });
  });

  it('an operator key narrowed to teams:location follows nothing', () => {
    const narrowed = principal('operator', {
      member: true,
      teamId: 'blue',
      permissions: ['teams:location'],
    });

    expect(streamViewerOf(narrowed)).toEqual({ scope: 'nothing' });
  });
});

const ORGANIZATION: StreamViewer = {
  scope: 'organization',
  entities: new Set(['mission', 'event', 'team']),
};

describe('followChange', () => {
  const rows: { title: string; viewer: StreamViewer; change: StreamChange; visible: boolean }[] = [
    {
      title: 'a console sees a mission of any team',
      viewer: ORGANIZATION,
      change: missionCreated('red', 'e9'),
      visible: true,
    },
    { title: 'a console sees a team', viewer: ORGANIZATION, change: teamCreated, visible: true },
    {
      title: 'a console sees an event closing',
      viewer: ORGANIZATION,
      change: eventClosed('e1'),
      visible: true,
    },
    {
      title: 'a console never sees keys',
      viewer: ORGANIZATION,
      change: keyCreated,
      visible: false,
    },
    {
      title: 'a console never sees webhook settings',
      viewer: ORGANIZATION,
      change: webhookCreated,
      visible: false,
    },
    {
      title: 'a device sees a new mission of its team',
      viewer: teamViewer(),
      change: missionCreated('blue', 'e1'),
      visible: true,
    },
    {
      title: "a device sees its team's mission change status",
      viewer: teamViewer(),
      change: missionUpdated('blue', 'e1'),
      visible: true,
    },
    {
      title: 'a device sees a backup of another team on its event',
      viewer: teamViewer(['e1']),
      change: missionCreated('red', 'e1'),
      visible: true,
    },
    {
      title: "a device sees the backup's status changes",
      viewer: teamViewer(['e1']),
      change: missionUpdated('red', 'e1'),
      visible: true,
    },
    {
      title: "a device does not see another team's mission on another event",
      viewer: teamViewer(['e1']),
      change: missionCreated('red', 'e2'),
      visible: false,
    },
    {
      title: 'a device does not see teams',
      viewer: teamViewer(),
      change: teamCreated,
      visible: false,
    },
    {
      title: 'a device does not see events close',
      viewer: teamViewer(['e1']),
      change: eventClosed('e1'),
      visible: false,
    },
    {
      title: 'a viewer of nothing sees no mission',
      viewer: { scope: 'nothing' },
      change: missionCreated('blue', 'e1'),
      visible: false,
    },
  ];

  it.each(titled(rows, (row) => row.title))('%s', (_title, row) => {
    expect(followChange(row.viewer, row.change).visible).toBe(row.visible);
  });

  it('a device follows the event of a new mission of its team, and sees its backups', () => {
    const joined = followChange(teamViewer(), missionCreated('blue', 'e1')).viewer;

    expect(followChange(joined, missionCreated('red', 'e1')).visible).toBe(true);
  });

  it('a device stops following an event once it closes', () => {
    const closed = followChange(teamViewer(['e1']), eventClosed('e1')).viewer;

    expect(closed).toEqual(teamViewer());
    expect(followChange(closed, missionCreated('red', 'e1')).visible).toBe(false);
  });

  it('leaves the viewer it was given unchanged', () => {
    const viewer = teamViewer();
    followChange(viewer, missionCreated('blue', 'e1'));

    expect(viewer).toEqual(teamViewer());
  });
});

describe('a team device after its own mission ends', () => {
  const ended = (status: string): StreamChange => ({
    action: 'mission.status_updated',
    entityType: 'mission',
    data: { mission_id: 'm', team_id: 'team-a', event_id: 'event-1', status },
  });

  it.each(['COMPLETED', 'FAILED'])(
    'sees its mission %s, then no more of the backups on that event',
    (status) => {
      const viewer: StreamViewer = { scope: 'team', teamId: 'team-a', eventIds: new Set() };
      const joined = followChange(viewer, missionCreated('team-a', 'event-1')).viewer;
      expect(followChange(joined, missionUpdated('team-b', 'event-1')).visible).toBe(true);

      const done = followChange(joined, ended(status));
      expect(done.visible).toBe(true);
      expect(followChange(done.viewer, missionUpdated('team-b', 'event-1')).visible).toBe(false);
      expect(followChange(done.viewer, missionCreated('team-c', 'event-1')).visible).toBe(false);
    },
  );

  it('keeps following while its mission is only moving on', () => {
    const viewer: StreamViewer = { scope: 'team', teamId: 'team-a', eventIds: new Set() };
    const joined = followChange(viewer, missionCreated('team-a', 'event-1')).viewer;
    const onSite = followChange(joined, ended('ON_SITE')).viewer;
    expect(followChange(onSite, missionUpdated('team-b', 'event-1')).visible).toBe(true);
  });
});
