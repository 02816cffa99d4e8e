import { describe, expect, it } from 'vitest';

import { WedeError } from '../../src/domain/wede-error.js';
import { parseClientMessage } from '../../src/stream/client-message.js';

describe('parseClientMessage', () => {
  it.each([
    [
      '{"type":"receipt","mission_id":"01900000-0000-7000-8000-000000000001"}',
      { type: 'receipt', missionId: '01900000-0000-7000-8000-000000000001' },
    ],
    ['{"type":"location","lat":-90,"lng":180}', { type: 'location', lat: -90, lng: 180 }],
    ['{"type":"resume","after":0}', { type: 'resume', after: 0 }],
    ['{"type":"resume","after":42,"extra":true}', { type: 'resume', after: 42 }],
  ])('reads %s', (frame, expected) => {
    expect(parseClientMessage(frame)).toEqual(expected);
  });

  it.each([
    ['', 'invalid_json'],
    ['{"type":', 'invalid_json'],
    ['null', 'validation_failed'],
    ['"receipt"', 'validation_failed'],
    ['[{"type":"receipt"}]', 'validation_failed'],
    ['{}', 'validation_failed'],
    ['{"type":"toString"}', 'validation_failed'],
    ['{"type":"__proto__"}', 'validation_failed'],
    ['{"type":"receipt","mission_id":""}', 'validation_failed'],
    ['{"type":"receipt","mission_id":7}', 'validation_failed'],
    ['{"type":"location","lat":"1","lng":2}', 'validation_failed'],
    ['{"type":"location","lat":1}', 'validation_failed'],
    ['{"type":"location","lat":1e999,"lng":2}', 'validation_failed'],
    ['{"type":"resume","after":1.5}', 'validation_failed'],
    ['{"type":"resume","after":-1}', 'validation_failed'],
    ['{"type":"resume","after":2147483648}', 'validation_failed'],
    ['{"type":"receipt","mission_id":"m1"}', 'validation_failed'],
    ['{"type":"receipt","mission_id":"\\u0000"}', 'validation_failed'],
  ])('refuses %j with %s', (frame, code) => {
    let thrown: unknown;
    try {
      parseClientMessage(frame);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(WedeError);
    expect((thrown as WedeError).code).toBe(code);
  });
});
