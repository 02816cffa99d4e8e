import { expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatchedMission, roleClient } from '../support/factories.js';
import {
  expectError,
  expectStatus,
  getMission,
  historyOf,
  isoPlus,
  manualClock,
  MINUTE,
  setStatus,
} from '../support/rules-helpers.js';

describeOnEachDatabase('the mission lifecycle through the API', (server) => {
  it('lets an operator skip from ACK to ON_SITE and leaves on_route_at null', async () => {
    const { api } = server();
    const { mission, operator } = await dispatchedMission(api);

    expectStatus(await setStatus(operator, mission.id, { status: 'ACK' }), 200);
    const onSite = await setStatus(operator, mission.id, { status: 'ON_SITE' });

    expectStatus(onSite, 200);
    expect(onSite.body).toMatchObject({ status: 'ON_SITE', on_route_at: null, sequence: 3 });
    expect(onSite.body.ack_at).not.toBeNull();
    expect(onSite.body.on_site_at).not.toBeNull();
    expect((await getMission(api, mission.id)).on_route_at).toBeNull();
  });

  it.each([
    ['ON_SITE', 'ACK'],
    ['ON_SITE', 'ON_ROUTE'],
    ['ON_ROUTE', 'ACK'],
  ])('refuses a move from %s back to %s with 409 naming the current status', async (now, back) => {
    const { api } = server();
    const { mission, operator } = await dispatchedMission(api);
    const reached = await setStatus(operator, mission.id, { status: now });
    expectStatus(reached, 200);

    const refused = await setStatus(operator, mission.id, { status: back });

    expectError(refused, 409, 'invalid_transition');
    expect(refused.body.error.details).toMatchObject({ status: now, requested: back });
    expect(await getMission(api, mission.id)).toEqual(reached.body);
  });

  it('refuses a move to the status the mission already has with 409', async () => {
    const { api } = server();
    const { mission, operator } = await dispatchedMission(api);
    const acked = await setStatus(operator, mission.id, { status: 'ACK', feedback: { n: 1 } });
    expectStatus(acked, 200);

    const again = await setStatus(operator, mission.id, { status: 'ACK', feedback: { n: 2 } });

    expectError(again, 409, 'invalid_transition');
    expect(again.body.error.details.status).toBe('ACK');
    expect(await getMission(api, mission.id)).toEqual(acked.body);
    expect(await historyOf(api, mission.id)).toHaveLength(2);
  });

  it.each(['COMPLETED', 'FAILED'])(
    'refuses every later write to a %s mission with 409 mission_final and keeps it as it was',
    async (final) => {
      const { api } = server();
      const { mission, operator } = await dispatchedMission(api);
      const supervisor = await roleClient(api, 'supervisor');
      expectStatus(await setStatus(operator, mission.id, { status: 'ON_SITE' }), 200);
      const ended = await setStatus(operator, mission.id, {
        status: final,
        feedback: { outcome: 'first' },
      });
      expectStatus(ended, 200);
      const historyBefore = await historyOf(api, mission.id);

      const attempts = [
        ...['ACK', 'ON_ROUTE', 'ON_SITE', 'COMPLETED', 'FAILED'].map((status) =>
          setStatus(operator, mission.id, { status, feedback: { outcome: 'later' } }),
        ),
        setStatus(supervisor, mission.id, { status: 'COMPLETED' }),
        setStatus(supervisor, mission.id, { status: 'FAILED', reason: 'too late' }),
      ];

      for (const refused of await Promise.all(attempts)) {
        expectError(refused, 409, 'mission_final');
        expect(refused.body.error.details.status).toBe(final);
      }
      expect(await getMission(api, mission.id)).toEqual(ended.body);
      expect(await historyOf(api, mission.id)).toEqual(historyBefore);
    },
  );

  it.each(['CREATED', 'SENT'])(
    'refuses %s through the API with 400 invalid_status and changes nothing',
    async (status) => {
      const { api } = server();
      const { mission, operator } = await dispatchedMission(api);

      const byOperator = await setStatus(operator, mission.id, { status });
      const byAdmin = await setStatus(api, mission.id, { status });

      expectError(byOperator, 400, 'invalid_status');
      expectError(byAdmin, 400, 'invalid_status');
      expect(await getMission(api, mission.id)).toEqual(mission);
      expect(await historyOf(api, mission.id)).toHaveLength(1);
    },
  );

  it('refuses a status that is not in the lifecycle with 400 validation_failed', async () => {
    const { api } = server();
    const { mission, operator } = await dispatchedMission(api);

    const refused = await setStatus(operator, mission.id, { status: 'DONE' });

    expectError(refused, 400, 'validation_failed');
    expect(await getMission(api, mission.id)).toEqual(mission);
  });

  it('lets a mission go from CREATED straight to FAILED', async () => {
    const { api } = server();
    const { mission, operator } = await dispatchedMission(api);

    const failed = await setStatus(operator, mission.id, {
      status: 'FAILED',
      reason: 'no access',
    });

    expectStatus(failed, 200);
    expect(failed.body).toMatchObject({
      status: 'FAILED',
      failure_reason: 'no access',
      ack_at: null,
      on_route_at: null,
      on_site_at: null,
      completed_at: null,
      sequence: 2,
    });
    expect(failed.body.failed_at).not.toBeNull();
    const history = await historyOf(api, mission.id);
    expect(history.map((entry) => [entry.from_status, entry.status])).toEqual([
      [null, 'CREATED'],
      ['CREATED', 'FAILED'],
    ]);
  });

  it('merges feedback across transitions while each history entry keeps its own', async () => {
    const { api } = server();
    const { mission, operator } = await dispatchedMission(api);

    await setStatus(operator, mission.id, { status: 'ACK', feedback: { eta_minutes: 7 } });
    await setStatus(operator, mission.id, { status: 'ON_ROUTE' });
    await setStatus(operator, mission.id, {
      status: 'ON_SITE',
      feedback: { patient_condition: 'serious', eta_minutes: 0 },
    });
    const done = await setStatus(operator, mission.id, {
      status: 'COMPLETED',
      feedback: { patient_condition: 'stable', observations: 'BP 120/80' },
    });

    expectStatus(done, 200);
    expect(done.body.feedback).toEqual({
      eta_minutes: 0,
      patient_condition: 'stable',
      observations: 'BP 120/80',
    });
    const history = await historyOf(api, mission.id);
    expect(history.map((entry) => [entry.status, entry.feedback])).toEqual([
      ['CREATED', null],
      ['ACK', { eta_minutes: 7 }],
      ['ON_ROUTE', null],
      ['ON_SITE', { patient_condition: 'serious', eta_minutes: 0 }],
      ['COMPLETED', { patient_condition: 'stable', observations: 'BP 120/80' }],
    ]);
  });
});

describeOnEachDatabase('the database guard on final missions', (server) => {
  it('refuses a raw UPDATE of a completed mission in the database itself', async () => {
    const { api, running } = server();
    const { mission, operator } = await dispatchedMission(api);
    const completed = await setStatus(operator, mission.id, { status: 'COMPLETED' });
    expectStatus(completed, 200);
    const { db } = running.database;

    const tamper = db
      .updateTable('missions')
      .set({ status: 'ON_SITE', completed_at: null, notes: 'rewritten' })
      .where('id', '=', mission.id)
      .execute();

    await expect(tamper).rejects.toThrow(/mission_final/);
    expect(await getMission(api, mission.id)).toEqual(completed.body);
  });

  it('refuses a raw DELETE of a failed mission in the database itself', async () => {
    const { api, running } = server();
    const { mission, operator } = await dispatchedMission(api);
    const failed = await setStatus(operator, mission.id, { status: 'FAILED' });
    expectStatus(failed, 200);
    const { db } = running.database;

    const erase = db.deleteFrom('missions').where('id', '=', mission.id).execute();

    await expect(erase).rejects.toThrow(/mission_final/);
    expect(await getMission(api, mission.id)).toEqual(failed.body);
  });

  it('lets a raw UPDATE of an active mission through', async () => {
    const { api, running } = server();
    const { mission, operator } = await dispatchedMission(api);
    expectStatus(await setStatus(operator, mission.id, { status: 'ON_ROUTE' }), 200);
    const { db } = running.database;

    const result = await db
      .updateTable('missions')
      .set({ notes: 'use the north entrance' })
      .where('id', '=', mission.id)
      .executeTakeFirst();

    expect(result.numUpdatedRows).toBe(1n);
    expect(await getMission(api, mission.id)).toMatchObject({
      status: 'ON_ROUTE',
      notes: 'use the north entrance',
    });
  });
});

describeOnEachDatabase('the database guard on mission history', (server) => {
  it('refuses a raw UPDATE or DELETE of a history row in the database itself', async () => {
    const { api, running } = server();
    const { mission, operator } = await dispatchedMission(api);
    expectStatus(await setStatus(operator, mission.id, { status: 'ACK' }), 200);
    const before = await api.get(`/v1/missions/${mission.id}/history`);
    const { db } = running.database;

    const rewrite = () =>
      db
        .updateTable('mission_history')
        .set({ to_status: 'ON_SITE' })
        .where('mission_id', '=', mission.id)
        .execute();
    const erase = () =>
      db.deleteFrom('mission_history').where('mission_id', '=', mission.id).execute();

    await expect(rewrite()).rejects.toThrow(/append-only/);
    await expect(erase()).rejects.toThrow(/append-only/);
    expect((await api.get(`/v1/missions/${mission.id}/history`)).body).toEqual(before.body);
  });
});

const T0 = '2026-06-09T18:00:00.000Z';
const clock = manualClock(T0);

describeOnEachDatabase(
  'occurred_at reported by a device',
  (server) => {
    /** A mission dispatched at T0, with the server clock then moved to T0 + 10 minutes. */
    async function missionDispatchedAtT0() {
      clock.set(T0);
      const created = await dispatchedMission(server().api);
      expect(created.mission.dispatched_at).toBe(T0);
      clock.set(isoPlus(T0, 10 * MINUTE));
      return created;
    }

    it('stores an occurred_at in the past as the time of the transition', async () => {
      const { api } = server();
      const { mission, operator } = await missionDispatchedAtT0();
      const reported = isoPlus(T0, 90_000);

      const acked = await setStatus(operator, mission.id, {
        status: 'ACK',
        occurred_at: reported,
      });

      expectStatus(acked, 200);
      expect(acked.body.ack_at).toBe(reported);
      expect((await getMission(api, mission.id)).ack_at).toBe(reported);
      const [, entry] = await historyOf(api, mission.id);
      expect(entry).toMatchObject({
        status: 'ACK',
        occurred_at: reported,
        recorded_at: isoPlus(T0, 10 * MINUTE),
      });
    });

    it('stores the server time when no occurred_at is given', async () => {
      const { mission, operator } = await missionDispatchedAtT0();

      const acked = await setStatus(operator, mission.id, { status: 'ACK' });

      expectStatus(acked, 200);
      expect(acked.body.ack_at).toBe(isoPlus(T0, 10 * MINUTE));
    });

    it('refuses an occurred_at one hour in the future with 400 invalid_occurred_at', async () => {
      const { api } = server();
      const { mission, operator } = await missionDispatchedAtT0();

      const refused = await setStatus(operator, mission.id, {
        status: 'ACK',
        occurred_at: isoPlus(T0, 70 * MINUTE),
      });

      expectError(refused, 400, 'invalid_occurred_at');
      expect(await getMission(api, mission.id)).toEqual(mission);
    });

    it('refuses an occurred_at before the previous transition with 400', async () => {
      const { api } = server();
      const { mission, operator } = await missionDispatchedAtT0();
      const ackAt = isoPlus(T0, 5 * MINUTE);
      const acked = await setStatus(operator, mission.id, { status: 'ACK', occurred_at: ackAt });
      expectStatus(acked, 200);

      const refused = await setStatus(operator, mission.id, {
        status: 'ON_ROUTE',
        occurred_at: isoPlus(T0, 4 * MINUTE),
      });

      expectError(refused, 400, 'invalid_occurred_at');
      expect(refused.body.error.details).toMatchObject({ field: 'occurred_at', previous: ackAt });
      expect(await getMission(api, mission.id)).toEqual(acked.body);
    });

    it('refuses an occurred_at before the dispatch with 400', async () => {
      const { api } = server();
      const { mission, operator } = await missionDispatchedAtT0();

      const refused = await setStatus(operator, mission.id, {
        status: 'ACK',
        occurred_at: isoPlus(T0, -1),
      });

      expectError(refused, 400, 'invalid_occurred_at');
      expect(await getMission(api, mission.id)).toEqual(mission);
    });

    it('accepts an occurred_at equal to the previous transition', async () => {
      const { mission, operator } = await missionDispatchedAtT0();
      const ackAt = isoPlus(T0, 3 * MINUTE);
      expectStatus(
        await setStatus(operator, mission.id, { status: 'ACK', occurred_at: ackAt }),
        200,
      );

      const onRoute = await setStatus(operator, mission.id, {
        status: 'ON_ROUTE',
        occurred_at: ackAt,
      });

      expectStatus(onRoute, 200);
      expect(onRoute.body).toMatchObject({ ack_at: ackAt, on_route_at: ackAt });
    });
  },
  { now: clock.now },
);

describeOnEachDatabase('concurrent status updates of one mission', (server) => {
  it('lets exactly one of ten concurrent COMPLETED and FAILED updates win', async () => {
    const { api } = server();
    const supervisor = await roleClient(api, 'supervisor');

    for (let round = 0; round < 3; round += 1) {
      const { mission } = await dispatchedMission(api);
      const requests = Array.from({ length: 10 }, (_, i) =>
        setStatus(
          supervisor,
          mission.id,
          i % 2 === 0 ? { status: 'COMPLETED' } : { status: 'FAILED', reason: `attempt ${i}` },
        ),
      );
      const answers = await Promise.all(requests);

      const winners = answers.filter((answer) => answer.status === 200);
      expect(winners, JSON.stringify(answers.map((a) => a.body))).toHaveLength(1);
      const won = winners[0]!.body.status;
      for (const loser of answers.filter((answer) => answer.status !== 200)) {
        expect(loser.status, JSON.stringify(loser.body)).toBe(409);
        expect(loser.body.error.details?.status, JSON.stringify(loser.body)).toBe(won);
      }
      const history = await historyOf(api, mission.id);
      const finals = history.filter((entry) => ['COMPLETED', 'FAILED'].includes(entry.status));
      expect(finals).toHaveLength(1);
      expect(finals[0].status).toBe(won);
      expect(history).toHaveLength(2);
      expect((await getMission(api, mission.id)).status).toBe(won);
    }
  });

  it('lets exactly one of ten concurrent ACKs of one mission win', async () => {
    const { api } = server();
    const { mission, operator } = await dispatchedMission(api);

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => setStatus(operator, mission.id, { status: 'ACK' })),
    );

    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    for (const loser of answers.filter((answer) => answer.status !== 200)) {
      expect(loser.status, JSON.stringify(loser.body)).toBe(409);
      expect(loser.body.error.details?.status, JSON.stringify(loser.body)).toBe('ACK');
    }
    const history = await historyOf(api, mission.id);
    expect(history.map((entry) => entry.status)).toEqual(['CREATED', 'ACK']);
  });
});
