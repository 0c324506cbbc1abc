import { describe, expect, it } from "vitest";
import { bandOf, bandOrderProblem, DEFAULT_BANDS, scoreOf, type Band } from "./scoring.ts";

// Every cell of the NHS 5×5 matrix with the default bands: rows are likelihood 1–5, columns consequence 1–5.
const DEFAULT_MATRIX: Band[][] = [
  ["low", "low", "low", "moderate", "moderate"], // 1, 2, 3, 4, 5
  ["low", "moderate", "moderate", "high", "high"], // 2, 4, 6, 8, 10
  ["low", "moderate", "high", "high", "extreme"], // 3, 6, 9, 12, 15
  ["moderate", "high", "high", "extreme", "extreme"], // 4, 8, 12, 16, 20
  ["moderate", "high", "extreme", "extreme", "extreme"], // 5, 10, 15, 20, 25
];

const SCORES = [
  [1, 2, 3, 4, 5],
  [2, 4, 6, 8, 10],
  [3, 6, 9, 12, 15],
  [4, 8, 12, 16, 20],
  [5, 10, 15, 20, 25],
];

const cells = [1, 2, 3, 4, 5].flatMap((l) => [1, 2, 3, 4, 5].map((c) => [l, c] as const));

describe("scoreOf", () => {
  it.each(cells)("likelihood %i × consequence %i", (l, c) => {
    expect(scoreOf(l, c)).toBe(SCORES[l - 1]![c - 1]);
  });

  it("refuses ratings outside 1–5 or fractional", () => {
    expect(() => scoreOf(0, 3)).toThrow(RangeError);
    expect(() => scoreOf(3, 6)).toThrow(RangeError);
    expect(() => scoreOf(2.5, 2)).toThrow(RangeError);
  });
});

describe("bandOf with the NHS default bands (low 1–3, moderate 4–6, high 8–12, extreme 15–25)", () => {
  it.each(cells)("likelihood %i × consequence %i", (l, c) => {
    expect(bandOf(scoreOf(l, c), DEFAULT_BANDS)).toBe(DEFAULT_MATRIX[l - 1]![c - 1]);
  });

  it("puts the boundaries where the NHS matrix does", () => {
    expect([1, 3, 4, 6, 8, 12, 15, 25].map((s) => bandOf(s))).toEqual(["low", "low", "moderate", "moderate", "high", "high", "extreme", "extreme"]);
  });
});

describe("bandOf with a configured set (moderate from 5, high from 10, extreme from 20)", () => {
  const bands = { moderateFrom: 5, highFrom: 10, extremeFrom: 20 };
  const expected: Band[][] = [
    ["low", "low", "low", "low", "moderate"], // 1, 2, 3, 4, 5
    ["low", "low", "moderate", "moderate", "high"], // 2, 4, 6, 8, 10
    ["low", "moderate", "moderate", "high", "high"], // 3, 6, 9, 12, 15
    ["low", "moderate", "high", "high", "extreme"], // 4, 8, 12, 16, 20
    ["moderate", "high", "high", "extreme", "extreme"], // 5, 10, 15, 20, 25
  ];
  it.each(cells)("likelihood %i × consequence %i", (l, c) => {
    expect(bandOf(scoreOf(l, c), bands)).toBe(expected[l - 1]![c - 1]);
  });
});

describe("bandOrderProblem", () => {
  it("accepts 1 < moderate < high < extreme ≤ 25", () => {
    expect(bandOrderProblem(DEFAULT_BANDS)).toBeNull();
    expect(bandOrderProblem({ moderateFrom: 2, highFrom: 3, extremeFrom: 25 })).toBeNull();
  });
  it("names the threshold out of order", () => {
    expect(bandOrderProblem({ moderateFrom: 1, highFrom: 8, extremeFrom: 15 })?.field).toBe("moderateFrom");
    expect(bandOrderProblem({ moderateFrom: 8, highFrom: 8, extremeFrom: 15 })?.field).toBe("highFrom");
    expect(bandOrderProblem({ moderateFrom: 4, highFrom: 15, extremeFrom: 12 })?.field).toBe("extremeFrom");
    expect(bandOrderProblem({ moderateFrom: 4, highFrom: 8, extremeFrom: 26 })?.message).toBe("Extreme must start at 25 or below, the highest score");
  });
});
