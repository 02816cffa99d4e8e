import { checkedId, type ApiCall, type CallOptions, type WriteOptions } from '../api-call.js';
import type { ApiKey, CreatedApiKey, KeyListQuery, NewApiKey, Page } from '../api-types.js';
import { everyItem } from '../pages.js';

/** API keys: for a member's device (acting with the member's role) or for a system. */
export class Keys {
  constructor(private readonly call: ApiCall) {}

  /**
   * Creates a key. The answer's `key` is the secret, shown this once; a retried
   * call replayed from its Idempotency-Key shows `key: null`. Needs `keys:manage`.
   */
  async create(key: NewApiKey, options?: WriteOptions): Promise<CreatedApiKey> {
    return this.call.result(
      this.call.http.POST('/v1/keys', { body: key, ...this.call.write(options) }),
    );
  }

  /** One page of keys (never their secrets); pass `next_cursor` as `cursor` for the next. */
  async list(query: KeyListQuery = {}, options?: CallOptions): Promise<Page<ApiKey>> {
    return this.call.result(
      this.call.http.GET('/v1/keys', { params: { query }, ...this.call.read(options) }),
    );
  }

  /** Every key, fetched a page at a time as you iterate. */
  all(query: Omit<KeyListQuery, 'cursor'> = {}, options?: CallOptions): AsyncIterable<ApiKey> {
    return everyItem((cursor) => this.list({ ...query, cursor }, options));
  }

  /** Revokes a key at once; streams opened with it are closed. */
  async revoke(id: string, options?: WriteOptions): Promise<ApiKey> {
    return this.call.result(
      this.call.http.DELETE('/v1/keys/{id}', {
        params: { path: { id: checkedId(id) } },
        ...this.call.write(options),
      }),
    );
  }
}
