import {
  alternatives,
  feedbackError,
  type Feedback,
  type FeedbackField,
} from './feedback-fields.js';

/** What an SMS reply's free text said, and what in it could not be understood. */
export interface TextReading {
  feedback: Feedback;
  /** Short, for the help text sent back; empty when everything was understood. */
  problems: string[];
}

/**
 * One vertical's understanding of feedback. Known fields are validated and
 * normalized; any other field passes through unchanged, since feedback stays
 * open to each team's own forms.
 */
export interface FeedbackParser {
  vertical: string;
  /** Checks JSON feedback; throws a 400 naming the first known field it cannot take. */
  normalize(feedback: Feedback): Feedback;
  /** Reads the free text after an SMS reply's code, such as `stable bp 120/80 hr 88`. */
  readText(text: string): TextReading;
  /** One line of examples for the help text. */
  example: string;
}

/**
 * A parser from a list of known fields; `notes` is the free-text field that
 * keeps whatever words of an SMS reply no other field claimed.
 */
export function feedbackParser(
  vertical: string,
  fields: readonly FeedbackField[],
  notes: FeedbackField,
  /** A realistic reply's details, for the help text. */
  example: string,
): FeedbackParser {
  const known = new Map([...fields, notes].map((field) => [field.name, field]));

  return {
    vertical,
    example,

    normalize(feedback) {
      const normalized: Feedback = {};
      for (const [name, value] of Object.entries(feedback)) {
        const field = known.get(name);
        if (field === undefined) {
          normalized[name] = value;
          continue;
        }
        const checked = field.check(value);
        if (!checked.ok) throw feedbackError(name, checked.problem);
        normalized[name] = checked.value;
      }
      return normalized;
    },

    readText(text) {
      const feedback: Feedback = {};
      const problems: string[] = [];
      let rest = text;

      for (const field of fields) {
        if (field.text === undefined) continue;
        const readings = new Map<string, unknown>();
        for (const match of rest.matchAll(field.text.match)) {
          const checked = field.check(field.text.read(match));
          if (checked.ok) readings.set(JSON.stringify(checked.value), checked.value);
          else problems.push(`${match[0].trim()}: ${field.name} ${checked.problem}`);
        }
        // Two different readings of one field ("stable ... critical") is a question, not data.
        if (readings.size > 1) problems.push(`${field.name} given more than once; send one`);
        else if (readings.size === 1) feedback[field.name] = [...readings.values()][0];
        // Cut out each reading, so its words are neither notes nor read twice.
        rest = rest.replace(field.text.match, ' ');
      }

      for (const field of fields) {
        if (field.labels === undefined) continue;
        const label = new RegExp(`(?<![\\w-])(?:${alternatives(field.labels)})(?![\\w-])`, 'i');
        const left = label.exec(rest);
        if (left !== null) {
          problems.push(`${left[0]}: no value understood, e.g. ${field.example}`);
          rest = rest.replace(label, ' ');
        }
      }

      const words = rest.replace(/\s+/g, ' ').replace(/^[\s,;.:-]+|[\s,;:-]+$/g, '');
      if (words !== '') feedback[notes.name] = words;
      return { feedback, problems };
    },
  };
}
