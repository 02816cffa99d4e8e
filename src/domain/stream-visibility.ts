import { can, seesWholeOrganization, type Permission, type Principal } from './permissions.js';

/** The part of an audit row that decides who may see it on the stream. */
export interface StreamChange {
  action: string;
  entityType: string;
  data: Record<string, unknown>;
}

export type StreamEntity = 'mission' | 'event' | 'team';

/**
 * What one connection follows. A console sees the whole organization's
 * missions, events and teams, as far as its permissions go; a field device sees
 * its team's missions and the other teams' missions on the events its team is
 * on (backups), so it must remember those events as its missions come.
 */
export type StreamViewer =
  | { scope: 'organization'; entities: ReadonlySet<StreamEntity> }
  | { scope: 'team'; teamId: string; eventIds: ReadonlySet<string> }
  | { scope: 'nothing' };

const VIEW_PERMISSION: Record<StreamEntity, Permission> = {
  mission: 'missions:view',
  event: 'events:view',
  team: 'teams:view',
};

/** The viewer a principal starts as; `teamEventIds` are the open events its team is on. */
export function streamViewerOf(
  principal: Principal,
  teamEventIds: Iterable<string> = [],
): StreamViewer {
  if (seesWholeOrganization(principal)) {
    const entities = (Object.keys(VIEW_PERMISSION) as StreamEntity[]).filter((entity) =>
      can(principal, VIEW_PERMISSION[entity]),
    );
    return { scope: 'organization', entities: new Set(entities) };
  }
  if (principal.teamId !== null && can(principal, 'missions:view')) {
    return { scope: 'team', teamId: principal.teamId, eventIds: new Set(teamEventIds) };
  }
  return { scope: 'nothing' };
}

export interface Followed {
  visible: boolean;
  /** The viewer after this change, which may have joined or left an event. */
  viewer: StreamViewer;
}

/** Whether `viewer` receives `change`; changes must be followed in audit order. */
export function followChange(viewer: StreamViewer, change: StreamChange): Followed {
  switch (viewer.scope) {
    case 'organization':
      return { visible: (viewer.entities as ReadonlySet<string>).has(change.entityType), viewer };
    case 'team':
      return followAsTeam(viewer, change);
    case 'nothing':
      return { visible: false, viewer };
  }
}

function followAsTeam(
  viewer: Extract<StreamViewer, { scope: 'team' }>,
  change: StreamChange,
): Followed {
  const eventId = stringField(change.data, 'event_id');

  if (change.action === 'event.closed' && eventId !== null && viewer.eventIds.has(eventId)) {
    const eventIds = new Set(viewer.eventIds);
    eventIds.delete(eventId);
    return { visible: false, viewer: { ...viewer, eventIds } };
  }
  if (change.entityType !== 'mission') return { visible: false, viewer };

  const ownTeam = stringField(change.data, 'team_id') === viewer.teamId;
  const joinsEvent = ownTeam && eventId !== null && !viewer.eventIds.has(eventId);
  const onOwnEvent = eventId !== null && viewer.eventIds.has(eventId);
  // The team's own mission ending ends its part in the event: others' backups go on unseen.
  const status = stringField(change.data, 'status');
  const leavesEvent =
    ownTeam && eventId !== null && (status === 'COMPLETED' || status === 'FAILED');
  const eventIds = new Set(viewer.eventIds);
  if (joinsEvent) eventIds.add(eventId);
  if (leavesEvent) eventIds.delete(eventId);
  const followed = joinsEvent || leavesEvent ? { ...viewer, eventIds } : viewer;

  return { visible: ownTeam || onOwnEvent, viewer: followed };
}

function stringField(data: Record<string, unknown>, name: string): string | null {
  const value = data[name];
  return typeof value === 'string' ? value : null;
}
