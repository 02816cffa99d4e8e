import { WedeClient, WedeError } from '@wede/sdk';

import { runPaced, type PaceOptions } from './paced-runner.js';
import type { PlannedUnit, ReplayAction, ReplayPlan } from './replay-plan.js';

/** The replay cannot go on: the key, the server or the organization is not what it needs. */
export class ReplayStopped extends Error {
  override name = 'ReplayStopped';
}

/** A request the server refused, kept to show what went wrong. */
export interface Refusal {
  what: string;
  status: number;
  code: string;
  message: string;
}

/** What the requests came to. */
export interface RequestTally {
  /** Requests answered with a success, setup included. */
  accepted: number;
  /** Refusals by `status code`, e.g. `409 team_unavailable`. */
  refused: Record<string, number>;
  /** Actions not sent because one they need was refused (a mission never dispatched). */
  notSent: number;
  missionsReplayed: number;
  eventsCreated: number;
  teamsCreated: number;
  /** The first refusals, for the summary. */
  examples: Refusal[];
}

export interface SessionOptions extends PaceOptions {
  url: string;
  key: string;
  /** Called each time a dispatch has been answered, refused or not sent. */
  onMission?: () => void;
}

type ActionOf<K extends ReplayAction['kind']> = Extract<ReplayAction, { kind: K }>;

const EXAMPLES_KEPT = 10;

/**
 * Drives a server through the SDK as the file's people would have: an admin
 * (the dispatcher) records events and dispatches, and each unit's own
 * operator key reports its mission's statuses, each at its recorded time.
 */
export class ReplaySession {
  readonly tally: RequestTally = {
    accepted: 0,
    refused: {},
    notSent: 0,
    missionsReplayed: 0,
    eventsCreated: 0,
    teamsCreated: 0,
    examples: [],
  };

  private readonly admin: WedeClient;
  private readonly operators = new Map<string, WedeClient>();
  private readonly teamIds = new Map<string, string>();
  private readonly eventIds = new Map<string, string>();
  private readonly missionIds = new Map<string, string>();

  constructor(private readonly options: SessionOptions) {
    this.admin = this.client(options.key);
  }

  /** Checks the key, creates the units, then replays every action; throws {@link ReplayStopped}. */
  async run(plan: ReplayPlan): Promise<void> {
    await this.checkKey();
    await this.createUnits(plan.units);

    await runPaced(
      plan.actions.map((action) => ({ ...action, keys: keysOf(action) })),
      (action) => this.perform(action),
      this.options,
    );
  }

  private client(apiKey: string): WedeClient {
    return new WedeClient({ baseUrl: this.options.url, apiKey });
  }

  private async checkKey(): Promise<void> {
    try {
      await this.admin.keys.list({ limit: 1 });
    } catch (error) {
      if (!(error instanceof WedeError)) throw error;
      throw new ReplayStopped(keyProblem(error, this.options.url));
    }
  }

  /** One team per unit, one operator in it, and that operator's key. */
  private async createUnits(units: readonly PlannedUnit[]): Promise<void> {
    const pending = [...units];
    const worker = async () => {
      for (let unit = pending.shift(); unit !== undefined; unit = pending.shift()) {
        if (this.options.signal?.aborted) return;
        try {
          await this.createUnit(unit);
        } catch (error) {
          // The others stop too: the summary must not change after it is printed.
          pending.length = 0;
          throw error;
        }
      }
    };

    const outcomes = await Promise.allSettled(
      Array.from({ length: this.options.concurrency }, worker),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  private async createUnit({ unit, verticals }: PlannedUnit): Promise<void> {
    try {
      const team = await this.accepted(this.admin.teams.create({ name: unit, verticals }));
      const member = await this.accepted(
        this.admin.members.create({ name: `${unit} crew`, role: 'operator', team_id: team.id }),
      );
      const created = await this.accepted(
        this.admin.keys.create({ name: `${unit} replay`, member_id: member.id }),
      );
      this.tally.teamsCreated += 1;
      this.teamIds.set(unit, team.id);
      this.operators.set(unit, this.client(created.key!));
    } catch (error) {
      if (!(error instanceof WedeError)) throw error;
      this.refused(`create unit ${unit}`, error);
      throw new ReplayStopped(unitProblem(unit, error));
    }
  }

  private async accepted<T>(request: Promise<T>): Promise<T> {
    const answer = await request;
    this.tally.accepted += 1;
    return answer;
  }

  private async perform(action: ReplayAction): Promise<void> {
    if (action.kind === 'create_event') return this.createEvent(action);
    if (action.kind === 'dispatch') return this.dispatch(action);
    return this.updateStatus(action);
  }

  private async createEvent({ at, event }: ActionOf<'create_event'>): Promise<void> {
    const body = {
      vertical: event.vertical,
      priority: event.priority,
      lat: event.lat,
      lng: event.lng,
      title: event.title,
      external_id: event.externalId,
      occurred_at: at.toISOString(),
      ...(event.address === '' ? {} : { address: event.address }),
      ...(event.reopened
        ? { notes: `Incident ${event.incident} again: a unit sent after its others had ended` }
        : {}),
    };
    await this.attempt(`create event ${event.key}`, async () => {
      const created = await this.admin.events.create(body);
      this.eventIds.set(event.key, created.id);
      this.tally.eventsCreated += 1;
    });
  }

  private async dispatch(action: ActionOf<'dispatch'>): Promise<void> {
    const eventId = this.eventIds.get(action.event);
    const teamId = this.teamIds.get(action.unit);
    if (eventId === undefined || teamId === undefined) {
      this.tally.notSent += 1;
      this.options.onMission?.();
      return;
    }

    const backupOf = action.backupOf === null ? undefined : this.missionIds.get(action.backupOf);
    const body = {
      event_id: eventId,
      team_id: teamId,
      occurred_at: action.at.toISOString(),
      ...(backupOf === undefined ? {} : { backup_of: backupOf }),
      ...this.divertOf(action),
    };
    await this.attempt(`dispatch ${action.mission}`, async () => {
      const mission = await this.admin.teams.dispatch(body);
      this.missionIds.set(action.mission, mission.id);
      this.tally.missionsReplayed += 1;
    });
    this.options.onMission?.();
  }

  /** With `divert_from`, the server refuses rather than end a mission the plan did not mean. */
  private divertOf(action: ActionOf<'dispatch'>): { divert?: true; divert_from?: string } {
    if (action.diverts === null) return {};
    const from = this.missionIds.get(action.diverts.mission);
    return from === undefined ? { divert: true } : { divert: true, divert_from: from };
  }

  private async updateStatus(action: ActionOf<'status'>): Promise<void> {
    const missionId = this.missionIds.get(action.mission);
    if (missionId === undefined) {
      this.tally.notSent += 1;
      return;
    }

    const update = {
      status: action.status,
      occurred_at: action.at.toISOString(),
      ...(action.reason === null ? {} : { reason: action.reason }),
    };
    await this.attempt(`${action.status} ${action.mission}`, async () => {
      await this.operators.get(action.unit)!.missions.updateStatus(missionId, update);
    });
  }

  /** Runs one request; a refusal is counted, a server that stopped answering stops the replay. */
  private async attempt(what: string, request: () => Promise<void>): Promise<void> {
    try {
      await request();
      this.tally.accepted += 1;
    } catch (error) {
      if (!(error instanceof WedeError)) throw error;
      if (error.status === 0) {
        throw new ReplayStopped(
          `the server stopped answering (${what}: ${error.code}, ${error.message})`,
        );
      }
      this.refused(what, error);
    }
  }

  private refused(what: string, error: WedeError): void {
    const label = `${error.status} ${error.code}`;
    this.tally.refused[label] = (this.tally.refused[label] ?? 0) + 1;
    if (this.tally.examples.length < EXAMPLES_KEPT) {
      this.tally.examples.push({
        what,
        status: error.status,
        code: error.code,
        message: error.message,
      });
    }
  }
}

/** What a request waits for: earlier requests on the same event, team or mission. */
export function keysOf(action: ReplayAction): string[] {
  if (action.kind === 'create_event') return [`event:${action.event.key}`];
  if (action.kind === 'dispatch') {
    const keys = [`event:${action.event}`, `team:${action.unit}`, `mission:${action.mission}`];
    if (action.diverts === null) return keys;
    return [...keys, `mission:${action.diverts.mission}`, `event:${action.diverts.event}`];
  }

  const mission = `mission:${action.mission}`;
  const ends = action.status === 'COMPLETED' || action.status === 'FAILED';
  // An end frees the team and may close the event: later dispatches depend on it.
  return ends ? [mission, `team:${action.unit}`, `event:${action.event}`] : [mission];
}

function keyProblem(error: WedeError, url: string): string {
  if (error.status === 0) {
    return `cannot reach the server at ${url} (${error.code}: ${error.message})`;
  }
  if (error.status === 401) {
    return 'the server refused the key (401): check --key or WEDE_API_KEY';
  }
  if (error.status === 403) {
    return (
      'the key is not an admin key (403): the replay creates teams, members and keys; ' +
      'use the admin key that `wede org create` prints'
    );
  }
  return `the server refused the key check (${error.status} ${error.code}: ${error.message})`;
}

function unitProblem(unit: string, error: WedeError): string {
  if (error.status === 409) {
    return (
      `a team named ${unit} already exists in this organization (409 ${error.code}): ` +
      'replay into a new organization (`wede org create NAME`)'
    );
  }
  return `could not create unit ${unit} (${error.status} ${error.code}: ${error.message})`;
}
