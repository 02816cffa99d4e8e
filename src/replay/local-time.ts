/** The time zone the SFFD records were written in, without an offset. */
export const SFFD_TIME_ZONE = 'America/Los_Angeles';

/** A wall-clock reading: what a clock on the wall showed, with no zone attached. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// Zones change offset only at whole quarter hours of UTC, so one reading per quarter
// hour is exact; formatting through Intl is slow enough to matter for a week of rows.
const QUARTER_HOUR_MS = 900_000;
const offsets = new Map<string, number>();

/** How far `timeZone` is ahead of UTC at the instant `utcMs`, in ms (negative in the west). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const quarter = Math.floor(utcMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}@${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = readOffsetMs(quarter, timeZone);
    offsets.set(key, offset);
  }
  return offset;
}

function readOffsetMs(utcMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const shownAsUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return shownAsUtc - utcMs;
}

/**
 * The instant a wall clock in `timeZone` showed `wall`. The offset comes from
 * the zone's own rules (Intl), so daylight saving time is right on either side
 * of a change. In the hour a clock is set back, a reading happens twice: the
 * first (daylight) one is taken. In the hour a clock skips, the reading never
 * happened: it is read with the offset in force before the change.
 */
export function wallTimeToInstant(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

  // Offsets that may apply around that reading: the one a few hours before and after.
  const before = zoneOffsetMs(asUtc - 12 * 3_600_000, timeZone);
  const after = zoneOffsetMs(asUtc + 12 * 3_600_000, timeZone);
  const candidates = [...new Set([before, after])].map((offset) => asUtc - offset);
  const matching = candidates.filter(
    (instant) => instant + zoneOffsetMs(instant, timeZone) === asUtc,
  );

  const chosen = matching.length > 0 ? Math.min(...matching) : asUtc - before;
  return new Date(chosen);
}

const SFFD_STAMP = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2}) (AM|PM)$/;

/**
 * Reads an SFFD timestamp, `MM/DD/YYYY hh:mm:ss AM|PM` in Los Angeles local
 * time; null for anything else (an empty cell included).
 */
export function parseSffdTimestamp(text: string): Date | null {
  const match = SFFD_STAMP.exec(text.trim());
  if (match === null) return null;

  const [month, day, year, hour12, minute, second] = match.slice(1, 7).map(Number);
  if (hour12! < 1 || hour12! > 12) return null;

  const hour = (hour12! % 12) + (match[7] === 'PM' ? 12 : 0);
  const wall = { year: year!, month: month!, day: day!, hour, minute: minute!, second: second! };
  if (!isRealWallTime(wall)) return null;

  return wallTimeToInstant(wall, SFFD_TIME_ZONE);
}

function isRealWallTime(wall: WallTime): boolean {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  return (
    date.getUTCFullYear() === wall.year &&
    date.getUTCMonth() === wall.month - 1 &&
    date.getUTCDate() === wall.day &&
    wall.minute < 60 &&
    wall.second < 60
  );
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Whether `text` is an RFC 3339 time with its zone (`Z` or an offset): an instant as it is. */
export function isZonedTime(text: string): boolean {
  return RFC3339.test(text.trim());
}

/**
 * Reads a `--from`/`--to` bound: RFC 3339 with a zone (`2017-01-01T08:00:00Z`,
 * `…-08:00`) is that instant; a date or date and time without one
 * (`2017-01-01`, `2017-01-01 08:00`, `2017-01-01T08:00:30`) is the file's
 * local time. Null when it is neither.
 */
export function parseTimeBound(text: string, timeZone = SFFD_TIME_ZONE): Date | null {
  const trimmed = text.trim();
  if (isZonedTime(trimmed)) {
    const instant = new Date(trimmed);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }

  const match = LOCAL.exec(trimmed);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = {
    year: year!,
    month: month!,
    day: day!,
    hour: hour!,
    minute: minute!,
    second: second!,
  };
  if (wall.hour > 23 || !isRealWallTime(wall)) return null;
  return wallTimeToInstant(wall, timeZone);
}
