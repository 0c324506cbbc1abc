import { describe, expect, it } from "vitest";
import { londonDate, londonDateTime, londonOffsetMinutes } from "./time.ts";

describe("London time", () => {
  it("converts wall-clock times in winter and summer", () => {
    expect(londonDateTime("2017-12-04", "10:00").toISOString()).toBe("2017-12-04T10:00:00.000Z");
    expect(londonDateTime("2018-06-04", "10:00").toISOString()).toBe("2018-06-04T09:00:00.000Z");
  });

  it("handles the days the clocks change", () => {
    // 25 March 2018: clocks go forward at 01:00 GMT.
    expect(londonDateTime("2018-03-25", "00:30").toISOString()).toBe("2018-03-25T00:30:00.000Z");
    expect(londonDateTime("2018-03-25", "10:00").toISOString()).toBe("2018-03-25T09:00:00.000Z");
    // 28 October 2018: clocks go back at 02:00 BST.
    expect(londonDateTime("2018-10-28", "10:00").toISOString()).toBe("2018-10-28T10:00:00.000Z");
    expect(londonOffsetMinutes(new Date("2018-10-28T00:30:00Z"))).toBe(60);
    expect(londonOffsetMinutes(new Date("2018-10-28T01:30:00Z"))).toBe(0);
  });

  it("gives the London calendar date of an instant", () => {
    expect(londonDate(new Date("2018-06-04T23:30:00Z"))).toBe("2018-06-05");
    expect(londonDate(new Date("2018-12-04T23:30:00Z"))).toBe("2018-12-04");
  });

  it("refuses what is not a date", () => {
    expect(() => londonDateTime("4 December", "10:00")).toThrow(RangeError);
  });
});
