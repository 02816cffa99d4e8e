import type { FeedbackParser } from './feedback-parser.js';
import { fireFeedback } from './fire.js';
import { genericFeedback } from './generic.js';
import { healthcareFeedback } from './healthcare.js';
import { securityFeedback } from './security.js';

// A new vertical is one module and one line here.
const PARSERS = new Map(
  [healthcareFeedback, fireFeedback, securityFeedback].map((parser) => [parser.vertical, parser]),
);

/** The parser of a vertical; verticals without one keep their feedback as sent. */
export function feedbackParserFor(vertical: string): FeedbackParser {
  return PARSERS.get(vertical) ?? genericFeedback;
}
