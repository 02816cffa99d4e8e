import type { paths } from './generated/api.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON a route answers with `status`. */
export type ResponseOf<
  P extends keyof paths,
  M extends Method,
  S extends keyof Operation<P, M>['responses'],
> = JsonOf<Operation<P, M>['responses'][S]>;

/** The JSON body a route takes. */
export type BodyOf<P extends keyof paths, M extends Method> = JsonOf<
  NonNullable<Operation<P, M>['requestBody']>
>;

/** The query parameters a route takes. */
export type QueryOf<P extends keyof paths, M extends Method> = NonNullable<
  Operation<P, M>['parameters']['query']
>;

/** One page of a list: `next_cursor` is null on the last. */
export interface Page<T> {
  data: T[];
  count: number;
  next_cursor: string | null;
}

export type Mission = ResponseOf<'/v1/missions/{id}', 'get', 200>;
export type MissionStatus = Mission['status'];
/** Mission filters; `status` takes one status or several (any of them). */
export type MissionListQuery = Omit<QueryOf<'/v1/missions', 'get'>, 'status'> & {
  status?: MissionStatus | readonly MissionStatus[];
};
/** A status a caller may set: CREATED and SENT are the system's own. */
export type ReportedStatus = Exclude<MissionStatus, 'CREATED' | 'SENT'>;
export type StatusUpdate = Omit<BodyOf<'/v1/missions/{id}/status', 'patch'>, 'status'> & {
  status: ReportedStatus;
};
export type HistoryEntry = ResponseOf<'/v1/missions/{id}/history', 'get', 200>['data'][number];
/**
 * What a dispatch takes. `occurred_at` (supervisor and admin keys) records a
 * dispatch made earlier; `divert` (with `team_id`) takes a team busy on another
 * event, whose mission ends `FAILED` with reason `diverted`.
 */
export type DispatchRequest = BodyOf<'/v1/teams/dispatch', 'post'>;
/** The new mission; with `diverted` when `divert` took its team from another mission. */
export type DispatchResult = ResponseOf<'/v1/teams/dispatch', 'post', 201>;

/** An event: an incident to respond to (not a DOM Event). */
export type WedeEvent = ResponseOf<'/v1/events/{id}', 'get', 200>;
export type EventListQuery = QueryOf<'/v1/events', 'get'>;
/** A new event; `occurred_at` (supervisor and admin keys) is when it was really received. */
export type NewEvent = BodyOf<'/v1/events', 'post'>;
export type EventChanges = BodyOf<'/v1/events/{id}', 'patch'>;
export type EventClosing = BodyOf<'/v1/events/{id}/close', 'post'>;

export type Team = ResponseOf<'/v1/teams/{id}', 'get', 200>;
export type TeamListQuery = QueryOf<'/v1/teams', 'get'>;
export type NewTeam = BodyOf<'/v1/teams', 'post'>;
export type TeamChanges = BodyOf<'/v1/teams/{id}', 'patch'>;
export type TeamLocation = BodyOf<'/v1/teams/{id}/location', 'put'>;

export type Member = ResponseOf<'/v1/members/{id}', 'get', 200>;
export type MemberListQuery = QueryOf<'/v1/members', 'get'>;
export type NewMember = BodyOf<'/v1/members', 'post'>;
export type MemberChanges = BodyOf<'/v1/members/{id}', 'patch'>;

export type ApiKey = ResponseOf<'/v1/keys/{id}', 'delete', 200>;
export type CreatedApiKey = ResponseOf<'/v1/keys', 'post', 201>;
export type KeyListQuery = QueryOf<'/v1/keys', 'get'>;
export type NewApiKey = BodyOf<'/v1/keys', 'post'>;

export type WebhookEndpoint = ResponseOf<'/v1/webhooks/{id}', 'get', 200>;
export type CreatedWebhookEndpoint = ResponseOf<'/v1/webhooks', 'post', 201>;
export type WebhookListQuery = QueryOf<'/v1/webhooks', 'get'>;
export type NewWebhookEndpoint = BodyOf<'/v1/webhooks', 'post'>;
export type WebhookChanges = BodyOf<'/v1/webhooks/{id}', 'patch'>;
export type WebhookDelivery = ResponseOf<
  '/v1/webhooks/{id}/deliveries',
  'get',
  200
>['data'][number];
export type DeliveryListQuery = QueryOf<'/v1/webhooks/{id}/deliveries', 'get'>;
export type Redelivery = BodyOf<'/v1/webhooks/{id}/redeliver', 'post'>;
export type RedeliveryResult = ResponseOf<'/v1/webhooks/{id}/redeliver', 'post', 202>;

export type ResponseTimeQuery = QueryOf<'/v1/reports/response-times', 'get'>;
export type ResponseTimeReport = ResponseOf<'/v1/reports/response-times', 'get', 200>;
/** One group of a report: what its missions share, and the figures of each interval. */
export type ResponseTimeGroup = ResponseTimeReport['data'][number];
/** Count, mean, median, p90 (seconds) and share within target of one interval. */
export type IntervalSummary = ResponseTimeGroup['turnout'];
