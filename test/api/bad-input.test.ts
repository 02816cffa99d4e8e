import { expect, it } from 'vitest';

import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatchedMission, LISBON, makeMember, makeTeam } from '../support/factories.js';
import { expectError, expectNothingChanged } from '../support/organization-state.js';

/** One organization's worth of rows for a bad request to aim at. */
interface Target {
  api: ApiClient;
  operator: ApiClient;
  mission: any;
  event: any;
  team: any;
  member: any;
  /** An available team, not yet on the event. */
  spare: any;
}

interface BadRequest {
  label: string;
  field?: string;
  send: (target: Target) => Promise<ApiResponse>;
}

async function makeTarget(api: ApiClient): Promise<Target> {
  const { mission, event, team, operator } = await dispatchedMission(api);
  const member = await makeMember(api, { role: 'dispatcher' });
  const spare = await makeTeam(api);
  return { api, operator, mission, event, team, member, spare };
}

const validEvent = { vertical: 'healthcare', priority: 'high', ...LISBON };
const validTeam = { name: 'Ambulance 12', verticals: ['healthcare'], ...LISBON };
const validMember = { name: 'Ana Silva', role: 'dispatcher' };
const validKey = { name: 'integration', role: 'dispatcher' };

const withUnknownField: BadRequest[] = [
  {
    label: 'POST /v1/events',
    send: ({ api }) => api.post('/v1/events', { ...validEvent, colour: 'red' }),
  },
  {
    label: 'PATCH /v1/events/:id',
    send: ({ api, event }) =>
      api.patch(`/v1/events/${event.id}`, { title: 'Renamed', colour: 'red' }),
  },
  {
    label: 'POST /v1/events/:id/close',
    send: ({ api, event }) =>
      api.post(`/v1/events/${event.id}/close`, { fail_active_missions: true, colour: 'red' }),
  },
  {
    label: 'POST /v1/teams',
    send: ({ api }) => api.post('/v1/teams', { ...validTeam, colour: 'red' }),
  },
  {
    label: 'PATCH /v1/teams/:id',
    send: ({ api, team }) => api.patch(`/v1/teams/${team.id}`, { name: 'Renamed', colour: 'red' }),
  },
  {
    label: 'PUT /v1/teams/:id/location',
    send: ({ api, team }) =>
      api.put(`/v1/teams/${team.id}/location`, { lat: 38.8, lng: -9.2, colour: 'red' }),
  },
  {
    label: 'POST /v1/members',
    send: ({ api }) => api.post('/v1/members', { ...validMember, colour: 'red' }),
  },
  {
    label: 'PATCH /v1/members/:id',
    send: ({ api, member }) =>
      api.patch(`/v1/members/${member.id}`, { name: 'Renamed', colour: 'red' }),
  },
  {
    label: 'POST /v1/keys',
    send: ({ api }) => api.post('/v1/keys', { ...validKey, colour: 'red' }),
  },
  {
    label: 'POST /v1/teams/dispatch',
    send: ({ api, event, spare }) =>
      api.post('/v1/teams/dispatch', { event_id: event.id, team_id: spare.id, colour: 'red' }),
  },
  {
    label: 'PATCH /v1/missions/:id/status',
    send: ({ operator, mission }) =>
      operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK', colour: 'red' }),
  },
  {
    label: 'PATCH /v1/missions/:id/status (admin completing)',
    send: ({ api, mission }) =>
      api.patch(`/v1/missions/${mission.id}/status`, { status: 'COMPLETED', colour: 'red' }),
  },
];

const withWrongType: BadRequest[] = [
  {
    label: 'event lat as a string',
    field: 'lat',
    send: ({ api }) => api.post('/v1/events', { ...validEvent, lat: '38.7' }),
  },
  {
    label: 'event lng as a string',
    field: 'lng',
    send: ({ api }) => api.post('/v1/events', { ...validEvent, lng: '-9.1' }),
  },
  {
    label: 'event priority as a number',
    field: 'priority',
    send: ({ api }) => api.post('/v1/events', { ...validEvent, priority: 5 }),
  },
  {
    label: 'event vertical as a number',
    field: 'vertical',
    send: ({ api }) => api.post('/v1/events', { ...validEvent, vertical: 7 }),
  },
  {
    label: 'event title as null',
    field: 'title',
    send: ({ api, event }) => api.patch(`/v1/events/${event.id}`, { title: null }),
  },
  {
    label: 'event lat as a string on PATCH',
    field: 'lat',
    send: ({ api, event }) => api.patch(`/v1/events/${event.id}`, { lat: '38.7' }),
  },
  {
    label: 'close fail_active_missions as a string',
    field: 'fail_active_missions',
    send: ({ api, event }) =>
      api.post(`/v1/events/${event.id}/close`, { fail_active_missions: 'yes' }),
  },
  {
    label: 'team verticals as a string',
    field: 'verticals',
    send: ({ api }) => api.post('/v1/teams', { ...validTeam, verticals: 'healthcare' }),
  },
  {
    label: 'team verticals as a string on PATCH',
    field: 'verticals',
    send: ({ api, team }) => api.patch(`/v1/teams/${team.id}`, { verticals: 'healthcare' }),
  },
  {
    label: 'team name as a number',
    field: 'name',
    send: ({ api }) => api.post('/v1/teams', { ...validTeam, name: 12 }),
  },
  {
    label: 'team location lat as a string',
    field: 'lat',
    send: ({ api, team }) => api.put(`/v1/teams/${team.id}/location`, { lat: '38.7', lng: -9.1 }),
  },
  {
    label: 'member role as a number',
    field: 'role',
    send: ({ api }) => api.post('/v1/members', { ...validMember, role: 3 }),
  },
  {
    label: 'member phone as a number',
    field: 'phone',
    send: ({ api }) => api.post('/v1/members', { ...validMember, phone: 351912345678 }),
  },
  {
    label: 'key permissions as a string',
    field: 'permissions',
    send: ({ api }) => api.post('/v1/keys', { name: 'k', permissions: 'missions:view' }),
  },
  {
    label: 'dispatch event_id as a number',
    field: 'event_id',
    send: ({ api }) => api.post('/v1/teams/dispatch', { event_id: 5 }),
  },
  {
    label: 'dispatch event_lat as a string',
    field: 'event_lat',
    send: ({ api, event, spare }) =>
      api.post('/v1/teams/dispatch', {
        event_id: event.id,
        team_id: spare.id,
        event_lat: '38.7',
        event_lng: -9.1,
      }),
  },
  {
    label: 'status as a number',
    field: 'status',
    send: ({ operator, mission }) =>
      operator.patch(`/v1/missions/${mission.id}/status`, { status: 3 }),
  },
  {
    label: 'feedback as an array',
    field: 'feedback',
    send: ({ operator, mission }) =>
      operator.patch(`/v1/missions/${mission.id}/status`, {
        status: 'ACK',
        feedback: [{ patient_condition: 'stable' }],
      }),
  },
  {
    label: 'feedback as a string',
    field: 'feedback',
    send: ({ operator, mission }) =>
      operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK', feedback: 'stable' }),
  },
  {
    label: 'feedback as null',
    field: 'feedback',
    send: ({ operator, mission }) =>
      operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK', feedback: null }),
  },
  {
    label: 'occurred_at not a time',
    field: 'occurred_at',
    send: ({ operator, mission }) =>
      operator.patch(`/v1/missions/${mission.id}/status`, {
        status: 'ACK',
        occurred_at: 'yesterday',
      }),
  },
];

const withMissingField: BadRequest[] = [
  {
    label: 'event without vertical',
    field: 'vertical',
    send: ({ api }) => api.post('/v1/events', { priority: 'high', ...LISBON }),
  },
  {
    label: 'event without lat',
    field: 'lat',
    send: ({ api }) => api.post('/v1/events', { vertical: 'healthcare', lng: LISBON.lng }),
  },
  {
    label: 'event without lng',
    field: 'lng',
    send: ({ api }) => api.post('/v1/events', { vertical: 'healthcare', lat: LISBON.lat }),
  },
  {
    label: 'team without name',
    field: 'name',
    send: ({ api }) => api.post('/v1/teams', { verticals: ['fire'] }),
  },
  {
    label: 'team with lat but no lng',
    field: 'lat',
    send: ({ api }) => api.post('/v1/teams', { name: 'Half located', lat: 38.7 }),
  },
  {
    label: 'team location without lng',
    field: 'lng',
    send: ({ api, team }) => api.put(`/v1/teams/${team.id}/location`, { lat: 38.7 }),
  },
  {
    label: 'member without name',
    field: 'name',
    send: ({ api }) => api.post('/v1/members', { role: 'dispatcher' }),
  },
  {
    label: 'member without role',
    field: 'role',
    send: ({ api }) => api.post('/v1/members', { name: 'Ana' }),
  },
  {
    label: 'key without name',
    field: 'name',
    send: ({ api }) => api.post('/v1/keys', { role: 'dispatcher' }),
  },
  {
    label: 'key without role, permissions or member',
    field: 'role',
    send: ({ api }) => api.post('/v1/keys', { name: 'nothing granted' }),
  },
  {
    label: 'dispatch without event_id',
    field: 'event_id',
    send: ({ api, team }) => api.post('/v1/teams/dispatch', { team_id: team.id }),
  },
  {
    label: 'dispatch with event_lat but no event_lng',
    field: 'event_lat',
    send: ({ api, event, spare }) =>
      api.post('/v1/teams/dispatch', { event_id: event.id, team_id: spare.id, event_lat: 38.7 }),
  },
  {
    label: 'status update without status',
    field: 'status',
    send: ({ operator, mission }) =>
      operator.patch(`/v1/missions/${mission.id}/status`, { feedback: { note: 'x' } }),
  },
];

const outOfRange: Array<[string, number]> = [
  ['lat', 90.5],
  ['lat', -91],
  ['lng', 181],
  ['lng', -180.5],
];

const withBadCoordinates: BadRequest[] = outOfRange.flatMap(([field, value]) => [
  {
    label: `event ${field} ${value}`,
    field,
    send: ({ api }: Target) => api.post('/v1/events', { ...validEvent, [field]: value }),
  },
  {
    label: `event PATCH ${field} ${value}`,
    field,
    send: ({ api, event }: Target) => api.patch(`/v1/events/${event.id}`, { [field]: value }),
  },
  {
    label: `team ${field} ${value}`,
    field,
    send: ({ api }: Target) => api.post('/v1/teams', { ...validTeam, [field]: value }),
  },
  {
    label: `team location ${field} ${value}`,
    field,
    send: ({ api, team }: Target) =>
      api.put(`/v1/teams/${team.id}/location`, { ...LISBON, [field]: value }),
  },
  {
    label: `dispatch event_${field} ${value}`,
    field: `event_${field}`,
    send: ({ api, event, spare }: Target) =>
      api.post('/v1/teams/dispatch', {
        event_id: event.id,
        team_id: spare.id,
        event_lat: LISBON.lat,
        event_lng: LISBON.lng,
        [`event_${field}`]: value,
      }),
  },
]);

const withBadEnum: BadRequest[] = [
  {
    label: "event priority 'urgent'",
    field: 'priority',
    send: ({ api }) => api.post('/v1/events', { ...validEvent, priority: 'urgent' }),
  },
  {
    label: "event PATCH priority 'urgent'",
    field: 'priority',
    send: ({ api, event }) => api.patch(`/v1/events/${event.id}`, { priority: 'urgent' }),
  },
  {
    label: "event vertical 'Health Care'",
    field: 'vertical',
    send: ({ api }) => api.post('/v1/events', { ...validEvent, vertical: 'Health Care' }),
  },
  {
    label: "team vertical 'Fire' (not lowercase)",
    field: 'verticals.0',
    send: ({ api }) => api.post('/v1/teams', { ...validTeam, verticals: ['Fire'] }),
  },
  {
    label: 'team verticals repeated',
    field: 'verticals',
    send: ({ api }) => api.post('/v1/teams', { ...validTeam, verticals: ['fire', 'fire'] }),
  },
  {
    label: "event title ''",
    field: 'title',
    send: ({ api }) => api.post('/v1/events', { ...validEvent, title: '' }),
  },
  {
    label: "event external_id ''",
    field: 'external_id',
    send: ({ api }) => api.post('/v1/events', { ...validEvent, external_id: '' }),
  },
  {
    label: "failure reason ''",
    field: 'reason',
    send: ({ api, mission }) =>
      api.patch(`/v1/missions/${mission.id}/status`, { status: 'FAILED', reason: '' }),
  },
  {
    label: "member role 'boss'",
    field: 'role',
    send: ({ api }) => api.post('/v1/members', { ...validMember, role: 'boss' }),
  },
  {
    label: "member PATCH role 'boss'",
    field: 'role',
    send: ({ api, member }) => api.patch(`/v1/members/${member.id}`, { role: 'boss' }),
  },
  {
    label: "key role 'boss'",
    field: 'role',
    send: ({ api }) => api.post('/v1/keys', { name: 'k', role: 'boss' }),
  },
  {
    label: "key permission 'missions:everything'",
    field: 'permissions.0',
    send: ({ api }) => api.post('/v1/keys', { name: 'k', permissions: ['missions:everything'] }),
  },
  {
    label: "team status 'BUSY' (set only by dispatch)",
    field: 'status',
    send: ({ api }) => api.post('/v1/teams', { ...validTeam, status: 'BUSY' }),
  },
  {
    label: "team PATCH status 'RESTING'",
    field: 'status',
    send: ({ api, team }) => api.patch(`/v1/teams/${team.id}`, { status: 'RESTING' }),
  },
  {
    label: "mission status 'DONE'",
    field: 'status',
    send: ({ operator, mission }) =>
      operator.patch(`/v1/missions/${mission.id}/status`, { status: 'DONE' }),
  },
  {
    label: "mission status 'ack' (lowercase)",
    field: 'status',
    send: ({ operator, mission }) =>
      operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ack' }),
  },
];

const BAD_PHONES = [
  '912345678',
  '+0912345678',
  '+351 912 345 678',
  '+35191',
  '+3519123456789012',
  'call me',
];

const withBadContact: BadRequest[] = [
  ...BAD_PHONES.map((phone) => ({
    label: `member phone ${phone}`,
    field: 'phone',
    send: ({ api }: Target) => api.post('/v1/members', { ...validMember, phone }),
  })),
  ...['not-an-email', 'ana@', '@example.com', 'ana silva@example.com'].map((email) => ({
    label: `member email ${email}`,
    field: 'email',
    send: ({ api }: Target) => api.post('/v1/members', { ...validMember, email }),
  })),
  {
    label: 'member PATCH phone 912345678',
    field: 'phone',
    send: ({ api, member }) => api.patch(`/v1/members/${member.id}`, { phone: '912345678' }),
  },
  {
    label: 'member PATCH email not-an-email',
    field: 'email',
    send: ({ api, member }) => api.patch(`/v1/members/${member.id}`, { email: 'not-an-email' }),
  },
];

const withBadUuid: BadRequest[] = [
  {
    label: 'GET /v1/missions/not-a-uuid',
    field: 'id',
    send: ({ api }) => api.get('/v1/missions/not-a-uuid'),
  },
  {
    label: 'GET /v1/missions/not-a-uuid/history',
    field: 'id',
    send: ({ api }) => api.get('/v1/missions/not-a-uuid/history'),
  },
  {
    label: 'PATCH /v1/missions/not-a-uuid/status',
    field: 'id',
    send: ({ api }) => api.patch('/v1/missions/not-a-uuid/status', { status: 'COMPLETED' }),
  },
  {
    label: 'GET /v1/events/not-a-uuid',
    field: 'id',
    send: ({ api }) => api.get('/v1/events/not-a-uuid'),
  },
  {
    label: 'PATCH /v1/events/not-a-uuid',
    field: 'id',
    send: ({ api }) => api.patch('/v1/events/not-a-uuid', { title: 'x' }),
  },
  {
    label: 'POST /v1/events/not-a-uuid/close',
    field: 'id',
    send: ({ api }) => api.post('/v1/events/not-a-uuid/close', {}),
  },
  {
    label: 'GET /v1/teams/not-a-uuid',
    field: 'id',
    send: ({ api }) => api.get('/v1/teams/not-a-uuid'),
  },
  {
    label: 'PUT /v1/teams/not-a-uuid/location',
    field: 'id',
    send: ({ api }) => api.put('/v1/teams/not-a-uuid/location', LISBON),
  },
  { label: 'GET /v1/members/12345', field: 'id', send: ({ api }) => api.get('/v1/members/12345') },
  {
    label: 'DELETE /v1/keys/not-a-uuid',
    field: 'id',
    send: ({ api }) => api.delete('/v1/keys/not-a-uuid'),
  },
  {
    label: 'dispatch event_id not-a-uuid',
    field: 'event_id',
    send: ({ api }) => api.post('/v1/teams/dispatch', { event_id: 'not-a-uuid' }),
  },
  {
    label: 'dispatch team_id not-a-uuid',
    field: 'team_id',
    send: ({ api, event }) =>
      api.post('/v1/teams/dispatch', { event_id: event.id, team_id: 'not-a-uuid' }),
  },
  {
    label: 'dispatch backup_of not-a-uuid',
    field: 'backup_of',
    send: ({ api, event }) =>
      api.post('/v1/teams/dispatch', { event_id: event.id, backup_of: 'not-a-uuid' }),
  },
  {
    label: 'member team_id not-a-uuid',
    field: 'team_id',
    send: ({ api }) => api.post('/v1/members', { ...validMember, team_id: 'not-a-uuid' }),
  },
  {
    label: 'key member_id not-a-uuid',
    field: 'member_id',
    send: ({ api }) => api.post('/v1/keys', { name: 'k', member_id: 'not-a-uuid' }),
  },
];

const withBadQuery: BadRequest[] = [
  ...['team_id', 'member_id', 'event_id'].map((field) => ({
    label: `missions ?${field}=not-a-uuid`,
    field,
    send: ({ api }: Target) => api.get(`/v1/missions?${field}=not-a-uuid`),
  })),
  {
    label: 'members ?team_id=not-a-uuid',
    field: 'team_id',
    send: ({ api }) => api.get('/v1/members?team_id=not-a-uuid'),
  },
  {
    label: 'missions ?status=DONE',
    field: 'status',
    send: ({ api }) => api.get('/v1/missions?status=DONE'),
  },
  {
    label: 'missions ?status=ACK,DONE',
    field: 'status',
    send: ({ api }) => api.get('/v1/missions?status=ACK,DONE'),
  },
  {
    label: 'events ?priority=urgent',
    field: 'priority',
    send: ({ api }) => api.get('/v1/events?priority=urgent'),
  },
  {
    label: 'teams ?status=RESTING',
    field: 'status',
    send: ({ api }) => api.get('/v1/teams?status=RESTING'),
  },
  {
    label: 'members ?role=boss',
    field: 'role',
    send: ({ api }) => api.get('/v1/members?role=boss'),
  },
  {
    label: 'missions ?colour=red (unknown)',
    field: 'colour',
    send: ({ api }) => api.get('/v1/missions?colour=red'),
  },
  ...['missions', 'events', 'teams', 'members'].flatMap((list) =>
    ['0', '501', '-1', 'ten', '2.5', '%20', '0x10', '1e1'].map((limit) => ({
      label: `${list} ?limit=${limit}`,
      field: 'limit',
      send: ({ api }: Target) => api.get(`/v1/${list}?limit=${limit}`),
    })),
  ),
  ...['missions', 'events', 'teams', 'members'].flatMap((list) =>
    [
      ['forged', 'forged'],
      ['v1 prefix, not an id', Buffer.from('v1:not-an-id').toString('base64url')],
      [
        'wrong version',
        Buffer.from('v2:0190a0b4-2c3d-7e4f-8a5b-6c7d8e9f0a1b').toString('base64url'),
      ],
      ['over 200 characters', 'a'.repeat(201)],
    ].map(([what, cursor]) => ({
      label: `${list} with a ${what} cursor`,
      field: 'cursor',
      send: ({ api }: Target) => api.get(`/v1/${list}?cursor=${encodeURIComponent(cursor!)}`),
    })),
  ),
];

describeOnEachDatabase('bad input gets a clear error and changes nothing', (server) => {
  async function expectRefused(request: BadRequest, status: number, code: string) {
    const { api } = server();
    const target = await makeTarget(api);
    const historyBefore = (await api.get(`/v1/missions/${target.mission.id}/history`)).body;

    const response = await expectNothingChanged(api, () => request.send(target));

    expectError(
      response,
      status,
      code,
      request.field === undefined
        ? {}
        : {
            field: request.field,
          },
    );
    const historyAfter = (await api.get(`/v1/missions/${target.mission.id}/history`)).body;
    expect(historyAfter).toEqual(historyBefore);
    return response;
  }

  it.each(withUnknownField)('refuses an unknown field on $label', async (request) => {
    const unknown = { ...request, field: 'colour' };
    const response = await expectRefused(unknown, 400, 'validation_failed');

    expect(response.body.error.message).toMatch(/unknown field "colour"/);
    const { details } = response.body.error;
    expect(details).toMatchObject({ in: 'body', rule: 'additionalProperties' });
  });

  it.each(withWrongType)('refuses $label', async (request) => {
    await expectRefused(request, 400, 'validation_failed');
  });

  it.each(withMissingField)('refuses $label', async (request) => {
    await expectRefused(request, 400, 'validation_failed');
  });

  it.each(withBadCoordinates)('refuses $label', async (request) => {
    await expectRefused(request, 400, 'validation_failed');
  });

  it.each(withBadEnum)('refuses $label', async (request) => {
    await expectRefused(request, 400, 'validation_failed');
  });

  it.each(withBadContact)('refuses $label', async (request) => {
    await expectRefused(request, 400, 'validation_failed');
  });

  it.each(withBadUuid)('refuses $label', async (request) => {
    await expectRefused(request, 400, 'validation_failed');
  });

  it.each(withBadQuery)('refuses $label', async (request) => {
    const response = await expectRefused(request, 400, 'validation_failed');
    if (request.field !== 'cursor') {
      expect(response.body.error.details.in).toBe('querystring');
    }
  });

  it('refuses an empty PATCH of an event, a team and a member', async () => {
    const { api } = server();
    const { event, team, member } = await makeTarget(api);

    for (const path of [
      `/v1/events/${event.id}`,
      `/v1/teams/${team.id}`,
      `/v1/members/${member.id}`,
    ]) {
      const response = await expectNothingChanged(api, () => api.patch(path, {}));
      expectError(response, 400, 'validation_failed', { message: /fewer than 1 propert/ });
    }
  });

  it('accepts the edges of the coordinate ranges, so refusals are about range', async () => {
    const { api } = server();

    for (const [lat, lng] of [
      [90, 180],
      [-90, -180],
      [0, 0],
    ] as const) {
      const event = await api.post('/v1/events', { ...validEvent, lat, lng });
      expect(event.status, JSON.stringify(event.body)).toBe(201);
      expect(event.body).toMatchObject({ lat, lng });
    }
  });

  it('accepts the edges of limit (1 and 500) and a cursor the server issued', async () => {
    const { api } = server();
    await makeTarget(api);
    await makeTarget(api);

    const first = await api.get('/v1/events?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(1);
    expect(typeof first.body.next_cursor).toBe('string');

    const second = await api.get(`/v1/events?limit=1&cursor=${first.body.next_cursor}`);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);

    const all = await api.get('/v1/events?limit=500');
    expect(all.status).toBe(200);
  });

  it('refuses a body over 64 KiB with 413 before acting on it', async () => {
    const { api } = server();
    const { mission, operator } = await makeTarget(api);
    const huge = 'x'.repeat(65 * 1024);

    const event = await expectNothingChanged(api, () =>
      api.post('/v1/events', { ...validEvent, notes: huge }),
    );
    expectError(event, 413, 'payload_too_large');

    const team = await expectNothingChanged(api, () =>
      api.post('/v1/teams', { ...validTeam, name: huge }),
    );
    expectError(team, 413, 'payload_too_large');

    const status = await expectNothingChanged(api, () =>
      operator.patch(`/v1/missions/${mission.id}/status`, {
        status: 'ACK',
        feedback: { observations: huge },
      }),
    );
    expectError(status, 413, 'payload_too_large');
    expect((await api.get(`/v1/missions/${mission.id}`)).body).toEqual(mission);
  });

  it('refuses feedback over 16 KiB in a body under 64 KiB, and leaves the mission', async () => {
    const { api } = server();
    const { mission, operator } = await makeTarget(api);
    const feedback = { observations: 'y'.repeat(17 * 1024) };
    expect(JSON.stringify({ status: 'ACK', feedback }).length).toBeLessThan(64 * 1024);
    const historyBefore = (await api.get(`/v1/missions/${mission.id}/history`)).body;

    const response = await expectNothingChanged(api, () =>
      operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK', feedback }),
    );

    expectError(response, 413, 'payload_too_large', { field: 'feedback' });
    expect((await api.get(`/v1/missions/${mission.id}`)).body).toEqual(mission);
    expect((await api.get(`/v1/missions/${mission.id}/history`)).body).toEqual(historyBefore);
  });

  it('takes feedback just under 16 KiB, so the limit above is the one refusing', async () => {
    const { api } = server();
    const { mission, operator } = await makeTarget(api);
    const feedback = { observations: 'y'.repeat(15 * 1024) };

    const response = await operator.patch(`/v1/missions/${mission.id}/status`, {
      status: 'ACK',
      feedback,
    });

    expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(200);
    expect(response.body.feedback).toEqual(feedback);
  });

  it('refuses a body that is not valid JSON with 400 invalid_json', async () => {
    const { api } = server();
    const { mission, operator } = await makeTarget(api);

    for (const raw of ['{"vertical": "healthcare", ', "{'vertical': 'fire'}", '{"a":1}}']) {
      const response = await expectNothingChanged(api, () =>
        api.post('/v1/events', undefined, { raw }),
      );
      expectError(response, 400, 'invalid_json');
    }
    const patch = await expectNothingChanged(api, () =>
      operator.patch(`/v1/missions/${mission.id}/status`, undefined, { raw: '{"status": ACK}' }),
    );
    expectError(patch, 400, 'invalid_json');
    expect((await api.get(`/v1/missions/${mission.id}`)).body).toEqual(mission);
  });

  it('refuses a coordinate too large for a number (1e400)', async () => {
    const { api } = server();

    const response = await expectNothingChanged(api, () =>
      api.post('/v1/events', undefined, { raw: '{"vertical": "fire", "lat": 1e400, "lng": 0}' }),
    );

    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(['validation_failed', 'invalid_json']).toContain(response.body.error.code);
    expectError(response, 400, response.body.error.code);
  });

  it('refuses statuses only Wede sets, and a time in the future', async () => {
    const { api } = server();
    const { mission, operator } = await makeTarget(api);
    const later = new Date(Date.now() + 60 * 60 * 1000).toISOString();

    for (const status of ['CREATED', 'SENT']) {
      const response = await expectNothingChanged(api, () =>
        operator.patch(`/v1/missions/${mission.id}/status`, { status }),
      );
      expectError(response, 400, 'invalid_status', { message: status });
    }
    const future = await expectNothingChanged(api, () =>
      operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK', occurred_at: later }),
    );
    expectError(future, 400, 'invalid_occurred_at', { field: 'occurred_at' });

    expect((await api.get(`/v1/missions/${mission.id}`)).body).toEqual(mission);
    expect((await api.get(`/v1/missions/${mission.id}/history`)).body.count).toBe(1);
  });

  it('refuses an empty body sent as JSON with 400 invalid_json', async () => {
    const { api } = server();

    const response = await expectNothingChanged(api, () =>
      api.post('/v1/events', undefined, {
        headers: { 'content-type': 'application/json' },
        raw: '',
      }),
    );

    expectError(response, 400, 'invalid_json');
  });

  it('refuses a JSON body that is not an object', async () => {
    const { api } = server();

    for (const raw of ['[]', '"healthcare"', '42', 'null']) {
      const response = await expectNothingChanged(api, () =>
        api.post('/v1/events', undefined, { raw }),
      );
      expectError(response, 400, 'validation_failed', { message: /body/ });
    }
  });

  it.each([
    ['application/x-www-form-urlencoded', 'vertical=healthcare&lat=38.7&lng=-9.1'],
    ['application/xml', '<event><vertical>healthcare</vertical></event>'],
    ['text/plain', JSON.stringify(validEvent)],
    ['multipart/form-data; boundary=x', '--x\r\n\r\nhealthcare\r\n--x--'],
  ])('refuses a %s body with 415', async (contentType, raw) => {
    const { api } = server();

    const response = await expectNothingChanged(api, () =>
      api.post('/v1/events', undefined, { raw, headers: { 'content-type': contentType } }),
    );

    expectError(response, 415, 'unsupported_media_type');
  });

  it('answers an unknown route with the 404 envelope', async () => {
    const { api } = server();

    for (const [method, path] of [
      ['GET', '/v1/nothing-here'],
      ['POST', '/v1/missions'],
      ['DELETE', '/v1/events'],
      ['GET', '/nothing'],
    ] as const) {
      const response = await api.request<any>(method, path, undefined);
      expectError(response, 404, 'not_found');
      expect(response.body.error.message).toContain(path);
    }
    const anonymous = await api.get('/v1/nothing-here', { key: null });
    expectError(anonymous, 404, 'not_found');
  });

  it('puts x-request-id on every error, echoing a well-formed one the caller sent', async () => {
    const { api } = server();
    const { mission } = await makeTarget(api);

    const errors = [
      await api.get('/v1/missions/not-a-uuid'),
      await api.get('/v1/missions', { key: null }),
      await api.get('/v1/missions', { key: 'wede_wrong' }),
      await api.patch(`/v1/missions/${mission.id}/status`, { status: 'CREATED' }),
      await api.post('/v1/events', undefined, { raw: '{' }),
      await api.get('/v1/none'),
    ];
    for (const response of errors) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('x-request-id')).toMatch(/\S/);
    }

    const echoed = await api.get('/v1/missions/not-a-uuid', {
      headers: { 'x-request-id': 'client-trace.42' },
    });
    expectError(echoed, 400, 'validation_failed');
    expect(echoed.headers.get('x-request-id')).toBe('client-trace.42');

    const replaced = await api.get('/v1/missions/not-a-uuid', {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(replaced.headers.get('x-request-id')).not.toBe('bad id with spaces');
    expect(replaced.headers.get('x-request-id')).toMatch(/\S/);
  });
});
