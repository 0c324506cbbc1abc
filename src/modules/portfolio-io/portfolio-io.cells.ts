import { z } from "zod";
import { parsePounds } from "../../platform/money.ts";
import { isCalendarDate } from "../../platform/time.ts";
import type { CellValue } from "./portfolio-io.sheets.ts";

/**
 * zod schemas for one spreadsheet cell each: they take a CellValue (as read from XLSX or CSV) and
 * give the typed value, or an issue whose message completes "Row 7, Likelihood: …".
 */

const cellInput = z.custom<CellValue>((v) => typeof v === "object" && v !== null && "kind" in v);

type Ctx = z.core.$RefinementCtx;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
}

/** A cell's text as typed: numbers by their decimal text, dates as ISO. */
function asText(cell: CellValue): string {
  switch (cell.kind) {
    case "empty":
      return "";
    case "text":
      return cell.text;
    case "number":
      return String(cell.value);
    case "date":
      return cell.iso;
    case "bad":
      return "";
  }
}

/** Free text, trimmed; `required` names what to enter when it is blank. */
export function textCell(max: number, required?: string) {
  return cellInput.transform((cell, ctx): string => {
    if (cell.kind === "bad") return fail(ctx, cell.reason);
    const text = asText(cell).trim();
    if (required && text === "") return fail(ctx, required);
    if (text.length > max) return fail(ctx, `must be ${max.toLocaleString("en-GB")} characters or fewer`);
    if (text.includes("\u0000")) return fail(ctx, "must not contain NUL characters");
    return text;
  });
}

/** A whole number from min to max (a number cell, or digits typed as text). */
export function integerCell(min: number, max: number) {
  const message = `enter a whole number from ${min} to ${max}`;
  return cellInput.transform((cell, ctx): number => {
    if (cell.kind === "bad") return fail(ctx, cell.reason);
    let n: number;
    if (cell.kind === "number") n = cell.value;
    else if (cell.kind === "text" && /^\s*\d+\s*$/.test(cell.text)) n = Number(cell.text.trim());
    else return fail(ctx, message);
    if (!Number.isInteger(n) || n < min || n > max) return fail(ctx, message);
    return n;
  });
}

const TWO_DECIMALS = /^-?\d+(\.\d{1,2})?$/;

/**
 * An amount in pounds, as integer pence, exactly. A number cell is read through its shortest
 * decimal text (what the spreadsheet stored) and refused with more than two decimals, so no
 * floating-point rounding ever reaches the pence. Blank gives `blank` (0 for planned, null for
 * actuals and forecasts not entered).
 */
export function moneyCell(blank: number | null) {
  const message = "enter an amount in pounds with at most 2 decimal places, like 1234.56";
  return cellInput.transform((cell, ctx): number | null => {
    if (cell.kind === "bad") return fail(ctx, cell.reason);
    if (cell.kind === "empty") return blank;
    let pence: number | null = null;
    if (cell.kind === "number") {
      const text = String(cell.value);
      if (TWO_DECIMALS.test(text)) pence = parsePounds(text);
    } else if (cell.kind === "text") {
      pence = parsePounds(cell.text);
    }
    if (pence === null) return fail(ctx, message);
    return pence;
  });
}

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A calendar date: a date cell, or text "2018-06-30" or "30/06/2018"; blank is null unless `required`. */
export function dateCell(required?: string) {
  const message = "enter a real date, like 2018-06-30 or 30/06/2018";
  return cellInput.transform((cell, ctx): string | null => {
    if (cell.kind === "bad") return fail(ctx, cell.reason);
    if (cell.kind === "empty") return required ? fail(ctx, required) : null;
    if (cell.kind === "date") return cell.iso;
    if (cell.kind === "text") {
      const text = cell.text.trim();
      const uk = UK_DATE.exec(text);
      const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, "0")}-${uk[1]!.padStart(2, "0")}` : text;
      if (isCalendarDate(iso)) return iso;
    }
    return fail(ctx, message);
  });
}

/** One of an enumeration, by its label ("On track") or its code ("on_track"), in any case; blank gives `blank`. */
export function choiceCell<K extends string>(labels: Record<K, string>, blank?: NoInfer<K>) {
  const entries = Object.entries(labels) as [K, string][];
  const normalise = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, " ");
  const message = `enter one of: ${entries.map(([, label]) => label).join(", ")}`;
  return cellInput.transform((cell, ctx): K => {
    if (cell.kind === "bad") return fail(ctx, cell.reason);
    if (cell.kind === "empty") return blank ?? fail(ctx, message);
    const typed = normalise(asText(cell));
    const found = entries.find(([key, label]) => normalise(label) === typed || normalise(key) === typed);
    return found ? found[0] : fail(ctx, message);
  });
}

/** A column Quorum exports for reading only (a reference, a derived score): accepted on import and ignored. */
export const ignoredCell = cellInput.transform(() => undefined);

/** A risk's reference as exported ("R12", or 12): the number; blank is null (a new risk). */
export function referenceCell(letter: string, message: string) {
  const pattern = new RegExp(`^\\s*${letter}?\\s*(\\d{1,9})\\s*$`, "i");
  return cellInput.transform((cell, ctx): number | null => {
    if (cell.kind === "bad") return fail(ctx, cell.reason);
    if (cell.kind === "empty") return null;
    if (cell.kind === "number" && Number.isInteger(cell.value) && cell.value >= 1 && cell.value < 1e9) return cell.value;
    const m = cell.kind === "text" ? pattern.exec(cell.text) : null;
    const n = m ? Number(m[1]) : 0;
    return n >= 1 ? n : fail(ctx, message);
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record's id as exported (a UUID), in lower case; blank is null (a new record). */
export function idCell(message: string) {
  return cellInput.transform((cell, ctx): string | null => {
    if (cell.kind === "bad") return fail(ctx, cell.reason);
    if (cell.kind === "empty") return null;
    const text = asText(cell).trim();
    if (text === "") return null;
    return UUID.test(text) ? text.toLowerCase() : fail(ctx, message);
  });
}
