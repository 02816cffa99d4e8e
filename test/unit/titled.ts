/**
 * Pairs each row of a test table with its title, for `it.each(...)('%s', ...)`: Vitest
 * prints a '%s' string whole, whereas a '$field' title quotes strings and cuts them short.
 */
export function titled<T>(rows: readonly T[], title: (row: T) => string): [string, T][] {
  return rows.map((row) => [title(row), row]);
}

/** "a" or "an" before a role or status name, as it is read aloud ("an ACK", "a SENT"). */
export function an(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}
