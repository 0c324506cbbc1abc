import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { blankAsUnset, idParams, paginationQuery } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { actionsPolicy } from "./actions.policy.ts";
import { actionsCsv } from "./actions.presenter.ts";
import { ACTION_STATUS_FILTERS, actionForm, actionListQuery, actionStatusForm, actionUpdateForm, type ActionStatusFilter } from "./actions.schema.ts";
import type { ActionView } from "./actions.repository.ts";
import type { ItemForAction } from "./actions.service.ts";
import {
  ActionFormPage,
  ActionLogPage,
  ActionPage,
  MyActionsPage,
  actionFormValues,
  actionHref,
  meetingCaption,
  type ActionFormPlacement,
} from "./actions.views.tsx";

const itemParams = z.object({ meetingId: z.uuid(), itemId: z.uuid() });
const myActionsQuery = z.object({ ...paginationQuery, status: blankAsUnset(z.enum([...ACTION_STATUS_FILTERS, "all"])) });
const newActionQuery = z.object({ bodyId: blankAsUnset(z.uuid()).catch(undefined) });

/** The page's status filter: outstanding actions unless another status (or "all") is chosen. */
function effectiveStatus(status: ActionStatusFilter | "all" | undefined): ActionStatusFilter | undefined {
  if (status === undefined) return "outstanding";
  return status === "all" ? undefined : status;
}

/**
 * Pages for actions: the action log (with CSV export), "my actions", one action with its
 * progress updates, status and history, and the forms to record (from an agenda item or
 * standalone) and edit actions. Every form works without JavaScript and keeps what was typed.
 */
export const actionsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { actions } = services;
  const mayManage = (request: FastifyRequest) => requireAllowed(request.ctx.principal, actionsPolicy.manage(request.ctx.principal));

  // -- Lists

  app.get("/actions", { schema: { querystring: actionListQuery } }, async (request, reply) => {
    const { page, limit, status, ...filter } = request.query;
    const [rows, bodies, people] = await Promise.all([
      actions.list(request.ctx, { ...filter, status: effectiveStatus(status) }, page, limit),
      actions.bodyChoices(request.ctx),
      actions.ownerChoices(request.ctx),
    ]);
    return reply.page(
      <ActionLogPage
        ctx={viewContext(request, reply)}
        rows={rows.slice(0, limit)}
        page={page}
        hasNext={rows.length > limit}
        filter={{ ...filter, status: status ?? "outstanding" }}
        bodies={bodies}
        people={people}
        today={actions.today()}
        canManage={actionsPolicy.showManageControls(request.ctx.principal)}
      />,
    );
  });

  app.get("/actions.csv", { schema: { querystring: actionListQuery } }, async (request, reply) => {
    const { page: _page, limit: _limit, status, ...filter } = request.query;
    const rows = await actions.listForExport(request.ctx, { ...filter, status: effectiveStatus(status) });
    const today = actions.today();
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="actions-${today}.csv"`)
      .header("cache-control", "no-store")
      .send(actionsCsv(rows, request.ctx.principal, today));
  });

  app.get("/my-actions", { schema: { querystring: myActionsQuery } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, actionsPolicy.viewMine(request.ctx.principal));
    const { page, limit, status } = request.query;
    const mine = await actions.listMine(request.ctx, { status: effectiveStatus(status) }, page, limit);
    return reply.page(
      <MyActionsPage
        ctx={viewContext(request, reply)}
        people={mine.people}
        rows={mine.rows.slice(0, limit)}
        page={page}
        hasNext={mine.rows.length > limit}
        status={status ?? "outstanding"}
        today={actions.today()}
      />,
    );
  });

  // -- Record and edit

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { placement: ActionFormPlacement; values: Record<string, string>; errors: FieldErrors; conflict?: ActionView },
    status = 200,
  ) {
    const itemId = view.placement.kind === "item" ? view.placement.itemId : view.placement.kind === "edit" ? view.placement.action.sourceAgendaItemId : null;
    const [people, bodies, decisions] = await Promise.all([
      actions.ownerChoices(request.ctx),
      view.placement.kind === "standalone" ? actions.bodyChoices(request.ctx) : Promise.resolve([]),
      actions.decisionChoices(request.ctx, itemId),
    ]);
    return reply.page(
      <ActionFormPage
        ctx={viewContext(request, reply)}
        placement={view.placement}
        values={view.values}
        errors={view.errors}
        people={people}
        bodies={bodies}
        decisions={decisions}
        conflict={view.conflict}
      />,
      status,
    );
  }

  const itemPlacement = (found: ItemForAction): ActionFormPlacement => ({
    kind: "item",
    meetingId: found.meeting.id,
    itemId: found.item.id,
    itemTitle: found.item.title,
    bodyName: found.meeting.body.name,
    meetingLabel: meetingCaption(found.meeting),
  });

  app.get("/actions/new", { schema: { querystring: newActionQuery } }, async (request, reply) => {
    mayManage(request);
    return formPage(request, reply, { placement: { kind: "standalone" }, values: { bodyId: request.query.bodyId ?? "" }, errors: {} });
  });

  app.post("/actions", async (request, reply) => {
    mayManage(request);
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors) => formPage(request, reply, { placement: { kind: "standalone" }, values: typed, errors }, 422);
    const form = parseForm(actionForm, request.body);
    if (!form.ok) return render(form.errors);
    if (!form.value.bodyId) return render({ bodyId: "Select the body whose action log holds it" });
    try {
      const row = await actions.create(request.ctx, {
        description: form.value.description,
        ownerPersonId: form.value.ownerPersonId,
        dueOn: form.value.dueOn,
        decisionId: null,
        bodyId: form.value.bodyId,
      });
      return reply.seeOther(actionHref(row.id), "The action has been recorded");
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {});
      throw err;
    }
  });

  app.get("/meetings/:meetingId/items/:itemId/actions/new", { schema: { params: itemParams } }, async (request, reply) => {
    mayManage(request);
    const found = await actions.findItem(request.ctx, request.params.meetingId, request.params.itemId);
    return formPage(request, reply, { placement: itemPlacement(found), values: {}, errors: {} });
  });

  app.post("/meetings/:meetingId/items/:itemId/actions", { schema: { params: itemParams } }, async (request, reply) => {
    mayManage(request);
    const found = await actions.findItem(request.ctx, request.params.meetingId, request.params.itemId);
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors) => formPage(request, reply, { placement: itemPlacement(found), values: typed, errors }, 422);
    const form = parseForm(actionForm, request.body);
    if (!form.ok) return render(form.errors);
    try {
      await actions.create(request.ctx, {
        description: form.value.description,
        ownerPersonId: form.value.ownerPersonId,
        dueOn: form.value.dueOn,
        decisionId: form.value.decisionId,
        agendaItemId: found.item.id,
      });
      return reply.seeOther(`/meetings/${found.meeting.id}`, "The action has been recorded");
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {});
      throw err;
    }
  });

  // -- One action

  async function actionPage(request: FastifyRequest, reply: FastifyReply, action: ActionView, form?: Parameters<typeof ActionPage>[0]["form"], status = 200) {
    const p = request.ctx.principal;
    const updates = await actions.updates(request.ctx, action);
    const history = await actions.history(request.ctx, action, updates);
    return reply.page(
      <ActionPage
        ctx={viewContext(request, reply)}
        action={action}
        updates={updates}
        today={actions.today()}
        canManage={actionsPolicy.showManageControls(p)}
        canProgress={actionsPolicy.showProgressControls(p, action)}
        readProgress={actionsPolicy.readProgress(p)}
        showDroppedReason={actionsPolicy.readDroppedReason(p)}
        history={history}
        form={form}
      />,
      status,
    );
  }

  app.get("/actions/:id", { schema: { params: idParams } }, async (request, reply) =>
    actionPage(request, reply, await actions.get(request.ctx, request.params.id)),
  );

  app.get("/actions/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const action = await actions.get(request.ctx, request.params.id);
    return formPage(request, reply, { placement: { kind: "edit", action }, values: actionFormValues(action), errors: {} });
  });

  app.post("/actions/:id", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const action = await actions.get(request.ctx, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(actionForm, request.body);
    if (!form.ok || !form.value.version) {
      return formPage(
        request,
        reply,
        { placement: { kind: "edit", action }, values: typed, errors: form.ok ? { _form: "Reload the page and try again" } : form.errors },
        422,
      );
    }
    const { version, description, ownerPersonId, dueOn, decisionId } = form.value;
    try {
      const row = await actions.update(request.ctx, action.id, version, {
        description,
        ownerPersonId,
        dueOn,
        ...(action.sourceAgendaItemId ? { decisionId } : {}),
      });
      return reply.seeOther(actionHref(row.id), "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed)
        return formPage(request, reply, { placement: { kind: "edit", action }, values: typed, errors: err.fields ?? {} }, 422);
      if (!(err instanceof Conflict)) throw err;
      // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
      const current = err.current as ActionView;
      return formPage(
        request,
        reply,
        {
          placement: { kind: "edit", action: current },
          values: { ...typed, version: String(current.version) },
          errors: { _form: "Someone else changed this action while you were editing it" },
          conflict: current,
        },
        409,
      );
    }
  });

  app.post("/actions/:id/status", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, actionsPolicy.progressAny(request.ctx.principal));
    const action = await actions.get(request.ctx, request.params.id);
    requireAllowed(request.ctx.principal, actionsPolicy.progress(request.ctx.principal, action));
    const typed = submittedValues(request.body);
    const form = parseForm(actionStatusForm, request.body);
    if (!form.ok) return actionPage(request, reply, action, { which: "status", values: typed, errors: form.errors }, 422);
    try {
      const row = await actions.changeStatus(request.ctx, action.id, form.value);
      return reply.seeOther(actionHref(row.id), "The status has been changed");
    } catch (err) {
      if (err instanceof ValidationFailed) return actionPage(request, reply, action, { which: "status", values: typed, errors: err.fields ?? {} }, 422);
      if (!(err instanceof Conflict)) throw err;
      const current = err.current as ActionView;
      return actionPage(
        request,
        reply,
        current,
        {
          which: "status",
          values: { ...typed, version: String(current.version) },
          errors: { _form: "Someone else changed this action first" },
          conflict: true,
        },
        409,
      );
    }
  });

  app.post("/actions/:id/updates", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, actionsPolicy.progressAny(request.ctx.principal));
    const action = await actions.get(request.ctx, request.params.id);
    requireAllowed(request.ctx.principal, actionsPolicy.progress(request.ctx.principal, action));
    const typed = submittedValues(request.body);
    const form = parseForm(actionUpdateForm, request.body);
    if (!form.ok) return actionPage(request, reply, action, { which: "update", values: typed, errors: form.errors }, 422);
    try {
      await actions.addUpdate(request.ctx, action.id, { text: form.value.text, ...(form.value.notedOn ? { notedOn: form.value.notedOn } : {}) });
      return reply.seeOther(`${actionHref(action.id)}#updates-heading`, "Your progress update has been added");
    } catch (err) {
      if (err instanceof ValidationFailed) return actionPage(request, reply, action, { which: "update", values: typed, errors: err.fields ?? {} }, 422);
      throw err;
    }
  });
};
