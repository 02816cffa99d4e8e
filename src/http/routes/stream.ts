import { issueStreamTicket, type StreamTicket } from '../../services/stream-tickets.js';
import { StreamConnection, type StreamConnectionDeps } from '../../stream/stream-connection.js';
import { actorOf, type App, type RouteDeps } from '../app-types.js';
import { idempotentWrite } from '../idempotent-write.js';
import { ERROR_RESPONSES } from '../schemas/common.js';
import { CreatedStreamTicket, StreamQuery } from '../schemas/stream.js';

const tags = ['stream'];

/** The real-time stream of changes, and the tickets browsers open it with. */
export async function streamRoutes(
  app: App,
  deps: RouteDeps,
  stream: StreamConnectionDeps,
): Promise<void> {
  app.get(
    '/v1/stream',
    {
      websocket: true,
      config: { ticketAccepted: true },
      schema: {
        tags,
        summary: 'Open the stream of changes (WebSocket)',
        description:
          'Upgrade to a WebSocket, with the key in the Authorization header or a ticket. ' +
          'The server sends `hello` with the last seq, then a `change` message for each ' +
          'change the key may see; see the README for the messages a client sends.',
        querystring: StreamQuery,
        response: ERROR_RESPONSES,
      },
    },
    (socket, request) => {
      const { after } = request.query as { after?: number };
      new StreamConnection(socket, request.principal, stream, request.log).open(after);
    },
  );

  app.post(
    '/v1/stream/tickets',
    {
      schema: {
        tags,
        summary: 'Get a one-time ticket to open the stream from a browser',
        description:
          'Any key may ask. The ticket goes in the URL (`/v1/stream?ticket=…`) where a ' +
          'browser cannot send a header; it acts as this key, once, for 60 seconds.',
        response: { 201: CreatedStreamTicket, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(
        deps,
        request,
        reply,
        201,
        actorOf(request, deps),
        async (trx, actor) => issueStreamTicket(trx, actor),
        // Only the ticket's hash is stored, so a replay cannot show it again.
        (body: StreamTicket) => ({ ...body, ticket: null }),
      ),
  );
}
