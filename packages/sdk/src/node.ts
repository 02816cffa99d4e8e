// The entry Node resolves: the same SDK, with `ws` as the stream's WebSocket
// where the platform has none (Node 20). Browsers get index.js, without ws.
import WebSocket from 'ws';

import type { StreamSocketClass } from './change-stream.js';
import { WedeClient as PlatformClient, type WedeClientOptions } from './wede-client.js';

export * from './index.js';

const platformWebSocket = (globalThis as { WebSocket?: StreamSocketClass }).WebSocket;

/** {@inheritDoc PlatformClient} */
export class WedeClient extends PlatformClient {
  /** As the platform's client; the stream uses `ws` when Node has no WebSocket of its own. */
  constructor(options: WedeClientOptions) {
    super({
      ...options,
      WebSocket: options.WebSocket ?? platformWebSocket ?? (WebSocket as StreamSocketClass),
    });
  }
}
