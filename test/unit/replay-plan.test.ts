import { describe, expect, it } from 'vitest';

import { planReplay, type ReplayAction } from '../../src/replay/replay-plan.js';
import type { UnitDispatch } from '../../src/replay/sffd-record.js';

/** Minutes after 2017-01-01T08:00:00Z (midnight in San Francisco) as an instant. */
const t = (minutes: number) => new Date(Date.UTC(2017, 0, 1, 8, 0, 0) + minutes * 60_000);

let line = 1;
function row(
  incident: string,
  unit: string,
  times: Partial<Record<'received' | 'dispatched' | 'response' | 'onScene' | 'available', number>>,
  extra: Partial<UnitDispatch> = {},
): UnitDispatch {
  const at = (key: keyof typeof times) => (times[key] === undefined ? null : t(times[key]!));
  line += 1;
  return {
    line,
    incident,
    unit,
    callType: 'Medical Incident',
    callTypeGroup: 'Potentially Life-Threatening',
    received: t(times.received ?? 0),
    dispatched: t(times.dispatched ?? 1),
    response: at('response'),
    onScene: at('onScene'),
    available: at('available'),
    disposition: 'Code 2 Transport',
    address: '0 Block of MARINA BLVD',
    finalPriority: '3',
    alarms: 1,
    als: true,
    unitType: 'MEDIC',
    unitSequence: 1,
    location: { lat: 37.8, lng: -122.43 },
    ...extra,
  };
}

/** The plan's actions as short strings, in order: `kind subject minutes`. */
function steps(actions: readonly ReplayAction[]): string[] {
  return actions.map((action) => {
    const minutes = (action.at.getTime() - t(0).getTime()) / 60_000;
    if (action.kind === 'create_event') return `event ${action.event.key} ${minutes}`;
    if (action.kind === 'dispatch') {
      const backup = action.backupOf === null ? '' : ` backup of ${action.backupOf}`;
      const divert = action.diverts === null ? '' : ` diverting ${action.diverts.mission}`;
      return `dispatch ${action.mission} ${minutes}${backup}${divert}`;
    }
    const reason = action.reason === null ? '' : ` (${action.reason})`;
    return `${action.status} ${action.mission} ${minutes}${reason}`;
  });
}

describe('planReplay', () => {
  it('records the event, dispatches, then sends each status at its time', () => {
    const plan = planReplay([
      row('1', 'E1', { received: 0, dispatched: 2, response: 3, onScene: 8, available: 30 }),
    ]);

    expect(steps(plan.actions)).toEqual([
      'event 1 0',
      'dispatch 1/E1 2',
      'ON_ROUTE 1/E1 3',
      'ON_SITE 1/E1 8',
      'COMPLETED 1/E1 30',
    ]);
    expect(plan).toMatchObject({ missions: 1, events: 1 });
  });

  it('ends a unit that never arrived FAILED, without ON_ROUTE if it never moved', () => {
    const plan = planReplay([
      row('1', 'E1', { dispatched: 1, response: 2, onScene: 5, available: 20 }),
      row('1', 'M2', { dispatched: 1, available: 3 }, { unitSequence: 2 }),
    ]);

    expect(steps(plan.actions)).toContain('FAILED 1/M2 3 (cancelled)');
    expect(steps(plan.actions).filter((step) => step.includes('1/M2'))).toEqual([
      'dispatch 1/M2 1 backup of 1/E1',
      'FAILED 1/M2 3 (cancelled)',
    ]);
    expect(plan.quirks.cancelledBeforeArrival).toBe(1);
  });

  it('sends later units as backup of the first, ties broken by the unit sequence', () => {
    const plan = planReplay([
      row('1', 'B', { dispatched: 1 }, { unitSequence: 2 }),
      row('1', 'C', { dispatched: 4 }, { unitSequence: 1 }),
      row('1', 'A', { dispatched: 1 }, { unitSequence: 1 }),
    ]);

    expect(steps(plan.actions)).toEqual([
      'event 1 0',
      'dispatch 1/A 1',
      'dispatch 1/B 1 backup of 1/A',
      'dispatch 1/C 4 backup of 1/A',
    ]);
  });

  it('sorts a file that is not in time order', () => {
    const plan = planReplay([
      row('2', 'E2', { received: 10, dispatched: 11, available: 40 }),
      row('1', 'E1', { received: 0, dispatched: 1, available: 20 }),
    ]);

    const times = plan.actions.map((action) => action.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(steps(plan.actions)[0]).toBe('event 1 0');
  });

  it('raises an arrival recorded before the unit was en route to the en-route time', () => {
    const plan = planReplay([
      row('1', 'E1', { dispatched: 1, response: 5, onScene: 4, available: 20 }),
    ]);

    expect(steps(plan.actions)).toContain('ON_SITE 1/E1 5');
    expect(plan.quirks.clampedTimes).toBe(1);
  });

  it('keeps steps at the same second, in lifecycle order, and counts them', () => {
    const plan = planReplay([
      row('1', 'E1', { dispatched: 1, response: 1, onScene: 1, available: 9 }),
    ]);

    expect(steps(plan.actions).slice(1, 4)).toEqual([
      'dispatch 1/E1 1',
      'ON_ROUTE 1/E1 1',
      'ON_SITE 1/E1 1',
    ]);
    expect(plan.quirks.sameSecondSteps).toBe(2);
  });

  it('diverts a unit sent on while busy, dropping what its first mission recorded later', () => {
    const plan = planReplay([
      row('1', 'E1', { received: 0, dispatched: 1, response: 2, onScene: 5, available: 50 }),
      row('2', 'E1', { received: 9, dispatched: 10, response: 11, onScene: 15, available: 30 }),
    ]);

    expect(steps(plan.actions)).toEqual([
      'event 1 0',
      'dispatch 1/E1 1',
      'ON_ROUTE 1/E1 2',
      'ON_SITE 1/E1 5',
      'event 2 9',
      'dispatch 2/E1 10 diverting 1/E1',
      'ON_ROUTE 2/E1 11',
      'ON_SITE 2/E1 15',
      'COMPLETED 2/E1 30',
    ]);
    expect(plan.quirks).toMatchObject({ divertedWhileBusy: 1, statusesAfterDivert: 1 });
  });

  it('frees a unit that is available at the very second it is sent on, without a divert', () => {
    const plan = planReplay([
      row('1', 'E1', { received: 0, dispatched: 1, onScene: 3, available: 10 }),
      row('2', 'E1', { received: 9, dispatched: 10, available: 20 }),
    ]);

    expect(steps(plan.actions)).toEqual([
      'event 1 0',
      'dispatch 1/E1 1',
      'ON_SITE 1/E1 3',
      'event 2 9',
      'COMPLETED 1/E1 10',
      'dispatch 2/E1 10',
      'FAILED 2/E1 20 (cancelled)',
    ]);
    expect(plan.quirks.divertedWhileBusy).toBe(0);
  });

  it('leaves a mission without an Available time open until its unit is sent on', () => {
    const plan = planReplay([
      row('1', 'E1', { received: 0, dispatched: 1, response: 2 }),
      row('2', 'E1', { received: 9, dispatched: 10, available: 20 }),
    ]);

    expect(steps(plan.actions)).toContain('dispatch 2/E1 10 diverting 1/E1');
    expect(plan.quirks).toMatchObject({
      noAvailableTime: 1,
      divertedOpenMissions: 1,
      divertedWhileBusy: 0,
    });
  });

  it('opens the incident again for a unit sent after all the others had ended', () => {
    const plan = planReplay([
      row('7', 'A', { received: 0, dispatched: 1, available: 2 }),
      row('7', 'B', { received: 0, dispatched: 3, onScene: 5, available: 9 }, { unitSequence: 2 }),
      row('7', 'C', { received: 0, dispatched: 3, available: 4 }, { unitSequence: 3 }),
    ]);

    expect(steps(plan.actions)).toEqual([
      'event 7 0',
      'dispatch 7/A 1',
      'FAILED 7/A 2 (cancelled)',
      'event 7-2 3',
      'dispatch 7/B 3',
      'dispatch 7/C 3 backup of 7/B',
      'FAILED 7/C 4 (cancelled)',
      'ON_SITE 7/B 5',
      'COMPLETED 7/B 9',
    ]);
    const reopened = plan.actions.find(
      (action) => action.kind === 'create_event' && action.event.key === '7-2',
    );
    expect(reopened).toMatchObject({ event: { externalId: '7-2', incident: '7', reopened: true } });
    expect(plan.quirks.reopenedEvents).toBe(1);
  });

  it('sends a backup dispatched at the second the last unit ends before that end', () => {
    const plan = planReplay([
      row('7', 'A', { received: 0, dispatched: 1, available: 5 }),
      row('7', 'B', { received: 0, dispatched: 5, available: 9 }, { unitSequence: 2 }),
    ]);

    expect(steps(plan.actions)).toEqual([
      'event 7 0',
      'dispatch 7/A 1',
      'dispatch 7/B 5 backup of 7/A',
      'FAILED 7/A 5 (cancelled)',
      'FAILED 7/B 9 (cancelled)',
    ]);
    expect(plan.quirks.reopenedEvents).toBe(0);
  });

  it('replays only incidents received within the window, each whole', () => {
    const plan = planReplay(
      [
        row('1', 'A', { received: 0, dispatched: 1 }),
        row('2', 'A', { received: 60, dispatched: 61 }),
        row('2', 'B', { received: 60, dispatched: 200 }),
        row('3', 'A', { received: 120, dispatched: 121 }),
      ],
      { from: t(30), to: t(120) },
    );

    expect(plan.missions).toBe(2);
    expect(plan.skipped.outside_window).toBe(2);
  });

  it('skips an incident without a location and a unit listed twice in one incident', () => {
    const plan = planReplay([
      row('1', 'A', {}, { location: null }),
      row('2', 'A', { dispatched: 2 }),
      row('2', 'A', { dispatched: 3 }),
    ]);

    expect(plan.skipped).toMatchObject({ no_location: 1, same_unit_twice: 1 });
    expect(plan.missions).toBe(1);
  });

  it("maps the event's vertical and priority and the units' verticals", () => {
    const plan = planReplay([
      row('1', 'M1', {}, { unitType: 'MEDIC' }),
      row('1', 'E1', {}, { unitType: 'ENGINE', als: true, unitSequence: 2 }),
      row(
        '2',
        'T1',
        { received: 5, dispatched: 6 },
        {
          unitType: 'TRUCK',
          als: false,
          callType: 'Structure Fire',
          callTypeGroup: 'Alarm',
          finalPriority: 'E',
        },
      ),
    ]);

    const events = plan.actions.flatMap((action) =>
      action.kind === 'create_event' ? [action.event] : [],
    );
    expect(events.map(({ vertical, priority }) => ({ vertical, priority }))).toEqual([
      { vertical: 'healthcare', priority: 'critical' },
      { vertical: 'fire', priority: 'medium' },
    ]);
    expect(plan.quirks.unknownPriority).toBe(1);
    expect(plan.units).toEqual([
      { unit: 'M1', verticals: ['healthcare'] },
      { unit: 'E1', verticals: ['healthcare', 'fire'] },
      { unit: 'T1', verticals: ['fire'] },
    ]);
  });
});
