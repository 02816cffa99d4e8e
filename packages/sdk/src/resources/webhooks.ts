import { checkedId, type ApiCall, type CallOptions, type WriteOptions } from '../api-call.js';
import type {
  CreatedWebhookEndpoint,
  DeliveryListQuery,
  NewWebhookEndpoint,
  Page,
  Redelivery,
  RedeliveryResult,
  WebhookChanges,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookListQuery,
} from '../api-types.js';
import { everyItem } from '../pages.js';

/** Webhook endpoints: where Wede posts every change, signed, retried, logged. */
export class Webhooks {
  constructor(private readonly call: ApiCall) {}

  /**
   * Registers an endpoint. The answer's `secret` (`whsec_…`) is shown this
   * once: keep it for {@link verifyWebhook}. Needs `webhooks:manage`.
   */
  async create(
    endpoint: NewWebhookEndpoint,
    options?: WriteOptions,
  ): Promise<CreatedWebhookEndpoint> {
    return this.call.result(
      this.call.http.POST('/v1/webhooks', { body: endpoint, ...this.call.write(options) }),
    );
  }

  /** One page of endpoints, newest first; pass `next_cursor` as `cursor` for the next. */
  async list(query: WebhookListQuery = {}, options?: CallOptions): Promise<Page<WebhookEndpoint>> {
    return this.call.result(
      this.call.http.GET('/v1/webhooks', { params: { query }, ...this.call.read(options) }),
    );
  }

  /** Every endpoint, fetched a page at a time as you iterate. */
  all(
    query: Omit<WebhookListQuery, 'cursor'> = {},
    options?: CallOptions,
  ): AsyncIterable<WebhookEndpoint> {
    return everyItem((cursor) => this.list({ ...query, cursor }, options));
  }

  /** One endpoint, with its health (last success, failing since). */
  async get(id: string, options?: CallOptions): Promise<WebhookEndpoint> {
    return this.call.result(
      this.call.http.GET('/v1/webhooks/{id}', {
        params: { path: { id: checkedId(id) } },
        ...this.call.read(options),
      }),
    );
  }

  /** Changes an endpoint's URL, event types or description, or turns it on or off. */
  async update(
    id: string,
    changes: WebhookChanges,
    options?: WriteOptions,
  ): Promise<WebhookEndpoint> {
    return this.call.result(
      this.call.http.PATCH('/v1/webhooks/{id}', {
        params: { path: { id: checkedId(id) } },
        body: changes,
        ...this.call.write(options),
      }),
    );
  }

  /** Removes an endpoint; nothing more is sent to it. */
  async delete(id: string, options?: WriteOptions): Promise<void> {
    await this.call.result(
      this.call.http.DELETE('/v1/webhooks/{id}', {
        params: { path: { id: checkedId(id) } },
        ...this.call.write(options),
      }),
    );
  }

  /**
   * A new secret, shown this once. For 24 hours messages are signed with both,
   * so receivers can switch without losing any.
   */
  async rotateSecret(id: string, options?: WriteOptions): Promise<CreatedWebhookEndpoint> {
    return this.call.result(
      this.call.http.POST('/v1/webhooks/{id}/rotate-secret', {
        params: { path: { id: checkedId(id) } },
        ...this.call.write(options),
      }),
    );
  }

  /** One page of an endpoint's delivery log, newest first, with each attempt's outcome. */
  async deliveries(
    id: string,
    query: DeliveryListQuery = {},
    options?: CallOptions,
  ): Promise<Page<WebhookDelivery>> {
    return this.call.result(
      this.call.http.GET('/v1/webhooks/{id}/deliveries', {
        params: { path: { id: checkedId(id) }, query },
        ...this.call.read(options),
      }),
    );
  }

  /** Sends messages again: some by id, or every failed one since a time. */
  async redeliver(
    id: string,
    which: Redelivery,
    options?: WriteOptions,
  ): Promise<RedeliveryResult> {
    return this.call.result(
      this.call.http.POST('/v1/webhooks/{id}/redeliver', {
        params: { path: { id: checkedId(id) } },
        body: which,
        ...this.call.write(options),
      }),
    );
  }
}
