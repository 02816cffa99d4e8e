import { describe, expect, it } from 'vitest';

import {
  ACTIVE_STATUSES,
  FINAL_STATUSES,
  MISSION_STATUSES,
  TIMESTAMP_FIELD,
  checkTransition,
  isFinal,
  isMissionStatus,
  type MissionStatus,
  type TransitionVerdict,
} from '../../src/domain/mission-lifecycle.js';

import { an, titled } from './titled.js';

const ORDER: MissionStatus[] = [
  'CREATED',
  'SENT',
  'ACK',
  'ON_ROUTE',
  'ON_SITE',
  'COMPLETED',
  'FAILED',
];

// The whole transition matrix, written out by hand from the design's lifecycle.
// Rows are the current status, columns the requested one, in ORDER.
//   ok    the move is allowed
//   back  refused as not_forward (same status, or earlier in the lifecycle)
//   fin   refused as final (the mission is COMPLETED or FAILED)
type Cell = 'ok' | 'back' | 'fin';
const MATRIX: Record<MissionStatus, Cell[]> = {
  // columns: CREATED, SENT, ACK, ON_ROUTE, ON_SITE, COMPLETED, FAILED
  CREATED: ['back', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  SENT: ['back', 'back', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ACK: ['back', 'back', 'back', 'ok', 'ok', 'ok', 'ok'],
  ON_ROUTE: ['back', 'back', 'back', 'back', 'ok', 'ok', 'ok'],
  ON_SITE: ['back', 'back', 'back', 'back', 'back', 'ok', 'ok'],
  COMPLETED: ['fin', 'fin', 'fin', 'fin', 'fin', 'fin', 'fin'],
  FAILED: ['fin', 'fin', 'fin', 'fin', 'fin', 'fin', 'fin'],
};

const VERDICT: Record<Cell, TransitionVerdict> = {
  ok: { allowed: true },
  back: { allowed: false, reason: 'not_forward' },
  fin: { allowed: false, reason: 'final' },
};

function title(from: MissionStatus, to: MissionStatus, cell: Cell): string {
  if (cell === 'ok') return `${an(from)} mission can become ${to}`;
  if (cell === 'fin') return `${an(from)} mission cannot become ${to}: it is final`;
  if (from === to) return `${an(from)} mission cannot be set to ${from} again`;
  return `${an(from)} mission cannot go back to ${to}`;
}

const PAIRS = ORDER.flatMap((from) =>
  ORDER.map((to, column) => {
    const cell = MATRIX[from][column]!;
    return { title: title(from, to, cell), from, to, expected: VERDICT[cell] };
  }),
);

describe('checkTransition', () => {
  it.each(titled(PAIRS, (r) => r.title))('%s', (_title, { from, to, expected }) => {
    expect(checkTransition(from, to)).toEqual(expected);
  });

  it('lets a mission walk the whole lifecycle one step at a time', () => {
    const path: MissionStatus[] = ['CREATED', 'SENT', 'ACK', 'ON_ROUTE', 'ON_SITE', 'COMPLETED'];
    for (let i = 1; i < path.length; i += 1) {
      expect(checkTransition(path[i - 1]!, path[i]!), `${path[i - 1]} > ${path[i]}`).toEqual({
        allowed: true,
      });
    }
  });
});

describe('isFinal', () => {
  it.each(
    titled(
      [
        { status: 'CREATED', final: false },
        { status: 'SENT', final: false },
        { status: 'ACK', final: false },
        { status: 'ON_ROUTE', final: false },
        { status: 'ON_SITE', final: false },
        { status: 'COMPLETED', final: true },
        { status: 'FAILED', final: true },
      ] as const,
      (r) => `reports ${r.status} as final: ${r.final}`,
    ),
  )('%s', (_title, { status, final }) => {
    expect(isFinal(status)).toBe(final);
  });

  it('names exactly COMPLETED and FAILED as the final statuses', () => {
    expect([...FINAL_STATUSES].sort()).toEqual(['COMPLETED', 'FAILED']);
  });
});

describe('isMissionStatus', () => {
  it.each(ORDER)('accepts the spec status %s', (status) => {
    expect(isMissionStatus(status)).toBe(true);
  });

  it.each([
    '',
    'created',
    'Ack',
    'on_site',
    ' ACK',
    'ACK ',
    'DONE',
    'CANCELLED',
    'ONROUTE',
    'ON-SITE',
    'OPEN',
    'AVAILABLE',
    'toString',
    'constructor',
  ])('refuses %j, which is not a mission status', (value) => {
    expect(isMissionStatus(value)).toBe(false);
  });
});

describe('the status lists', () => {
  it('lists the seven statuses of the spec in lifecycle order', () => {
    expect([...MISSION_STATUSES]).toEqual(ORDER);
  });

  it('counts every non-final status as active, in lifecycle order', () => {
    expect([...ACTIVE_STATUSES]).toEqual(['CREATED', 'SENT', 'ACK', 'ON_ROUTE', 'ON_SITE']);
  });

  it('never counts a final status as active', () => {
    expect(ACTIVE_STATUSES).not.toContain('COMPLETED');
    expect(ACTIVE_STATUSES).not.toContain('FAILED');
  });
});

describe('TIMESTAMP_FIELD', () => {
  it.each(
    titled(
      [
        { status: 'CREATED', field: 'dispatched_at' },
        { status: 'SENT', field: 'sent_at' },
        { status: 'ACK', field: 'ack_at' },
        { status: 'ON_ROUTE', field: 'on_route_at' },
        { status: 'ON_SITE', field: 'on_site_at' },
        { status: 'COMPLETED', field: 'completed_at' },
        { status: 'FAILED', field: 'failed_at' },
      ] as const,
      (r) => `records reaching ${r.status} in the mission field ${r.field}`,
    ),
  )('%s', (_title, { status, field }) => {
    expect(TIMESTAMP_FIELD[status]).toBe(field);
  });

  it('gives each status its own field and no field to anything else', () => {
    expect(Object.keys(TIMESTAMP_FIELD).sort()).toEqual([...ORDER].sort());
    expect(new Set(Object.values(TIMESTAMP_FIELD)).size).toBe(ORDER.length);
  });
});
