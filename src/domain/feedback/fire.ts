import { count, flag, note, oneOf } from './feedback-fields.js';
import { feedbackParser } from './feedback-parser.js';

/** Fire crews: how far the fire is under control, casualties, hazards, help needed. */
export const fireFeedback = feedbackParser(
  'fire',
  [
    oneOf('fire_status', ['spreading', 'contained', 'controlled', 'extinguished', 'no_fire'], {
      out: 'extinguished',
      'no fire': 'no_fire',
      'false alarm': 'no_fire',
    }),
    count('casualties', ['casualties', 'injured', 'cas'], { min: 0, max: 1000 }),
    count('units_needed', ['units needed', 'need units', 'units'], { min: 0, max: 50, typical: 2 }),
    flag('hazmat', ['hazmat']),
  ],
  note('observations'),
  'contained casualties 0 no hazmat',
);
