/**
 * The span of instants Wede keeps. RFC 3339 can name times on either side of
 * it (year 0000 with a positive offset is year -1 in UTC; 9999-12-31 with a
 * negative offset is year 10000), and those cannot be written back in the
 * four-digit form every answer promises, nor compared as text in a query.
 * Dispatch records begin long after 1970.
 */
export const EARLIEST_KEPT_TIME = '1970-01-01T00:00:00.000Z';
export const LATEST_KEPT_TIME = '9999-12-31T23:59:59.999Z';

/** Said of a valid RFC 3339 text no JavaScript date can hold, such as a leap second. */
export const UNREADABLE_TIME =
  'is a leap second or another time this server cannot hold; ' +
  'give an RFC 3339 time such as 2026-06-09T18:00:00Z';

const earliest = Date.parse(EARLIEST_KEPT_TIME);
const latest = Date.parse(LATEST_KEPT_TIME);

/**
 * False for an instant outside the kept span. A text no JavaScript date can
 * read (a leap second) is not judged here: the caller refuses it by name.
 */
export function isKeptTime(text: string): boolean {
  const at = Date.parse(text);
  if (Number.isNaN(at)) return true;

  return at >= earliest && at <= latest;
}
