import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: any;
  at: number;
}

/** How the receiver answers the n-th request (0-based): a status, with a body, or 'hang'. */
export type Answer = (
  index: number,
  received: ReceivedWebhook,
) => number | { status: number; body: string } | 'hang';

/**
 * A real HTTP server in the test process that records every webhook it is sent
 * and answers as the test decides.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: Answer = () => 200;
  private server: Server | undefined;
  private waiters: { count: number; resolve: () => void }[] = [];

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hooks`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const entry = {
          headers: request.headers,
          rawBody,
          body: JSON.parse(rawBody),
          at: Date.now(),
        };
        const answer = this.answer(this.received.length, entry);
        this.received.push(entry);
        this.notify();
        if (answer === 'hang') return;
        const { status, body } =
          typeof answer === 'number' ? { status: answer, body: `answered ${answer}` } : answer;
        response.writeHead(status, { 'content-type': 'text/plain' }).end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this;
  }

  /** Resolves once at least `count` requests have arrived, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} webhooks, got ${this.received.length}`)),
        timeoutMs,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private notify(): void {
    const ready = this.waiters.filter((waiter) => this.received.length >= waiter.count);
    this.waiters = this.waiters.filter((waiter) => this.received.length < waiter.count);
    for (const waiter of ready) waiter.resolve();
  }
}
