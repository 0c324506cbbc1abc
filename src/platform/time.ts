/**
 * Wall-clock times in England. Meetings are entered and shown in Europe/London but stored as UTC
 * instants; the conversion must respect the clock changes (last Sunday of March at 01:00 UTC the
 * clocks go forward, last Sunday of October at 01:00 UTC they go back), so it asks Intl for the
 * offset in force rather than assuming one.
 */

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** A calendar date (YYYY-MM-DD) and a time (HH:MM) on a wall clock in England. */
export interface LondonDateTime {
  date: string;
  time: string;
}

function londonParts(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(instant)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** Minutes England's clocks are ahead of UTC at an instant: 0 in winter (GMT), 60 in summer (BST). */
export function londonOffsetMinutes(instant: Date): number {
  const p = londonParts(instant);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The date and time an instant shows on a clock in England. */
export function toLondon(instant: Date): LondonDateTime {
  const p = londonParts(instant);
  return { date: `${p.year}-${pad(p.month!)}-${pad(p.day!)}`, time: `${pad(p.hour!)}:${pad(p.minute!)}` };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** True for a 24-hour time written HH:MM. */
export function isClockTime(time: string): boolean {
  return TIME.test(time);
}

/**
 * The instant a clock in England shows `time` on `date`, or null when that time does not exist
 * (it falls in the hour skipped when the clocks go forward). When the clocks go back and the time
 * happens twice, the first (still British Summer Time) is meant.
 */
export function fromLondon(date: string, time: string): Date | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t || !isCalendarDate(date)) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // The offset is either the one in force an hour before or an hour after; the earlier reading wins.
  for (const probe of [wall - 2 * 3_600_000, wall + 2 * 3_600_000]) {
    const candidate = new Date(wall - londonOffsetMinutes(new Date(probe)) * 60_000);
    const back = toLondon(candidate);
    if (back.date === date && back.time === time) return candidate;
  }
  return null;
}

/** The calendar date `days` after (or before) a date written YYYY-MM-DD. */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Clear days between publishing on one date and meeting on another: whole days strictly between
 * them, so neither the day of publication nor the day of the meeting counts.
 */
export function clearDaysBetween(published: Date, meeting: Date): number {
  return Math.max(0, daysBetween(toLondon(published).date, toLondon(meeting).date) - 1);
}

const longDateFormat = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

/** A meeting's day as people read it, e.g. "Monday 5 March 2018". */
export function formatLondonDate(instant: Date): string {
  return longDateFormat.format(instant).replace(",", "");
}

/** A time of day in England, e.g. "10:00" (24-hour, as NHS.UK style writes times in tables). */
export function formatLondonTime(instant: Date): string {
  return toLondon(instant).time;
}

/** The instant of a wall-clock time in England, e.g. ("2018-03-05", "10:00"); throws for a time that does not exist. */
export function londonDateTime(date: string, time: string): Date {
  const instant = fromLondon(date, time.padStart(5, "0"));
  if (!instant) throw new RangeError(`Not a time that exists in England: ${date} ${time}`);
  return instant;
}

/** The calendar date (YYYY-MM-DD) in England at an instant. */
export function londonDate(instant: Date): string {
  return toLondon(instant).date;
}
