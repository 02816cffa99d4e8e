import type { Kysely, Transaction } from 'kysely';

// Times are stored as RFC 3339 UTC text with milliseconds on both databases, so
// one code path reads and compares them; JSON is stored as text for the same reason.

export interface OrganizationTable {
  id: string;
  name: string;
  /** 1 for the organization `wede serve` creates on its first start, 0 for the others. */
  is_default: number;
  audit_seq: number;
  audit_head: string;
  created_at: string;
}

export interface ApiKeyTable {
  id: string;
  organization_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  role: string | null;
  permissions: string | null;
  member_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface MemberTable {
  id: string;
  organization_id: string;
  name: string;
  role: string;
  team_id: string | null;
  phone: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
}

export interface TeamTable {
  id: string;
  organization_id: string;
  name: string;
  verticals: string;
  lat: number | null;
  lng: number | null;
  location_updated_at: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface EventTable {
  id: string;
  organization_id: string;
  vertical: string;
  priority: string;
  lat: number;
  lng: number;
  title: string | null;
  notes: string | null;
  address: string | null;
  external_id: string | null;
  status: string;
  closed_at: string | null;
  close_reason: string | null;
  /** When the incident was received; created_at is when Wede recorded it. */
  occurred_at: string;
  created_at: string;
  updated_at: string;
}

export interface MissionTable {
  id: string;
  organization_id: string;
  event_id: string;
  team_id: string;
  backup_of: string | null;
  status: string;
  channel_used: string | null;
  vertical: string;
  priority: string;
  notes: string | null;
  event_lat: number;
  event_lng: number;
  dispatched_at: string;
  sent_at: string | null;
  ack_at: string | null;
  on_route_at: string | null;
  on_site_at: string | null;
  completed_at: string | null;
  failed_at: string | null;
  failure_reason: string | null;
  feedback: string | null;
  sequence: number;
  last_transition_at: string;
  created_at: string;
  updated_at: string;
}

export interface MissionMemberTable {
  organization_id: string;
  mission_id: string;
  member_id: string;
}

export interface MissionHistoryTable {
  id: string;
  organization_id: string;
  mission_id: string;
  sequence: number;
  from_status: string | null;
  to_status: string;
  occurred_at: string;
  recorded_at: string;
  channel: string;
  actor_key_id: string | null;
  actor_member_id: string | null;
  feedback: string | null;
  reason: string | null;
}

export interface AuditLogTable {
  organization_id: string;
  seq: number;
  at: string;
  actor_key_id: string | null;
  actor_member_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  data: string;
  prev_hash: string;
  hash: string;
}

export interface IdempotencyKeyTable {
  organization_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response_body: string;
  created_at: string;
  expires_at: string;
}

export interface WebhookEndpointTable {
  id: string;
  organization_id: string;
  url: string;
  description: string | null;
  /** JSON array of event types, or ["*"]. */
  events: string;
  enabled: number;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  disabled_reason: string | null;
  failing_since: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookMessageTable {
  id: string;
  organization_id: string;
  event_type: string;
  /** The exact JSON body every endpoint receives. */
  body: string;
  created_at: string;
}

export interface WebhookDeliveryTable {
  id: string;
  organization_id: string;
  endpoint_id: string;
  message_id: string;
  /** pending (waiting or leased to a worker), delivered, failed */
  status: string;
  attempts: number;
  /** The attempt count when the current round of retries began (a redelivery starts one). */
  round_start: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

export interface DeliveryJobTable {
  id: string;
  organization_id: string;
  /** escalate (text the team) or undelivered (alert supervisors) */
  kind: string;
  mission_id: string;
  run_at: string;
  done_at: string | null;
  /** What running it did, for the log and for tests: texted, not_needed, alerted. */
  outcome: string | null;
  created_at: string;
}

export interface SmsMessageTable {
  id: string;
  organization_id: string;
  /** out (to a member's phone) or in (a reply) */
  direction: string;
  to_number: string;
  from_number: string;
  body: string;
  mission_id: string | null;
  member_id: string | null;
  /** out: queued, sent, failed; in: received, applied, refused, unknown_sender */
  status: string;
  provider_id: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookAttemptTable {
  id: string;
  organization_id: string;
  delivery_id: string;
  attempt: number;
  at: string;
  status_code: number | null;
  error: string | null;
  excerpt: string | null;
  duration_ms: number;
}

export interface StreamTicketTable {
  ticket_hash: string;
  organization_id: string;
  /** The key that asked for the ticket: whoever uses the ticket acts as that key. */
  key_id: string;
  expires_at: string;
  created_at: string;
}

export interface Schema {
  webhook_endpoints: WebhookEndpointTable;
  webhook_messages: WebhookMessageTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  delivery_jobs: DeliveryJobTable;
  sms_messages: SmsMessageTable;
  organizations: OrganizationTable;
  api_keys: ApiKeyTable;
  members: MemberTable;
  teams: TeamTable;
  events: EventTable;
  missions: MissionTable;
  mission_members: MissionMemberTable;
  mission_history: MissionHistoryTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeyTable;
  stream_tickets: StreamTicketTable;
}

/** A connection or an open transaction: store functions take either. */
export type Db = Kysely<Schema> | Transaction<Schema>;
