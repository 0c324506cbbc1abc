import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { BadRequest, Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { plansPolicy } from "./plans.policy.ts";
import { approveForm, budgetLineForm, budgetSummaryQuery, parseMonthsForm, planEditForm, planForm, versionForm } from "./plans.schema.ts";
import type { LineWithMonths } from "./plans.service.ts";
import type { BudgetLineRow, PlanRow } from "./plans.tables.ts";
import {
  ApprovePage,
  BudgetLineFormPage,
  MonthsFormPage,
  PlanFormPage,
  PlanPage,
  PortfolioBudgetPage,
  WorkstreamPlansPage,
  lineFormValues,
  monthFormValues,
  planFormValues,
  planHref,
  type LineFormPlacement,
  type PlanFormPlacement,
} from "./plans.views.tsx";

const workstreamParams = z.object({ workstreamId: z.string().min(1).max(200) });

/**
 * Pages for annual plans and budgets: a workstream's plans, one plan with its budget and month
 * grids, the forms to start and edit plans, add and change budget lines and enter monthly figures,
 * the status changes (submit, approve, return to draft, revise), and the portfolio budget roll-up.
 */
export const plansRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { plans } = services;
  const startMonth = (ctx: RequestContext) => ctx.partnership.financialYearStartMonth;
  /** Anonymous visitors are asked to sign in before any form; the service decides the rest. */
  const signedIn = (request: FastifyRequest) => requireAllowed(request.ctx.principal, request.ctx.principal.kind === "user");

  // -- A workstream's plans

  app.get("/workstreams/:workstreamId/plans", { schema: { params: workstreamParams } }, async (request, reply) => {
    const workstream = await plans.workstreamFor(request.ctx, request.params.workstreamId);
    const [list, canEdit] = await Promise.all([plans.listForWorkstream(request.ctx, workstream.id), plans.mayEdit(request.ctx, workstream.id)]);
    return reply.page(
      <WorkstreamPlansPage ctx={viewContext(request, reply)} workstream={workstream} plans={list} startMonth={startMonth(request.ctx)} canEdit={canEdit} />,
    );
  });

  async function planFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { placement: PlanFormPlacement; values: Record<string, string>; errors: FieldErrors; conflict?: PlanRow },
    status = 200,
  ) {
    return reply.page(
      <PlanFormPage
        ctx={viewContext(request, reply)}
        placement={view.placement}
        startMonth={startMonth(request.ctx)}
        values={view.values}
        errors={view.errors}
        conflict={view.conflict}
      />,
      status,
    );
  }

  async function newPlacement(request: FastifyRequest, workstreamId: string): Promise<PlanFormPlacement> {
    signedIn(request);
    const workstream = await plans.workstreamFor(request.ctx, workstreamId);
    requireAllowed(request.ctx.principal, await plans.mayEdit(request.ctx, workstream.id));
    const current = plans.currentFinancialYear(request.ctx);
    const years = [2017, 2018, 2019, 2020, current - 1, current, current + 1, current + 2].filter((y, i, all) => all.indexOf(y) === i).sort((a, b) => a - b);
    return { kind: "new", workstream, years };
  }

  app.get("/workstreams/:workstreamId/plans/new", { schema: { params: workstreamParams } }, async (request, reply) => {
    const placement = await newPlacement(request, request.params.workstreamId);
    return planFormPage(request, reply, { placement, values: {}, errors: {} });
  });

  app.post("/workstreams/:workstreamId/plans", { schema: { params: workstreamParams } }, async (request, reply) => {
    const placement = await newPlacement(request, request.params.workstreamId);
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors) => planFormPage(request, reply, { placement, values: typed, errors }, 422);
    const form = parseForm(planForm, request.body);
    if (!form.ok) return render(form.errors);
    try {
      const row = await plans.create(request.ctx, {
        workstreamId: placement.workstream.id,
        financialYear: form.value.financialYear,
        objectives: form.value.objectives,
        plannedProducts: form.value.plannedProducts,
        isExample: false,
      });
      return reply.seeOther(planHref(row.id), "The plan has been started");
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {});
      throw err;
    }
  });

  // -- One plan

  async function planPage(request: FastifyRequest, reply: FastifyReply, id: string, options: { conflict?: boolean } = {}, status = 200) {
    const detail = await plans.get(request.ctx, id);
    const [decision, canEdit, history] = await Promise.all([
      plans.approvalDecision(request.ctx, detail.plan),
      plans.mayEdit(request.ctx, detail.workstream.id),
      plans.history(request.ctx, id),
    ]);
    return reply.page(
      <PlanPage
        ctx={viewContext(request, reply)}
        detail={detail}
        startMonth={startMonth(request.ctx)}
        decision={decision}
        canEdit={canEdit}
        canGovern={plansPolicy.govern(request.ctx.principal)}
        history={history}
        conflict={options.conflict ?? false}
      />,
      status,
    );
  }

  app.get("/plans/:id", { schema: { params: idParams } }, async (request, reply) => planPage(request, reply, request.params.id));

  app.get("/plans/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    signedIn(request);
    const { plan, workstream } = await plans.get(request.ctx, request.params.id);
    requireAllowed(request.ctx.principal, await plans.mayEdit(request.ctx, workstream.id));
    return planFormPage(request, reply, { placement: { kind: "edit", plan, workstream }, values: planFormValues(plan), errors: {} });
  });

  app.post("/plans/:id", { schema: { params: idParams } }, async (request, reply) => {
    signedIn(request);
    const { plan, workstream } = await plans.get(request.ctx, request.params.id);
    const typed = submittedValues(request.body);
    const placement: PlanFormPlacement = { kind: "edit", plan, workstream };
    const form = parseForm(planEditForm, request.body);
    if (!form.ok || form.value.version === undefined) {
      return planFormPage(request, reply, { placement, values: typed, errors: form.ok ? { _form: "Reload the page and try again" } : form.errors }, 422);
    }
    try {
      await plans.update(request.ctx, plan.id, form.value.version, { objectives: form.value.objectives, plannedProducts: form.value.plannedProducts });
      return reply.seeOther(planHref(plan.id), "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return planFormPage(request, reply, { placement, values: typed, errors: err.fields ?? {} }, 422);
      if (!(err instanceof Conflict)) throw err;
      const current = err.current as PlanRow;
      return planFormPage(
        request,
        reply,
        {
          placement: { kind: "edit", plan: current, workstream },
          values: { ...typed, version: String(current.version) },
          errors: { _form: "Someone else changed this plan while you were editing it" },
          conflict: current,
        },
        409,
      );
    }
  });

  /** A status change from a button on the plan page: back to the plan, or the plan as it now is with a warning. */
  function statusRoute(path: string, flash: string, run: (ctx: RequestContext, id: string, version: number) => Promise<PlanRow>) {
    app.post(path, { schema: { params: idParams } }, async (request, reply) => {
      signedIn(request);
      const form = parseForm(versionForm, request.body);
      if (!form.ok) return planPage(request, reply, request.params.id, { conflict: true }, 409);
      try {
        const row = await run(request.ctx, request.params.id, form.value.version);
        return reply.seeOther(planHref(row.id), flash);
      } catch (err) {
        if (err instanceof Conflict) return planPage(request, reply, request.params.id, { conflict: true }, 409);
        throw err;
      }
    });
  }

  statusRoute("/plans/:id/submit", "The plan has been submitted for approval", (ctx, id, version) => plans.submit(ctx, id, version));
  statusRoute("/plans/:id/return", "The plan has been returned to draft", (ctx, id, version) => plans.returnToDraft(ctx, id, version));
  statusRoute("/plans/:id/revise", "A new revision has been started as a draft; the approved plan is kept", (ctx, id, version) =>
    plans.revise(ctx, id, version),
  );

  async function approvePage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldErrors,
    conflict = false,
    status = 200,
  ) {
    const { plan, workstream } = await plans.get(request.ctx, (request.params as { id: string }).id);
    const decisions = await plans.decisionChoices(request.ctx, workstream);
    return reply.page(
      <ApprovePage
        ctx={viewContext(request, reply)}
        plan={plan}
        workstream={workstream}
        startMonth={startMonth(request.ctx)}
        decisions={decisions}
        values={conflict ? { ...values, version: String(plan.version) } : values}
        errors={errors}
        conflict={conflict}
      />,
      status,
    );
  }

  app.get("/plans/:id/approve", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, plansPolicy.govern(request.ctx.principal));
    return approvePage(request, reply, {}, {});
  });

  app.post("/plans/:id/approve", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, plansPolicy.govern(request.ctx.principal));
    const typed = submittedValues(request.body);
    const form = parseForm(approveForm, request.body);
    if (!form.ok) return approvePage(request, reply, typed, form.errors, false, 422);
    try {
      const row = await plans.approve(request.ctx, request.params.id, form.value);
      return reply.seeOther(planHref(row.id), "The plan has been approved");
    } catch (err) {
      if (err instanceof ValidationFailed) return approvePage(request, reply, typed, err.fields ?? {}, false, 422);
      if (err instanceof Conflict) return approvePage(request, reply, typed, { _form: "Someone else changed this plan first" }, true, 409);
      if (err instanceof BadRequest && err.status === 409) return approvePage(request, reply, typed, { _form: err.message }, false, 409);
      throw err;
    }
  });

  // -- Budget lines

  async function lineFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { placement: LineFormPlacement; values: Record<string, string>; errors: FieldErrors; conflict?: BudgetLineRow },
    status = 200,
  ) {
    return reply.page(
      <BudgetLineFormPage
        ctx={viewContext(request, reply)}
        placement={view.placement}
        startMonth={startMonth(request.ctx)}
        values={view.values}
        errors={view.errors}
        conflict={view.conflict}
      />,
      status,
    );
  }

  async function newLinePlacement(request: FastifyRequest, planId: string): Promise<LineFormPlacement> {
    signedIn(request);
    const { plan, workstream } = await plans.get(request.ctx, planId);
    requireAllowed(request.ctx.principal, await plans.mayEdit(request.ctx, workstream.id));
    return { kind: "new", plan, workstream };
  }

  app.get("/plans/:id/budget-lines/new", { schema: { params: idParams } }, async (request, reply) =>
    lineFormPage(request, reply, { placement: await newLinePlacement(request, request.params.id), values: {}, errors: {} }),
  );

  app.post("/plans/:id/budget-lines", { schema: { params: idParams } }, async (request, reply) => {
    const placement = await newLinePlacement(request, request.params.id);
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors) => lineFormPage(request, reply, { placement, values: typed, errors }, 422);
    const form = parseForm(budgetLineForm, request.body);
    if (!form.ok) return render(form.errors);
    try {
      const row = await plans.createLine(request.ctx, {
        planId: placement.plan.id,
        description: form.value.description,
        kind: form.value.kind,
        fundingSource: form.value.fundingSource,
      });
      return reply.seeOther(`/budget-lines/${row.id}/months`, "The budget line has been added: now enter its monthly figures");
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {});
      throw err;
    }
  });

  async function editLinePlacement(request: FastifyRequest, lineId: string): Promise<LineWithMonths & { placement: LineFormPlacement }> {
    signedIn(request);
    const detail = await plans.getLine(request.ctx, lineId);
    requireAllowed(request.ctx.principal, await plans.mayEdit(request.ctx, detail.workstream.id));
    return { ...detail, placement: { kind: "edit", line: detail.line, plan: detail.plan, workstream: detail.workstream } };
  }

  app.get("/budget-lines/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    const { placement, line } = await editLinePlacement(request, request.params.id);
    return lineFormPage(request, reply, { placement, values: lineFormValues(line), errors: {} });
  });

  app.post("/budget-lines/:id", { schema: { params: idParams } }, async (request, reply) => {
    const { placement, plan, workstream } = await editLinePlacement(request, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(budgetLineForm, request.body);
    if (!form.ok || form.value.version === undefined) {
      return lineFormPage(request, reply, { placement, values: typed, errors: form.ok ? { _form: "Reload the page and try again" } : form.errors }, 422);
    }
    try {
      await plans.updateLine(request.ctx, request.params.id, form.value.version, {
        description: form.value.description,
        kind: form.value.kind,
        fundingSource: form.value.fundingSource,
      });
      return reply.seeOther(planHref(plan.id), "The budget line has been changed");
    } catch (err) {
      if (err instanceof ValidationFailed) return lineFormPage(request, reply, { placement, values: typed, errors: err.fields ?? {} }, 422);
      if (!(err instanceof Conflict)) throw err;
      const current = err.current as BudgetLineRow;
      return lineFormPage(
        request,
        reply,
        {
          placement: { kind: "edit", line: current, plan, workstream },
          values: { ...typed, version: String(current.version) },
          errors: { _form: "Someone else changed this budget line while you were editing it" },
          conflict: current,
        },
        409,
      );
    }
  });

  app.post("/budget-lines/:id/delete", { schema: { params: idParams } }, async (request, reply) => {
    const { placement, line, plan } = await editLinePlacement(request, request.params.id);
    const form = parseForm(versionForm, request.body);
    try {
      if (!form.ok) throw new Conflict(undefined, line);
      await plans.deleteLine(request.ctx, line.id, form.value.version);
      return reply.seeOther(planHref(plan.id), "The budget line has been removed");
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      const current = (await plans.getLine(request.ctx, line.id)).line;
      return lineFormPage(
        request,
        reply,
        {
          placement,
          values: lineFormValues(current),
          errors: { _form: "Someone else changed this budget line first; check it before removing it" },
          conflict: current,
        },
        409,
      );
    }
  });

  // -- Monthly figures

  async function monthsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    detail: LineWithMonths,
    view: { values: Record<string, string>; errors: FieldErrors; conflict?: boolean },
    status = 200,
  ) {
    const history = await plans.lineHistory(request.ctx, detail.line.id);
    return reply.page(
      <MonthsFormPage
        ctx={viewContext(request, reply)}
        detail={detail}
        startMonth={startMonth(request.ctx)}
        plannedEditable={detail.plan.status === "draft"}
        values={view.values}
        errors={view.errors}
        conflict={view.conflict ?? false}
        history={history}
      />,
      status,
    );
  }

  async function reportableLine(request: FastifyRequest, lineId: string): Promise<LineWithMonths> {
    signedIn(request);
    const detail = await plans.getLine(request.ctx, lineId);
    requireAllowed(request.ctx.principal, await plans.mayEdit(request.ctx, detail.workstream.id));
    return detail;
  }

  app.get("/budget-lines/:id/months", { schema: { params: idParams } }, async (request, reply) => {
    const detail = await reportableLine(request, request.params.id);
    return monthsPage(request, reply, detail, { values: monthFormValues(detail), errors: {} });
  });

  app.post("/budget-lines/:id/months", { schema: { params: idParams } }, async (request, reply) => {
    const detail = await reportableLine(request, request.params.id);
    const typed = submittedValues(request.body);
    const plannedEditable = detail.plan.status === "draft";
    const form = parseMonthsForm(
      request.body,
      detail.months.map((m) => m.month),
      { plannedEditable },
    );
    if (!form.ok) return monthsPage(request, reply, detail, { values: typed, errors: form.errors }, 422);
    // Planned amounts that may not change are not on the form: keep the stored ones.
    const months = plannedEditable
      ? form.value.months
      : form.value.months.map((m) => ({ ...m, plannedPence: detail.months.find((d) => d.month === m.month)?.plannedPence ?? 0 }));
    try {
      await plans.putMonths(request.ctx, detail.line.id, { version: form.value.version, months });
      return reply.seeOther(`${planHref(detail.plan.id)}#budget-heading`, "The monthly figures have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return monthsPage(request, reply, detail, { values: typed, errors: err.fields ?? { _form: err.message } }, 422);
      if (!(err instanceof Conflict)) throw err;
      const current = await plans.getLine(request.ctx, detail.line.id);
      return monthsPage(
        request,
        reply,
        current,
        {
          values: { ...typed, version: String(current.line.version) },
          errors: { _form: "Someone else changed these figures while you were editing them" },
          conflict: true,
        },
        409,
      );
    }
  });

  // -- The portfolio

  app.get("/portfolio/budget", { schema: { querystring: budgetSummaryQuery } }, async (request, reply) => {
    const financialYear = request.query.year ?? plans.currentFinancialYear(request.ctx);
    const [summary, years] = await Promise.all([plans.budgetSummary(request.ctx, { financialYear }), plans.years(request.ctx)]);
    return reply.page(
      <PortfolioBudgetPage
        ctx={viewContext(request, reply)}
        financialYear={financialYear}
        startMonth={startMonth(request.ctx)}
        years={years}
        summary={summary}
      />,
    );
  });
};
