import {
  closeEventByHand,
  createEvent,
  getEvent,
  updateEventDetails,
} from '../../services/manage-events.js';
import { listEvents } from '../../store/event-store.js';
import { pageRequest } from '../../store/page.js';
import { actorOf, type App, type RouteDeps } from '../app-types.js';
import { idempotentWrite } from '../idempotent-write.js';
import { listBody } from '../list-body.js';
import { presentEvent } from '../present/event.js';
import { ERROR_RESPONSES, IdParams, listOf } from '../schemas/common.js';
import { Event, EventClose, EventCreate, EventListQuery, EventUpdate } from '../schemas/event.js';

const tags = ['events'];
const manage = { anyOf: ['events:manage'] } as const;

export async function eventRoutes(app: App, deps: RouteDeps): Promise<void> {
  app.post(
    '/v1/events',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record an event',
        description:
          'Supervisor and admin keys may give occurred_at, when the incident was really ' +
          'received (a late entry, an import); it may not be in the future. created_at is ' +
          'always when it was recorded.',
        body: EventCreate,
        response: { 201: Event, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 201, actorOf(request, deps), async (trx, actor) =>
        presentEvent(await createEvent(trx, actor, request.body)),
      ),
  );

  app.get(
    '/v1/events',
    {
      config: { anyOf: ['events:view'] },
      schema: {
        tags,
        summary: 'List events, newest first',
        querystring: EventListQuery,
        response: { 200: listOf(Event), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { query } = request;
      const page = pageRequest(query.limit, query.cursor);
      const rows = await listEvents(
        deps.db,
        request.principal.organizationId,
        {
          status: query.status,
          vertical: query.vertical,
          priority: query.priority,
          externalId: query.external_id,
        },
        page,
      );

      return listBody(rows, page.limit, presentEvent);
    },
  );

  app.get(
    '/v1/events/:id',
    {
      config: { anyOf: ['events:view'] },
      schema: {
        tags,
        summary: 'Get an event',
        params: IdParams,
        response: { 200: Event, ...ERROR_RESPONSES },
      },
    },
    async (request) =>
      presentEvent(await getEvent(deps.db, actorOf(request, deps), request.params.id)),
  );

  app.patch(
    '/v1/events/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Correct an open event',
        params: IdParams,
        body: EventUpdate,
        response: { 200: Event, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 200, actorOf(request, deps), async (trx, actor) =>
        presentEvent(await updateEventDetails(trx, actor, request.params.id, request.body)),
      ),
  );

  app.post(
    '/v1/events/:id/close',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Close an event by hand',
        description:
          'Refused with 409 while missions are active, unless fail_active_missions ' +
          'is true: then they end FAILED with the given reason, and the event closes.',
        params: IdParams,
        body: EventClose,
        response: { 200: Event, ...ERROR_RESPONSES },
      },
      // Both fields are optional, so an empty POST is a plain close.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) =>
      idempotentWrite(deps, request, reply, 200, actorOf(request, deps), async (trx, actor) =>
        presentEvent(await closeEventByHand(trx, actor, request.params.id, request.body ?? {})),
      ),
  );
}
