import { describe, expect, it } from "vitest";
import { addTotals, outturnOf, totalsOf } from "./budget-arithmetic.ts";
import { financialYearLabel, financialYearOf, monthsOfFinancialYear } from "./financial-year.ts";

describe("budget arithmetic", () => {
  it("takes the actual, else the forecast, else the plan", () => {
    expect(outturnOf({ plannedPence: 100, actualPence: 90, forecastPence: 120 })).toBe(90);
    expect(outturnOf({ plannedPence: 100, actualPence: null, forecastPence: 120 })).toBe(120);
    expect(outturnOf({ plannedPence: 100, actualPence: null, forecastPence: null })).toBe(100);
    expect(outturnOf({ plannedPence: 100, actualPence: 0, forecastPence: 120 })).toBe(0);
  });

  it("sums pennies exactly where floating-point pounds would drift", () => {
    // 0.1 + 0.2 in pounds is 0.30000000000000004; in pence it is 30.
    const months = [
      { month: "2018-04-01", plannedPence: 10, actualPence: null, forecastPence: null },
      { month: "2018-05-01", plannedPence: 20, actualPence: 25, forecastPence: null },
    ];
    expect(totalsOf(months)).toEqual({ plannedPence: 30, actualToDatePence: 25, forecastOutturnPence: 35, variancePence: 5 });
    const big = Array.from({ length: 12 }, (_, i) => ({ month: `m${i}`, plannedPence: 666666667, actualPence: null, forecastPence: null }));
    expect(totalsOf(big).plannedPence).toBe(8000000004);
    expect(addTotals([totalsOf(months), totalsOf(big)])).toEqual({
      plannedPence: 8000000034,
      actualToDatePence: 25,
      forecastOutturnPence: 8000000039,
      variancePence: 5,
    });
  });
});

describe("financial years", () => {
  it("runs April to March by default and is named 2018/19", () => {
    expect(financialYearLabel(2018)).toBe("2018/19");
    expect(financialYearLabel(2099)).toBe("2099/00");
    expect(financialYearLabel(2018, 1)).toBe("2018");
    expect(monthsOfFinancialYear(2018)).toEqual([
      "2018-04-01",
      "2018-05-01",
      "2018-06-01",
      "2018-07-01",
      "2018-08-01",
      "2018-09-01",
      "2018-10-01",
      "2018-11-01",
      "2018-12-01",
      "2019-01-01",
      "2019-02-01",
      "2019-03-01",
    ]);
    expect(monthsOfFinancialYear(2018, 1)[11]).toBe("2018-12-01");
    expect(financialYearOf("2019-03-31")).toBe(2018);
    expect(financialYearOf("2019-04-01")).toBe(2019);
  });
});
