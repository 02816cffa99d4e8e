import { UsageError } from '../config/load-config.js';

/** Where a command goes without --url or WEDE_URL: the address `npm start` listens on. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';

// A key travels in an Authorization header, where a space or a control character cannot
// go; Wede's own keys are `wede_` and URL-safe base64, so printable ASCII is all a key holds.
const KEY_CHARACTERS = /^[\x21-\x7e]+$/;

/** The server a command talks to, and the key it acts with. */
export interface ServerConnection {
  url: string;
  key: string;
}

/**
 * The server and key of `--url` and `--key`, else WEDE_URL and WEDE_API_KEY,
 * checked before any request so that a mistake is named after its option.
 * `keyNeeded` says which key the command needs, e.g. "an admin API key".
 * Neither value is echoed: a URL may hold a password, and a key is one.
 */
export function serverConnection(
  given: { url?: string; key?: string },
  keyNeeded: string,
): ServerConnection {
  const url = given.url ?? process.env.WEDE_URL ?? DEFAULT_SERVER_URL;
  if (!isServerUrl(url)) {
    throw new UsageError(
      '--url (or WEDE_URL) must be an http or https URL without a user or password, ' +
        `like ${DEFAULT_SERVER_URL}`,
    );
  }

  // A key pasted with a trailing newline or space is still the key.
  const key = (given.key ?? process.env.WEDE_API_KEY ?? '').trim();
  if (key === '') throw new UsageError(`${keyNeeded} is needed: --key KEY or WEDE_API_KEY`);
  if (!KEY_CHARACTERS.test(key)) {
    throw new UsageError(
      'the key of --key or WEDE_API_KEY holds a space, a control character (a line break, ' +
        'a tab) or a non-ASCII one: a Wede key has none, check that it was copied whole',
    );
  }
  return { url, key };
}

function isServerUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  const http = url.protocol === 'http:' || url.protocol === 'https:';
  return http && url.hostname !== '' && url.username === '' && url.password === '';
}
