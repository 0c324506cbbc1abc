import { sumPence } from "../../platform/money.ts";

/**
 * Budget arithmetic, in integer pence only (exact; never floating point). The definitions the
 * board reads, the API returns and the SQL of the portfolio roll-up repeats:
 * - planned = the sum of the planned amounts of every month;
 * - actual to date = the sum of the actuals entered so far;
 * - forecast outturn = the sum over the months of the actual when entered, else the forecast when
 *   entered, else the planned amount;
 * - variance = forecast outturn − planned (positive = overspend).
 */

export interface MonthFigures {
  /** The first day of the month, YYYY-MM-DD. */
  month: string;
  plannedPence: number;
  actualPence: number | null;
  forecastPence: number | null;
}

export interface BudgetTotals {
  plannedPence: number;
  actualToDatePence: number;
  forecastOutturnPence: number;
  variancePence: number;
}

export const ZERO_TOTALS: BudgetTotals = { plannedPence: 0, actualToDatePence: 0, forecastOutturnPence: 0, variancePence: 0 };

/** What a month is expected to cost in the end: its actual, else its forecast, else its plan. */
export function outturnOf(m: Pick<MonthFigures, "plannedPence" | "actualPence" | "forecastPence">): number {
  return m.actualPence ?? m.forecastPence ?? m.plannedPence;
}

/** The totals of a set of months (one budget line, or a whole plan's months). */
export function totalsOf(months: readonly MonthFigures[]): BudgetTotals {
  const plannedPence = sumPence(months.map((m) => m.plannedPence));
  const forecastOutturnPence = sumPence(months.map(outturnOf));
  return {
    plannedPence,
    actualToDatePence: sumPence(months.map((m) => m.actualPence)),
    forecastOutturnPence,
    variancePence: forecastOutturnPence - plannedPence,
  };
}

/** The sum of several totals (the lines of a plan, the plans of a portfolio). */
export function addTotals(list: readonly BudgetTotals[]): BudgetTotals {
  const plannedPence = sumPence(list.map((t) => t.plannedPence));
  const forecastOutturnPence = sumPence(list.map((t) => t.forecastOutturnPence));
  return {
    plannedPence,
    actualToDatePence: sumPence(list.map((t) => t.actualToDatePence)),
    forecastOutturnPence,
    variancePence: forecastOutturnPence - plannedPence,
  };
}
