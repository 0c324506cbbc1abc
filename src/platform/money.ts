/**
 * Money is held as integer pence everywhere (database bigint, JavaScript number): every sum of
 * pence below 2^53 is exact, so totals and variances never drift as floating-point pounds would.
 * Pounds appear only at the edges: parsing what people type, and formatting what they read.
 */

/** Largest magnitude accepted (±£90 billion), matching the database check; sums stay exact. */
export const MAX_PENCE = 9_000_000_000_000;

const POUNDS = /^(-)?£?\s*(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parses an amount as people write it — "1234", "1,234.5", "£1,234.56", "-£250", "(250.00)" —
 * into integer pence, exactly (no floating point). Returns null when it is not an amount.
 */
export function parsePounds(input: string): number | null {
  let text = input.trim().replace(/\s+/g, "");
  if (text === "") return null;
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(text);
  if (bracketed) {
    negative = true;
    text = bracketed[1]!;
  }
  const match = POUNDS.exec(text);
  if (!match) return null;
  if (match[1] && match[2]) return null;
  if ((match[1] || match[2]) && negative) return null;
  negative ||= Boolean(match[1] || match[2]);
  const whole = match[3]!.replaceAll(",", "");
  const fraction = (match[4] ?? "").padEnd(2, "0");
  if (whole.length > 13) return null;
  const pence = Number(whole) * 100 + Number(fraction);
  if (!Number.isSafeInteger(pence) || pence >= MAX_PENCE) return null;
  return negative ? -pence : pence;
}

const formatter = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const wholeFormatter = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 0, maximumFractionDigits: 0 });

/** "£1,234.56" (or "-£1,234.56"). Computed from integer pence by string, never by dividing floats. */
export function formatPence(pence: number, options: { wholePounds?: boolean } = {}): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`not a whole number of pence: ${pence}`);
  if (options.wholePounds) return wholeFormatter.format(Math.round(pence / 100));
  const negative = pence < 0;
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  const text = formatter.format(pounds).replace(/\.00$/, `.${String(rest).padStart(2, "0")}`);
  return negative ? `-${text}` : text;
}

/** Pence as a plain decimal string of pounds for spreadsheets and forms: 123456 → "1234.56". */
export function penceToPoundsText(pence: number): string {
  const negative = pence < 0;
  const abs = Math.abs(pence);
  return `${negative ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Exact sum of pence; null entries count as 0. */
export function sumPence(values: readonly (number | null | undefined)[]): number {
  let total = 0;
  for (const v of values) total += v ?? 0;
  return total;
}
