import { describe, expect, it } from 'vitest';

import type { ReplayAction } from '../../src/replay/replay-plan.js';
import { keysOf } from '../../src/replay/replay-session.js';

const at = new Date('2017-01-01T08:00:00Z');
const status = (value: 'ON_ROUTE' | 'ON_SITE' | 'COMPLETED' | 'FAILED'): ReplayAction => ({
  kind: 'status',
  at,
  mission: '7/E1',
  event: '7-2',
  unit: 'E1',
  status: value,
  reason: null,
});

describe('keysOf', () => {
  it('makes a dispatch wait for its event, its team and the mission it diverts', () => {
    const dispatch: ReplayAction = {
      kind: 'dispatch',
      at,
      mission: '8/E1',
      event: '8',
      unit: 'E1',
      backupOf: '8/M1',
      diverts: { mission: '7/E1', event: '7-2' },
    };

    expect(keysOf(dispatch)).toEqual([
      'event:8',
      'team:E1',
      'mission:8/E1',
      'mission:7/E1',
      'event:7-2',
    ]);
  });

  it("holds a field status to its mission, and an end also to the mission's team and event", () => {
    expect(keysOf(status('ON_ROUTE'))).toEqual(['mission:7/E1']);
    expect(keysOf(status('ON_SITE'))).toEqual(['mission:7/E1']);
    expect(keysOf(status('COMPLETED'))).toEqual(['mission:7/E1', 'team:E1', 'event:7-2']);
    expect(keysOf(status('FAILED'))).toEqual(['mission:7/E1', 'team:E1', 'event:7-2']);
  });
});
