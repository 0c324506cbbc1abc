import { describe, expect, it } from "vitest";
import { changeLabel, changeText, computeLatestRatings, countSentence, subjectKey, type AssessmentForRatings } from "./maturity.latest.ts";

const levels = [
  { id: "L1", rank: 1, title: "Emerging" },
  { id: "L2", rank: 2, title: "Developing" },
  { id: "L3", rank: 3, title: "Maturing" },
  { id: "L4", rank: 4, title: "Thriving" },
];
const dimensions = [
  { id: "D1", title: "Leadership" },
  { id: "D2", title: "Integrated teams" },
  { id: "D3", title: "Shared records" },
];

let seq = 0;
function assessment(
  subject: { organisationId?: string; areaName?: string; name: string },
  assessedOn: string,
  ratings: Record<string, string>,
  createdAt = new Date(`${assessedOn}T12:00:00Z`),
): AssessmentForRatings {
  seq += 1;
  return {
    id: `A${String(seq).padStart(3, "0")}`,
    organisationId: subject.organisationId ?? null,
    areaName: subject.areaName ?? null,
    subjectName: subject.name,
    assessedOn,
    createdAt,
    ratings: Object.entries(ratings).map(([dimensionId, levelId]) => ({ dimensionId, levelId })),
  };
}

const eastKent = { organisationId: "ORG-EK", name: "East Kent Hospitals" };
const medway = { organisationId: "ORG-MED", name: "Medway Community Healthcare" };
const whitstable = { areaName: "Whitstable vanguard", name: "Whitstable vanguard" };

describe("computeLatestRatings", () => {
  // Three assessments of East Kent (out of date order on purpose), one of Medway, two of Whitstable.
  const input = [
    assessment(eastKent, "2018-03-01", { D1: "L2", D2: "L1", D3: "L3" }),
    assessment(eastKent, "2017-06-01", { D1: "L1", D2: "L1", D3: "L1" }),
    assessment(eastKent, "2017-11-20", { D1: "L1", D2: "L2", D3: "L4" }),
    assessment(medway, "2018-02-01", { D1: "L1", D2: "L1", D3: "L1" }),
    assessment(whitstable, "2017-11-01", { D1: "L2", D2: "L3" }),
    // The latest Whitstable assessment did not rate D2: its D2 cell falls back to November's.
    assessment({ ...whitstable, areaName: "  whitstable  VANGUARD " }, "2018-02-15", { D1: "L4", D3: "L3" }),
  ];
  const result = computeLatestRatings(dimensions, levels, input);

  it("orders subjects by name and identifies areas whatever their case and spacing", () => {
    expect(result.subjects.map((s) => s.name)).toEqual(["East Kent Hospitals", "Medway Community Healthcare", "Whitstable vanguard"]);
    expect(result.subjects.map((s) => s.assessmentCount)).toEqual([3, 1, 2]);
    expect(result.subjects[2]!.key).toBe("area:whitstable vanguard");
    expect(result.subjects[0]!.latestAssessedOn).toBe("2018-03-01");
  });

  it("takes the latest assessment by date and the change in rank since the previous one", () => {
    const ek = result.subjects[0]!;
    expect(ek.cells.map((c) => c?.latest.levelTitle)).toEqual(["Developing", "Emerging", "Maturing"]);
    expect(ek.cells.map((c) => c?.previous?.levelTitle)).toEqual(["Emerging", "Developing", "Thriving"]);
    expect(ek.cells.map((c) => c?.change)).toEqual([1, -1, -1]);
    expect(ek.cells.map((c) => (c ? changeLabel(c) : ""))).toEqual(["▲ 1 from Emerging", "▼ 1 from Developing", "▼ 1 from Thriving"]);
    expect(ek.cells.map((c) => (c ? changeText(c) : ""))).toEqual(["up 1 from Emerging", "down 1 from Developing", "down 1 from Thriving"]);
    expect(ek.cells.every((c) => c?.fromEarlierAssessment === false)).toBe(true);
  });

  it("calls every rating of a subject assessed once new", () => {
    const medwayCells = result.subjects[1]!.cells;
    expect(medwayCells.map((c) => c?.change)).toEqual([null, null, null]);
    expect(medwayCells.map((c) => (c ? changeLabel(c) : ""))).toEqual(["new", "new", "new"]);
  });

  it("falls back to the latest assessment that rated a dimension, and says so", () => {
    const w = result.subjects[2]!;
    expect(w.cells.map((c) => c?.latest.levelTitle)).toEqual(["Thriving", "Maturing", "Maturing"]);
    expect(w.cells.map((c) => c?.latest.assessedOn)).toEqual(["2018-02-15", "2017-11-01", "2018-02-15"]);
    expect(w.cells.map((c) => c?.fromEarlierAssessment)).toEqual([false, true, false]);
    // D1: Developing → Thriving is +2; D2 has only one rating; D3 was first rated in February.
    expect(w.cells.map((c) => (c ? changeLabel(c) : ""))).toEqual(["▲ 2 from Developing", "new", "new"]);
    // The display name follows the latest assessment's spelling, trimmed.
    expect(w.areaName).toBe("whitstable  VANGUARD");
  });

  it("counts the latest ratings per level", () => {
    // EK: Developing, Emerging, Maturing; Medway: 3 × Emerging; Whitstable: Thriving, Maturing, Maturing.
    expect(result.total).toBe(9);
    expect(result.counts.map((c) => [c.title, c.count])).toEqual([
      ["Emerging", 4],
      ["Developing", 1],
      ["Maturing", 3],
      ["Thriving", 1],
    ]);
    expect(countSentence(result.counts[0]!, result.total)).toBe("4 of 9 ratings are Emerging");
    expect(countSentence(result.counts[1]!, result.total)).toBe("1 of 9 ratings is Developing");
  });

  it("reports no change, and breaks ties on the same date by when the assessment was recorded", () => {
    const first = assessment(medway, "2018-03-05", { D1: "L2" }, new Date("2018-03-05T09:00:00Z"));
    const second = assessment(medway, "2018-03-05", { D1: "L3" }, new Date("2018-03-05T10:00:00Z"));
    const earlier = assessment(medway, "2018-01-05", { D1: "L3" });
    const r = computeLatestRatings(dimensions, levels, [second, earlier, first]);
    const cell = r.subjects[0]!.cells[0]!;
    expect(cell.latest.levelTitle).toBe("Maturing");
    expect(cell.previous?.levelTitle).toBe("Developing");
    expect(changeLabel(cell)).toBe("▲ 1 from Developing");
    const same = computeLatestRatings(dimensions, levels, [earlier, assessment(medway, "2018-04-01", { D1: "L3" })]);
    expect(changeLabel(same.subjects[0]!.cells[0]!)).toBe("no change");
    expect(same.subjects[0]!.cells[1]).toBeNull();
    expect(same.total).toBe(1);
    expect(countSentence(same.counts[2]!, same.total)).toBe("1 of 1 rating is Maturing");
  });

  it("is empty with no assessments", () => {
    const r = computeLatestRatings(dimensions, levels, []);
    expect(r.subjects).toEqual([]);
    expect(r.total).toBe(0);
    expect(r.counts.map((c) => c.count)).toEqual([0, 0, 0, 0]);
  });
});

describe("subjectKey", () => {
  it("keys organisations by id and areas by normalised name", () => {
    expect(subjectKey({ organisationId: "X", areaName: null })).toBe("organisation:X");
    expect(subjectKey({ organisationId: null, areaName: " Swale   Area " })).toBe("area:swale area");
  });
});
