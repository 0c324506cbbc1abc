import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { AppError, Conflict, NotFound, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { forwardPlanPolicy } from "./forward-plan.policy.ts";
import { entryParams, forwardPlanForm, scheduleForm } from "./forward-plan.schema.ts";
import type { ForwardPlanRow } from "./forward-plan.repository.ts";
import { ForwardPlanFormPage, ForwardPlanPage, SchedulePage, forwardPlanFormValues } from "./forward-plan.views.tsx";

const versionForm = z.object({ version: z.coerce.number().int().min(1) });
const RELOAD = "Reload the page and try again";

/** A refusal because of the entry's state (already scheduled), not its version. */
function isStateConflict(err: unknown): err is AppError {
  return err instanceof AppError && err.status === 409 && !(err instanceof Conflict);
}

/**
 * Pages for a body's forward plan: the list by target, adding, editing and removing future
 * business, and scheduling it onto a coming meeting's agenda. Every form works without JavaScript.
 */
export const forwardPlanRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { forwardPlan } = services;
  const mayManage = (request: FastifyRequest) => requireAllowed(request.ctx.principal, forwardPlanPolicy.manage(request.ctx.principal));

  /** The entry, if it is on this body's plan and the viewer may see it; 404 otherwise. */
  async function entryOf(request: FastifyRequest, bodyId: string, entryId: string) {
    const view = await forwardPlan.get(request.ctx, entryId);
    if (view.entry.bodyId !== bodyId) throw new NotFound("Forward plan entry not found");
    return view;
  }

  // Published: the public reads the plans of bodies that meet in public (see forward-plan.policy.ts).
  app.get("/bodies/:id/forward-plan", { schema: { params: idParams } }, async (request, reply) => {
    const body = await forwardPlan.planBody(request.ctx, request.params.id);
    const entries = await forwardPlan.listForBody(request.ctx, body.id);
    return reply.page(
      <ForwardPlanPage
        ctx={viewContext(request, reply)}
        body={body}
        entries={entries}
        canManage={forwardPlanPolicy.showManageControls(request.ctx.principal)}
        canSchedule={forwardPlan.canSchedule()}
      />,
    );
  });

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { bodyId: string; mode: "new" | "edit"; entryId?: string; values: Record<string, string>; errors: FieldErrors; conflict?: ForwardPlanRow },
    status = 200,
  ) {
    const body = await forwardPlan.body(request.ctx, view.bodyId);
    const [meetings, people] = await Promise.all([forwardPlan.openMeetings(request.ctx, body.id), services.bodies.listPeopleForPicker(request.ctx)]);
    return reply.page(
      <ForwardPlanFormPage
        ctx={viewContext(request, reply)}
        body={body}
        mode={view.mode}
        {...(view.entryId ? { entryId: view.entryId } : {})}
        values={view.values}
        errors={view.errors}
        meetings={meetings}
        people={people}
        conflict={view.conflict}
      />,
      status,
    );
  }

  app.get("/bodies/:id/forward-plan/new", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    return formPage(request, reply, { bodyId: request.params.id, mode: "new", values: { kind: "update" }, errors: {} });
  });

  app.post("/bodies/:id/forward-plan", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const bodyId = request.params.id;
    const typed = submittedValues(request.body);
    const form = parseForm(forwardPlanForm, request.body);
    if (!form.ok) return formPage(request, reply, { bodyId, mode: "new", values: typed, errors: form.errors }, 422);
    const { version: _ignored, ...input } = form.value;
    try {
      const row = await forwardPlan.create(request.ctx, { ...input, bodyId });
      return reply.seeOther(`/bodies/${bodyId}/forward-plan`, `“${row.title}” has been added to the forward plan`);
    } catch (err) {
      if (err instanceof ValidationFailed) return formPage(request, reply, { bodyId, mode: "new", values: typed, errors: err.fields ?? {} }, 422);
      if (isStateConflict(err)) return reply.seeOther(`/bodies/${bodyId}/forward-plan`, err.message);
      throw err;
    }
  });

  app.get("/bodies/:id/forward-plan/:entryId/edit", { schema: { params: entryParams } }, async (request, reply) => {
    mayManage(request);
    const view = await entryOf(request, request.params.id, request.params.entryId);
    return formPage(request, reply, { bodyId: view.entry.bodyId, mode: "edit", entryId: view.entry.id, values: forwardPlanFormValues(view.entry), errors: {} });
  });

  app.post("/bodies/:id/forward-plan/:entryId", { schema: { params: entryParams } }, async (request, reply) => {
    mayManage(request);
    const { id: bodyId, entryId } = request.params;
    await entryOf(request, bodyId, entryId);
    const typed = submittedValues(request.body);
    const form = parseForm(forwardPlanForm, request.body);
    if (!form.ok || !form.value.version)
      return formPage(request, reply, { bodyId, mode: "edit", entryId, values: typed, errors: form.ok ? { _form: RELOAD } : form.errors }, 422);
    const { version, ...changes } = form.value;
    try {
      await forwardPlan.update(request.ctx, entryId, version, changes);
      return reply.seeOther(`/bodies/${bodyId}/forward-plan`, "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return formPage(request, reply, { bodyId, mode: "edit", entryId, values: typed, errors: err.fields ?? {} }, 422);
      if (err instanceof Conflict) {
        const current = err.current as ForwardPlanRow;
        return formPage(
          request,
          reply,
          {
            bodyId,
            mode: "edit",
            entryId,
            values: { ...typed, version: String(current.version) },
            errors: { _form: "Someone else changed this entry while you were editing it" },
            conflict: current,
          },
          409,
        );
      }
      throw err;
    }
  });

  app.post("/bodies/:id/forward-plan/:entryId/remove", { schema: { params: entryParams } }, async (request, reply) => {
    mayManage(request);
    const { id: bodyId, entryId } = request.params;
    const view = await entryOf(request, bodyId, entryId);
    const parsed = versionForm.safeParse(request.body);
    if (!parsed.success) throw new ValidationFailed({ version: RELOAD });
    try {
      await forwardPlan.remove(request.ctx, entryId, parsed.data.version);
      return reply.seeOther(`/bodies/${bodyId}/forward-plan`, `“${view.entry.title}” has been taken off the forward plan`);
    } catch (err) {
      if (err instanceof Conflict) return reply.seeOther(`/bodies/${bodyId}/forward-plan`, "Someone else changed that entry; check it and try again");
      throw err;
    }
  });

  async function schedulePage(
    request: FastifyRequest,
    reply: FastifyReply,
    bodyId: string,
    entryId: string,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ) {
    const view = await entryOf(request, bodyId, entryId);
    const body = await forwardPlan.body(request.ctx, bodyId);
    const meetings = await forwardPlan.openMeetings(request.ctx, bodyId);
    return reply.page(<SchedulePage ctx={viewContext(request, reply)} body={body} view={view} meetings={meetings} values={values} errors={errors} />, status);
  }

  app.get("/bodies/:id/forward-plan/:entryId/schedule", { schema: { params: entryParams } }, async (request, reply) => {
    mayManage(request);
    const { id: bodyId, entryId } = request.params;
    const view = await entryOf(request, bodyId, entryId);
    if (view.scheduledItem) return reply.seeOther(`/bodies/${bodyId}/forward-plan`, "This business is already on an agenda");
    return schedulePage(request, reply, bodyId, entryId, { version: String(view.entry.version), meetingId: view.entry.targetMeetingId ?? "" }, {});
  });

  app.post("/bodies/:id/forward-plan/:entryId/schedule", { schema: { params: entryParams } }, async (request, reply) => {
    mayManage(request);
    const { id: bodyId, entryId } = request.params;
    await entryOf(request, bodyId, entryId);
    const typed = submittedValues(request.body);
    const form = parseForm(scheduleForm, request.body);
    if (!form.ok) return schedulePage(request, reply, bodyId, entryId, typed, form.errors, 422);
    try {
      const result = await forwardPlan.schedule(request.ctx, entryId, form.value);
      return reply.seeOther(`/meetings/${result.meetingId}`, `“${result.entry.title}” has been put on the agenda`);
    } catch (err) {
      if (err instanceof ValidationFailed) return schedulePage(request, reply, bodyId, entryId, typed, err.fields ?? {}, 422);
      if (err instanceof Conflict) return reply.seeOther(`/bodies/${bodyId}/forward-plan`, "Someone else changed that entry; check it and try again");
      if (isStateConflict(err)) return reply.seeOther(`/bodies/${bodyId}/forward-plan`, err.message);
      throw err;
    }
  });
};
