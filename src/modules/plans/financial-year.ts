/**
 * Financial years as the partnership counts them: by default April to March, named after the
 * calendar year they start in (2018 is "2018/19", April 2018 – March 2019).
 */

export const DEFAULT_FINANCIAL_YEAR_START_MONTH = 4;

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/** "2018/19" for a year starting in April 2018; "2018" when the financial year is the calendar year. */
export function financialYearLabel(financialYear: number, startMonth = DEFAULT_FINANCIAL_YEAR_START_MONTH): string {
  if (startMonth === 1) return String(financialYear);
  return `${financialYear}/${String((financialYear + 1) % 100).padStart(2, "0")}`;
}

/** The first day of each of the twelve months of the financial year, in order ("2018-04-01" … "2019-03-01"). */
export function monthsOfFinancialYear(financialYear: number, startMonth = DEFAULT_FINANCIAL_YEAR_START_MONTH): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const index = startMonth - 1 + i;
    const year = financialYear + Math.floor(index / 12);
    return `${year}-${String((index % 12) + 1).padStart(2, "0")}-01`;
  });
}

/** The financial year a calendar date (YYYY-MM-DD) falls in. */
export function financialYearOf(isoDate: string, startMonth = DEFAULT_FINANCIAL_YEAR_START_MONTH): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= startMonth ? year : year - 1;
}

/** "April" for "2018-04-01". */
export function monthName(isoMonth: string): string {
  return MONTH_NAMES[Number(isoMonth.slice(5, 7)) - 1] ?? isoMonth;
}

/** "Apr" for "2018-04-01" (column headings). */
export function shortMonthName(isoMonth: string): string {
  return monthName(isoMonth).slice(0, 3);
}

/** "April 2018" for "2018-04-01". */
export function monthLabel(isoMonth: string): string {
  return `${monthName(isoMonth)} ${isoMonth.slice(0, 4)}`;
}

/** The form field key of a month: "2018-04" for "2018-04-01". */
export function monthKey(isoMonth: string): string {
  return isoMonth.slice(0, 7);
}
