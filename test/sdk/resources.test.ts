import { randomUUID } from 'node:crypto';

import {
  verifyWebhook,
  WedeError,
  type Fetch,
  type Page,
  type Team,
  type WedeClient,
} from '@wede/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { northOf } from '../support/rules-helpers.js';
import { startSdkServer, type SdkServer } from '../support/sdk-server.js';
import { databaseKinds } from '../support/test-database.js';
import { eventually, RFC3339_UTC } from '../support/webhook-kit.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

/** A place of its own for each test, 2° of latitude (about 220 km) from the next one. */
let places = 0;
function newPlace() {
  places += 1;
  return { lat: -60 + places * 2, lng: 75 };
}

/** A client that records every request it sends (each attempt counts). */
function recordingFetch() {
  const requests: URL[] = [];
  const fetch: Fetch = (request) => {
    requests.push(new URL(request.url));
    return globalThis.fetch(request);
  };
  return { requests, fetch };
}

/** Every id of an async iterable, in order. */
async function idsOf(items: AsyncIterable<{ id: string }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of items) ids.push(item.id);
  return ids;
}

/** A copy of `value` without one field, as a list or a later read shows it. */
function without<T extends object, K extends keyof T>(value: T, name: K): Omit<T, K> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== name)) as Omit<T, K>;
}

/** The error a call failed with; fails the test when it succeeded or threw something else. */
async function refusal(call: Promise<unknown>): Promise<WedeError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) {
    throw new Error(`expected a WedeError, got ${JSON.stringify(outcome.value)}`);
  }
  expect(outcome.error).toBeInstanceOf(WedeError);
  return outcome.error as WedeError;
}

describe.each(databaseKinds())('the SDK resource groups against wede serve [%s]', (kind) => {
  let server: SdkServer;
  let admin: WedeClient;

  beforeAll(async () => {
    server = await startSdkServer(kind);
    admin = server.admin;
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A team (without a location unless given) with one operator and the key of his phone. */
  async function crew() {
    const created = await admin.teams.create({ name: unique('Crew'), verticals: ['healthcare'] });
    const member = await admin.members.create({
      name: unique('Operator'),
      role: 'operator',
      team_id: created.id,
    });
    const key = await admin.keys.create({ name: unique('Phone'), member_id: member.id });
    return { team: created, member, key, operator: server.client(key.key!) };
  }

  /** An available healthcare team at `place`. */
  function located(name: string, place: { lat: number; lng: number }) {
    return admin.teams.create({ name: unique(name), verticals: ['healthcare'], ...place });
  }

  function newEvent(place = newPlace()) {
    return admin.events.create({
      vertical: 'healthcare',
      priority: 'high',
      title: 'Person collapsed',
      notes: 'Patient is conscious, use south entrance',
      ...place,
    });
  }

  async function teamStatus(id: string) {
    return (await admin.teams.get(id)).status;
  }

  describe('missions', () => {
    it('carries a mission ACK → ON_ROUTE → ON_SITE → COMPLETED, with its history', async () => {
      const started = new Date().toISOString();
      const { team, member, key, operator } = await crew();
      const event = await newEvent();
      const adminKey = (await admin.keys.list({ limit: 500 })).data.find((listed) =>
        server.adminKey.startsWith(listed.prefix),
      );
      expect(adminKey).toBeDefined();

      const dispatched = await admin.teams.dispatch({ event_id: event.id, team_id: team.id });
      const acked = await operator.missions.updateStatus(dispatched.id, { status: 'ACK' });
      const onRoute = await operator.missions.updateStatus(dispatched.id, { status: 'ON_ROUTE' });
      const onSite = await operator.missions.updateStatus(dispatched.id, {
        status: 'ON_SITE',
        feedback: { patient_condition: 'stable', blood_pressure: '120/80', heart_rate: 88 },
      });
      const completed = await operator.missions.updateStatus(dispatched.id, {
        status: 'COMPLETED',
        feedback: { patient_condition: 'stable', observations: 'Taken to hospital' },
      });

      expect(dispatched).toMatchObject({
        event_id: event.id,
        team_id: team.id,
        status: 'CREATED',
        member_ids: [member.id],
        backup_of: null,
        sequence: 1,
      });
      expect(acked).toMatchObject({ id: dispatched.id, status: 'ACK', sequence: 2 });
      expect(acked.ack_at).toMatch(RFC3339_UTC);
      expect(onRoute).toMatchObject({ status: 'ON_ROUTE', sequence: 3, ack_at: acked.ack_at });
      expect(onSite).toMatchObject({
        status: 'ON_SITE',
        sequence: 4,
        feedback: {
          patient_condition: 'stable',
          blood_pressure: { systolic: 120, diastolic: 80 },
          heart_rate: 88,
        },
      });
      expect(completed).toMatchObject({
        status: 'COMPLETED',
        sequence: 5,
        feedback: { patient_condition: 'stable', observations: 'Taken to hospital' },
      });
      expect(completed.completed_at).toMatch(RFC3339_UTC);

      expect(await admin.missions.get(dispatched.id)).toEqual(completed);
      expect(await operator.missions.get(dispatched.id)).toEqual(completed);
      expect(await teamStatus(team.id)).toBe('AVAILABLE');
      expect((await admin.events.get(event.id)).status).toBe('CLOSED');

      const history = await admin.missions.history(dispatched.id);
      expect(history.map((entry) => [entry.from_status, entry.status])).toEqual([
        [null, 'CREATED'],
        ['CREATED', 'ACK'],
        ['ACK', 'ON_ROUTE'],
        ['ON_ROUTE', 'ON_SITE'],
        ['ON_SITE', 'COMPLETED'],
      ]);
      expect(history.map((entry) => entry.sequence)).toEqual([1, 2, 3, 4, 5]);
      expect(history[0]).toMatchObject({ key_id: adminKey!.id, member_id: null, channel: 'api' });
      for (const entry of history.slice(1)) {
        expect(entry).toMatchObject({ key_id: key.id, member_id: member.id, channel: 'api' });
      }
      expect(history[3]!.feedback).toEqual(onSite.feedback);
      expect(history.map((entry) => entry.occurred_at)).toEqual([
        completed.dispatched_at,
        completed.ack_at,
        completed.on_route_at,
        completed.on_site_at,
        completed.completed_at,
      ]);
      const finished = new Date().toISOString();
      for (const entry of history) {
        expect(
          entry.recorded_at >= started && entry.recorded_at <= finished,
          entry.recorded_at,
        ).toBe(true);
      }
      expect(await operator.missions.history(dispatched.id)).toEqual(history);
    });

    it('lists missions by event, team and status, newest first, and all() pages', async () => {
      const event = await newEvent();
      const other = await newEvent();
      const [first, second, elsewhere] = [await crew(), await crew(), await crew()];
      const a = await admin.teams.dispatch({ event_id: event.id, team_id: first.team.id });
      const b = await admin.teams.dispatch({ event_id: event.id, team_id: second.team.id });
      const c = await admin.teams.dispatch({ event_id: other.id, team_id: elsewhere.team.id });
      const acked = await first.operator.missions.updateStatus(a.id, { status: 'ACK' });

      const byEvent = await admin.missions.list({ event_id: event.id });
      const byTeam = await admin.missions.list({ team_id: second.team.id });
      const ackedOnly = await admin.missions.list({ event_id: event.id, status: 'ACK' });
      const either = await admin.missions.list({ event_id: event.id, status: ['CREATED', 'ACK'] });
      const none = await admin.missions.list({ event_id: event.id, status: 'COMPLETED' });
      const every = await idsOf(admin.missions.all({ event_id: event.id, limit: 1 }));
      const seenByOperator = await first.operator.missions.list({ event_id: event.id });

      expect(byEvent).toEqual({
        data: [await admin.missions.get(b.id), acked],
        count: 2,
        next_cursor: null,
      });
      expect(byTeam.data.map((mission) => mission.id)).toEqual([b.id]);
      expect(ackedOnly.data.map((mission) => mission.id)).toEqual([a.id]);
      expect(either.data.map((mission) => mission.id)).toEqual([b.id, a.id]);
      expect(none).toEqual({ data: [], count: 0, next_cursor: null });
      expect(every).toEqual([b.id, a.id]);
      expect(every).not.toContain(c.id);
      // A field operator sees only his own team's missions.
      expect(seenByOperator.data.map((mission) => mission.id)).toEqual([a.id]);
    });
  });

  describe('teams', () => {
    it('creates, gets, lists, updates a team and sets its location', async () => {
      const name = unique('Ambulance');

      const team = await admin.teams.create({
        name,
        verticals: ['healthcare'],
        lat: 38.72,
        lng: -9.14,
      });
      expect(team).toMatchObject({
        name,
        verticals: ['healthcare'],
        status: 'AVAILABLE',
        lat: 38.72,
        lng: -9.14,
      });
      expect(await admin.teams.get(team.id)).toEqual(team);
      expect(await admin.teams.list({ name })).toEqual({
        data: [team],
        count: 1,
        next_cursor: null,
      });

      const renamed = unique('Fire and rescue');
      const updated = await admin.teams.update(team.id, {
        name: renamed,
        verticals: ['healthcare', 'fire'],
        status: 'OFF_DUTY',
      });
      expect(updated).toMatchObject({
        id: team.id,
        name: renamed,
        verticals: ['healthcare', 'fire'],
        status: 'OFF_DUTY',
      });
      expect(await admin.teams.get(team.id)).toEqual(updated);
      expect(await admin.teams.list({ name })).toMatchObject({ data: [], count: 0 });
      const offDuty = await idsOf(admin.teams.all({ status: 'OFF_DUTY', vertical: 'fire' }));
      expect(offDuty).toContain(team.id);
      const available = await idsOf(admin.teams.all({ status: 'AVAILABLE' }));
      expect(available).not.toContain(team.id);

      const moved = await admin.teams.updateLocation(team.id, { lat: 41.1496, lng: -8.611 });
      expect(moved).toMatchObject({ id: team.id, lat: 41.1496, lng: -8.611 });
      expect(moved.location_updated_at).toMatch(RFC3339_UTC);
      expect(await admin.teams.get(team.id)).toEqual(moved);
    });

    it("lets an operator report his own team's location, and no other team's", async () => {
      const { team, operator } = await crew();
      const other = await admin.teams.create({ name: unique('Other') });

      const moved = await operator.teams.updateLocation(team.id, { lat: 38.75, lng: -9.2 });
      const refused = await refusal(operator.teams.updateLocation(other.id, { lat: 1, lng: 1 }));

      expect(moved).toMatchObject({ id: team.id, lat: 38.75, lng: -9.2 });
      expect(await admin.teams.get(team.id)).toEqual(moved);
      expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
      expect(await admin.teams.get(other.id)).toEqual(other);
    });

    it('dispatches a named team, and the nearest available team without team_id', async () => {
      const place = newPlace();
      const near = await located('Near', northOf(place, 3));
      const far = await located('Far', northOf(place, 30));
      await admin.teams.create({
        name: unique('Fire only'),
        verticals: ['fire'],
        ...northOf(place, 0.5),
      });
      await admin.teams.create({
        name: unique('Off duty'),
        verticals: ['healthcare'],
        status: 'OFF_DUTY',
        ...northOf(place, 0.2),
      });
      const event = await newEvent(place);

      const nearest = await admin.teams.dispatch({ event_id: event.id, notes: 'first in' });
      expect(nearest).toMatchObject({
        event_id: event.id,
        team_id: near.id,
        status: 'CREATED',
        notes: 'first in',
        event_lat: place.lat,
        event_lng: place.lng,
      });
      expect(await teamStatus(near.id)).toBe('BUSY');
      expect(await teamStatus(far.id)).toBe('AVAILABLE');

      const named = await admin.teams.dispatch({ event_id: event.id, team_id: far.id });
      expect(named).toMatchObject({ event_id: event.id, team_id: far.id, status: 'CREATED' });
      expect(await teamStatus(far.id)).toBe('BUSY');
      expect(await admin.missions.list({ event_id: event.id })).toEqual({
        data: [named, nearest],
        count: 2,
        next_cursor: null,
      });
    });

    it('records a past event and dispatch, then diverts the team and says from what', async () => {
      const { team } = await crew();
      const past = await admin.events.create({
        vertical: 'healthcare',
        lat: 37.77,
        lng: -122.42,
        occurred_at: '2017-01-01T09:58:30Z',
      });
      const first = await admin.teams.dispatch({
        event_id: past.id,
        team_id: team.id,
        occurred_at: '2017-01-01T10:00:00Z',
      });
      const urgent = await newEvent();

      const diverted = await admin.teams.dispatch({
        event_id: urgent.id,
        team_id: team.id,
        divert: true,
        divert_from: first.id,
      });

      expect(past.occurred_at).toBe('2017-01-01T09:58:30.000Z');
      expect(first.dispatched_at).toBe('2017-01-01T10:00:00.000Z');
      expect(first.diverted).toBeUndefined();
      expect(diverted).toMatchObject({ event_id: urgent.id, team_id: team.id });
      expect(diverted.diverted).toMatchObject({
        id: first.id,
        status: 'FAILED',
        failure_reason: 'diverted',
      });
      expect((await admin.events.get(past.id)).status).toBe('CLOSED');
      const again = await refusal(
        admin.teams.dispatch({ event_id: past.id, team_id: team.id, divert: true }),
      );
      expect(again).toMatchObject({ status: 409, code: 'event_closed' });
    });
  });

  describe('events', () => {
    it('creates, gets, lists, filters and updates an event', async () => {
      const externalId = unique('CAD');

      const event = await admin.events.create({
        vertical: 'security',
        priority: 'medium',
        lat: 38.7,
        lng: -9.1,
        title: 'Break-in reported',
        address: 'Rua Augusta 1',
        external_id: externalId,
      });
      expect(event).toMatchObject({
        vertical: 'security',
        priority: 'medium',
        title: 'Break-in reported',
        external_id: externalId,
        status: 'OPEN',
        closed_at: null,
      });
      expect(await admin.events.get(event.id)).toEqual(event);
      expect(await admin.events.list({ external_id: externalId })).toEqual({
        data: [event],
        count: 1,
        next_cursor: null,
      });
      const filtered = await idsOf(
        admin.events.all({ status: 'OPEN', vertical: 'security', priority: 'medium' }),
      );
      expect(filtered).toContain(event.id);

      const updated = await admin.events.update(event.id, {
        title: 'Armed break-in',
        priority: 'critical',
        notes: 'Two suspects',
      });
      expect(updated).toMatchObject({
        id: event.id,
        title: 'Armed break-in',
        priority: 'critical',
        notes: 'Two suspects',
        address: 'Rua Augusta 1',
      });
      expect(await admin.events.get(event.id)).toEqual(updated);
      const stillMedium = await idsOf(admin.events.all({ priority: 'medium' }));
      expect(stillMedium).not.toContain(event.id);
      expect(await idsOf(admin.events.all({ external_id: externalId }))).toEqual([event.id]);
    });

    it('closes an event without missions, with a reason', async () => {
      const event = await newEvent();

      const closed = await admin.events.close(event.id, { reason: 'false alarm' });

      expect(closed).toMatchObject({
        id: event.id,
        status: 'CLOSED',
        close_reason: 'false alarm',
      });
      expect(closed.closed_at).toMatch(RFC3339_UTC);
      expect(await admin.events.get(event.id)).toEqual(closed);
      expect(await idsOf(admin.events.all({ status: 'CLOSED' }))).toContain(event.id);
    });

    it('refuses to close an event with an active mission unless told to fail it', async () => {
      const { team } = await crew();
      const event = await newEvent();
      const mission = await admin.teams.dispatch({ event_id: event.id, team_id: team.id });

      const refused = await refusal(admin.events.close(event.id));
      expect(refused).toMatchObject({ status: 409, code: 'event_has_active_missions' });
      expect((await admin.events.get(event.id)).status).toBe('OPEN');
      expect((await admin.missions.get(mission.id)).status).toBe('CREATED');

      const closed = await admin.events.close(event.id, {
        fail_active_missions: true,
        reason: 'duplicate call',
      });

      expect(closed).toMatchObject({ status: 'CLOSED', close_reason: 'duplicate call' });
      expect(await admin.missions.get(mission.id)).toMatchObject({
        status: 'FAILED',
        failure_reason: 'duplicate call',
      });
      expect(await teamStatus(team.id)).toBe('AVAILABLE');
    });
  });

  describe('members', () => {
    it('creates, gets, lists by team and role, and updates a member', async () => {
      const [teamA, teamB] = [
        await admin.teams.create({ name: unique('Team A') }),
        await admin.teams.create({ name: unique('Team B') }),
      ];
      const name = unique('Ana');

      const member = await admin.members.create({
        name,
        role: 'operator',
        team_id: teamA.id,
        email: 'ana@example.org',
      });
      expect(member).toMatchObject({
        name,
        role: 'operator',
        team_id: teamA.id,
        phone: null,
        email: 'ana@example.org',
      });
      expect(await admin.members.get(member.id)).toEqual(member);
      expect(await admin.members.list({ team_id: teamA.id })).toEqual({
        data: [member],
        count: 1,
        next_cursor: null,
      });
      expect(await idsOf(admin.members.all({ role: 'operator' }))).toContain(member.id);

      const updated = await admin.members.update(member.id, {
        team_id: teamB.id,
        role: 'dispatcher',
        phone: '+351912345678',
      });
      expect(updated).toMatchObject({
        id: member.id,
        team_id: teamB.id,
        role: 'dispatcher',
        phone: '+351912345678',
      });
      expect(await admin.members.get(member.id)).toEqual(updated);
      expect((await admin.members.list({ team_id: teamA.id })).data).toEqual([]);
      expect(await idsOf(admin.members.all({ team_id: teamB.id }))).toEqual([member.id]);
      expect(await idsOf(admin.members.all({ role: 'operator' }))).not.toContain(member.id);
    });
  });

  describe('keys', () => {
    it('shows a new key once, lists it without its secret, and revokes it', async () => {
      const idempotencyKey = randomUUID();

      const created = await admin.keys.create(
        { name: unique('Dispatch console'), role: 'dispatcher' },
        { idempotencyKey },
      );
      const secret = created.key!;
      expect(secret).toMatch(/^wede_/);
      expect(created).toMatchObject({ role: 'dispatcher', revoked_at: null });
      expect(secret.startsWith(created.prefix)).toBe(true);
      const dispatcher = server.client(secret);
      expect((await dispatcher.teams.list({ limit: 1 })).count).toBeLessThanOrEqual(1);

      const replayed = await admin.keys.create(
        { name: created.name, role: 'dispatcher' },
        { idempotencyKey },
      );
      expect(replayed).toEqual({ ...created, key: null });

      const listed = (await admin.keys.list({ limit: 500 })).data;
      const shown = without(created, 'key');
      expect(listed.filter((key) => key.id === created.id)).toEqual([shown]);
      expect(JSON.stringify(listed)).not.toContain(secret);
      expect(await idsOf(admin.keys.all())).toContain(created.id);

      const revoked = await admin.keys.revoke(created.id);
      expect(revoked).toMatchObject({ ...shown, revoked_at: expect.stringMatching(RFC3339_UTC) });
      expect((await admin.keys.list({ limit: 500 })).data).toContainEqual(revoked);

      const refused = await refusal(dispatcher.teams.list());
      expect(refused).toMatchObject({ status: 401, code: 'unauthorized' });
    });
  });

  describe('webhooks', () => {
    let receiver: WebhookReceiver;

    beforeAll(async () => {
      receiver = await new WebhookReceiver().start();
    });
    afterAll(async () => {
      await receiver?.stop();
    });

    it('registers, lists, updates, rotates, logs, redelivers, deletes an endpoint', async () => {
      const created = await admin.webhooks.create({
        url: receiver.url,
        events: ['event.created'],
        description: 'dispatch board',
      });
      const { secret, ...endpoint } = created;
      expect(secret).toMatch(/^whsec_/);
      expect(endpoint).toMatchObject({
        url: receiver.url,
        events: ['event.created'],
        description: 'dispatch board',
        enabled: true,
      });
      expect(await admin.webhooks.get(created.id)).toEqual(endpoint);
      expect((await admin.webhooks.list({ limit: 500 })).data).toContainEqual(endpoint);
      expect(await idsOf(admin.webhooks.all())).toContain(created.id);

      const updated = await admin.webhooks.update(created.id, {
        description: 'wall screen',
        events: ['event.created', 'event.closed'],
      });
      expect(updated).toMatchObject({
        id: created.id,
        description: 'wall screen',
        events: ['event.created', 'event.closed'],
      });
      expect(await admin.webhooks.get(created.id)).toEqual(updated);

      const event = await newEvent();
      await receiver.waitFor(1);
      const first = receiver.received[0]!;
      const message = verifyWebhook(first.rawBody, first.headers, secret!);
      expect(message).toMatchObject({ event: 'event.created', payload: { event_id: event.id } });
      const messageId = String(first.headers['webhook-id']);
      const delivered = await eventually(
        () => admin.webhooks.deliveries(created.id),
        (log) => log.data.some((row) => row.message_id === messageId && row.attempts === 1),
      );
      expect(delivered.data).toHaveLength(1);
      expect(delivered.data[0]).toMatchObject({
        message_id: messageId,
        event: 'event.created',
        status: 'delivered',
        attempts: 1,
        last_status_code: 200,
      });
      expect(await admin.webhooks.deliveries(created.id, { status: 'failed' })).toEqual({
        data: [],
        count: 0,
        next_cursor: null,
      });

      const rotated = await admin.webhooks.rotateSecret(created.id);
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.secret).not.toBe(secret);
      expect(rotated.previous_secret_expires_at).toMatch(RFC3339_UTC);
      expect(await admin.webhooks.get(created.id)).toEqual(without(rotated, 'secret'));

      const requeued = await admin.webhooks.redeliver(created.id, { message_id: messageId });
      expect(requeued).toEqual({ requeued: 1 });
      await receiver.waitFor(2);
      const again = receiver.received[1]!;
      expect(again.headers['webhook-id']).toBe(messageId);
      expect(verifyWebhook(again.rawBody, again.headers, rotated.secret!).id).toBe(messageId);
      expect(verifyWebhook(again.rawBody, again.headers, secret!).id).toBe(messageId);
      const redelivered = await eventually(
        () => admin.webhooks.deliveries(created.id),
        (log) => log.data[0]?.attempts === 2 && log.data[0].status === 'delivered',
      );
      expect(redelivered.data.map((row) => row.message_id)).toEqual([messageId]);

      await admin.webhooks.delete(created.id);
      const gone = await refusal(admin.webhooks.get(created.id));
      expect(gone).toMatchObject({ status: 404, code: 'not_found' });
      expect(await idsOf(admin.webhooks.all())).not.toContain(created.id);
    });
  });

  describe('requestBackup', () => {
    it("sends the team nearest the operator's place; the first mission goes on", async () => {
      const place = newPlace();
      const first = await crew();
      const event = await newEvent(place);
      const mission = await admin.teams.dispatch({ event_id: event.id, team_id: first.team.id });
      // The operator reports from 20 km north: the backup is measured from there.
      const reported = northOf(place, 20);
      const nearReport = await located('B', northOf(place, 21));
      const nearEvent = await located('C', northOf(place, 2));

      const backup = await first.operator.requestBackup({
        mission_id: mission.id,
        event_id: event.id,
        event_lat: reported.lat,
        event_lng: reported.lng,
      });

      expect(backup).toMatchObject({
        event_id: event.id,
        team_id: nearReport.id,
        backup_of: mission.id,
        status: 'CREATED',
        event_lat: reported.lat,
        event_lng: reported.lng,
      });
      expect(await admin.missions.get(backup.id)).toEqual(backup);
      expect(await teamStatus(nearReport.id)).toBe('BUSY');
      expect(await teamStatus(nearEvent.id)).toBe('AVAILABLE');
      expect((await admin.missions.get(mission.id)).status).toBe('CREATED');

      const onSite = await first.operator.missions.updateStatus(mission.id, { status: 'ON_SITE' });
      expect(onSite).toMatchObject({ status: 'ON_SITE', backup_of: null });
      const onEvent = await admin.missions.list({ event_id: event.id });
      expect(onEvent.data.map((listed) => [listed.id, listed.status])).toEqual([
        [backup.id, 'CREATED'],
        [mission.id, 'ON_SITE'],
      ]);
    });

    it('refuses an operator whose team is not on the event with 403', async () => {
      const place = newPlace();
      const onEvent = await crew();
      const outsider = await crew();
      const event = await newEvent(place);
      const mission = await admin.teams.dispatch({ event_id: event.id, team_id: onEvent.team.id });
      const spare = await located('Spare', northOf(place, 1));
      const before = await admin.missions.list({ event_id: event.id });

      const refused = await refusal(
        outsider.operator.requestBackup({
          mission_id: mission.id,
          event_id: event.id,
          event_lat: place.lat,
          event_lng: place.lng,
        }),
      );

      expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
      expect(await admin.missions.list({ event_id: event.id })).toEqual(before);
      expect(await teamStatus(spare.id)).toBe('AVAILABLE');
      expect(await teamStatus(outsider.team.id)).toBe('AVAILABLE');
    });
  });

  describe('pagination', () => {
    interface Group {
      list(client: WedeClient, query: { limit: number; cursor?: string }): Promise<Page<Item>>;
      all(client: WedeClient, query: { limit: number }): AsyncIterable<Item>;
      /** Makes one more item. */
      make(): Promise<unknown>;
    }
    type Item = { id: string };

    const groups: Record<string, Group> = {
      missions: {
        list: (client, query) => client.missions.list(query),
        all: (client, query) => client.missions.all(query),
        make: async () => {
          const team = await admin.teams.create({ name: unique('Paged') });
          const event = await newEvent();
          return admin.teams.dispatch({ event_id: event.id, team_id: team.id });
        },
      },
      teams: {
        list: (client, query) => client.teams.list(query),
        all: (client, query) => client.teams.all(query),
        make: () => admin.teams.create({ name: unique('Paged') }),
      },
      events: {
        list: (client, query) => client.events.list(query),
        all: (client, query) => client.events.all(query),
        make: () => newEvent(),
      },
      members: {
        list: (client, query) => client.members.list(query),
        all: (client, query) => client.members.all(query),
        make: () => admin.members.create({ name: unique('Paged'), role: 'dispatcher' }),
      },
      keys: {
        list: (client, query) => client.keys.list(query),
        all: (client, query) => client.keys.all(query),
        make: () => admin.keys.create({ name: unique('Paged'), role: 'dispatcher' }),
      },
      webhooks: {
        list: (client, query) => client.webhooks.list(query),
        all: (client, query) => client.webhooks.all(query),
        // A type no test here causes: nothing is ever sent to the unused address.
        make: () =>
          admin.webhooks.create({
            url: 'http://127.0.0.1:9/unused',
            events: ['endpoint.disabled'],
          }),
      },
    };

    /** Enough items for several pages of 2, with an odd count so the last page is short. */
    async function atLeastSeven(group: Group): Promise<string[]> {
      let ids = (await group.list(admin, { limit: 500 })).data.map((item) => item.id);
      while (ids.length < 7 || ids.length % 2 === 0) {
        await group.make();
        ids = (await group.list(admin, { limit: 500 })).data.map((item) => item.id);
      }
      return ids;
    }

    it.each(Object.keys(groups))(
      '%s: list({ limit: 2 }) pages by cursor, all({ limit: 2 }) yields each item once',
      async (name) => {
        const group = groups[name]!;
        const everything = await atLeastSeven(group);
        const pageCount = Math.ceil(everything.length / 2);

        const first = await group.list(admin, { limit: 2 });
        expect(first.data).toHaveLength(2);
        expect(first.count).toBe(2);
        expect(first.next_cursor).toEqual(expect.any(String));

        const followed: string[] = first.data.map((item) => item.id);
        let cursor = first.next_cursor;
        let pages = 1;
        while (cursor !== null) {
          const page = await group.list(admin, { limit: 2, cursor });
          expect(page.count).toBe(page.data.length);
          expect(page.data.length).toBeGreaterThan(0);
          expect(page.data.length).toBeLessThanOrEqual(2);
          followed.push(...page.data.map((item) => item.id));
          cursor = page.next_cursor;
          pages += 1;
        }
        expect(followed).toEqual(everything);
        expect(pages).toBe(pageCount);

        const { requests, fetch } = recordingFetch();
        const counted = server.client(server.adminKey, { fetch });
        const yielded = await idsOf(group.all(counted, { limit: 2 }));
        expect(yielded).toEqual(everything);
        expect(new Set(yielded).size).toBe(yielded.length);
        expect(requests).toHaveLength(pageCount);
        expect(requests.map((url) => url.searchParams.get('limit'))).toEqual(
          Array(pageCount).fill('2'),
        );
      },
    );

    it.each(Object.keys(groups))(
      '%s: all() fetches a page only when iteration reaches it',
      async (name) => {
        const group = groups[name]!;
        const everything = await atLeastSeven(group);
        const { requests, fetch } = recordingFetch();
        const counted = server.client(server.adminKey, { fetch });

        const items = group.all(counted, { limit: 2 });
        expect(requests).toHaveLength(0);

        const taken: string[] = [];
        for await (const item of items) {
          taken.push(item.id);
          if (taken.length === 1) expect(requests).toHaveLength(1);
          if (taken.length === 3) break;
        }

        expect(taken).toEqual(everything.slice(0, 3));
        expect(requests).toHaveLength(2);
        expect(requests[0]!.searchParams.get('cursor')).toBeNull();
        expect(requests[1]!.searchParams.get('cursor')).toEqual(expect.any(String));
      },
    );
  });

  describe('idempotency', () => {
    it('creates one team for two calls with the same idempotency key', async () => {
      const idempotencyKey = randomUUID();
      const name = unique('Idempotent');

      const first = await admin.teams.create({ name, verticals: ['fire'] }, { idempotencyKey });
      const second = await admin.teams.create({ name, verticals: ['fire'] }, { idempotencyKey });

      expect(second).toEqual(first);
      expect(await admin.teams.list({ name })).toEqual({
        data: [first],
        count: 1,
        next_cursor: null,
      });
    });

    it('creates one mission for two dispatches with the same idempotency key', async () => {
      const idempotencyKey = randomUUID();
      const team: Team = await admin.teams.create({ name: unique('Idempotent') });
      const event = await newEvent();
      const request = { event_id: event.id, team_id: team.id };

      const first = await admin.teams.dispatch(request, { idempotencyKey });
      const second = await admin.teams.dispatch(request, { idempotencyKey });

      expect(second).toEqual(first);
      expect(await admin.missions.list({ event_id: event.id })).toEqual({
        data: [first],
        count: 1,
        next_cursor: null,
      });
      expect(await teamStatus(team.id)).toBe('BUSY');
    });
  });
});
