import { describe, expect, it } from "vitest";
import { describeRule, expandRule, nthWeekdayOfMonth } from "./schedule-rule.ts";
import { toLondon } from "../../platform/time.ts";

describe("schedule rules", () => {
  it("finds the first Monday of each month of 2018, at 10:00 in England whatever the season", () => {
    const dates = expandRule({ ordinal: "first", weekday: "monday", startTime: "10:00", durationMinutes: 120, fromMonth: "2018-01", months: 12 });
    expect(dates.map((d) => d.date)).toEqual([
      "2018-01-01",
      "2018-02-05",
      "2018-03-05",
      "2018-04-02",
      "2018-05-07",
      "2018-06-04",
      "2018-07-02",
      "2018-08-06",
      "2018-09-03",
      "2018-10-01",
      "2018-11-05",
      "2018-12-03",
    ]);
    for (const d of dates) {
      expect(toLondon(d.startsAt)).toEqual({ date: d.date, time: "10:00" });
      expect(toLondon(d.endsAt).time).toBe("12:00");
    }
    expect(dates[2]!.startsAt.toISOString()).toBe("2018-03-05T10:00:00.000Z");
    expect(dates[3]!.startsAt.toISOString()).toBe("2018-04-02T09:00:00.000Z");
  });

  it("finds the last Thursday, across the turn of a year", () => {
    const dates = expandRule({ ordinal: "last", weekday: "thursday", startTime: "14:00", durationMinutes: 90, fromMonth: "2018-11", months: 4 });
    expect(dates.map((d) => d.date)).toEqual(["2018-11-29", "2018-12-27", "2019-01-31", "2019-02-28"]);
    expect(toLondon(dates[0]!.endsAt).time).toBe("15:30");
  });

  it("handles months where the weekday falls on the 1st or the last day", () => {
    expect(nthWeekdayOfMonth(2018, 1, "first", "monday")).toBe("2018-01-01");
    expect(nthWeekdayOfMonth(2018, 3, "last", "saturday")).toBe("2018-03-31");
    expect(nthWeekdayOfMonth(2018, 3, "fourth", "sunday")).toBe("2018-03-25");
    expect(nthWeekdayOfMonth(2018, 2, "second", "wednesday")).toBe("2018-02-14");
  });

  it("moves a time in the skipped hour to the hour after, as the clock shows it", () => {
    const [d] = expandRule({ ordinal: "last", weekday: "sunday", startTime: "01:30", durationMinutes: 60, fromMonth: "2018-03", months: 1 });
    expect(d!.date).toBe("2018-03-25");
    expect(toLondon(d!.startsAt)).toEqual({ date: "2018-03-25", time: "02:30" });
  });

  it("describes itself", () => {
    expect(describeRule({ ordinal: "first", weekday: "monday", startTime: "10:00", durationMinutes: 120 })).toBe(
      "First Monday of each month at 10:00 for 2 hours",
    );
    expect(describeRule({ ordinal: "last", weekday: "thursday", startTime: "14:00", durationMinutes: 90 })).toBe(
      "Last Thursday of each month at 14:00 for 1 hour 30 minutes",
    );
  });
});
