import { note } from './feedback-fields.js';
import { feedbackParser } from './feedback-parser.js';

/** Any other vertical: feedback passes as sent; an SMS reply's text becomes notes. */
export const genericFeedback = feedbackParser('generic', [], note('notes'), 'crew on scene');
