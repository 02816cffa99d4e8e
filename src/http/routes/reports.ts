import { reportResponseTimes } from '../../services/report-response-times.js';
import type { Db } from '../../store/schema.js';
import type { App } from '../app-types.js';
import { ERROR_RESPONSES } from '../schemas/common.js';
import { ResponseTimeQuery, ResponseTimeReport } from '../schemas/report.js';

const tags = ['reports'];

const DESCRIPTION = [
  'Per group, the count, mean, median, 90th percentile and share within target (in',
  'seconds) of turnout (dispatched_at to on_route_at), travel (on_route_at to',
  'on_site_at), response (dispatched_at to on_site_at) and on-scene time (on_site_at',
  'to completed_at), over the missions dispatched from `from` (inclusive) to `to`',
  '(exclusive). A mission without both ends of an interval is left out of that',
  'interval. Median and p90 are nearest-rank: the value at rank ceil(0.5 × n) and',
  'ceil(0.9 × n) of the n sorted values, never interpolated; the mean is rounded to',
  '0.1 s, within_target to 4 decimals. Without group_by, one group `{}` (also when',
  'nothing matches); with it, one group per value found, ordered: verticals and teams',
  'by name (then team id), priorities from critical to low, hours 0 to 23 (of',
  'dispatched_at, in `timezone`). Needs missions:view; a field operator sees his own',
  "team's missions only.",
].join(' ');

/** Figures over many missions: read from the reader, which never waits behind writes. */
export async function reportRoutes(app: App, reader: Db): Promise<void> {
  app.get(
    '/v1/reports/response-times',
    {
      config: { anyOf: ['missions:view'] },
      schema: {
        tags,
        summary: 'Response-time report',
        description: DESCRIPTION,
        querystring: ResponseTimeQuery,
        response: { 200: ResponseTimeReport, ...ERROR_RESPONSES },
      },
    },
    async (request) => reportResponseTimes(reader, request.principal, request.query),
  );
}
