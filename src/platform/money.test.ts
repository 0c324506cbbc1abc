import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatPence, parsePounds, penceToPoundsText, sumPence } from "./money.ts";

describe("money in integer pence", () => {
  it("parses amounts as people type them, exactly", () => {
    expect(parsePounds("1234")).toBe(123400);
    expect(parsePounds("1,234.5")).toBe(123450);
    expect(parsePounds("£1,234.56")).toBe(123456);
    expect(parsePounds("-£250")).toBe(-25000);
    expect(parsePounds("£-250")).toBe(-25000);
    expect(parsePounds("(250.00)")).toBe(-25000);
    expect(parsePounds("0.10")).toBe(10);
    expect(parsePounds(" 0.1 ")).toBe(10);
  });

  it("refuses what is not an amount", () => {
    for (const bad of ["", "abc", "1.234", "1,23", "12,34.00", "£", "--1", "1e5", "(−5)", "(-5)", "99999999999999"]) expect(parsePounds(bad)).toBeNull();
  });

  it("formats pence without floating-point drift", () => {
    expect(formatPence(123456)).toBe("£1,234.56");
    expect(formatPence(-5)).toBe("-£0.05");
    expect(formatPence(0)).toBe("£0.00");
    expect(formatPence(10_000_000_01)).toBe("£10,000,000.01");
    expect(formatPence(123456, { wholePounds: true })).toBe("£1,235");
    expect(penceToPoundsText(-123456)).toBe("-1234.56");
  });

  it("sums 0.1 + 0.2 pounds to exactly 0.3", () => {
    expect(sumPence([parsePounds("0.10"), parsePounds("0.20")])).toBe(parsePounds("0.30"));
  });

  it("round-trips every amount through text", () => {
    fc.assert(
      fc.property(fc.integer({ min: -8_999_999_999_999, max: 8_999_999_999_999 }), (pence) => {
        expect(parsePounds(penceToPoundsText(pence))).toBe(pence);
        expect(parsePounds(formatPence(pence))).toBe(pence);
      }),
    );
  });
});
