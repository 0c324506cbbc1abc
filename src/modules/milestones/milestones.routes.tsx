import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { addCalendarDays } from "../../platform/time.ts";
import type { ProductView, WorkstreamRef } from "./milestones.repository.ts";
import type { MilestoneSummary } from "./milestones.service.ts";
import { milestoneForm, portfolioQuery, productDeliveredForm, productForm } from "./milestones.schema.ts";
import {
  MilestoneFormPage,
  MilestonePage,
  PortfolioMilestonesPage,
  ProductDeliverPage,
  ProductFormPage,
  ProductPage,
  WorkstreamMilestonesPage,
  milestoneFormValues,
  milestoneHref,
  productDeliveredValues,
  productFormValues,
  productHref,
} from "./milestones.views.tsx";

const RELOAD = "Reload the page and try again";
const workstreamParams = z.object({ workstreamId: z.string().min(1).max(200) });
const newQuery = z.object({ workstreamId: z.uuid({ error: "must be the id of a workstream" }) });

/**
 * Pages for milestones and products: a workstream's milestones and products, the portfolio view
 * of what is due and late, one milestone with the decisions that changed it, one product, and the
 * forms to add, change and mark delivered. Every form works without JavaScript and keeps what was typed.
 */
export const milestonesRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { milestones } = services;

  // -- Lists

  app.get("/milestones", { schema: { querystring: portfolioQuery } }, async (request, reply) => {
    const { within, workstreamId } = request.query;
    const today = milestones.today();
    const workstreamIds = workstreamId ? [workstreamId] : undefined;
    const [late, due, choices] = await Promise.all([
      milestones.late(request.ctx, { asOf: today, workstreamIds }),
      milestones.due(request.ctx, { from: today, to: addCalendarDays(today, within), workstreamIds }),
      milestones.workstreamChoices(request.ctx),
    ]);
    return reply.page(
      <PortfolioMilestonesPage
        ctx={viewContext(request, reply)}
        late={late}
        // Late ones are listed once, under "Late".
        due={due.filter((m) => m.status !== "late")}
        within={within}
        workstreamId={workstreamId}
        workstreams={choices}
        today={today}
      />,
    );
  });

  app.get("/workstreams/:workstreamId/milestones", { schema: { params: workstreamParams } }, async (request, reply) => {
    const ws = await milestones.getWorkstream(request.ctx, request.params.workstreamId);
    const [rows, products, canEdit] = await Promise.all([
      milestones.listForWorkstream(request.ctx, ws.id),
      milestones.productsForWorkstream(request.ctx, ws.id),
      milestones.mayEdit(request.ctx, ws.id),
    ]);
    return reply.page(<WorkstreamMilestonesPage ctx={viewContext(request, reply)} workstream={ws} milestones={rows} products={products} canEdit={canEdit} />);
  });

  // -- Milestones

  async function milestoneForm_(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { workstream: WorkstreamRef; milestone?: MilestoneSummary; values: Record<string, string>; errors: FieldErrors; conflict?: MilestoneSummary },
    status = 200,
  ) {
    const decisions = view.milestone ? await milestones.decisionChoices(request.ctx, view.workstream) : [];
    return reply.page(<MilestoneFormPage ctx={viewContext(request, reply)} decisions={decisions} {...view} />, status);
  }

  app.get("/milestones/new", { schema: { querystring: newQuery } }, async (request, reply) => {
    const ws = await milestones.getWorkstream(request.ctx, request.query.workstreamId);
    await milestones.assertMayEdit(request.ctx, ws.id);
    return milestoneForm_(request, reply, { workstream: ws, values: { status: "not_started" }, errors: {} });
  });

  app.post("/milestones", async (request, reply) => {
    const typed = submittedValues(request.body);
    const ws = await milestones.getWorkstream(request.ctx, typed.workstreamId ?? "");
    await milestones.assertMayEdit(request.ctx, ws.id);
    const render = (errors: FieldErrors) => milestoneForm_(request, reply, { workstream: ws, values: typed, errors }, 422);
    const form = parseForm(milestoneForm, request.body);
    if (!form.ok) return render(form.errors);
    const { version: _v, decisionId: _d, ...input } = form.value;
    try {
      const row = await milestones.create(request.ctx, { ...input, workstreamId: ws.id });
      return reply.seeOther(milestoneHref(row.id), "The milestone has been added");
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {});
      throw err;
    }
  });

  app.get("/milestones/:id", { schema: { params: idParams } }, async (request, reply) => {
    const m = await milestones.get(request.ctx, request.params.id);
    const [effects, history, canEdit] = await Promise.all([
      milestones.decisionEffects(request.ctx, m),
      milestones.history(request.ctx, m.id),
      milestones.mayEdit(request.ctx, m.workstreamId),
    ]);
    return reply.page(<MilestonePage ctx={viewContext(request, reply)} milestone={m} effects={effects} history={history} canEdit={canEdit} />);
  });

  app.get("/milestones/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    const m = await milestones.get(request.ctx, request.params.id);
    await milestones.assertMayEdit(request.ctx, m.workstreamId);
    return milestoneForm_(request, reply, { workstream: m.workstream, milestone: m, values: milestoneFormValues(m), errors: {} });
  });

  app.post("/milestones/:id", { schema: { params: idParams } }, async (request, reply) => {
    const m = await milestones.get(request.ctx, request.params.id);
    await milestones.assertMayEdit(request.ctx, m.workstreamId);
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors, status = 422, current?: MilestoneSummary) =>
      milestoneForm_(
        request,
        reply,
        { workstream: m.workstream, milestone: current ?? m, values: typed, errors, ...(current ? { conflict: current } : {}) },
        status,
      );
    const form = parseForm(milestoneForm, request.body);
    if (!form.ok) return render(form.errors);
    const { version, decisionId, ...changes } = form.value;
    if (!version) return render({ _form: RELOAD });
    try {
      await milestones.update(request.ctx, m.id, version, changes, decisionId);
      return reply.seeOther(milestoneHref(m.id), "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {});
      if (!(err instanceof Conflict)) throw err;
      // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
      const current = err.current as MilestoneSummary;
      typed.version = String(current.version);
      return render({ _form: "Someone else changed this milestone while you were editing it" }, 409, current);
    }
  });

  // -- Products

  async function productFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { workstream: WorkstreamRef; product?: ProductView; values: Record<string, string>; errors: FieldErrors; conflict?: ProductView },
    status = 200,
  ) {
    return reply.page(<ProductFormPage ctx={viewContext(request, reply)} {...view} />, status);
  }

  app.get("/products/new", { schema: { querystring: newQuery } }, async (request, reply) => {
    const ws = await milestones.getWorkstream(request.ctx, request.query.workstreamId);
    await milestones.assertMayEdit(request.ctx, ws.id);
    return productFormPage(request, reply, { workstream: ws, values: {}, errors: {} });
  });

  app.post("/products", async (request, reply) => {
    const typed = submittedValues(request.body);
    const ws = await milestones.getWorkstream(request.ctx, typed.workstreamId ?? "");
    await milestones.assertMayEdit(request.ctx, ws.id);
    const render = (errors: FieldErrors) => productFormPage(request, reply, { workstream: ws, values: typed, errors }, 422);
    const form = parseForm(productForm, request.body);
    if (!form.ok) return render(form.errors);
    try {
      const row = await milestones.createProduct(request.ctx, {
        workstreamId: ws.id,
        title: form.value.title,
        description: form.value.description,
        plannedOn: form.value.plannedOn,
        status: "planned",
        deliveredOn: null,
        evidenceUrl: null,
      });
      return reply.seeOther(productHref(row.id), "The product has been added");
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {});
      throw err;
    }
  });

  app.get("/products/:id", { schema: { params: idParams } }, async (request, reply) => {
    const p = await milestones.getProduct(request.ctx, request.params.id);
    const [history, canEdit] = await Promise.all([milestones.productHistory(request.ctx, p.id), milestones.mayEdit(request.ctx, p.workstreamId)]);
    return reply.page(<ProductPage ctx={viewContext(request, reply)} product={p} history={history} canEdit={canEdit} />);
  });

  app.get("/products/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    const p = await milestones.getProduct(request.ctx, request.params.id);
    await milestones.assertMayEdit(request.ctx, p.workstreamId);
    return productFormPage(request, reply, { workstream: p.workstream, product: p, values: productFormValues(p), errors: {} });
  });

  app.post("/products/:id", { schema: { params: idParams } }, async (request, reply) => {
    const p = await milestones.getProduct(request.ctx, request.params.id);
    await milestones.assertMayEdit(request.ctx, p.workstreamId);
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors, status = 422, current?: ProductView) =>
      productFormPage(
        request,
        reply,
        { workstream: p.workstream, product: current ?? p, values: typed, errors, ...(current ? { conflict: current } : {}) },
        status,
      );
    const form = parseForm(productForm, request.body);
    if (!form.ok) return render(form.errors);
    const { version, ...changes } = form.value;
    if (!version) return render({ _form: RELOAD });
    try {
      await milestones.updateProduct(request.ctx, p.id, version, changes);
      return reply.seeOther(productHref(p.id), "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {});
      if (!(err instanceof Conflict)) throw err;
      const current = err.current as ProductView;
      typed.version = String(current.version);
      return render({ _form: "Someone else changed this product while you were editing it" }, 409, current);
    }
  });

  app.get("/products/:id/deliver", { schema: { params: idParams } }, async (request, reply) => {
    const p = await milestones.getProduct(request.ctx, request.params.id);
    await milestones.assertMayEdit(request.ctx, p.workstreamId);
    return reply.page(<ProductDeliverPage ctx={viewContext(request, reply)} product={p} values={productDeliveredValues(p, milestones.today())} errors={{}} />);
  });

  app.post("/products/:id/deliver", { schema: { params: idParams } }, async (request, reply) => {
    const p = await milestones.getProduct(request.ctx, request.params.id);
    await milestones.assertMayEdit(request.ctx, p.workstreamId);
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors, status = 422, current?: ProductView) =>
      reply.page(
        <ProductDeliverPage
          ctx={viewContext(request, reply)}
          product={current ?? p}
          values={typed}
          errors={errors}
          {...(current ? { conflict: current } : {})}
        />,
        status,
      );
    const form = parseForm(productDeliveredForm, request.body);
    if (!form.ok) return render(form.errors);
    const { version, deliveredOn, evidenceUrl } = form.value;
    if (!version) return render({ _form: RELOAD });
    try {
      await milestones.updateProduct(request.ctx, p.id, version, { status: "delivered", deliveredOn, evidenceUrl });
      return reply.seeOther(productHref(p.id), "The product has been marked as delivered");
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {});
      if (!(err instanceof Conflict)) throw err;
      const current = err.current as ProductView;
      typed.version = String(current.version);
      return render({ _form: "Someone else changed this product while you were editing it" }, 409, current);
    }
  });
};
