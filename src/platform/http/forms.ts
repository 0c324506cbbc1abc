import type { z } from "zod";
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
