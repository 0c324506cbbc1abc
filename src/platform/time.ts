/** Dates and times as people in England read them: Europe/London, whatever the server's zone. */
export const LONDON = "Europe/London";

const offsetFormat = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, timeZoneName: "longOffset" });

/** The UTC offset in minutes that London observes at an instant (0 in winter, 60 in summer). */
export function londonOffsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/**
 * The instant of a wall-clock time in London, e.g. ("2018-03-05", "10:00"). Times that do not
 * exist (the hour skipped when clocks go forward) resolve to the later offset.
 */
export function londonDateTime(isoDate: string, time: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match || !t) throw new RangeError(`Not a date and time: ${isoDate} ${time}`);
  const asUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(t[1]), Number(t[2]));
  // Try the offset in force at the naive instant, then correct once: exact except inside the skipped hour.
  const first = new Date(asUtc - londonOffsetMinutes(new Date(asUtc)) * 60_000);
  return new Date(asUtc - londonOffsetMinutes(first) * 60_000);
}

const dateParts = new Intl.DateTimeFormat("en-CA", { timeZone: LONDON, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date (YYYY-MM-DD) in London at an instant. */
export function londonDate(at: Date): string {
  return dateParts.format(at);
}
