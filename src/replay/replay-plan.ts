import type { Priority } from '../domain/vocabulary.js';
import { priorityOfCall, verticalOfCall, verticalsOfUnit } from './sffd-mapping.js';
import type { UnitDispatch } from './sffd-record.js';

/** An event to record: one incident, or a later opening of it (see `reopened`). */
export interface PlannedEvent {
  /** The plan's name for it: the incident number, `-2`, `-3`… for later openings. */
  key: string;
  incident: string;
  /** Sent as `external_id`: the incident number, with the opening's suffix when reopened. */
  externalId: string;
  vertical: string;
  priority: Priority;
  lat: number;
  lng: number;
  title: string;
  address: string;
  /** Opened again for a unit sent after every earlier unit had ended (the first closed). */
  reopened: boolean;
}

export type FieldStatus = 'ON_ROUTE' | 'ON_SITE' | 'COMPLETED' | 'FAILED';

/** One request of the replay, at the time the file recorded it. */
export type ReplayAction =
  | { kind: 'create_event'; at: Date; event: PlannedEvent }
  | {
      kind: 'dispatch';
      at: Date;
      /** `incident/unit`: the plan's name for the mission. */
      mission: string;
      event: string;
      unit: string;
      /** The event's first mission, when this one is not it. */
      backupOf: string | null;
      /** The unit's earlier mission still active at this time, which the dispatch ends. */
      diverts: { mission: string; event: string } | null;
    }
  | {
      kind: 'status';
      at: Date;
      mission: string;
      event: string;
      unit: string;
      status: FieldStatus;
      reason: string | null;
    };

/** What the file did that Wede's rules do not allow as it stands, and how often. */
export interface ReplayQuirks {
  /** A unit sent elsewhere before its mission's Available time: dispatched with `divert`. */
  divertedWhileBusy: number;
  /** Missions without an Available time (left open). */
  noAvailableTime: number;
  /** …of which the unit's next dispatch ended them with `divert`. */
  divertedOpenMissions: number;
  /** A unit sent after every earlier unit of its incident had ended: a new event opened. */
  reopenedEvents: number;
  /** Times earlier than the step they follow, raised to that step's time. */
  clampedTimes: number;
  /** A step at the same second as the one it follows (kept; the lifecycle allows it). */
  sameSecondSteps: number;
  /** Incidents whose Final Priority the mapping does not know (taken as medium). */
  unknownPriority: number;
  /** Statuses of a mission recorded after it was diverted, not sent (it had ended). */
  statusesAfterDivert: number;
  /** Missions ended FAILED: no arrival recorded before Available. */
  cancelledBeforeArrival: number;
}

export type SkipReason = 'outside_window' | 'no_location' | 'same_unit_twice';

/** A unit to create as a team. */
export interface PlannedUnit {
  unit: string;
  verticals: string[];
}

export interface ReplayPlan {
  actions: ReplayAction[];
  units: PlannedUnit[];
  missions: number;
  events: number;
  quirks: ReplayQuirks;
  skipped: Record<SkipReason, number>;
}

/** Which incidents to replay: those received in [from, to). */
export interface ReplayWindow {
  from?: Date | undefined;
  to?: Date | undefined;
}

// Within one second: events first; then an end that frees a unit sent on at that same
// second; then dispatches (so a backup sent as the last unit ends keeps the event open);
// then the statuses in lifecycle order.
const RANK = {
  create_event: 0,
  freeing_end: 1,
  dispatch: 2,
  ON_ROUTE: 3,
  ON_SITE: 4,
  end: 5,
} as const;

interface Incident {
  number: string;
  order: number;
  received: Date;
  event: PlannedEvent;
  units: UnitDispatch[];
}

type ItemKind =
  | { kind: 'event' }
  | { kind: 'dispatch'; row: UnitDispatch }
  | { kind: 'status'; row: UnitDispatch; status: FieldStatus };

interface Item {
  at: Date;
  rank: number;
  /** The rank of the step before it at the same second: the least this one may take. */
  floor: number;
  /** Ties are broken by incident, then unit, then step: the file's own order. */
  order: [incident: number, unit: number, step: number];
  incident: Incident;
  what: ItemKind;
}

/**
 * Turns the file's rows into the requests that replay them, in the order the
 * server must see them: every incident is an event at its Received time, every
 * row a mission dispatched at its Dispatch time (the incident's first unit
 * plainly, later ones as its backup), then ON_ROUTE at Response, ON_SITE at On
 * Scene, and COMPLETED at Available (FAILED, `cancelled`, when the unit never
 * arrived). ACK is left out: SF records it together with en route.
 *
 * The server's rules are followed as the replay goes, so that every request
 * is one it accepts: a unit still busy is sent on with `divert`, a unit sent
 * after its incident closed opens the incident again as a new event, and a
 * time before the step it follows is raised to it. Each is counted.
 */
export function planReplay(rows: readonly UnitDispatch[], window: ReplayWindow = {}): ReplayPlan {
  const quirks = emptyQuirks();
  const skipped: Record<SkipReason, number> = {
    outside_window: 0,
    no_location: 0,
    same_unit_twice: 0,
  };

  const incidents = selectIncidents(rows, window, skipped, quirks);
  const items = incidents.flatMap((incident) => itemsOf(incident, quirks));
  markFreeingEnds(items);
  items.sort(compareItems);

  const actions = new Simulation(quirks).run(items);
  return {
    actions,
    units: unitsOf(incidents),
    missions: actions.filter((action) => action.kind === 'dispatch').length,
    events: actions.filter((action) => action.kind === 'create_event').length,
    quirks,
    skipped,
  };
}

function emptyQuirks(): ReplayQuirks {
  return {
    divertedWhileBusy: 0,
    noAvailableTime: 0,
    divertedOpenMissions: 0,
    reopenedEvents: 0,
    clampedTimes: 0,
    sameSecondSteps: 0,
    unknownPriority: 0,
    statusesAfterDivert: 0,
    cancelledBeforeArrival: 0,
  };
}

function selectIncidents(
  rows: readonly UnitDispatch[],
  window: ReplayWindow,
  skipped: Record<SkipReason, number>,
  quirks: ReplayQuirks,
): Incident[] {
  const byNumber = new Map<string, UnitDispatch[]>();
  for (const row of rows) {
    const group = byNumber.get(row.incident);
    if (group === undefined) byNumber.set(row.incident, [row]);
    else group.push(row);
  }

  const incidents: Incident[] = [];
  for (const [number, group] of byNumber) {
    const received = new Date(Math.min(...group.map((row) => row.received.getTime())));
    const inWindow =
      (window.from === undefined || received >= window.from) &&
      (window.to === undefined || received < window.to);
    if (!inWindow) {
      skipped.outside_window += group.length;
      continue;
    }

    const incident = incidentOf(number, received, group, skipped, quirks);
    if (incident !== null) incidents.push(incident);
  }

  incidents.sort(
    (a, b) =>
      a.received.getTime() - b.received.getTime() ||
      a.units[0]!.dispatched.getTime() - b.units[0]!.dispatched.getTime() ||
      a.number.localeCompare(b.number),
  );
  incidents.forEach((incident, order) => (incident.order = order));
  return incidents;
}

function incidentOf(
  number: string,
  received: Date,
  group: UnitDispatch[],
  skipped: Record<SkipReason, number>,
  quirks: ReplayQuirks,
): Incident | null {
  const placed = group.find((row) => row.location !== null);
  if (placed === undefined) {
    skipped.no_location += group.length;
    return null;
  }

  // The first unit sent: the earliest dispatch, then the one the file numbers first.
  const sorted = [...group].sort(
    (a, b) =>
      a.dispatched.getTime() - b.dispatched.getTime() ||
      sequenceOrder(a) - sequenceOrder(b) ||
      a.line - b.line,
  );
  const seen = new Set<string>();
  const units = sorted.filter((row) => {
    if (seen.has(row.unit)) return false;
    seen.add(row.unit);
    return true;
  });
  skipped.same_unit_twice += sorted.length - units.length;

  const mapped = priorityOfCall(placed);
  if (!mapped.known) quirks.unknownPriority += 1;
  const event: PlannedEvent = {
    key: number,
    incident: number,
    externalId: number,
    vertical: verticalOfCall(placed.callType),
    priority: mapped.priority,
    lat: placed.location!.lat,
    lng: placed.location!.lng,
    title: placed.callType === '' ? 'SFFD call' : placed.callType,
    address: placed.address,
    reopened: false,
  };
  return { number, order: 0, received, event, units };
}

function sequenceOrder(row: UnitDispatch): number {
  return row.unitSequence > 0 ? row.unitSequence : Number.MAX_SAFE_INTEGER;
}

/** The incident's event and each unit's steps, every time at least the one before it. */
function itemsOf(incident: Incident, quirks: ReplayQuirks): Item[] {
  const opening: Item = {
    at: incident.received,
    rank: RANK.create_event,
    floor: RANK.create_event,
    order: [incident.order, -1, 0],
    incident,
    what: { kind: 'event' },
  };
  const items = [opening];

  incident.units.forEach((row, unit) => {
    let previous: Item = opening;
    stepsOf(row, quirks).forEach((step, index) => {
      const raised = step.at < previous.at;
      const sameSecond = step.at.getTime() === previous.at.getTime();
      if (raised) quirks.clampedTimes += 1;
      else if (sameSecond && index > 0) quirks.sameSecondSteps += 1;

      // A step never sorts before the one it follows, even at the same second.
      const at = raised ? previous.at : step.at;
      const floor = raised || sameSecond ? previous.rank : 0;
      const rank = Math.max(step.rank, floor);
      const item: Item = {
        at,
        rank,
        floor,
        order: [incident.order, unit, index],
        incident,
        what: step.what,
      };
      items.push(item);
      previous = item;
    });
  });
  return items;
}

interface Step {
  at: Date;
  rank: number;
  what: ItemKind;
}

function stepsOf(row: UnitDispatch, quirks: ReplayQuirks): Step[] {
  const steps: Step[] = [
    { at: row.dispatched, rank: RANK.dispatch, what: { kind: 'dispatch', row } },
  ];
  const status = (at: Date, rank: number, value: FieldStatus): Step => ({
    at,
    rank,
    what: { kind: 'status', row, status: value },
  });

  if (row.response !== null) steps.push(status(row.response, RANK.ON_ROUTE, 'ON_ROUTE'));
  if (row.onScene !== null) steps.push(status(row.onScene, RANK.ON_SITE, 'ON_SITE'));
  if (row.available === null) {
    quirks.noAvailableTime += 1;
  } else {
    steps.push(status(row.available, RANK.end, row.onScene === null ? 'FAILED' : 'COMPLETED'));
  }
  return steps;
}

/**
 * An end at the very second its unit is sent elsewhere goes before that
 * dispatch, so the unit is free rather than diverted.
 */
function markFreeingEnds(items: Item[]): void {
  const sentAt = new Set<string>();
  for (const item of items) {
    if (item.what.kind === 'dispatch') sentAt.add(`${item.what.row.unit}@${item.at.getTime()}`);
  }

  for (const item of items) {
    const { what } = item;
    const ends =
      what.kind === 'status' && (what.status === 'COMPLETED' || what.status === 'FAILED');
    if (ends && sentAt.has(`${what.row.unit}@${item.at.getTime()}`)) {
      item.rank = Math.max(RANK.freeing_end, item.floor);
    }
  }
}

function compareItems(a: Item, b: Item): number {
  return (
    a.at.getTime() - b.at.getTime() ||
    a.rank - b.rank ||
    a.order[0] - b.order[0] ||
    a.order[1] - b.order[1] ||
    a.order[2] - b.order[2]
  );
}

interface OpenEvent {
  key: string;
  first: string | null;
  active: Set<string>;
}

/** Follows the server's state (busy units, open events) to shape each request to be taken. */
class Simulation {
  private readonly actions: ReplayAction[] = [];
  private readonly eventOf = new Map<string, OpenEvent>();
  private readonly openings = new Map<string, number>();
  private readonly missionEvent = new Map<string, OpenEvent>();
  private readonly ended = new Set<string>();
  private readonly busyWith = new Map<string, string>();
  private readonly withoutAvailable = new Set<string>();

  constructor(private readonly quirks: ReplayQuirks) {}

  run(items: readonly Item[]): ReplayAction[] {
    for (const item of items) {
      const { what } = item;
      if (what.kind === 'event') this.openEvent(item.at, item.incident.event);
      else if (what.kind === 'dispatch') this.dispatch(item.at, what.row, item.incident);
      else this.status(item.at, what.row, what.status);
    }
    return this.actions;
  }

  private openEvent(at: Date, event: PlannedEvent): OpenEvent {
    const open: OpenEvent = { key: event.key, first: null, active: new Set() };
    this.eventOf.set(event.incident, open);
    this.actions.push({ kind: 'create_event', at, event });
    return open;
  }

  private dispatch(at: Date, row: UnitDispatch, incident: Incident): void {
    const mission = missionKey(row);
    if (row.available === null) this.withoutAvailable.add(mission);

    let event = this.eventOf.get(incident.number)!;
    if (event.first !== null && event.active.size === 0) event = this.reopen(at, incident);

    const backupOf = event.first;
    if (backupOf === null) event.first = mission;
    const diverts = this.divert(row.unit);

    this.busyWith.set(row.unit, mission);
    event.active.add(mission);
    this.missionEvent.set(mission, event);
    this.actions.push({
      kind: 'dispatch',
      at,
      mission,
      event: event.key,
      unit: row.unit,
      backupOf,
      diverts,
    });
  }

  private reopen(at: Date, incident: Incident): OpenEvent {
    const opening = (this.openings.get(incident.number) ?? 1) + 1;
    this.openings.set(incident.number, opening);
    this.quirks.reopenedEvents += 1;

    const key = `${incident.number}-${opening}`;
    return this.openEvent(at, { ...incident.event, key, externalId: key, reopened: true });
  }

  /** Ends the unit's mission still active, if any, as the server does for `divert`. */
  private divert(unit: string): { mission: string; event: string } | null {
    const previous = this.busyWith.get(unit);
    if (previous === undefined) return null;

    if (this.withoutAvailable.has(previous)) this.quirks.divertedOpenMissions += 1;
    else this.quirks.divertedWhileBusy += 1;
    const event = this.end(previous);
    return { mission: previous, event: event.key };
  }

  private status(at: Date, row: UnitDispatch, status: FieldStatus): void {
    const mission = missionKey(row);
    if (this.ended.has(mission)) {
      this.quirks.statusesAfterDivert += 1;
      return;
    }

    const final = status === 'COMPLETED' || status === 'FAILED';
    const event = final ? this.end(mission) : this.missionEvent.get(mission)!;
    if (status === 'FAILED') this.quirks.cancelledBeforeArrival += 1;
    this.actions.push({
      kind: 'status',
      at,
      mission,
      event: event.key,
      unit: row.unit,
      status,
      reason: status === 'FAILED' ? 'cancelled' : null,
    });
  }

  private end(mission: string): OpenEvent {
    const event = this.missionEvent.get(mission)!;
    this.ended.add(mission);
    event.active.delete(mission);
    const unit = mission.slice(mission.indexOf('/') + 1);
    if (this.busyWith.get(unit) === mission) this.busyWith.delete(unit);
    return event;
  }
}

/** The plan's name for a mission: one unit's response to one incident. */
export function missionKey(row: Pick<UnitDispatch, 'incident' | 'unit'>): string {
  return `${row.incident}/${row.unit}`;
}

function unitsOf(incidents: readonly Incident[]): PlannedUnit[] {
  const rowsOf = new Map<string, UnitDispatch[]>();
  for (const row of incidents.flatMap((incident) => incident.units)) {
    const rows = rowsOf.get(row.unit);
    if (rows === undefined) rowsOf.set(row.unit, [row]);
    else rows.push(row);
  }

  return [...rowsOf].map(([unit, rows]) => ({
    unit,
    verticals: verticalsOfUnit(
      rows[0]!.unitType,
      rows.some((row) => row.als),
    ),
  }));
}
