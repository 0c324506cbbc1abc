/**
 * Scoring on the NHS 5×5 risk matrix: score = likelihood × consequence (1–25), banded low,
 * moderate, high or extreme by the partnership's thresholds (NHS default 4, 8, 15: low 1–3,
 * moderate 4–6, high 8–12, extreme 15–25). Pure functions, so the arithmetic is pinned by tests.
 */

export const BANDS = ["low", "moderate", "high", "extreme"] as const;
export type Band = (typeof BANDS)[number];

/** Where each band starts: low is everything below moderateFrom. */
export interface BandThresholds {
  moderateFrom: number;
  highFrom: number;
  extremeFrom: number;
}

export const DEFAULT_BANDS: BandThresholds = { moderateFrom: 4, highFrom: 8, extremeFrom: 15 };

export const BAND_LABELS: Record<Band, string> = { low: "Low", moderate: "Moderate", high: "High", extreme: "Extreme" };

/** The NHS 5×5 matrix's words for each likelihood and consequence rating. */
export const LIKELIHOOD_LABELS: Record<number, string> = { 1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain" };
export const CONSEQUENCE_LABELS: Record<number, string> = { 1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Catastrophic" };

export const RATINGS = [1, 2, 3, 4, 5] as const;

/** True for a whole number from 1 to 5. */
export function isRating(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

/** The risk score: likelihood × consequence, each rated 1–5. */
export function scoreOf(likelihood: number, consequence: number): number {
  if (!isRating(likelihood) || !isRating(consequence)) throw new RangeError(`Ratings must be whole numbers from 1 to 5 (got ${likelihood} × ${consequence})`);
  return likelihood * consequence;
}

/** The band a score falls in. */
export function bandOf(score: number, bands: BandThresholds = DEFAULT_BANDS): Band {
  if (score >= bands.extremeFrom) return "extreme";
  if (score >= bands.highFrom) return "high";
  if (score >= bands.moderateFrom) return "moderate";
  return "low";
}

/** The problem with a set of thresholds, or null when 1 < moderate < high < extreme ≤ 25. */
export function bandOrderProblem(bands: BandThresholds): { field: keyof BandThresholds; message: string } | null {
  if (!(bands.moderateFrom > 1)) return { field: "moderateFrom", message: "Moderate must start above 1, so that a score of 1 is low" };
  if (!(bands.highFrom > bands.moderateFrom)) return { field: "highFrom", message: "High must start above moderate" };
  if (!(bands.extremeFrom > bands.highFrom)) return { field: "extremeFrom", message: "Extreme must start above high" };
  if (!(bands.extremeFrom <= 25)) return { field: "extremeFrom", message: "Extreme must start at 25 or below, the highest score" };
  return null;
}

/** How a score reads beside its band, e.g. "12 (high)". */
export function scoreText(score: number, bands: BandThresholds): string {
  return `${score} (${bandOf(score, bands)})`;
}
