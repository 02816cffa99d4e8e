import { describe, expect, it } from 'vitest';

import {
  isWebhookEventType,
  nextAttemptDelayMs,
  subscribes,
  WEBHOOK_EVENT_TYPES,
  webhookBody,
  type WebhookEventType,
} from '../../src/domain/webhook-events.js';
import { DEFAULT_RETRY_DELAYS_SECONDS } from '../../src/config/load-config.js';

import { titled } from './titled.js';

const ORG = '01970000-0000-7000-8000-000000000001';
const MISSION = '01970000-0000-7000-8000-0000000000a1';
const BACKED_UP = '01970000-0000-7000-8000-0000000000a0';
const EVENT = '01970000-0000-7000-8000-0000000000e1';
const TEAM = '01970000-0000-7000-8000-0000000000c1';
const ENDPOINT = '01970000-0000-7000-8000-0000000000d1';
const MESSAGE = 'msg_01970000-0000-7000-8000-0000000000f1';
const AT = '2026-06-09T18:10:00.000Z';
const EARLIER = '2026-06-09T18:04:30.000Z';

/** webhookBody for one action, with the fixed message id, organization and time. */
function bodyFor(action: string, data: Record<string, unknown>) {
  return webhookBody({ id: MESSAGE, action, organizationId: ORG, at: AT, data });
}

/** A copy of an object without one of its fields. */
function without(data: Record<string, unknown>, field: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => key !== field));
}

describe('webhook event types', () => {
  it('lists the seven message types a receiver can subscribe to', () => {
    expect([...WEBHOOK_EVENT_TYPES]).toEqual([
      'mission.created',
      'mission.status_updated',
      'mission.undelivered',
      'event.created',
      'event.closed',
      'team.status_changed',
      'endpoint.disabled',
    ]);
  });

  it.each(WEBHOOK_EVENT_TYPES)('knows %s as a message type', (type) => {
    expect(isWebhookEventType(type)).toBe(true);
  });

  it.each(['*', 'key.created', 'member.updated', 'webhook.created', 'MISSION.CREATED', ''])(
    'does not take %j for a message type',
    (value) => {
      expect(isWebhookEventType(value)).toBe(false);
    },
  );
});

describe('subscribes', () => {
  it.each(WEBHOOK_EVENT_TYPES)('sends %s to an endpoint subscribed to "*"', (type) => {
    expect(subscribes(['*'], type)).toBe(true);
  });

  it('sends "*" everything even beside specific types', () => {
    expect(subscribes(['mission.created', '*'], 'endpoint.disabled')).toBe(true);
  });

  it.each(
    titled(
      [
        { events: ['mission.status_updated'], type: 'mission.status_updated', sent: true },
        { events: ['mission.status_updated'], type: 'mission.created', sent: false },
        { events: ['mission.created', 'event.closed'], type: 'event.closed', sent: true },
        { events: ['mission.created', 'event.closed'], type: 'event.created', sent: false },
        { events: ['team.status_changed'], type: 'team.status_changed', sent: true },
        { events: ['event.created'], type: 'endpoint.disabled', sent: false },
        { events: [], type: 'mission.created', sent: false },
      ] satisfies { events: string[]; type: WebhookEventType; sent: boolean }[],
      (r) => `${r.sent ? 'sends' : 'does not send'} ${r.type} to [${r.events.join(', ')}]`,
    ),
  )('%s', (_title, { events, type, sent }) => {
    expect(subscribes(events, type)).toBe(sent);
  });

  it('does not match a prefix or a pattern other than "*"', () => {
    expect(subscribes(['mission.*'], 'mission.created')).toBe(false);
    expect(subscribes(['mission'], 'mission.created')).toBe(false);
  });
});

describe('webhookBody for mission.status_updated', () => {
  const data = {
    mission_id: MISSION,
    event_id: EVENT,
    team_id: TEAM,
    previous_status: 'ON_SITE',
    status: 'COMPLETED',
    occurred_at: EARLIER,
    sequence: 6,
    channel: 'api',
    feedback: { patient_condition: 'stable' },
    reason: null,
  };

  it('keeps the spec shape {event, payload: {mission_id, status, feedback}}', () => {
    const body = bodyFor('mission.status_updated', data);
    expect(body).toMatchObject({
      event: 'mission.status_updated',
      payload: {
        mission_id: MISSION,
        status: 'COMPLETED',
        feedback: { patient_condition: 'stable' },
      },
    });
  });

  it('adds the message id, the time, the organization and what orders and joins it', () => {
    expect(bodyFor('mission.status_updated', data)).toEqual({
      id: MESSAGE,
      event: 'mission.status_updated',
      occurred_at: EARLIER,
      organization_id: ORG,
      payload: {
        mission_id: MISSION,
        status: 'COMPLETED',
        feedback: { patient_condition: 'stable' },
        previous_status: 'ON_SITE',
        event_id: EVENT,
        team_id: TEAM,
        sequence: 6,
        occurred_at: EARLIER,
        channel: 'api',
        reason: null,
      },
    });
  });

  it('dates the message when the change happened, not when it was recorded', () => {
    expect(bodyFor('mission.status_updated', data)?.occurred_at).toBe(EARLIER);
  });

  it('falls back to the recording time when the change carries no time', () => {
    expect(bodyFor('mission.status_updated', without(data, 'occurred_at'))?.occurred_at).toBe(AT);
  });

  it('sends an empty feedback object when there was no feedback', () => {
    expect(bodyFor('mission.status_updated', without(data, 'feedback'))?.payload.feedback).toEqual(
      {},
    );
    expect(
      bodyFor('mission.status_updated', { ...data, feedback: null })?.payload.feedback,
    ).toEqual({});
  });

  it('keeps a reason given for a failure', () => {
    const failed = { ...data, status: 'FAILED', reason: 'road closed' };
    expect(bodyFor('mission.status_updated', failed)?.payload).toMatchObject({
      status: 'FAILED',
      reason: 'road closed',
    });
  });

  it('sends a null reason when none was given', () => {
    expect(bodyFor('mission.status_updated', without(data, 'reason'))?.payload.reason).toBeNull();
  });

  it('leaves out what the payload does not name', () => {
    const payload = bodyFor('mission.status_updated', { ...data, secret: 'x' })?.payload;
    expect(payload).not.toHaveProperty('secret');
  });
});

describe('webhookBody for the other changes', () => {
  it('announces mission.created with no feedback, no previous status and sequence 1', () => {
    const body = bodyFor('mission.created', {
      mission_id: MISSION,
      event_id: EVENT,
      team_id: TEAM,
      backup_of: BACKED_UP,
      status: 'CREATED',
      sequence: 1,
      member_ids: ['m1', 'm2'],
    });
    expect(body).toEqual({
      id: MESSAGE,
      event: 'mission.created',
      occurred_at: AT,
      organization_id: ORG,
      payload: {
        mission_id: MISSION,
        status: 'CREATED',
        feedback: null,
        previous_status: null,
        event_id: EVENT,
        team_id: TEAM,
        backup_of: BACKED_UP,
        sequence: 1,
      },
    });
  });

  it('sends a null backup_of for a first mission', () => {
    const body = bodyFor('mission.created', {
      mission_id: MISSION,
      event_id: EVENT,
      team_id: TEAM,
      status: 'CREATED',
      sequence: 1,
    });
    expect(body?.payload.backup_of).toBeNull();
  });

  it('announces event.created with the event id and what a receiver shows', () => {
    const event = {
      id: EVENT,
      organization_id: ORG,
      vertical: 'healthcare',
      priority: 'high',
      lat: 38.7169,
      lng: -9.1395,
      title: 'Person collapsed',
      notes: 'use the south entrance',
      address: 'Rua Augusta 1',
      external_id: 'CAD-77',
      status: 'OPEN',
      closed_at: null,
      close_reason: null,
      created_at: AT,
      updated_at: AT,
    };
    expect(bodyFor('event.created', event)).toEqual({
      id: MESSAGE,
      event: 'event.created',
      occurred_at: AT,
      organization_id: ORG,
      payload: {
        event_id: EVENT,
        vertical: 'healthcare',
        priority: 'high',
        lat: 38.7169,
        lng: -9.1395,
        title: 'Person collapsed',
        address: 'Rua Augusta 1',
        external_id: 'CAD-77',
        status: 'OPEN',
      },
    });
  });

  it('announces event.closed as CLOSED with its reason and time', () => {
    const body = bodyFor('event.closed', {
      event_id: EVENT,
      status: 'CLOSED',
      reason: 'last mission ended',
      closed_at: EARLIER,
    });
    expect(body).toEqual({
      id: MESSAGE,
      event: 'event.closed',
      occurred_at: AT,
      organization_id: ORG,
      payload: {
        event_id: EVENT,
        status: 'CLOSED',
        reason: 'last mission ended',
        closed_at: EARLIER,
      },
    });
  });

  it.each(
    titled(
      [
        { previous_status: 'AVAILABLE', status: 'BUSY' },
        { previous_status: 'BUSY', status: 'AVAILABLE' },
      ],
      (r) => `announces team.status_changed from ${r.previous_status} to ${r.status}`,
    ),
  )('%s', (_title, { previous_status, status }) => {
    expect(bodyFor('team.status_changed', { team_id: TEAM, previous_status, status })).toEqual({
      id: MESSAGE,
      event: 'team.status_changed',
      occurred_at: AT,
      organization_id: ORG,
      payload: { team_id: TEAM, previous_status, status },
    });
  });

  it('announces endpoint.disabled with what the worker recorded', () => {
    const data = {
      endpoint_id: ENDPOINT,
      url: 'https://hooks.example.com/wede',
      reason: 'the endpoint answered 410 Gone',
      disabled_at: AT,
    };
    expect(bodyFor('endpoint.disabled', data)).toEqual({
      id: MESSAGE,
      event: 'endpoint.disabled',
      occurred_at: AT,
      organization_id: ORG,
      payload: data,
    });
  });

  it.each([
    'organization.created',
    'key.created',
    'key.revoked',
    'key.restored',
    'member.created',
    'member.updated',
    'team.created',
    'team.updated',
    'team.location_updated',
    'event.updated',
    'webhook.created',
    'webhook.updated',
    'webhook.deleted',
    'webhook.secret_rotated',
    'no.such_action',
    '*',
  ])('sends nothing for %s', (action) => {
    expect(bodyFor(action, { id: 'x', status: 'OPEN' })).toBeUndefined();
  });
});

describe('nextAttemptDelayMs', () => {
  const SCHEDULE = [5, 60, 300];
  const middle = () => 0.5;

  it.each(
    titled(
      [
        { attempts: 1, ms: 5_000 },
        { attempts: 2, ms: 60_000 },
        { attempts: 3, ms: 300_000 },
      ],
      (r) => `waits ${r.ms} ms after ${r.attempts} failed attempts, with no jitter at 0.5`,
    ),
  )('%s', (_title, { attempts, ms }) => {
    expect(nextAttemptDelayMs(attempts, SCHEDULE, middle)).toBe(ms);
  });

  it.each([4, 5, 100])('gives up after %i failed attempts of a three-step schedule', (n) => {
    expect(nextAttemptDelayMs(n, SCHEDULE, middle)).toBeUndefined();
  });

  it('gives up at once with an empty schedule', () => {
    expect(nextAttemptDelayMs(1, [], middle)).toBeUndefined();
  });

  it('has no delay before any attempt was made', () => {
    expect(nextAttemptDelayMs(0, SCHEDULE, middle)).toBeUndefined();
  });

  it.each(
    titled(
      [
        { random: 0, factor: 0.8 },
        { random: 0.5, factor: 1 },
        { random: 1, factor: 1.2 },
      ],
      (r) => `scales the delay by ${r.factor} when random gives ${r.random}`,
    ),
  )('%s', (_title, { random, factor }) => {
    expect(nextAttemptDelayMs(2, SCHEDULE, () => random)).toBe(60_000 * factor);
  });

  it.each([0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999_999, 1])(
    'stays within a fifth of the scheduled delay when random gives %d',
    (random) => {
      const ms = nextAttemptDelayMs(1, [3600], () => random)!;
      expect(ms).toBeGreaterThanOrEqual(3_600_000 * 0.8);
      expect(ms).toBeLessThanOrEqual(3_600_000 * 1.2);
      expect(Number.isInteger(ms)).toBe(true);
    },
  );

  it('keeps a zero delay at zero whatever the jitter', () => {
    for (const random of [0, 0.5, 1]) {
      expect(nextAttemptDelayMs(1, [0], () => random)).toBe(0);
    }
  });

  it('jitters with Math.random when no random is given', () => {
    for (let i = 0; i < 50; i += 1) {
      const ms = nextAttemptDelayMs(1, [10])!;
      expect(ms).toBeGreaterThanOrEqual(8_000);
      expect(ms).toBeLessThanOrEqual(12_000);
    }
  });

  it('retries eight times over about a day on the default schedule', () => {
    const delays = DEFAULT_RETRY_DELAYS_SECONDS.map((_, i) =>
      nextAttemptDelayMs(i + 1, DEFAULT_RETRY_DELAYS_SECONDS, middle),
    );
    expect(delays).toEqual([5, 60, 300, 1800, 7200, 18000, 28800, 28800].map((s) => s * 1000));
    const hours = delays.reduce((sum, ms) => sum! + ms!, 0)! / 3_600_000;
    expect(hours).toBeGreaterThan(22);
    expect(hours).toBeLessThan(26);
    expect(nextAttemptDelayMs(9, DEFAULT_RETRY_DELAYS_SECONDS, middle)).toBeUndefined();
  });
});
