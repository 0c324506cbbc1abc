import { z } from "zod";
import type { FieldErrors } from "./errors.ts";

/** The result of reading a submitted form: the valid value, or the messages to show beside each field. */
export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Maps zod issues to one message per field (the first wins), as the NHS error summary expects. */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Validates a form body against a schema; the CSRF field and unknown fields are ignored. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrorsFrom(result.error) };
}

/** A form body's fields as strings, so a re-rendered form shows exactly what was typed. */
export function submittedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === "object") {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === "_csrf") continue;
      if (typeof v === "string") values[k] = v;
      else if (Array.isArray(v)) values[k] = v.filter((x) => typeof x === "string").join("\n");
    }
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// Form fields: strings in, the same rules as the API out. Dates arrive as day, month and year fields.

/** A form field's string value; "" when it is missing or not a string. */
export const formString = (f: Record<string, unknown>, k: string): string => (typeof f[k] === "string" ? f[k] : "");

export type DateParts = { day: string; month: string; year: string };

/** The day, month and year fields of a date input named `name`, e.g. "startsOn-day", trimmed. */
export function datePartsOf(f: Record<string, unknown>, name: string): DateParts {
  return { day: formString(f, `${name}-day`).trim(), month: formString(f, `${name}-month`).trim(), year: formString(f, `${name}-year`).trim() };
}

/** Turns day, month and year into YYYY-MM-DD, or explains, in the NHS pattern, what is wrong. */
export function dateFromParts(parts: DateParts, label: string): { ok: true; value: string | null } | { ok: false; message: string } {
  const { day, month, year } = parts;
  const capitalised = `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
  if (!day && !month && !year) return { ok: true, value: null };
  const missing = [day ? null : "day", month ? null : "month", year ? null : "year"].filter((m): m is string => m !== null);
  if (missing.length > 0) return { ok: false, message: `${capitalised} must include a ${missing.join(" and a ")}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { ok: false, message: `${capitalised} must be a real date` };
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) return { ok: false, message: `${capitalised} must be a real date` };
  if (Number(year) < 1900 || Number(year) > 2100) return { ok: false, message: `${capitalised} must be between 1900 and 2100` };
  return { ok: true, value: iso };
}

/** A date input's value (YYYY-MM-DD or null); `required` dates get "Enter the …" when all three fields are empty. */
export function formDate(label: string, required: boolean) {
  return z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((parts, ctx): string | null => {
    const result = dateFromParts(parts, label);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    }
    if (result.value === null && required) {
      ctx.addIssue({ code: "custom", message: `Enter the ${label}` });
      return z.NEVER;
    }
    return result.value;
  });
}

/** The hidden version field of edit forms; empty on forms that create. */
export const versionFormField = z
  .string()
  .refine((v) => v === "" || /^\d+$/.test(v), "Reload the page and try again")
  .transform((v) => (v === "" ? undefined : Number(v)));

/** An optional choice of record: "" is none (null), anything else must be a UUID. */
export const optionalUuidField = (message: string) =>
  z
    .literal("")
    .transform(() => null)
    .or(z.uuid({ error: message }));
