import WebSocket from 'ws';

export interface StreamMessage {
  type: string;
  [field: string]: any;
}

export interface OpenStream {
  socket: WebSocket;
  /** Every message received so far, in order. */
  messages: StreamMessage[];
  /** The first message (received or to come) after those already taken that matches. */
  next(match?: (message: StreamMessage) => boolean, timeoutMs?: number): Promise<StreamMessage>;
  /** Sends a message: an object as JSON, a string as is. */
  send(message: unknown): void;
  /** Resolves with the close code once the server or the client closes. */
  closed: Promise<number>;
  close(): Promise<void>;
}

export interface StreamOptions {
  key?: string;
  query?: Record<string, string | number>;
}

/** Opens the stream like a device would, with a real WebSocket client. */
export function openStream(baseUrl: string, options: StreamOptions = {}): Promise<OpenStream> {
  const url = new URL('/v1/stream', baseUrl.replace(/^http/, 'ws'));
  for (const [name, value] of Object.entries(options.query ?? {})) {
    url.searchParams.set(name, String(value));
  }
  const headers = options.key ? { authorization: `Bearer ${options.key}` } : undefined;
  const socket = new WebSocket(url, { headers });

  const messages: StreamMessage[] = [];
  const waiting: { match: (m: StreamMessage) => boolean; resolve: (m: StreamMessage) => void }[] =
    [];
  let taken = 0;

  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as StreamMessage;
    messages.push(message);
    const waiter = waiting.find((candidate) => candidate.match(message));
    if (waiter) {
      waiting.splice(waiting.indexOf(waiter), 1);
      taken = messages.length;
      waiter.resolve(message);
    }
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));

  const stream: OpenStream = {
    socket,
    messages,
    closed,
    next: (match = () => true, timeoutMs = 5000) => {
      const found = messages.slice(taken).find(match);
      if (found) {
        taken = messages.indexOf(found) + 1;
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching stream message in ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiting.push({
          match,
          resolve: (message) => {
            clearTimeout(timer);
            resolve(message);
          },
        });
      });
    },
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    close: async () => {
      if (socket.readyState !== WebSocket.CLOSED) socket.close();
      await closed;
    },
  };

  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(stream));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        reject(
          Object.assign(new Error(`refused: ${response.statusCode}`), {
            status: response.statusCode,
            body: body === '' ? null : JSON.parse(body),
          }),
        ),
      );
    });
    socket.once('error', reject);
  });
}

/** The change messages received so far, as [seq, event] pairs. */
export function changesOf(stream: OpenStream): [number, string][] {
  return stream.messages
    .filter((message) => message.type === 'change')
    .map((message) => [message.seq, message.event]);
}
