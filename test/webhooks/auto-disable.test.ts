import { afterEach, expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { makeEvent } from '../support/factories.js';
import {
  HeldReceiver,
  RFC3339_UTC,
  ReceiverPool,
  deliveryLog,
  eventually,
  newTenant,
  pause,
  registerEndpoint,
  verifiedWith,
} from '../support/webhook-kit.js';

// 0.0001 h is 0.36 s: an endpoint failing for longer than that is disabled.
const LIMIT_MS = 0.0001 * 3_600_000;

describeOnEachDatabase(
  'endpoints that keep failing',
  (server) => {
    const pool = new ReceiverPool();
    const held: HeldReceiver[] = [];
    afterEach(async () => {
      await pool.stopAll();
      await Promise.all(held.splice(0).map((receiver) => receiver.stop()));
    });

    it('are disabled, and the other endpoints get an endpoint.disabled message', async () => {
      const { api, organizationId } = await newTenant(server());
      const failing = await pool.start(() => 500);
      const watcher = await pool.start();
      const everything = await pool.start();
      const eventsOnly = await pool.start();
      const endpoint = await registerEndpoint(api, failing.url, ['*']);
      const watch = await registerEndpoint(api, watcher.url, ['endpoint.disabled']);
      await registerEndpoint(api, everything.url, ['*']);
      const onlyEvents = await registerEndpoint(api, eventsOnly.url, ['event.created']);

      await makeEvent(api);
      await watcher.waitFor(1, 10_000);

      const notice = verifiedWith(watch.secret, watcher.received[0]!);
      expect(notice).toMatchObject({
        event: 'endpoint.disabled',
        organization_id: organizationId,
        payload: { endpoint_id: endpoint.id, url: endpoint.url },
      });
      expect(notice.id).toMatch(/^msg_/);
      expect(notice.occurred_at).toMatch(RFC3339_UTC);
      expect(notice.payload.reason).toEqual(expect.stringMatching(/\S/));

      const shown = await api.get(`/v1/webhooks/${endpoint.id}`);
      expect(shown.body.enabled).toBe(false);
      expect(shown.body.disabled_reason).toEqual(expect.stringMatching(/\S/));
      expect(shown.body.failing_since).toMatch(RFC3339_UTC);
      // Disabled for failing too long, not at the first failure.
      expect(failing.received.length).toBeGreaterThanOrEqual(2);
      const spanMs = failing.received.at(-1)!.at - failing.received[0]!.at;
      expect(spanMs).toBeGreaterThanOrEqual(LIMIT_MS * 0.8);

      await everything.waitFor(2, 5_000);
      expect(everything.received.map((entry) => entry.body.event).sort()).toEqual([
        'endpoint.disabled',
        'event.created',
      ]);
      // Not told about itself, and not sent to an endpoint that did not subscribe.
      const ownLog = await deliveryLog(api, endpoint.id);
      expect(ownLog.data.map((d: any) => d.event)).toEqual(['event.created']);
      const eventsLog = await deliveryLog(api, onlyEvents.id);
      expect(eventsLog.data.map((d: any) => d.event)).toEqual(['event.created']);

      // A disabled endpoint is not tried again.
      const seen = failing.received.length;
      await pause(1_000);
      expect(failing.received).toHaveLength(seen);
    });

    it('announce the disabling once when several attempts fail at the same moment', async () => {
      const { api } = await newTenant(server());
      const receiver = await new HeldReceiver().start();
      held.push(receiver);
      const watcher = await pool.start();
      const endpoint = await registerEndpoint(api, receiver.url, ['event.created']);
      const watch = await registerEndpoint(api, watcher.url, ['endpoint.disabled']);

      // The first failure starts the clock; then several attempts are kept open...
      await makeEvent(api);
      const failing = await eventually(
        () => api.get(`/v1/webhooks/${endpoint.id}`),
        (response) => response.body.failing_since !== null,
      );
      receiver.holding = true;
      for (let i = 0; i < 3; i++) await makeEvent(api);
      await eventually(
        async () => receiver.heldCount,
        (count) => count >= 4,
      );
      const since = new Date(failing.body.failing_since).getTime();
      await pause(Math.max(0, since + LIMIT_MS + 100 - Date.now()));

      // ...and all fail together, well past the limit.
      receiver.holding = false;
      receiver.release(500);
      await watcher.waitFor(1, 10_000);
      await eventually(
        () => api.get(`/v1/webhooks/${endpoint.id}`),
        (response) => response.body.enabled === false,
      );
      await pause(1_000);

      expect(watcher.received.map((entry) => entry.body.payload.endpoint_id)).toEqual([
        endpoint.id,
      ]);
      expect((await deliveryLog(api, watch.id)).count).toBe(1);
    });

    it('start over when enabled again: the clock is reset and messages flow', async () => {
      const { api } = await newTenant(server());
      const failing = await pool.start(() => 500);
      const endpoint = await registerEndpoint(api, failing.url, ['event.created']);

      await makeEvent(api);
      await eventually(
        () => api.get(`/v1/webhooks/${endpoint.id}`),
        (response) => response.body.enabled === false,
      );

      failing.answer = () => 200;
      const enabled = await api.patch(`/v1/webhooks/${endpoint.id}`, { enabled: true });
      expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
      expect(enabled.body).toMatchObject({
        enabled: true,
        disabled_reason: null,
        failing_since: null,
      });

      const before = failing.received.length;
      const event = await makeEvent(api, { title: 'after re-enabling' });
      await eventually(
        async () => failing.received.slice(before),
        (entries) => entries.some((entry) => entry.body.payload.event_id === event.id),
      );
      const shown = await api.get(`/v1/webhooks/${endpoint.id}`);
      expect(shown.body).toMatchObject({ enabled: true, failing_since: null });
    });
  },
  { webhooks: { disableAfterHours: 0.0001, retryDelaysSeconds: [0.3, 0.3, 0.3, 0.3] } },
);
