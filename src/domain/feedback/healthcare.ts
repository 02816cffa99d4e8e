import {
  accepted,
  count,
  measure,
  note,
  oneOf,
  refused,
  type FeedbackField,
} from './feedback-fields.js';
import { feedbackParser } from './feedback-parser.js';

const PRESSURE = { systolic: { min: 40, max: 300 }, diastolic: { min: 20, max: 200 } };

/**
 * Blood pressure in mmHg, normalized to `{systolic, diastolic}`; JSON may send
 * that object or the usual "120/80".
 */
const bloodPressure: FeedbackField = {
  name: 'blood_pressure',
  labels: ['blood pressure', 'b/p', 'bp'],
  example: 'bp 120/80',
  check(value) {
    const pair =
      typeof value === 'string'
        ? /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(value)?.slice(1).map(Number)
        : typeof value === 'object' && value !== null && !Array.isArray(value)
          ? [(value as Feedback).systolic, (value as Feedback).diastolic]
          : undefined;
    const [systolic, diastolic] = pair ?? [];
    if (!Number.isInteger(systolic) || !Number.isInteger(diastolic)) {
      return refused('must be like "120/80" or {"systolic": 120, "diastolic": 80}');
    }
    const [high, low] = [systolic as number, diastolic as number];
    const { systolic: s, diastolic: d } = PRESSURE;
    if (high < s.min || high > s.max || low < d.min || low > d.max || high <= low) {
      return refused(`${high}/${low} is not a possible blood pressure`);
    }
    return accepted({ systolic: high, diastolic: low });
  },
  text: {
    // A third number ("120/80/60") is not a blood pressure: the lookahead leaves it unread.
    match: new RegExp(
      String.raw`(?<![\w-])(?:blood\s*pressure|b\/p|bp)\s*[:=]?\s*` +
        String.raw`(\d{1,3})\s*(?:\/|over)\s*(\d{1,3})(?![\d/])`,
      'gi',
    ),
    read: (match) => ({ systolic: Number(match[1]), diastolic: Number(match[2]) }),
  },
};

type Feedback = Record<string, unknown>;

/** Ambulance and medical teams: the patient's condition and vital signs. */
export const healthcareFeedback = feedbackParser(
  'healthcare',
  [
    oneOf('patient_condition', ['stable', 'serious', 'critical', 'deceased'], {
      crit: 'critical',
      dead: 'deceased',
      doa: 'deceased',
      deceased: 'deceased',
    }),
    bloodPressure,
    count('heart_rate', ['heart rate', 'pulse', 'hr'], {
      min: 20,
      max: 300,
      unit: ' bpm',
      typical: 80,
    }),
    count('spo2', ['spo2', 'sp02', 'sats', 'sat', 'o2'], {
      min: 50,
      max: 100,
      unit: '%',
      typical: 97,
    }),
    count('respiratory_rate', ['respiratory rate', 'resp rate', 'resp', 'rr'], {
      min: 2,
      max: 80,
      unit: '/min',
      typical: 16,
    }),
    measure(
      'temperature',
      ['temperature', 'temp'],
      { min: 25, max: 45, unit: '°C', typical: 37 },
      '\\s*°?\\s*c(?![\\w-])',
    ),
  ],
  note('observations'),
  'stable bp 120/80 hr 88 spo2 97',
);
