export { WedeClient } from './wede-client.js';
export type { BackupRequest, WedeClientOptions } from './wede-client.js';
export { WedeError } from './wede-error.js';
export type { WedeErrorCode } from './wede-error.js';
export type { CallOptions, WriteOptions } from './api-call.js';
export { DEFAULT_RETRY_POLICY } from './retry-policy.js';
export type { RetryPolicy } from './retry-policy.js';
export type { Fetch } from './transport.js';
export { ChangeStream } from './change-stream.js';
export type {
  StreamChange,
  StreamHello,
  StreamItem,
  StreamOptions,
  StreamResync,
  StreamSocket,
  StreamSocketClass,
} from './change-stream.js';
export { OfflineQueue, memoryQueueStorage } from './offline-queue.js';
export type {
  FlushResult,
  OfflineQueueOptions,
  QueuedUpdate,
  QueueStorage,
} from './offline-queue.js';
export { verifyWebhook } from './verify-webhook.js';
export type { WebhookHeaders, WebhookMessage } from './verify-webhook.js';
export type { Missions } from './resources/missions.js';
export type { Teams } from './resources/teams.js';
export type { Events } from './resources/events.js';
export type { Members } from './resources/members.js';
export type { Keys } from './resources/keys.js';
export type { Webhooks } from './resources/webhooks.js';
export type { Reports } from './resources/reports.js';
export type * from './api-types.js';
export type { paths } from './generated/api.js';
