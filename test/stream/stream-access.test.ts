import { afterEach, expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { fieldTeam, makeKey, makeTeam } from '../support/factories.js';
import { openStream, type OpenStream } from '../support/stream-client.js';

async function refusal(opening: Promise<OpenStream>): Promise<{ status: number; body: any }> {
  return opening.then(
    () => {
      throw new Error('the stream opened');
    },
    (error: { status: number; body: any }) => error,
  );
}

describeOnEachDatabase('who may open the stream', (server) => {
  const opened: OpenStream[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stream) => stream.close()));
  });

  it('refuses a connection without a key with 401 and the error envelope', async () => {
    const { status, body } = await refusal(openStream(server().url));

    expect(status).toBe(401);
    expect(body.error.code).toBe('unauthorized');
  });

  it('refuses a wrong key and a revoked one with 401', async () => {
    const { api } = server();
    const key = await makeKey(api, { role: 'dispatcher' });
    const listed = (await api.get('/v1/keys')).body.data;
    await api.delete(`/v1/keys/${listed[0].id}`);

    expect((await refusal(openStream(server().url, { key: 'wede_nope' }))).status).toBe(401);
    expect((await refusal(openStream(server().url, { key }))).status).toBe(401);
  });

  it('opens once with a ticket, which acts as the key that asked for it', async () => {
    const { api } = server();
    const crew = await fieldTeam(api);
    const ticket = await crew.operator.post('/v1/stream/tickets');

    const stream = await openStream(server().url, { query: { ticket: ticket.body.ticket } });
    opened.push(stream);
    const hello = await stream.next();
    const again = await refusal(
      openStream(server().url, { query: { ticket: ticket.body.ticket } }),
    );
    stream.send({ type: 'location', lat: 38.7, lng: -9.1 });
    const located = await stream.next((message) => message.type === 'location_ok');

    expect(ticket.status).toBe(201);
    expect(ticket.body.ticket).toMatch(/^[\w-]{43}$/);
    expect(Date.parse(ticket.body.expires_at) - Date.now()).toBeGreaterThan(50_000);
    expect(Date.parse(ticket.body.expires_at) - Date.now()).toBeLessThanOrEqual(60_000);
    expect(hello.type).toBe('hello');
    expect(again.status).toBe(401);
    expect(located.team_id).toBe(crew.team.id);
  });

  it('refuses an unknown ticket, and asks for a key to issue one', async () => {
    const unknown = await refusal(openStream(server().url, { query: { ticket: 'x'.repeat(43) } }));
    const anonymous = await server().api.post('/v1/stream/tickets', undefined, { key: null });

    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('unauthorized');
    expect(anonymous.status).toBe(401);
  });

  it('refuses a ticket whose key was revoked meanwhile', async () => {
    const { api } = server();
    const key = await makeKey(api, { role: 'dispatcher' });
    const ticket = (await api.as(key).post('/v1/stream/tickets')).body.ticket;
    const listed = (await api.get('/v1/keys')).body.data;
    await api.delete(`/v1/keys/${listed[0].id}`);

    expect((await refusal(openStream(server().url, { query: { ticket } }))).status).toBe(401);
  });

  it('never shows a ticket again on a replayed request', async () => {
    const { api } = server();
    const headers = { 'idempotency-key': `ticket-${Date.now()}` };
    const first = await api.post('/v1/stream/tickets', undefined, { headers });
    const replay = await api.post('/v1/stream/tickets', undefined, { headers });

    expect(typeof first.body.ticket).toBe('string');
    expect(replay.body).toEqual({ ticket: null, expires_at: first.body.expires_at });
  });

  it('refuses an after that is not a whole number with 400 before the upgrade', async () => {
    const { adminKey } = server();
    const { status, body } = await refusal(
      openStream(server().url, { key: adminKey, query: { after: 'soon' } }),
    );

    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
  });

  it('lets a team-less operator connect but shows him nothing', async () => {
    const { api } = server();
    const member = (await api.post('/v1/members', { name: 'Loose', role: 'operator' })).body;
    const stream = await openStream(server().url, {
      key: await makeKey(api, { member_id: member.id }),
    });
    opened.push(stream);
    await stream.next();

    await makeTeam(api);
    stream.send({ type: 'location', lat: 1, lng: 1 });
    const refused = await stream.next((message) => message.type === 'error');

    expect(refused.code).toBe('forbidden');
    expect(stream.messages.filter((message) => message.type === 'change')).toEqual([]);
  });
});

describeOnEachDatabase(
  'a stream ticket past its minute',
  (server) => {
    it('is refused with 401', async () => {
      const ticket = (await server().api.post('/v1/stream/tickets')).body;
      clock.advance(61_000);

      const { status } = await refusal(
        openStream(server().url, { query: { ticket: ticket.ticket } }),
      );

      expect(status).toBe(401);
    });
  },
  { now: () => clock.now() },
);

const clock = {
  offsetMs: 0,
  now: () => new Date(Date.now() + clock.offsetMs),
  advance: (ms: number) => {
    clock.offsetMs += ms;
  },
};
