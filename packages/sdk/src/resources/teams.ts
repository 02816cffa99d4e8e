import { checkedId, type ApiCall, type CallOptions, type WriteOptions } from '../api-call.js';
import type {
  DispatchRequest,
  DispatchResult,
  NewTeam,
  Page,
  Team,
  TeamChanges,
  TeamListQuery,
  TeamLocation,
} from '../api-types.js';
import { everyItem } from '../pages.js';

/** Teams: the crews that are dispatched, and where they are. */
export class Teams {
  constructor(private readonly call: ApiCall) {}

  /** Creates a team (`AVAILABLE`). Needs `teams:manage`; names are unique in an organization. */
  async create(team: NewTeam, options?: WriteOptions): Promise<Team> {
    return this.call.result(
      this.call.http.POST('/v1/teams', { body: team, ...this.call.write(options) }),
    );
  }

  /** One page of teams; pass `next_cursor` as `cursor` for the next. Needs `teams:view`. */
  async list(query: TeamListQuery = {}, options?: CallOptions): Promise<Page<Team>> {
    return this.call.result(
      this.call.http.GET('/v1/teams', { params: { query }, ...this.call.read(options) }),
    );
  }

  /** Every team matching `query`, fetched a page at a time as you iterate. */
  all(query: Omit<TeamListQuery, 'cursor'> = {}, options?: CallOptions): AsyncIterable<Team> {
    return everyItem((cursor) => this.list({ ...query, cursor }, options));
  }

  /** One team. Needs `teams:view`. */
  async get(id: string, options?: CallOptions): Promise<Team> {
    return this.call.result(
      this.call.http.GET('/v1/teams/{id}', {
        params: { path: { id: checkedId(id) } },
        ...this.call.read(options),
      }),
    );
  }

  /** Renames a team, changes its verticals, or takes it in or out of service. */
  async update(id: string, changes: TeamChanges, options?: WriteOptions): Promise<Team> {
    return this.call.result(
      this.call.http.PATCH('/v1/teams/{id}', {
        params: { path: { id: checkedId(id) } },
        body: changes,
        ...this.call.write(options),
      }),
    );
  }

  /**
   * Sends a team to an event: a new `CREATED` mission, the team `BUSY`, the
   * delivery engine notified. Without `team_id`, the nearest available team
   * serving the event's vertical goes. Needs `teams:dispatch`.
   *
   * With `divert: true` and a `team_id`, a team busy on another event is taken
   * from it: that mission ends `FAILED` (reason `diverted`) and comes back as
   * `diverted`. A supervisor's or admin's key may give `occurred_at` to record a
   * dispatch made earlier (not before the event was received, not in the future).
   *
   * @example
   * const mission = await client.teams.dispatch({ event_id, team_id, divert: true });
   * const takenFrom = mission.diverted?.event_id; // undefined when the team was free
   */
  async dispatch(request: DispatchRequest, options?: WriteOptions): Promise<DispatchResult> {
    return this.call.result(
      this.call.http.POST('/v1/teams/dispatch', { body: request, ...this.call.write(options) }),
    );
  }

  /**
   * Where a team is now, for choosing the nearest one. A field operator may set
   * his own team's; a device on the stream can send it there instead.
   */
  async updateLocation(id: string, location: TeamLocation, options?: WriteOptions): Promise<Team> {
    return this.call.result(
      this.call.http.PUT('/v1/teams/{id}/location', {
        params: { path: { id: checkedId(id) } },
        body: location,
        ...this.call.write(options),
      }),
    );
  }
}
