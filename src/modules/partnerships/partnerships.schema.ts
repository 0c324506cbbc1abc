import { z } from "zod";
import { safeText } from "../../platform/http/api-schemas.ts";

/** Month names for the financial-year select, January first (index + 1 is the month number). */
export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/** The NHS financial year starts in April. */
export const DEFAULT_FINANCIAL_YEAR_START_MONTH = 4;

/** Blank objective rows offered on the settings form, so that objectives can be added without JavaScript. */
export const BLANK_OBJECTIVE_ROWS = 2;

/** Rows beyond this index are ignored, so a crafted form cannot make the server build huge lists. */
const MAX_OBJECTIVE_ROWS = 50;

/** The form field name of one part of one objective row, e.g. `objectives.0.title`. */
export function objectiveField(index: number, part: "id" | "title" | "description" | "remove"): string {
  return `objectives.${index}.${part}`;
}

/** The HTML id of a form field: dots are valid in ids but awkward in CSS selectors and fragment links. */
export function fieldId(name: string): string {
  return name.replaceAll(".", "-");
}

const objectiveRow = z.object({
  id: z.union([z.literal(""), z.uuid()]).catch(""),
  title: z.string().catch(""),
  description: z.string().catch(""),
  remove: z.string().optional().catch(undefined),
});

/** Gathers the flat `objectives.<n>.<part>` fields of a submitted form into rows, in index order. */
function objectiveRows(body: Record<string, unknown>): z.input<typeof objectiveRow>[] {
  const rows: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(body)) {
    const match = /^objectives\.(\d{1,2})\.(id|title|description|remove)$/.exec(key);
    if (!match || typeof value !== "string") continue;
    const index = Number(match[1]);
    if (index >= MAX_OBJECTIVE_ROWS) continue;
    (rows[index] ??= {})[match[2]!] = value;
  }
  return Array.from(rows, (r) => (r ?? {}) as z.input<typeof objectiveRow>);
}

const titleText = safeText(200);
const descriptionText = safeText(2000);

/**
 * The partnership settings form: details, the version the editor read, and the objectives as rows.
 * Rows ticked "remove" and untouched blank rows are dropped; what remains, in order, becomes the list.
 */
export const settingsForm = z
  .preprocess(
    (body) => {
      const fields = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
      const text = (key: string) => (typeof fields[key] === "string" ? fields[key] : "");
      return {
        name: text("name"),
        shortName: text("shortName"),
        financialYearStartMonth: text("financialYearStartMonth"),
        version: text("version"),
        objectives: objectiveRows(fields),
      };
    },
    z.object({
      name: safeText(200).min(1, "Enter the partnership's name"),
      shortName: safeText(50).min(1, "Enter a short name, like “Kent and Medway STP”"),
      financialYearStartMonth: z
        .string()
        .regex(/^(?:[1-9]|1[0-2])$/, "Select the month the financial year starts")
        .transform(Number),
      version: z
        .string()
        .regex(/^\d{1,9}$/, "Reload the page and try again")
        .transform(Number),
      objectives: z.array(objectiveRow).superRefine((rows, ctx) => {
        rows.forEach((row, index) => {
          if (row.remove === "yes") return;
          const title = row.title.trim();
          const description = row.description.trim();
          const path = [index, "title"];
          if (!title && row.id) ctx.addIssue({ code: "custom", path, message: `Enter a title for objective ${index + 1}, or choose to remove it` });
          else if (!title && description) ctx.addIssue({ code: "custom", path, message: `Enter a title for objective ${index + 1}` });
          const titleCheck = titleText.safeParse(title);
          if (!titleCheck.success)
            ctx.addIssue({ code: "custom", path, message: `Title of objective ${index + 1} ${titleCheck.error.issues[0]?.message ?? "is not valid"}` });
          const descriptionCheck = descriptionText.safeParse(description);
          if (!descriptionCheck.success) {
            ctx.addIssue({
              code: "custom",
              path: [index, "description"],
              message: `Description of objective ${index + 1} ${descriptionCheck.error.issues[0]?.message ?? "is not valid"}`,
            });
          }
        });
      }),
    }),
  )
  .transform((form) => ({
    version: form.version,
    settings: { name: form.name, shortName: form.shortName, financialYearStartMonth: form.financialYearStartMonth },
    objectives: form.objectives
      .filter((row) => row.remove !== "yes" && (row.id || row.title.trim()))
      .map((row) => ({ id: row.id || undefined, title: row.title.trim(), description: row.description.trim() })),
  }));

export type SettingsForm = z.output<typeof settingsForm>;
