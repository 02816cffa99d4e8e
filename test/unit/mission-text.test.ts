import { describe, expect, it } from 'vitest';

import { missionText } from '../../src/domain/mission-text.js';

const MISSION = {
  priority: 'critical',
  vertical: 'fire',
  title: 'Kitchen fire',
  notes: 'Third floor,\n  gas smell',
  lat: 37.7749,
  lng: -122.4194,
};

describe('missionText', () => {
  it('says what, how urgent, where with a map link, the notes and how to answer', () => {
    expect(missionText(MISSION)).toBe(
      'WEDE CRITICAL fire: Kitchen fire. At 37.77490,-122.41940 ' +
        'https://www.openstreetmap.org/?mlat=37.77490&mlon=-122.41940#map=17/37.77490/-122.41940 ' +
        'Notes: Third floor, gas smell Reply ACK, ROUTE, SITE, DONE, FAIL why, or BACKUP.',
    );
  });

  it.each([null, '', '   '])('leaves the notes out when there are none (%j)', (notes) => {
    expect(missionText({ ...MISSION, notes })).not.toContain('Notes:');
  });

  it('shortens long notes so the text stays readable on a phone', () => {
    const text = missionText({ ...MISSION, notes: 'x'.repeat(1000) });
    expect(text).toContain(`Notes: ${'x'.repeat(299)}… Reply`);
    expect(text.length).toBeLessThan(600);
  });
});
