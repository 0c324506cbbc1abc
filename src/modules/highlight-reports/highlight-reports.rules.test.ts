import { describe, expect, it } from "vitest";
import {
  draftReport,
  financialYearOf,
  lastDayOf,
  lateMilestones,
  monthLabel,
  nextMonthOf,
  percentText,
  suggestFinance,
  suggestOverall,
  suggestRisk,
  suggestSchedule,
  type MilestoneFact,
  type RiskFact,
} from "./highlight-reports.rules.ts";

const NHS_BANDS = { moderateFrom: 4, highFrom: 8, extremeFrom: 15 };

let n = 0;
const milestone = (values: Partial<MilestoneFact>): MilestoneFact => ({
  id: `m${++n}`,
  title: `Milestone ${n}`,
  baselineOn: "2018-03-15",
  forecastOn: null,
  actualOn: null,
  status: "on_track",
  ...values,
});
const risk = (reference: number, l: number, c: number, values: Partial<RiskFact> = {}): RiskFact => ({
  reference,
  title: `Risk ${reference}`,
  status: "open",
  currentLikelihood: l,
  currentConsequence: c,
  ...values,
});

describe("months", () => {
  it("labels, steps and bounds months, and names financial years by the April they start", () => {
    expect(monthLabel("2018-03-01")).toBe("March 2018");
    expect(nextMonthOf("2018-12-01")).toBe("2019-01-01");
    expect(lastDayOf("2018-02-01")).toBe("2018-02-28");
    expect(lastDayOf("2020-02-01")).toBe("2020-02-29");
    expect(financialYearOf("2018-03-01")).toBe(2017);
    expect(financialYearOf("2018-04-01")).toBe(2018);
  });
});

describe("schedule", () => {
  it("counts as late the milestones marked late or past their forecast (else baseline) date, by the greater of slippage and days since baseline", () => {
    const late = lateMilestones(
      [
        milestone({ title: "Past baseline", baselineOn: "2018-03-01" }), // 30 days before 31 March
        milestone({ title: "Forecast slipped", baselineOn: "2018-03-10", forecastOn: "2018-05-10", status: "late" }), // slippage 61
        milestone({ title: "Forecast still ahead", baselineOn: "2018-03-10", forecastOn: "2018-04-05" }), // not late: forecast after asOf
        milestone({ title: "Done", baselineOn: "2018-01-01", actualOn: "2018-03-01", status: "complete" }),
        milestone({ title: "Due on the day", baselineOn: "2018-03-31" }),
      ],
      "2018-03-31",
    );
    expect(late.map((l) => [l.milestone.title, l.daysLate])).toEqual([
      ["Forecast slipped", 61],
      ["Past baseline", 30],
    ]);
  });

  it("is green with nothing late, amber when none is more than 30 days late, red when any is", () => {
    expect(suggestSchedule([])).toEqual({ rag: "green", reason: "No milestones are late." });
    const thirty = { milestone: milestone({ title: "Workbook" }), daysLate: 30 };
    const one = { milestone: milestone({ title: "Survey" }), daysLate: 1 };
    const thirtyOne = { milestone: milestone({ title: "Hub opens" }), daysLate: 31 };
    expect(suggestSchedule([thirty, one])).toEqual({
      rag: "amber",
      reason: "2 milestones are late, none by more than 30 days: Workbook (30 days late); Survey (1 day late).",
    });
    expect(suggestSchedule([thirtyOne, thirty])).toEqual({
      rag: "red",
      reason: "1 milestone is more than 30 days late: Hub opens (31 days late). Also late: Workbook (30 days late).",
    });
  });
});

describe("finance", () => {
  const fy = (planned: number, forecast: number) => ({ financialYear: 2018, plannedPence: planned, forecastOutturnPence: forecast });

  it("is green within ±2% of planned, amber within ±5%, red beyond, compared exactly in pence", () => {
    expect(suggestFinance(fy(10_000_000, 10_200_000))).toEqual({
      rag: "green",
      reason: "Forecast outturn for 2018/19 is £102,000.00 against £100,000.00 planned: £2,000.00 (2.0%) over plan, within 2%.",
    });
    expect(suggestFinance(fy(10_000_000, 10_200_001))?.rag).toBe("amber");
    expect(suggestFinance(fy(10_000_000, 9_500_000))).toEqual({
      rag: "amber",
      reason: "Forecast outturn for 2018/19 is £95,000.00 against £100,000.00 planned: £5,000.00 (5.0%) under plan, more than 2% but within 5%.",
    });
    expect(suggestFinance(fy(10_000_000, 9_499_999))).toEqual({
      rag: "red",
      reason: "Forecast outturn for 2018/19 is £94,999.99 against £100,000.00 planned: £5,000.01 (5.0%) under plan, more than 5%.",
    });
    expect(suggestFinance(fy(12_345_600, 12_345_600))).toEqual({
      rag: "green",
      reason: "Forecast outturn for 2018/19 is £123,456.00 against £123,456.00 planned: on plan.",
    });
    expect(suggestFinance(fy(0, 100))?.rag).toBe("red");
    expect(suggestFinance(null)).toBeNull();
  });

  it("writes percentages to one decimal, rounding half up, without floating point", () => {
    expect(percentText(300_000, 10_000_000)).toBe("3.0%");
    expect(percentText(-1, 3)).toBe("33.3%");
    expect(percentText(2, 3)).toBe("66.7%");
    expect(percentText(5, 1000)).toBe("0.5%");
    expect(percentText(8_999_999_999_999, 9_000_000_000_000)).toBe("100.0%");
  });
});

describe("risk", () => {
  it("takes the highest current band among open risks: extreme red, high amber, else green", () => {
    expect(suggestRisk([], NHS_BANDS)).toEqual({ rag: "green", reason: "No open risks." });
    expect(suggestRisk([risk(1, 2, 3), risk(2, 1, 2)], NHS_BANDS)).toEqual({
      rag: "green",
      reason: "No open risk is high or extreme; the highest is moderate: R1 Risk 1 (score 6).",
    });
    expect(suggestRisk([risk(3, 2, 4), risk(4, 3, 4), risk(5, 5, 5, { status: "closed" })], NHS_BANDS)).toEqual({
      rag: "amber",
      reason: "Open risks in the high band (score 8 to 14): R4 Risk 4 (score 12); R3 Risk 3 (score 8).",
    });
    expect(suggestRisk([risk(6, 3, 5), risk(7, 3, 4)], NHS_BANDS)).toEqual({
      rag: "red",
      reason: "Open risks in the extreme band (score 15 or more): R6 Risk 6 (score 15).",
    });
    // The partnership's own bands decide.
    expect(suggestRisk([risk(8, 3, 4)], { moderateFrom: 3, highFrom: 6, extremeFrom: 12 }).rag).toBe("red");
  });
});

describe("overall", () => {
  it("is the worst of the three, and says which", () => {
    const g = { rag: "green" as const, reason: "" };
    const a = { rag: "amber" as const, reason: "" };
    const r = { rag: "red" as const, reason: "" };
    expect(suggestOverall(g, g, g)).toEqual({ rag: "green", reason: "The worst of schedule green, finance green and risk green: all are green." });
    expect(suggestOverall(a, g, r)).toEqual({ rag: "red", reason: "The worst of schedule amber, finance green and risk red: risk is red." });
    expect(suggestOverall(a, a, g)).toEqual({
      rag: "amber",
      reason: "The worst of schedule amber, finance amber and risk green: schedule and finance are amber.",
    });
    expect(suggestOverall(g, null, a)).toEqual({
      rag: "amber",
      reason: "The worst of schedule green and risk amber: risk is amber. Finance is not rated: there is no current plan for the year.",
    });
  });
});

describe("the whole draft", () => {
  it("lists achievements, next period and milestones due, and suggests the ratings", () => {
    const d = draftReport({
      month: "2018-03-01",
      // Drafted on 15 March: the café pilot (20 March) is due, not yet late.
      asOf: "2018-03-15",
      milestones: [
        milestone({ title: "Estates workbook", baselineOn: "2018-02-28", actualOn: "2018-03-09", status: "complete" }),
        milestone({ title: "Crisis café pilot", baselineOn: "2018-03-20" }),
        milestone({ title: "Recovery college", baselineOn: "2018-01-15", forecastOn: "2018-04-30", status: "late" }),
        milestone({ title: "Peer support network", baselineOn: "2018-04-10" }),
        milestone({ title: "Old one", baselineOn: "2017-12-01", actualOn: "2017-12-01", status: "complete" }),
      ],
      products: [
        { id: "p1", title: "Better Together conference", status: "delivered", deliveredOn: "2018-03-13" },
        { id: "p2", title: "Not yet", status: "planned", deliveredOn: null },
      ],
      finance: { financialYear: 2017, plannedPence: 5_000_000, forecastOutturnPence: 5_150_000 },
      risks: [risk(12, 4, 4)],
      bands: NHS_BANDS,
    });
    expect(d.achievements).toBe("- Milestone completed on 9 March 2018: Estates workbook\n- Product delivered on 13 March 2018: Better Together conference");
    expect(d.nextPeriod).toBe("- Peer support network: due 10 April 2018");
    expect(d.milestonesDue).toBe(
      "- Crisis café pilot: due 20 March 2018\n- Recovery college: late by 105 days (baseline 15 January 2018, forecast 30 April 2018)",
    );
    expect(d.schedule).toEqual({ rag: "red", reason: "1 milestone is more than 30 days late: Recovery college (105 days late)." });
    expect(d.finance).toEqual({
      rag: "amber",
      reason: "Forecast outturn for 2017/18 is £51,500.00 against £50,000.00 planned: £1,500.00 (3.0%) over plan, more than 2% but within 5%.",
    });
    expect(d.risk.rag).toBe("red");
    expect(d.overall).toEqual({ rag: "red", reason: "The worst of schedule red, finance amber and risk red: schedule and risk are red." });
  });
});
