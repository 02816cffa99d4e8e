import { count, flag, note, oneOf } from './feedback-fields.js';
import { feedbackParser } from './feedback-parser.js';

/** Security patrols: the threat found, people involved, police needed. */
export const securityFeedback = feedbackParser(
  'security',
  [
    oneOf('threat_level', ['none', 'low', 'medium', 'high'], {
      'threat none': 'none',
      'threat low': 'low',
      'threat medium': 'medium',
      'threat high': 'high',
      'all clear': 'none',
      clear: 'none',
    }),
    count('suspects', ['suspects', 'suspect'], { min: 0, max: 1000, typical: 1 }),
    count('arrests', ['arrests', 'arrested'], { min: 0, max: 1000 }),
    flag('police_required', ['police']),
  ],
  note('observations'),
  'threat low suspects 1 police',
);
