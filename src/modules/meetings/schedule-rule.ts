import { fromLondon } from "../../platform/time.ts";

/** Days of the week as meetings rules name them; index 0 is Monday. */
export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Which of the month's weekdays: the first to the fourth, or the last. */
export const ORDINALS = ["first", "second", "third", "fourth", "last"] as const;
export type Ordinal = (typeof ORDINALS)[number];

/** "First Monday of each month at 10:00 for 2 hours", for `months` months from `fromMonth`. */
export interface ScheduleRule {
  ordinal: Ordinal;
  weekday: Weekday;
  /** Start time in England, HH:MM. */
  startTime: string;
  durationMinutes: number;
  /** The first month, YYYY-MM. */
  fromMonth: string;
  months: number;
}

/** One meeting a rule produces: its day in England and its UTC instants. */
export interface ScheduledDate {
  date: string;
  startsAt: Date;
  endsAt: Date;
}

/** The date (YYYY-MM-DD) of the rule's weekday in a month (1-12). */
export function nthWeekdayOfMonth(year: number, month: number, ordinal: Ordinal, weekday: Weekday): string {
  // JavaScript counts Sunday as 0; the rules count Monday as 0.
  const target = (WEEKDAYS.indexOf(weekday) + 1) % 7;
  let day: number;
  if (ordinal === "last") {
    const lastDay = new Date(Date.UTC(year, month, 0));
    day = lastDay.getUTCDate() - ((lastDay.getUTCDay() - target + 7) % 7);
  } else {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    day = 1 + ((target - first + 7) % 7) + 7 * ORDINALS.indexOf(ordinal);
  }
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The meetings a rule produces, in date order. Each start is the rule's wall-clock time in England
 * on that day, whatever the clocks are doing; a time that does not exist that day (inside the hour
 * skipped in March) moves an hour later, as a clock would show it.
 */
export function expandRule(rule: ScheduleRule): ScheduledDate[] {
  const [y, m] = rule.fromMonth.split("-").map(Number) as [number, number];
  const out: ScheduledDate[] = [];
  for (let i = 0; i < rule.months; i++) {
    const year = y + Math.floor((m - 1 + i) / 12);
    const month = ((m - 1 + i) % 12) + 1;
    const date = nthWeekdayOfMonth(year, month, rule.ordinal, rule.weekday);
    const startsAt = fromLondon(date, rule.startTime) ?? new Date(fromLondon(date, "00:00")!.getTime() + minutesOf(rule.startTime) * 60_000);
    out.push({ date, startsAt, endsAt: new Date(startsAt.getTime() + rule.durationMinutes * 60_000) });
  }
  return out;
}

function minutesOf(time: string): number {
  const [h, min] = time.split(":").map(Number) as [number, number];
  return h * 60 + min;
}

const ORDINAL_WORDS: Record<Ordinal, string> = { first: "First", second: "Second", third: "Third", fourth: "Fourth", last: "Last" };

/** The rule in words: "First Monday of each month at 10:00 for 2 hours". */
export function describeRule(rule: Pick<ScheduleRule, "ordinal" | "weekday" | "startTime" | "durationMinutes">): string {
  const h = Math.floor(rule.durationMinutes / 60);
  const min = rule.durationMinutes % 60;
  const length = [h > 0 ? `${h} hour${h === 1 ? "" : "s"}` : "", min > 0 ? `${min} minutes` : ""].filter(Boolean).join(" ");
  const day = rule.weekday.charAt(0).toUpperCase() + rule.weekday.slice(1);
  return `${ORDINAL_WORDS[rule.ordinal]} ${day} of each month at ${rule.startTime} for ${length || "0 minutes"}`;
}
