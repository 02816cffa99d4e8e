/** Whether `name` is a time zone this runtime knows (an IANA name such as Europe/Lisbon). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

/**
 * A function giving the hour of day (0-23) of an instant (epoch ms) in
 * `timeZone`, daylight saving included. Formatting a date is slow next to
 * the arithmetic around it, so each UTC minute is formatted once: exact for
 * every zone whose offset is a whole number of minutes (all of them since
 * 1972; only some local mean times before then had seconds in their offset).
 *
 * @example
 * hourOfDayIn('America/Los_Angeles')(Date.parse('2017-01-01T22:30:00Z')); // 14
 */
export function hourOfDayIn(timeZone: string): (epochMs: number) => number {
  if (timeZone === 'UTC') {
    return (epochMs) => ((Math.floor(epochMs / MS_PER_HOUR) % 24) + 24) % 24;
  }

  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    hourCycle: 'h23',
  });
  const byMinute = new Map<number, number>();

  return (epochMs) => {
    const minute = Math.floor(epochMs / MS_PER_MINUTE);
    let hour = byMinute.get(minute);
    if (hour === undefined) {
      hour = Number(format.format(minute * MS_PER_MINUTE));
      byMinute.set(minute, hour);
    }
    return hour;
  };
}
