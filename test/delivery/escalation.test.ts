import { afterEach, expect, it } from 'vitest';

import type { ApiClient } from '../support/api-client.js';
import { describeOnEachDatabase } from '../support/each-database.js';
import { dispatch, fieldTeam, makeEvent, makeMember } from '../support/factories.js';
import {
  ReceiverPool,
  eventually,
  newTenant,
  pause,
  registerEndpoint,
} from '../support/webhook-kit.js';

// Short timers, so each test waits well under a few seconds; per priority as configured.
const ESCALATE_S = { critical: 0.4, high: 0.8, medium: 1.2, low: 1.6 };
const UNDELIVERED_S = { critical: 1.5, high: 2, medium: 2.5, low: 3 };

/** The texts of one mission, oldest first. */
async function textsOf(api: ApiClient, missionId: string): Promise<any[]> {
  const response = await api.get(`/v1/channels/sms/messages?mission_id=${missionId}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return [...response.body.data].reverse();
}

/** A team whose operator has the given phone, and a mission of it on a new event. */
async function missionFor(api: ApiClient, phone: string | null, priority = 'high') {
  const crew = await fieldTeam(api);
  if (phone !== null) {
    const patched = await api.patch(`/v1/members/${crew.operatorMember.id}`, { phone });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  }
  const event = await makeEvent(api, { priority, title: 'Person collapsed' });
  const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
  return { ...crew, event, mission, dispatchedAt: Date.now() };
}

describeOnEachDatabase(
  'escalation to SMS',
  (server) => {
    const pool = new ReceiverPool();
    afterEach(() => pool.stopAll());

    it('texts the crew once the delay passes unconfirmed, and marks it SENT by sms', async () => {
      const { api } = await newTenant(server());
      const { mission, dispatchedAt } = await missionFor(api, '+351912000001');

      // Not before the delay for its priority.
      expect(await textsOf(api, mission.id)).toEqual([]);
      expect((await api.get(`/v1/missions/${mission.id}`)).body.status).toBe('CREATED');

      const sent = await eventually(
        () => api.get(`/v1/missions/${mission.id}`),
        (response) => response.body.status === 'SENT',
        10_000,
      );
      expect(Date.now() - dispatchedAt).toBeGreaterThanOrEqual(ESCALATE_S.high * 1000 - 50);
      expect(sent.body).toMatchObject({ status: 'SENT', channel_used: 'sms' });

      const texts = await textsOf(api, mission.id);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatchObject({
        direction: 'out',
        to: '+351912000001',
        from: '+15550000000',
        status: 'sent',
        mission_id: mission.id,
      });
      expect(texts[0].provider_id).toMatch(/^log_/);
      expect(texts[0].body).toContain('WEDE HIGH healthcare: Person collapsed.');
      expect(texts[0].body).toContain('38.71690,-9.13950');
      expect(texts[0].body).toContain('https://www.openstreetmap.org/?mlat=38.71690&mlon=-9.13950');
      expect(texts[0].body).toContain('Notes: Patient is conscious, use south entrance');
      expect(texts[0].body).toContain('Reply ACK, ROUTE, SITE, DONE, FAIL why, or BACKUP.');

      const history = (await api.get(`/v1/missions/${mission.id}/history`)).body.data;
      expect(history.map((row: any) => [row.status, row.channel])).toEqual([
        ['CREATED', 'api'],
        ['SENT', 'sms'],
      ]);
    });

    it('waits longer for a lower priority', async () => {
      const { api } = await newTenant(server());
      const low = await missionFor(api, '+351912000002', 'low');
      const critical = await missionFor(api, '+351912000003', 'critical');

      await eventually(
        () => textsOf(api, critical.mission.id),
        (texts) => texts.length === 1,
        10_000,
      );
      expect(await textsOf(api, low.mission.id)).toEqual([]);
      await eventually(
        () => textsOf(api, low.mission.id),
        (texts) => texts.length === 1,
        10_000,
      );
      expect(Date.now() - low.dispatchedAt).toBeGreaterThanOrEqual(ESCALATE_S.low * 1000 - 50);
    });

    it('texts every member of the crew who has a phone, and only them', async () => {
      const { api } = await newTenant(server());
      const crew = await fieldTeam(api);
      await api.patch(`/v1/members/${crew.operatorMember.id}`, { phone: '+351912000004' });
      await makeMember(api, { team_id: crew.team.id, phone: '+351912000005' });
      await makeMember(api, { team_id: crew.team.id });
      const event = await makeEvent(api);
      const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });

      const texts = await eventually(
        () => textsOf(api, mission.id),
        (found) => found.length === 2 && found.every((text) => text.status === 'sent'),
        10_000,
      );
      expect(texts.map((text) => text.to).sort()).toEqual(['+351912000004', '+351912000005']);
      const final = (await api.get(`/v1/missions/${mission.id}/history`)).body.data;
      expect(final.filter((row: any) => row.status === 'SENT')).toHaveLength(1);
    });

    it('texts the crew as it is when the timer runs, not as it was at dispatch', async () => {
      const { api } = await newTenant(server());
      const { mission, operatorMember, team } = await missionFor(api, '+351912000009', 'critical');
      // One member leaves the team after the dispatch; another joins it.
      await api.patch(`/v1/members/${operatorMember.id}`, { team_id: null });
      await makeMember(api, { team_id: team.id, phone: '+351912000010' });

      const texts = await eventually(
        () => textsOf(api, mission.id),
        (found) => found.length > 0 && found.every((sms) => sms.status === 'sent'),
        10_000,
      );
      expect(texts.map((sms) => sms.to)).toEqual(['+351912000010']);
    });

    it('alerts instead of marking SENT when nobody left on the crew has a phone', async () => {
      const { api } = await newTenant(server());
      const receiver = await pool.start();
      await registerEndpoint(api, receiver.url, ['mission.undelivered']);
      const { mission, operatorMember } = await missionFor(api, '+351912000011', 'critical');
      await api.patch(`/v1/members/${operatorMember.id}`, { team_id: null });

      await receiver.waitFor(1, 10_000);
      expect(receiver.received[0]!.body.payload).toMatchObject({
        mission_id: mission.id,
        texts_sent: 0,
      });
      expect(await textsOf(api, mission.id)).toEqual([]);
      expect((await api.get(`/v1/missions/${mission.id}`)).body.status).toBe('CREATED');
    });

    it('does not alert when texts were still on their way after a long outage', async () => {
      const { api } = await newTenant(server());
      const receiver = await pool.start();
      await registerEndpoint(api, receiver.url, ['mission.undelivered', 'mission.status_updated']);
      const { mission } = await missionFor(api, '+351912000012', 'critical');

      // Down past both timers: on restart the text and the alert are due together.
      await server().running.close();
      await pause(UNDELIVERED_S.critical * 1000 + 300);
      await server().restart();

      await eventually(
        () => api.get(`/v1/missions/${mission.id}`),
        (response) => response.body.status === 'SENT',
        10_000,
      );
      await pause(1000);
      expect(receiver.received.map((message) => message.body.event)).toEqual([
        'mission.status_updated',
      ]);
    });

    it('sends nothing for a mission the crew already acknowledged', async () => {
      const { api } = await newTenant(server());
      const { mission, operator } = await missionFor(api, '+351912000006', 'critical');
      const ack = await operator.patch(`/v1/missions/${mission.id}/status`, { status: 'ACK' });
      expect(ack.status).toBe(200);

      await pause(UNDELIVERED_S.critical * 1000 + 500);
      expect(await textsOf(api, mission.id)).toEqual([]);
      expect((await api.get(`/v1/missions/${mission.id}`)).body.status).toBe('ACK');
    });

    it('alerts supervisors once when nothing reaches a crew without phones', async () => {
      const { api } = await newTenant(server());
      const receiver = await pool.start();
      await registerEndpoint(api, receiver.url, ['mission.undelivered']);
      const { mission } = await missionFor(api, null, 'critical');

      await receiver.waitFor(1, 10_000);
      expect(receiver.received[0]!.body).toMatchObject({
        event: 'mission.undelivered',
        payload: {
          mission_id: mission.id,
          status: 'CREATED',
          priority: 'critical',
          team_id: mission.team_id,
          texts_sent: 0,
        },
      });
      await pause(1000);
      expect(receiver.received).toHaveLength(1);
      expect((await api.get(`/v1/missions/${mission.id}`)).body.status).toBe('CREATED');
    });

    it('keeps its timers across a restart: texts sent after the server comes back', async () => {
      const { api } = await newTenant(server());
      const { mission } = await missionFor(api, '+351912000007', 'low');

      // Down from before the delay until well after it.
      await server().running.close();
      await pause(ESCALATE_S.low * 1000 + 300);
      await server().restart();

      const sent = await eventually(
        () => api.get(`/v1/missions/${mission.id}`),
        (response) => response.body.status === 'SENT',
        10_000,
      );
      expect(sent.body.channel_used).toBe('sms');
      expect(await textsOf(api, mission.id)).toHaveLength(1);
    });

    it('lists texts to missions:manage holders of the organization only', async () => {
      const { api } = await newTenant(server());
      const other = await newTenant(server());
      const { mission, operator } = await missionFor(api, '+351912000008', 'critical');
      await eventually(
        () => textsOf(api, mission.id),
        (texts) => texts.length === 1,
        10_000,
      );

      expect((await operator.get('/v1/channels/sms/messages')).status).toBe(403);
      const theirs = await other.api.get(`/v1/channels/sms/messages?mission_id=${mission.id}`);
      expect(theirs.body).toMatchObject({ count: 0, data: [] });
      expect((await api.get('/v1/channels/sms/messages?direction=sideways')).status).toBe(400);
      expect((await api.get('/v1/channels/sms/messages?mission_id=nope')).status).toBe(400);
    });
  },
  { delivery: { escalationSeconds: ESCALATE_S, undeliveredSeconds: UNDELIVERED_S } },
);

describeOnEachDatabase(
  'escalation with two servers on one database',
  (server) => {
    it('runs each timer once: one text and one SENT per mission', async () => {
      const { api } = await newTenant(server());
      const missions = [];
      for (let i = 0; i < 8; i++) {
        missions.push((await missionFor(api, `+35191200010${i}`, 'low')).mission);
      }
      // Both servers start with every timer already due, and race for them.
      await server().running.close();
      await pause(ESCALATE_S.low * 1000 + 300);
      const [twin] = await Promise.all([server().twin(), server().restart()]);
      try {
        for (const mission of missions) {
          await eventually(
            () => api.get(`/v1/missions/${mission.id}`),
            (response) => response.body.status === 'SENT',
            10_000,
          );
        }
        await pause(500);
        for (const mission of missions) {
          expect(await textsOf(api, mission.id)).toHaveLength(1);
          const history = (await api.get(`/v1/missions/${mission.id}/history`)).body.data;
          expect(history.filter((row: any) => row.status === 'SENT')).toHaveLength(1);
        }
      } finally {
        await twin.close();
      }
    });
  },
  { delivery: { escalationSeconds: ESCALATE_S, undeliveredSeconds: UNDELIVERED_S } },
  // Several server processes share one database only on PostgreSQL.
  (kind) => kind === 'postgres',
);
