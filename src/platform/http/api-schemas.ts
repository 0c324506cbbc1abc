import { z } from "zod";

/** Page-based pagination shared by every list endpoint; `limit` is capped at 100. */
export const paginationQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};

/** The envelope of every list response. */
export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), page: z.number().int(), limit: z.number().int(), hasMore: z.boolean() });
}

/** `{ "error": { "code", "message", "fields" } }`, the body of every API error. */
export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()), current: z.unknown().optional() }),
});

/** The standard error responses, for the OpenAPI document. */
export const errorResponses = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
  422: errorResponse,
} as const;

export const idParams = z.object({ id: z.uuid({ error: "must be a UUID" }) });

/** The version a client read; an update or archive naming an older version is refused with 409. */
export const versionField = z.number({ error: "version is required (the version you read)" }).int().min(1);

/** A trimmed, bounded, single-line text field for JSON input. */
export const text = (max: number) => z.string().trim().max(max, `must be ${max} characters or fewer`);

/** Rejects text containing NUL, which PostgreSQL cannot store. */
export const safeText = (max: number) => text(max).refine((v) => !v.includes("\u0000"), "must not contain NUL characters");

/** A result page from a repository that fetched limit + 1 rows. */
export function pageOf<T>(rows: T[], page: number, limit: number): { data: T[]; page: number; limit: number; hasMore: boolean } {
  return { data: rows.slice(0, limit), page, limit, hasMore: rows.length > limit };
}

/** An optional query parameter where an empty value (a filter form's "Any" choice) means "not given". */
export function blankAsUnset<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
}
