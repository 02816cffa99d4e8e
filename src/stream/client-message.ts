import { WedeError } from '../domain/wede-error.js';

/** What a device or console may send on the stream. */
export type ClientMessage =
  | { type: 'receipt'; missionId: string }
  | { type: 'location'; lat: number; lng: number }
  | { type: 'resume'; after: number };

type Fields = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The audit sequence is a 32-bit integer in the database.
const MAX_SEQ = 2_147_483_647;

const PARSERS: Record<ClientMessage['type'], (fields: Fields) => ClientMessage> = {
  receipt: (fields) => {
    const missionId = text(fields, 'mission_id');
    if (!UUID.test(missionId))
      throw new WedeError('validation_failed', 'mission_id must be a UUID');
    return { type: 'receipt', missionId };
  },
  location: (fields) => ({
    type: 'location',
    lat: number(fields, 'lat'),
    lng: number(fields, 'lng'),
  }),
  resume: (fields) => {
    const after = number(fields, 'after');
    if (!Number.isSafeInteger(after) || after < 0 || after > MAX_SEQ) {
      throw new WedeError('validation_failed', 'after must be a whole number, 0 or more');
    }
    return { type: 'resume', after };
  },
};

/** Reads one text frame; anything else is a WedeError whose code and message go back. */
export function parseClientMessage(frame: string): ClientMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame);
  } catch {
    throw new WedeError('invalid_json', 'the message is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WedeError('validation_failed', 'a message is a JSON object with a "type"');
  }

  const fields = parsed as Fields;
  const type = fields.type;
  if (typeof type !== 'string' || !Object.hasOwn(PARSERS, type)) {
    throw new WedeError('validation_failed', 'type must be "receipt", "location" or "resume"');
  }
  return PARSERS[type as ClientMessage['type']](fields);
}

function text(fields: Fields, name: string): string {
  const value = fields[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 100) {
    throw new WedeError('validation_failed', `${name} must be a string of 1 to 100 characters`);
  }
  return value;
}

// JSON cannot carry NaN or Infinity, but a check here costs nothing.
function number(fields: Fields, name: string): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WedeError('validation_failed', `${name} must be a finite number`);
  }
  return value;
}
