import { WedeError } from '../wede-error.js';

/**
 * The building blocks of the verticals' parsers: each known field knows how to
 * check a JSON value and how to find itself in the free text of an SMS reply.
 */
export type Feedback = Record<string, unknown>;

/** What a field makes of a JSON value: the normalized value, or why it is refused. */
export type Checked = { ok: true; value: unknown } | { ok: false; problem: string };

export interface FeedbackField {
  name: string;
  /** Checks and normalizes a value sent as JSON. */
  check(value: unknown): Checked;
  /**
   * Finds the field in SMS text: `match` runs over the whole text and must use
   * the `g` and `i` flags; `read` turns one match into a JSON value for `check`.
   */
  text?: { match: RegExp; read(match: RegExpMatchArray): unknown };
  /** Words that name the field in SMS text; one left unread means its value was not understood. */
  labels?: readonly string[];
  /** A short example for the help text sent back when a reply cannot be read. */
  example: string;
}

export function refused(problem: string): Checked {
  return { ok: false, problem };
}

export function accepted(value: unknown): Checked {
  return { ok: true, value };
}

/** A word from a fixed list, in any case; `aliases` maps other spellings to it. */
export function oneOf(
  name: string,
  values: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): FeedbackField {
  const known = new Map<string, string>(values.map((value) => [value, value]));
  for (const [alias, value] of Object.entries(aliases)) known.set(alias, value);
  const words = alternatives([...known.keys()]);

  return {
    name,
    example: values[0]!,
    check(value) {
      if (typeof value !== 'string') return refused(`must be one of ${values.join(', ')}`);
      const found = known.get(value.trim().replace(/\s+/g, ' ').toLowerCase());
      return found === undefined ? refused(`must be one of ${values.join(', ')}`) : accepted(found);
    },
    text: {
      // "not stable" names a value only to deny it: read, so it is refused, never taken.
      match: new RegExp(`(?<![\\w-])(not\\s+)?(${words})(?![\\w-])`, 'gi'),
      read: (match) => (match[1] === undefined ? match[2] : { not: match[2] }),
    },
  };
}

/** A whole number within bounds, read in SMS text after one of its labels. */
export function count(
  name: string,
  labels: readonly string[],
  bounds: { min: number; max: number; unit?: string; typical?: number },
): FeedbackField {
  const unit = bounds.unit ?? '';
  return {
    name,
    labels,
    example: `${labels[0]} ${bounds.typical ?? bounds.min}`,
    check(value) {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return refused('must be a whole number');
      }
      if (value < bounds.min || value > bounds.max) {
        return refused(`must be from ${bounds.min} to ${bounds.max}${unit}`);
      }
      return accepted(value);
    },
    text: {
      // Decimals are read whole, so "hr 88.5" is refused rather than cut to 88.
      match: new RegExp(
        `(?<![\\w-])(?:${alternatives(labels)})\\s*[:=]?\\s*(-?\\d+(?:[.,]\\d+)?)%?`,
        'gi',
      ),
      read: (match) => Number(match[1]!.replace(',', '.')),
    },
  };
}

/** A number with decimals allowed, such as a temperature. */
export function measure(
  name: string,
  labels: readonly string[],
  bounds: { min: number; max: number; unit: string; typical?: number },
  /** How the unit may follow the number in SMS text, as a regular expression. */
  suffix = '',
): FeedbackField {
  return {
    name,
    labels,
    example: `${labels[0]} ${bounds.typical ?? bounds.min}`,
    check(value) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return refused('must be a number');
      if (value < bounds.min || value > bounds.max) {
        return refused(`must be from ${bounds.min} to ${bounds.max} ${bounds.unit}`);
      }
      return accepted(value);
    },
    text: {
      match: new RegExp(
        `(?<![\\w-])(?:${alternatives(labels)})\\s*[:=]?\\s*(-?\\d+(?:[.,]\\d+)?)(?:${suffix})?`,
        'gi',
      ),
      read: (match) => Number(match[1]!.replace(',', '.')),
    },
  };
}

/** Yes or no; in SMS text the bare label means yes and `no LABEL` means no. */
export function flag(name: string, labels: readonly string[]): FeedbackField {
  return {
    name,
    example: labels[0]!,
    check(value) {
      return typeof value === 'boolean' ? accepted(value) : refused('must be true or false');
    },
    text: {
      match: new RegExp(
        `(?<![\\w-])(no\\s+|not\\s+)?(?:${alternatives(labels)})` +
          `(\\s+not\\s+(?:required|needed))?(?![\\w-])`,
        'gi',
      ),
      read: (match) => match[1] === undefined && match[2] === undefined,
    },
  };
}

/**
 * Free text; an SMS reply's words that no field claimed end up here. Its only
 * bound is the one on the whole feedback (16 KiB).
 */
export function note(name: string): FeedbackField {
  return {
    name,
    example: 'any words',
    check(value) {
      return typeof value === 'string' ? accepted(value.trim()) : refused('must be text');
    },
  };
}

/** A regular-expression alternation of labels; a space in a label matches any spacing. */
export function alternatives(labels: readonly string[]): string {
  return [...labels]
    .sort((a, b) => b.length - a.length)
    .map((label) => label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s*'))
    .join('|');
}

/** The error for a known field with a value it cannot take: a 400 naming the field. */
export function feedbackError(field: string, problem: string): WedeError {
  return new WedeError('validation_failed', `feedback.${field} ${problem}`, {
    field: `feedback.${field}`,
  });
}
