import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { AppError, Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { decisionsPolicy } from "./decisions.policy.ts";
import { decisionEditForm, decisionForm, decisionLogQuery, itemDecisionParams, logFilterFrom, rescindInput, supersedeForm } from "./decisions.schema.ts";
import type { DecisionRow, ItemContext } from "./decisions.repository.ts";
import { decisionsCsv } from "./decisions.csv.ts";
import { DecisionEditPage, DecisionFormPage, DecisionLogPage, DecisionPage, SupersedePage, decisionEditValues } from "./decisions.views.tsx";

const RELOAD = "Reload the page and try again";

/** A refusal because of the decision's state (already superseded or rescinded), not its version. */
function isStateConflict(err: unknown): err is AppError {
  return err instanceof AppError && err.status === 409 && !(err instanceof Conflict);
}

/** The date in England, for export file names. */
const fileDate = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

/**
 * Pages for decisions: the decision log with its CSV export, a decision's page with its status
 * chain and history, recording a decision from an agenda item, correcting, superseding and
 * rescinding. Every form works without JavaScript and keeps what was typed on error.
 */
export const decisionsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { decisions } = services;
  const mayManage = (request: FastifyRequest) => requireAllowed(request.ctx.principal, decisionsPolicy.manage(request.ctx.principal));
  const pickers = async (request: FastifyRequest) => {
    const [bodies, organisations] = await Promise.all([services.bodies.listForPicker(request.ctx), services.organisations.listForPicker(request.ctx)]);
    return { bodies, organisations };
  };

  // -- The decision log and its export

  app.get("/decisions", { schema: { querystring: decisionLogQuery } }, async (request, reply) => {
    const { page, limit, ...query } = request.query;
    const { filter, errors } = logFilterFrom(request.query);
    const [records, bodies] = await Promise.all([decisions.list(request.ctx, filter, page, limit), services.bodies.listForPicker(request.ctx)]);
    return reply.page(
      <DecisionLogPage
        ctx={viewContext(request, reply)}
        records={records.slice(0, limit)}
        page={page}
        hasNext={records.length > limit}
        query={query}
        errors={errors}
        bodies={bodies}
      />,
      Object.keys(errors).length > 0 ? 422 : 200,
    );
  });

  app.get("/decisions.csv", { schema: { querystring: decisionLogQuery } }, async (request, reply) => {
    const { filter } = logFilterFrom(request.query);
    const records = await decisions.listForExport(request.ctx, filter);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="decisions-${fileDate()}.csv"`)
      .header("cache-control", "no-store")
      .send(decisionsCsv(records, `${request.protocol}://${request.host}`));
  });

  // -- One decision

  app.get("/decisions/:id", { schema: { params: idParams } }, async (request, reply) => {
    const detail = await decisions.getDetail(request.ctx, request.params.id);
    const history = await decisions.history(request.ctx, request.params.id);
    const workstreams = (await services.workstreams.forDecisions(request.ctx, [detail.record.decision.id])).get(detail.record.decision.id) ?? [];
    const effects = await services.portfolio.effectsOfDecision(request.ctx, detail.record.decision.id);
    return reply.page(
      <DecisionPage
        ctx={viewContext(request, reply)}
        detail={detail}
        canManage={decisionsPolicy.showManageControls(request.ctx.principal)}
        history={history}
        workstreams={workstreams}
        effects={effects}
      />,
    );
  });

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
    conflict?: DecisionRow,
  ) {
    const view = await decisions.getView(request.ctx, id);
    const { bodies, organisations } = await pickers(request);
    return reply.page(
      <DecisionEditPage
        ctx={viewContext(request, reply)}
        view={view}
        values={values}
        errors={errors}
        bodies={bodies}
        organisations={organisations}
        conflict={conflict}
      />,
      status,
    );
  }

  app.get("/decisions/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const view = await decisions.getView(request.ctx, request.params.id);
    const links = await decisions.linkIds(request.ctx, view.decision.id);
    return editPage(request, reply, view.decision.id, decisionEditValues(view, links), {});
  });

  app.post("/decisions/:id", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const id = request.params.id;
    const typed = submittedValues(request.body);
    const form = parseForm(decisionEditForm, request.body);
    if (!form.ok || !form.value.version) return editPage(request, reply, id, typed, form.ok ? { _form: RELOAD } : form.errors, 422);
    const { version, ...changes } = form.value;
    try {
      await decisions.update(request.ctx, id, version, changes);
      return reply.seeOther(`/decisions/${id}`, "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return editPage(request, reply, id, typed, err.fields ?? {}, 422);
      if (err instanceof Conflict) {
        // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
        const current = err.current as DecisionRow;
        return editPage(
          request,
          reply,
          id,
          { ...typed, version: String(current.version) },
          { _form: "Someone else changed this decision while you were editing it" },
          409,
          current,
        );
      }
      throw err;
    }
  });

  async function supersedePage(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, string>, errors: FieldErrors, status = 200) {
    const view = await decisions.getView(request.ctx, id);
    const choices = await decisions.supersedeChoices(request.ctx, id);
    return reply.page(<SupersedePage ctx={viewContext(request, reply)} view={view} choices={choices} values={values} errors={errors} />, status);
  }

  app.get("/decisions/:id/supersede", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const view = await decisions.getView(request.ctx, request.params.id);
    if (view.decision.status !== "in_force") return reply.seeOther(`/decisions/${view.decision.id}`, "Only a decision in force can be superseded");
    return supersedePage(request, reply, view.decision.id, { version: String(view.decision.version) }, {});
  });

  app.post("/decisions/:id/supersede", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const id = request.params.id;
    const typed = submittedValues(request.body);
    const form = parseForm(supersedeForm, request.body);
    if (!form.ok) return supersedePage(request, reply, id, typed, form.errors, 422);
    try {
      await decisions.supersede(request.ctx, id, form.value);
      return reply.seeOther(`/decisions/${id}`, "The decision has been marked as superseded");
    } catch (err) {
      if (err instanceof ValidationFailed) return supersedePage(request, reply, id, typed, err.fields ?? {}, 422);
      if (err instanceof Conflict) return reply.seeOther(`/decisions/${id}`, "Someone else changed this decision; check it and try again");
      if (isStateConflict(err)) return reply.seeOther(`/decisions/${id}`, err.message);
      throw err;
    }
  });

  app.post("/decisions/:id/rescind", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const id = request.params.id;
    const parsed = rescindInput.safeParse({ version: Number((request.body as Record<string, unknown> | undefined)?.version) });
    if (!parsed.success) throw new ValidationFailed({ version: RELOAD });
    try {
      await decisions.rescind(request.ctx, id, parsed.data.version);
      return reply.seeOther(`/decisions/${id}`, "The decision has been rescinded");
    } catch (err) {
      if (err instanceof Conflict) return reply.seeOther(`/decisions/${id}`, "Someone else changed this decision; check it and try again");
      if (isStateConflict(err)) return reply.seeOther(`/decisions/${id}`, err.message);
      throw err;
    }
  });

  // -- Recording a decision from an agenda item

  async function recordPage(
    request: FastifyRequest,
    reply: FastifyReply,
    context: ItemContext,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ) {
    const [{ bodies, organisations }, minutesChoices] = await Promise.all([pickers(request), decisions.minutesChoices(request.ctx, context)]);
    return reply.page(
      <DecisionFormPage
        ctx={viewContext(request, reply)}
        context={context}
        values={values}
        errors={errors}
        bodies={bodies}
        organisations={organisations}
        minutesChoices={minutesChoices}
        canApproveMinutes={decisions.canApproveMinutes()}
      />,
      status,
    );
  }

  app.get("/meetings/:meetingId/items/:itemId/decisions/new", { schema: { params: itemDecisionParams } }, async (request, reply) => {
    mayManage(request);
    const context = await decisions.itemContext(request.ctx, request.params.meetingId, request.params.itemId);
    const minutesChoices = await decisions.minutesChoices(request.ctx, context);
    // On a minutes item, the usual decision approves the last meeting's minutes.
    const last = minutesChoices.find((m) => m.minutesStatus !== "approved");
    const values: Record<string, string> =
      context.item.kind === "minutes_of_last_meeting"
        ? { kind: "approved", ...(last && decisions.canApproveMinutes() ? { approvesMinutesOfMeetingId: last.id } : {}) }
        : {};
    return recordPage(request, reply, context, values, {});
  });

  app.post("/meetings/:meetingId/items/:itemId/decisions", { schema: { params: itemDecisionParams } }, async (request, reply) => {
    mayManage(request);
    const context = await decisions.itemContext(request.ctx, request.params.meetingId, request.params.itemId);
    const typed = submittedValues(request.body);
    const form = parseForm(decisionForm, request.body);
    if (!form.ok) return recordPage(request, reply, context, typed, form.errors, 422);
    try {
      const row = await decisions.create(request.ctx, { ...form.value, agendaItemId: context.item.id });
      return reply.seeOther(`/decisions/${row.id}`, "The decision has been recorded");
    } catch (err) {
      if (err instanceof ValidationFailed) return recordPage(request, reply, context, typed, err.fields ?? {}, 422);
      if (isStateConflict(err)) return recordPage(request, reply, context, typed, { _form: err.message }, 409);
      throw err;
    }
  });
};
