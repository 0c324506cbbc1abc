import ical, { ICalEventStatus, type ICalTZDateStub } from "ical-generator";
import type { RequestContext } from "../../platform/http/context.ts";
import { toLondon } from "../../platform/time.ts";
import type { MeetingView } from "./meetings.repository.ts";
import type { meetingsService } from "./meetings.service.ts";

/**
 * iCalendar (RFC 5545) feeds of meetings, for people to subscribe to in Outlook, Google or Apple
 * calendars. A feed carries the meetings of the last 12 months and every future one that the
 * viewer may see (the public: meetings of current bodies). Each meeting keeps one UID for ever and
 * its SEQUENCE is the meeting's `sequence`, which increases whenever something a calendar shows
 * changes, so subscribed calendars update the event in place. Times are Europe/London wall-clock
 * times with the zone's VTIMEZONE, so calendars show 10:00 as 10:00 either side of a clock change.
 */

export const LONDON = "Europe/London";
/** How far back a feed reaches. */
export const FEED_MONTHS_BACK = 12;
/** The most meetings one feed carries (a partnership holds a few hundred a year). */
export const FEED_LIMIT = 2000;

/**
 * Europe/London's rules since 1996 (EU summer time: the clocks go forward at 01:00 UTC on the last
 * Sunday of March and back at 01:00 UTC on the last Sunday of October). Meetings before 1996 are
 * not a concern for a feed of the last 12 months.
 */
const LONDON_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${LONDON}`,
  `X-LIC-LOCATION:${LONDON}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "TZNAME:BST",
  "DTSTART:19700329T010000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "TZNAME:GMT",
  "DTSTART:19701025T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

/** ical-generator's timezone generator: the VTIMEZONE for Europe/London (the only zone meetings use). */
export function vtimezone(tz: string): string | null {
  return tz === LONDON ? LONDON_VTIMEZONE : null;
}

/**
 * An instant that ical-generator writes as its wall-clock time in England. ical-generator formats a
 * date of an event with a time zone from the date's local-time fields, which for a native Date
 * would follow the server's TZ; this date answers them in Europe/London whatever the server's zone,
 * and its UTC fields (used for DTSTAMP and the like) are untouched.
 */
class LondonDate extends Date implements ICalTZDateStub {
  readonly timeZone = LONDON;
  readonly internal: Date;
  readonly #wall: Date;

  constructor(instant: Date) {
    super(instant.getTime());
    this.internal = new Date(instant.getTime());
    const { date, time } = toLondon(instant);
    this.#wall = new Date(`${date}T${time}:${String(instant.getUTCSeconds()).padStart(2, "0")}Z`);
  }

  withTimeZone(): LondonDate {
    return this;
  }
  tzComponents() {
    return {
      year: this.getFullYear(),
      month: this.getMonth() + 1,
      day: this.getDate(),
      hour: this.getHours(),
      minute: this.getMinutes(),
      second: this.getSeconds(),
    };
  }
  override getFullYear(): number {
    return this.#wall.getUTCFullYear();
  }
  override getMonth(): number {
    return this.#wall.getUTCMonth();
  }
  override getDate(): number {
    return this.#wall.getUTCDate();
  }
  override getHours(): number {
    return this.#wall.getUTCHours();
  }
  override getMinutes(): number {
    return this.#wall.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.#wall.getUTCSeconds();
  }
}

/** The status a calendar shows: cancelled, tentative while postponed, confirmed otherwise. */
export function calendarStatus(status: MeetingView["status"]): ICalEventStatus {
  if (status === "cancelled") return ICalEventStatus.CANCELLED;
  if (status === "postponed") return ICalEventStatus.TENTATIVE;
  return ICalEventStatus.CONFIRMED;
}

/** What a calendar shows as the event's title: the body and the meeting's title, if it has one. */
export function calendarSummary(meeting: MeetingView): string {
  const title = meeting.title?.trim();
  const prefix = meeting.status === "cancelled" ? "Cancelled: " : meeting.status === "postponed" ? "Postponed: " : "";
  return `${prefix}${meeting.body.name}${title ? `: ${title}` : ""}`;
}

function locationOf(meeting: MeetingView): string | null {
  const parts = [meeting.venue?.trim(), meeting.onlineUrl?.trim()].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(" and online: ") : null;
}

function descriptionOf(meeting: MeetingView, pageUrl: string): string {
  const lines: string[] = [];
  if (meeting.status === "cancelled") lines.push(`This meeting has been cancelled.${meeting.statusReason ? ` ${meeting.statusReason}` : ""}`);
  if (meeting.status === "postponed") lines.push(`This meeting has been postponed.${meeting.statusReason ? ` ${meeting.statusReason}` : ""}`);
  if (meeting.onlineUrl) lines.push(`Join online: ${meeting.onlineUrl}`);
  lines.push(`Agenda, papers and minutes: ${pageUrl}`);
  return lines.join("\n");
}

export interface FeedOptions {
  /** The calendar's name, e.g. "Programme Board meetings". */
  name: string;
  /** Absolute origin of the site, without a trailing slash, e.g. "https://governance.example.nhs.uk". */
  origin: string;
  /** The host name UIDs are scoped to. */
  uidHost: string;
  /** DTSTAMP: when this feed was produced. */
  now: Date;
}

/** The iCalendar text of a feed of meetings. */
export function meetingsCalendar(rows: readonly MeetingView[], options: FeedOptions): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: "Quorum", product: "Meetings", language: "EN" },
    // No calendar-wide zone, so DTSTAMP stays in UTC; the events name Europe/London and the
    // generator adds its VTIMEZONE.
    timezone: { name: null, generator: vtimezone },
    ttl: 60 * 60,
  });
  calendar.x([{ key: "X-WR-TIMEZONE", value: LONDON }]);
  for (const meeting of rows) {
    const pageUrl = `${options.origin}/meetings/${meeting.id}`;
    calendar.createEvent({
      id: `${meeting.id}@${options.uidHost}`,
      sequence: meeting.sequence,
      stamp: options.now,
      start: new LondonDate(meeting.startsAt),
      end: new LondonDate(meeting.endsAt),
      timezone: LONDON,
      summary: calendarSummary(meeting),
      location: locationOf(meeting),
      url: pageUrl,
      description: descriptionOf(meeting, pageUrl),
      status: calendarStatus(meeting.status),
      lastModified: meeting.updatedAt,
    });
  }
  return calendar.toString();
}

type MeetingsService = ReturnType<typeof meetingsService>;

/** The first instant a feed reaches back to: the same day and time 12 months ago. */
export function feedStart(now: Date): Date {
  const from = new Date(now.getTime());
  from.setUTCMonth(from.getUTCMonth() - FEED_MONTHS_BACK);
  return from;
}

/**
 * The meetings a feed carries for this viewer, in one query: those of the last 12 months and all
 * future ones, of one body or of the whole partnership. The service's list leaves out meetings of
 * archived bodies for those not allowed to see them.
 */
export async function feedMeetings(meetings: MeetingsService, ctx: RequestContext, now: Date, bodyId?: string): Promise<MeetingView[]> {
  const rows = await meetings.list(ctx, { bodyId, from: feedStart(now), order: "asc" }, 1, FEED_LIMIT);
  return rows.slice(0, FEED_LIMIT);
}
