import { Type } from 'typebox';

import { WEBHOOK_EVENT_TYPES } from '../../domain/webhook-events.js';
import { ListQuery, literalUnion, nullable, Timestamp, Uuid } from './common.js';

const EventTypes = Type.Array(literalUnion(['*', ...WEBHOOK_EVENT_TYPES]), {
  minItems: 1,
  maxItems: 20,
  uniqueItems: true,
  description: 'the message types to receive; "*" for all',
});
const EndpointUrl = Type.String({ minLength: 1, maxLength: 2000 });
const Description = Type.String({ maxLength: 500 });

export const WebhookEndpoint = Type.Object({
  id: Uuid,
  url: Type.String(),
  description: nullable(Type.String()),
  events: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  disabled_reason: nullable(Type.String()),
  failing_since: nullable(Timestamp),
  previous_secret_expires_at: nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const WebhookEndpointWithSecret = Type.Object({
  ...WebhookEndpoint.properties,
  secret: nullable(
    Type.String({
      description:
        'whsec_…, shown on creation and rotation only; null when an Idempotency-Key replays ' +
        'the answer, since a replay never shows a secret again',
    }),
  ),
});

export const WebhookCreate = Type.Object(
  { url: EndpointUrl, events: EventTypes, description: Type.Optional(Description) },
  { additionalProperties: false },
);

export const WebhookUpdate = Type.Object(
  {
    url: Type.Optional(EndpointUrl),
    events: Type.Optional(EventTypes),
    description: Type.Optional(nullable(Description)),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const WebhookDelivery = Type.Object({
  id: Uuid,
  message_id: Type.String(),
  event: Type.String(),
  status: literalUnion(['pending', 'delivered', 'failed']),
  attempts: Type.Integer(),
  last_status_code: nullable(Type.Integer()),
  last_error: nullable(Type.String()),
  last_response_excerpt: nullable(Type.String()),
  last_attempt_at: nullable(Timestamp),
  next_attempt_at: nullable(Timestamp),
  delivered_at: nullable(Timestamp),
  created_at: Timestamp,
});

export const DeliveryListQuery = Type.Object(
  { status: Type.Optional(literalUnion(['pending', 'delivered', 'failed'])), ...ListQuery },
  { additionalProperties: false },
);

export const RedeliverRequest = Type.Object(
  {
    message_id: Type.Optional(Type.String({ pattern: '^msg_[0-9a-f-]{36}$' })),
    failed_since: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
