import type { ApiCall, CallOptions } from '../api-call.js';
import type { ResponseTimeQuery, ResponseTimeReport } from '../api-types.js';

/** Reports: the figures supervisors are judged by. */
export class Reports {
  constructor(private readonly call: ApiCall) {}

  /**
   * Turnout (dispatch to on route), travel (on route to on site), response
   * (dispatch to on site) and on-scene times (on site to completed) of the
   * missions dispatched from `from` (inclusive) to `to` (exclusive), in
   * seconds: per group, the count, mean (to 0.1 s), nearest-rank median and
   * 90th percentile, and the share within the target (turnout 80 s and travel
   * 240 s unless given; response their sum; on scene none). A mission without
   * both ends of an interval is left out of that interval. Without `group_by`,
   * `data` holds one group `{}`. Needs `missions:view`; a field operator's key
   * sees its own team's missions only.
   *
   * @example
   * const { data } = await client.reports.responseTimes({
   *   from: '2017-01-01T08:00:00Z',
   *   to: '2017-01-08T08:00:00Z',
   *   group_by: 'hour',
   *   timezone: 'America/Los_Angeles',
   * });
   * for (const { group, response } of data) console.log(group.hour, response.median);
   */
  async responseTimes(
    query: ResponseTimeQuery = {},
    options?: CallOptions,
  ): Promise<ResponseTimeReport> {
    return this.call.result(
      this.call.http.GET('/v1/reports/response-times', {
        params: { query },
        ...this.call.read(options),
      }),
    );
  }
}
