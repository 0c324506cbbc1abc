import { z } from "zod";
import { safeText, versionField } from "../../platform/http/api-schemas.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { FormResult } from "../../platform/http/forms.ts";
import { ATTENDANCE_STATUSES, type AttendanceStatus } from "./attendance.tables.ts";

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: "Present",
  apologies: "Apologies",
  absent: "Absent",
  deputy: "Deputy",
  in_attendance: "In attendance",
};

/** The statuses a member of the body can have; deputies and others in attendance are not members. */
export const MEMBER_STATUSES = ["present", "apologies", "absent"] as const satisfies readonly AttendanceStatus[];
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

const note = safeText(200)
  .nullish()
  .transform((v) => v || null);

/** One person's attendance, as the API records it. */
export const attendanceInput = z.strictObject({
  personId: z.uuid({ error: "must be a UUID" }),
  status: z.enum(ATTENDANCE_STATUSES),
  deputyForPersonId: z
    .uuid({ error: "must be a UUID" })
    .nullish()
    .transform((v) => v ?? null)
    .describe("For a deputy: the member of the body they stand in for"),
  note: note.describe("How the minutes name their role, e.g. “Chair”"),
});
export type AttendanceInput = z.output<typeof attendanceInput>;

/** One person's attendance as PUT sends it: `version` is the one the client read, omitted for a first record. */
export const attendanceUpdate = attendanceInput.omit({ personId: true }).extend({
  version: versionField.optional().describe("The version you read; omit it only when the person has no record yet"),
});
export type AttendanceChange = Omit<z.output<typeof attendanceUpdate>, "version">;

export const attendanceParams = z.object({ id: z.uuid({ error: "must be a UUID" }), personId: z.uuid({ error: "must be a UUID" }) });

export const removeQuery = z.object({ version: z.coerce.number().int().min(1) });

const personRef = z.object({ id: z.uuid(), name: z.string() });

export const attendanceOutput = z.object({
  meetingId: z.uuid(),
  person: personRef.extend({ jobTitle: z.string().nullable(), organisationName: z.string().nullable() }),
  status: z.enum(ATTENDANCE_STATUSES),
  deputyFor: personRef.nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type AttendanceOutput = z.output<typeof attendanceOutput>;

export const quorumResultOutput = z.object({
  quorate: z.boolean(),
  votingPresent: z.number().int().describe("Distinct voting members (and deputies for voting members) counted"),
  required: z.number().int(),
  shortfalls: z.array(z.string()).describe("One sentence per unmet requirement"),
});

export const quorumOutput = z.object({
  meetingId: z.uuid(),
  meetingDate: z.string(),
  rule: z
    .object({ termsOfReferenceId: z.uuid(), versionLabel: z.string(), description: z.string() })
    .nullable()
    .describe("The quorum rule of the ratified terms of reference in force on the meeting date; null when there were none"),
  overall: quorumResultOutput.nullable(),
  items: z.array(z.object({ agendaItemId: z.uuid(), number: z.string(), title: z.string(), result: quorumResultOutput })),
});
export type QuorumOutput = z.output<typeof quorumOutput>;

// -- HTML forms

const NOT_RECORDED = "not_recorded";

/** One member's line of the attendance form: the status chosen (null = not recorded) and the version read (0 = none). */
export interface MemberEntry {
  personId: string;
  status: MemberStatus | null;
  version: number;
}

/**
 * Reads the one attendance form for all members: `status-<personId>` (a member status or
 * "not_recorded") and `version-<personId>` (the version read, 0 when nothing was recorded).
 * A member with no status chosen is left as it was read.
 */
export function parseMembersForm(body: unknown, memberIds: readonly string[]): FormResult<MemberEntry[]> {
  const fields = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const entries: MemberEntry[] = [];
  for (const personId of memberIds) {
    const status = fields[`status-${personId}`];
    const version = fields[`version-${personId}`];
    if (status === undefined) continue;
    if (typeof status !== "string" || !(status === NOT_RECORDED || (MEMBER_STATUSES as readonly string[]).includes(status))) {
      errors[`status-${personId}`] = "Select present, apologies, absent or not recorded";
      continue;
    }
    if (typeof version !== "string" || !/^\d{1,9}$/.test(version)) {
      errors._form = "Reload the page and try again";
      continue;
    }
    entries.push({ personId, status: status === NOT_RECORDED ? null : (status as MemberStatus), version: Number(version) });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: entries };
}

export const NOT_RECORDED_VALUE = NOT_RECORDED;

/** The form to add a deputy: who, for which member, and how the minutes name them. */
export const deputyForm = z.object({
  deputyPersonId: z
    .string()
    .default("")
    .pipe(z.uuid({ error: "Select the deputy" })),
  deputyForPersonId: z
    .string()
    .default("")
    .pipe(z.uuid({ error: "Select the member they stand in for" })),
  deputyNote: safeText(200)
    .default("")
    .transform((v) => v || null),
});

/** The form to add someone in attendance who is not a member. */
export const othersForm = z.object({
  otherPersonId: z
    .string()
    .default("")
    .pipe(z.uuid({ error: "Select the person in attendance" })),
  otherNote: safeText(200)
    .default("")
    .transform((v) => v || null),
});

export const versionForm = z.object({ version: z.coerce.number().int().min(1) });
