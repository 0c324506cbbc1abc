import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { AppError, Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { attendancePolicy } from "./attendance.policy.ts";
import { attendanceParams, deputyForm, othersForm, parseMembersForm, versionForm } from "./attendance.schema.ts";
import type { StaleMembers } from "./attendance.service.ts";
import { AttendancePage } from "./attendance.views.tsx";

const RELOAD = "Reload the page and try again";

/** A refusal because of the meeting's state (cancelled, minutes approved), not a version. */
function isStateConflict(err: unknown): err is AppError {
  return err instanceof AppError && err.status === 409 && !(err instanceof Conflict);
}

/** Renames the service's field errors to the fields of the form that was sent. */
function renamed(errors: FieldErrors, names: Record<string, string>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [names[k] ?? k, v]));
}

/**
 * Pages for a meeting's attendance: the body's members on the meeting date each with a status
 * (one form for all), deputies and others in attendance, and the quorum they make, live.
 * Every form works without JavaScript and keeps what was typed on error.
 */
export const attendanceRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { attendance } = services;
  const mayRecord = (request: FastifyRequest) => requireAllowed(request.ctx.principal, attendancePolicy.record(request.ctx.principal));

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    view: { values?: Record<string, string>; errors?: FieldErrors; conflictNames?: string[] } = {},
    status = 200,
  ) {
    const o = await attendance.overview(request.ctx, meetingId);
    const p = request.ctx.principal;
    const canRecord = attendancePolicy.showRecordControls(p);
    const closedReason =
      o.meeting.status === "cancelled"
        ? "This meeting was cancelled, so no attendance can be recorded."
        : o.meeting.minutesStatus === "approved"
          ? "The minutes of this meeting have been approved, so its attendance can no longer change."
          : null;
    return reply.page(
      <AttendancePage
        ctx={viewContext(request, reply)}
        meeting={o.meeting}
        members={o.members}
        records={o.records}
        quorum={o.quorum}
        rule={o.rule}
        items={o.items}
        canRecord={canRecord}
        closedReason={closedReason}
        people={canRecord && !closedReason ? await attendance.peopleChoices(request.ctx) : []}
        values={view.values ?? {}}
        errors={view.errors ?? {}}
        conflictNames={view.conflictNames}
      />,
      status,
    );
  }

  const back = (meetingId: string) => `/meetings/${meetingId}/attendance`;

  app.get("/meetings/:id/attendance", { schema: { params: idParams } }, async (request, reply) => page(request, reply, request.params.id));

  app.post("/meetings/:id/attendance", { schema: { params: idParams } }, async (request, reply) => {
    mayRecord(request);
    const id = request.params.id;
    const typed = submittedValues(request.body);
    const { members } = await attendance.overview(request.ctx, id);
    const form = parseMembersForm(
      request.body,
      members.map((m) => m.personId),
    );
    if (!form.ok) return page(request, reply, id, { values: typed, errors: form.errors }, 422);
    try {
      const { changed } = await attendance.recordMembers(request.ctx, id, form.value);
      return reply.seeOther(back(id), changed === 0 ? "No changes to save" : "Attendance has been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return page(request, reply, id, { values: typed, errors: err.fields ?? {} }, 422);
      if (isStateConflict(err)) return reply.seeOther(back(id), err.message);
      if (!(err instanceof Conflict)) throw err;
      // Keep the choices made; adopt the newer versions so a second save is a deliberate overwrite.
      const stale = (err.current as StaleMembers | undefined)?.personIds ?? [];
      const current = await attendance.listForMeeting(request.ctx, id);
      const values = { ...typed };
      for (const m of members) values[`version-${m.personId}`] = String(current.find((r) => r.personId === m.personId)?.version ?? 0);
      const names = members.filter((m) => stale.includes(m.personId)).map((m) => m.personName);
      return page(request, reply, id, { values, errors: { _form: err.message }, conflictNames: names }, 409);
    }
  });

  app.post("/meetings/:id/attendance/deputies", { schema: { params: idParams } }, async (request, reply) => {
    mayRecord(request);
    const id = request.params.id;
    const typed = submittedValues(request.body);
    const form = parseForm(deputyForm, request.body);
    if (!form.ok) return page(request, reply, id, { values: typed, errors: form.errors }, 422);
    try {
      const row = await attendance.record(request.ctx, id, {
        personId: form.value.deputyPersonId,
        status: "deputy",
        deputyForPersonId: form.value.deputyForPersonId,
        note: form.value.deputyNote,
      });
      return reply.seeOther(back(id), `${row.personName} has been recorded as deputy for ${row.deputyForName ?? "the member"}`);
    } catch (err) {
      if (err instanceof ValidationFailed) {
        const errors = renamed(err.fields ?? {}, { personId: "deputyPersonId", status: "deputyPersonId" });
        return page(request, reply, id, { values: typed, errors }, 422);
      }
      if (err instanceof Conflict) return page(request, reply, id, { values: typed, errors: { deputyPersonId: err.message } }, 409);
      if (isStateConflict(err)) return reply.seeOther(back(id), err.message);
      throw err;
    }
  });

  app.post("/meetings/:id/attendance/others", { schema: { params: idParams } }, async (request, reply) => {
    mayRecord(request);
    const id = request.params.id;
    const typed = submittedValues(request.body);
    const form = parseForm(othersForm, request.body);
    if (!form.ok) return page(request, reply, id, { values: typed, errors: form.errors }, 422);
    try {
      const row = await attendance.record(request.ctx, id, {
        personId: form.value.otherPersonId,
        status: "in_attendance",
        deputyForPersonId: null,
        note: form.value.otherNote,
      });
      return reply.seeOther(back(id), `${row.personName} has been recorded as in attendance`);
    } catch (err) {
      if (err instanceof ValidationFailed) {
        const errors = renamed(err.fields ?? {}, { personId: "otherPersonId", status: "otherPersonId" });
        return page(request, reply, id, { values: typed, errors }, 422);
      }
      if (err instanceof Conflict) return page(request, reply, id, { values: typed, errors: { otherPersonId: err.message } }, 409);
      if (isStateConflict(err)) return reply.seeOther(back(id), err.message);
      throw err;
    }
  });

  app.post("/meetings/:id/attendance/:personId/remove", { schema: { params: attendanceParams } }, async (request, reply) => {
    mayRecord(request);
    const { id, personId } = request.params;
    const parsed = versionForm.safeParse(request.body);
    if (!parsed.success) throw new ValidationFailed({ version: RELOAD });
    try {
      const row = await attendance.remove(request.ctx, id, personId, parsed.data.version);
      if (!row) return reply.seeOther(back(id), "That record had already been removed");
      return reply.seeOther(back(id), row.status === "deputy" ? "The deputy has been removed" : "The person has been removed from the attendance");
    } catch (err) {
      if (err instanceof Conflict) return reply.seeOther(back(id), "Someone else changed this record; check it and try again");
      if (isStateConflict(err)) return reply.seeOther(back(id), err.message);
      throw err;
    }
  });
};
