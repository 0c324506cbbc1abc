import { describe, expect, it } from "vitest";
import { dayNumber, slippageDays, slippageLabel } from "./slippage.ts";

const m = (baselineOn: string, forecastOn: string | null = null, actualOn: string | null = null) => ({ baselineOn, forecastOn, actualOn });

describe("slippageDays", () => {
  it("is zero when only the baseline is known", () => {
    expect(slippageDays(m("2018-06-30"))).toBe(0);
  });

  it("counts forecast days after the baseline as late", () => {
    // 31 May to 30 June 2018: across a month end.
    expect(slippageDays(m("2018-05-31", "2018-06-30"))).toBe(30);
    expect(slippageDays(m("2018-06-30", "2018-07-12"))).toBe(12);
  });

  it("counts days before the baseline as early (negative)", () => {
    expect(slippageDays(m("2018-04-03", "2018-03-31"))).toBe(-3);
  });

  it("prefers the actual date over the forecast", () => {
    expect(slippageDays(m("2018-06-30", "2018-09-30", "2018-07-02"))).toBe(2);
    expect(slippageDays(m("2018-06-30", "2018-09-30", "2018-06-30"))).toBe(0);
  });

  it("counts 29 February in a leap year", () => {
    expect(slippageDays(m("2020-02-28", "2020-03-01"))).toBe(2);
    expect(slippageDays(m("2020-02-29", "2020-03-01"))).toBe(1);
    expect(slippageDays(m("2019-02-28", "2019-03-01"))).toBe(1);
    expect(slippageDays(m("2020-02-29", null, "2021-02-28"))).toBe(365);
    expect(slippageDays(m("2020-01-01", "2021-01-01"))).toBe(366);
  });

  it("is not changed by the clocks going forward or back in England", () => {
    // BST began 25 March 2018 and ended 28 October 2018: whole days still.
    expect(slippageDays(m("2018-03-24", "2018-03-26"))).toBe(2);
    expect(slippageDays(m("2018-03-25", "2018-03-26"))).toBe(1);
    expect(slippageDays(m("2018-10-27", "2018-10-29"))).toBe(2);
    expect(slippageDays(m("2018-03-01", "2018-04-01"))).toBe(31);
    expect(slippageDays(m("2018-10-01", "2018-11-01"))).toBe(31);
  });

  it("spans a year end", () => {
    expect(slippageDays(m("2018-12-31", "2019-01-31"))).toBe(31);
    expect(slippageDays(m("2019-03-31", "2018-04-01"))).toBe(-364);
  });

  it("refuses what is not a calendar date", () => {
    expect(() => dayNumber("2019-02-29")).toThrow(RangeError);
    expect(() => dayNumber("31/05/2018")).toThrow(RangeError);
  });
});

describe("slippageLabel", () => {
  it("reads as people say it", () => {
    expect(slippageLabel(12)).toBe("12 days late");
    expect(slippageLabel(1)).toBe("1 day late");
    expect(slippageLabel(-3)).toBe("3 days early");
    expect(slippageLabel(-1)).toBe("1 day early");
    expect(slippageLabel(0)).toBe("On time");
  });
});
