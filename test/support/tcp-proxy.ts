import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with the next connections:
 * - `pass`: forwards both ways;
 * - `offline`: cuts every new connection at once, like a phone without signal;
 * - `drop-answers`: forwards the request, then cuts the link the moment the
 *   answer starts to come back: the server has acted, the client never hears;
 * - `stall`: keeps every connection open but carries nothing either way, as a
 *   half-open link does (a phone moving between cell towers).
 */
export type ProxyMode = 'pass' | 'offline' | 'drop-answers' | 'stall';

/** A real TCP proxy in front of a server, whose link a test can break on purpose. */
export class TcpProxy {
  mode: ProxyMode = 'pass';
  /** Answers cut so far in `drop-answers` mode. */
  dropped = 0;
  /** How many answers to cut before passing again; Infinity cuts them all. */
  dropLimit = Infinity;
  /** Client connections ended, by either side. */
  clientsClosed = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: URL) {}

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Cuts every open connection, as a lost signal does. */
  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.track(client);
    client.on('close', () => (this.clientsClosed += 1));
    if (this.mode === 'offline') {
      client.destroy();
      return;
    }

    const upstream = connect(Number(this.target.port), this.target.hostname);
    this.track(upstream);
    // The mode is read at each chunk: a kept-alive connection obeys a change too.
    client.on('data', (chunk) => {
      if (this.mode === 'offline') {
        client.destroy();
        upstream.destroy();
        return;
      }
      if (this.mode !== 'stall') upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (this.mode === 'drop-answers' && this.dropped < this.dropLimit) {
        this.dropped += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      if (this.mode !== 'stall') client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
