/**
 * Milestone slippage: how many calendar days the milestone's latest date (achieved, else forecast,
 * else the baseline itself) lies after its baseline. Positive is late, negative early, 0 on time.
 *
 * Dates are calendar dates (YYYY-MM-DD), never instants: the arithmetic is done on UTC midnights
 * built from the date's own year, month and day, so the clock changes in England (or the server's
 * time zone) can never add or lose an hour and turn 30 days into 29.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The day number (days since 1970-01-01) of a calendar date written YYYY-MM-DD. */
export function dayNumber(isoDate: string): number {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${isoDate}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) throw new RangeError(`Not a calendar date: ${isoDate}`);
  return ms / DAY_MS;
}

/** The dates slippage is worked out from. */
export interface MilestoneDates {
  baselineOn: string;
  forecastOn: string | null;
  actualOn: string | null;
}

/** (actualOn ?? forecastOn ?? baselineOn) − baselineOn, in whole days; positive = late. */
export function slippageDays(m: MilestoneDates): number {
  return dayNumber(m.actualOn ?? m.forecastOn ?? m.baselineOn) - dayNumber(m.baselineOn);
}

/** Slippage as people read it: "12 days late", "1 day early", "On time". */
export function slippageLabel(days: number): string {
  if (days === 0) return "On time";
  const n = Math.abs(days);
  return `${n} ${n === 1 ? "day" : "days"} ${days > 0 ? "late" : "early"}`;
}
