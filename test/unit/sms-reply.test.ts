import { describe, expect, it } from 'vitest';

import { parseSmsReply, replyHelp } from '../../src/domain/sms-reply.js';

import { titled } from './titled.js';

describe('parseSmsReply', () => {
  it.each(
    titled(
      [
        { body: 'ACK', reply: { code: 'ACK', missionNumber: undefined, text: '' } },
        { body: 'ack', reply: { code: 'ACK', missionNumber: undefined, text: '' } },
        { body: '  Ack.  ', reply: { code: 'ACK', missionNumber: undefined, text: '' } },
        { body: 'ACK 2', reply: { code: 'ACK', missionNumber: 2, text: '' } },
        { body: 'ack #2', reply: { code: 'ACK', missionNumber: 2, text: '' } },
        { body: 'ROUTE', reply: { code: 'ROUTE', missionNumber: undefined, text: '' } },
        {
          body: 'SITE stable bp 120/80 hr 88 spo2 97',
          reply: { code: 'SITE', missionNumber: undefined, text: 'stable bp 120/80 hr 88 spo2 97' },
        },
        {
          body: 'site 2 stable',
          reply: { code: 'SITE', missionNumber: 2, text: 'stable' },
        },
        {
          body: 'SITE: stable,  conscious',
          reply: { code: 'SITE', missionNumber: undefined, text: 'stable, conscious' },
        },
        // A number that is a reading, not a mission: left for the feedback parser.
        {
          body: 'SITE 120/80',
          reply: { code: 'SITE', missionNumber: undefined, text: '120/80' },
        },
        {
          body: 'FAIL no access to building',
          reply: { code: 'FAIL', missionNumber: undefined, text: 'no access to building' },
        },
        { body: 'DONE\n', reply: { code: 'DONE', missionNumber: undefined, text: '' } },
        { body: 'backup', reply: { code: 'BACKUP', missionNumber: undefined, text: '' } },
      ],
      (r) => `reads ${JSON.stringify(r.body)}`,
    ),
  )('%s', (_title, { body, reply }) => {
    expect(parseSmsReply(body)).toEqual(reply);
  });

  it.each(['', '   ', 'OK', 'yes on my way', '2 ACK', 'ACKNOWLEDGED', '?', 'ACK2x'])(
    'finds no code in %j',
    (body) => {
      expect(parseSmsReply(body)).toBeUndefined();
    },
  );
});

describe('replyHelp', () => {
  it('says the problem, the codes and an example', () => {
    expect(replyHelp('you have no open mission')).toBe(
      'WEDE: you have no open mission. Reply ACK, ROUTE, SITE, DONE, FAIL why, or BACKUP, ' +
        'then any details, e.g. "SITE stable bp 120/80".',
    );
  });

  it('stays short however long the problem it reports', () => {
    const help = replyHelp('hr 1: heart_rate must be from 20 to 300 bpm; '.repeat(300));
    expect(help.length).toBeLessThan(300);
    expect(help).toContain('…. Reply ACK');
  });
});
