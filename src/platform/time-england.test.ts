import { describe, expect, it } from "vitest";
import { addCalendarDays, clearDaysBetween, formatLondonDate, fromLondon, isCalendarDate, londonOffsetMinutes, toLondon } from "./time.ts";

describe("times in England across the clock changes", () => {
  it("stores a 10:00 meeting on 25 March 2018 (clocks went forward at 01:00 GMT that morning) as 09:00 UTC", () => {
    const starts = fromLondon("2018-03-25", "10:00")!;
    expect(starts.toISOString()).toBe("2018-03-25T09:00:00.000Z");
    expect(toLondon(starts)).toEqual({ date: "2018-03-25", time: "10:00" });
    // Before the change, the same day is still on GMT.
    expect(fromLondon("2018-03-25", "00:30")!.toISOString()).toBe("2018-03-25T00:30:00.000Z");
    // A two-hour meeting from 00:30 ends at 03:30 on the clock, not 02:30.
    expect(toLondon(new Date(fromLondon("2018-03-25", "00:30")!.getTime() + 2 * 3_600_000)).time).toBe("03:30");
  });

  it("refuses a time in the hour skipped on 25 March 2018", () => {
    expect(fromLondon("2018-03-25", "01:30")).toBeNull();
    expect(fromLondon("2018-03-25", "02:00")!.toISOString()).toBe("2018-03-25T01:00:00.000Z");
  });

  it("stores a 10:00 meeting on 28 October 2018 (clocks went back at 01:00 GMT) as 10:00 UTC", () => {
    const starts = fromLondon("2018-10-28", "10:00")!;
    expect(starts.toISOString()).toBe("2018-10-28T10:00:00.000Z");
    expect(toLondon(starts)).toEqual({ date: "2018-10-28", time: "10:00" });
    // The day before is still summer time.
    expect(fromLondon("2018-10-27", "10:00")!.toISOString()).toBe("2018-10-27T09:00:00.000Z");
  });

  it("takes the first of the two 01:30s on 28 October 2018", () => {
    expect(fromLondon("2018-10-28", "01:30")!.toISOString()).toBe("2018-10-28T00:30:00.000Z");
    expect(toLondon(new Date("2018-10-28T01:30:00Z"))).toEqual({ date: "2018-10-28", time: "01:30" });
  });

  it("knows the offset either side of each change", () => {
    expect(londonOffsetMinutes(new Date("2018-03-25T00:59:00Z"))).toBe(0);
    expect(londonOffsetMinutes(new Date("2018-03-25T01:00:00Z"))).toBe(60);
    expect(londonOffsetMinutes(new Date("2018-10-28T00:59:00Z"))).toBe(60);
    expect(londonOffsetMinutes(new Date("2018-10-28T01:00:00Z"))).toBe(0);
  });

  it("rejects dates and times that do not exist", () => {
    expect(isCalendarDate("2018-02-29")).toBe(false);
    expect(isCalendarDate("2020-02-29")).toBe(true);
    expect(fromLondon("2018-02-30", "10:00")).toBeNull();
    expect(fromLondon("2018-03-05", "24:00")).toBeNull();
    expect(fromLondon("2018-03-05", "9:00")).toBeNull();
  });

  it("counts clear days, leaving out the day of publication and the day of the meeting", () => {
    const meeting = fromLondon("2018-03-05", "10:00")!;
    expect(clearDaysBetween(fromLondon("2018-03-01", "17:00")!, meeting)).toBe(3);
    expect(clearDaysBetween(fromLondon("2018-03-02", "09:00")!, meeting)).toBe(2);
    // 23:30 on 1 March in UTC is still 1 March in England in winter; in summer 23:30 UTC is the next day.
    expect(clearDaysBetween(new Date("2018-03-01T23:30:00Z"), meeting)).toBe(3);
    expect(clearDaysBetween(new Date("2018-06-01T23:30:00Z"), fromLondon("2018-06-05", "10:00")!)).toBe(2);
    expect(addCalendarDays("2018-02-28", 1)).toBe("2018-03-01");
  });

  it("writes the day as people read it", () => {
    expect(formatLondonDate(fromLondon("2018-03-05", "10:00")!)).toBe("Monday 5 March 2018");
  });
});
