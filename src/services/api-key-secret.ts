import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'wede_';

/** A new API key: 32 random bytes, so a plain SHA-256 is enough to store it safely. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The part of a key that may be shown later to tell keys apart. */
export function displayPrefix(key: string): string {
  return key.slice(0, 12);
}
