import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { workstreamsPolicy } from "./workstreams.policy.ts";
import {
  agendaItemLinkForm,
  contributorForm,
  decisionLinkForm,
  linkParams,
  parseWorkstreamForm,
  versionForm,
  workstreamActionsQuery,
  workstreamListQuery,
  workstreamParams,
} from "./workstreams.schema.ts";
import type { WorkstreamRow } from "./workstreams.repository.ts";
import {
  WorkstreamActionsPage,
  WorkstreamFormPage,
  WorkstreamListPage,
  WorkstreamPage,
  workstreamFormValues,
  workstreamHref,
  type HubEditing,
} from "./workstreams.views.tsx";

const RELOAD = "Reload the page and try again";
/** How many actions the hub shows before linking to the workstream's action log. */
const HUB_ACTIONS = 10;
/** The most maturity frameworks the hub links to (a workstream owns one or two). */
const HUB_FRAMEWORKS = 20;

/**
 * Pages for workstreams: the list, the hub (definition, contribution to the objectives, and the
 * trail of decisions, actions and agenda items), the workstream's action log, creating and
 * editing, publishing and archiving, contributors, and linking decisions and agenda items. Every
 * form works without JavaScript and keeps what was typed on error.
 */
export const workstreamsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { workstreams } = services;
  const mayGovern = (request: FastifyRequest) => requireAllowed(request.ctx.principal, workstreamsPolicy.govern(request.ctx.principal));

  app.get("/workstreams", { schema: { querystring: workstreamListQuery } }, async (request, reply) => {
    const rows = await workstreams.list(request.ctx, { status: request.query.status });
    return reply.page(
      <WorkstreamListPage
        ctx={viewContext(request, reply)}
        rows={rows}
        status={request.query.status ?? ""}
        canGovern={workstreamsPolicy.showGovernControls(request.ctx.principal)}
      />,
    );
  });

  // -- Create and edit

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    mode: { kind: "new" } | { kind: "edit"; workstream: { slug: string; name: string } },
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
    conflict?: WorkstreamRow,
  ) {
    const [people, bodies, organisations, objectives] = await Promise.all([
      services.bodies.listPeopleForPicker(request.ctx),
      services.bodies.listForPicker(request.ctx),
      services.organisations.listForPicker(request.ctx),
      workstreams.objectives(request.ctx),
    ]);
    return reply.page(
      <WorkstreamFormPage
        ctx={viewContext(request, reply)}
        mode={mode}
        values={values}
        errors={errors}
        people={people}
        bodies={bodies}
        organisations={organisations}
        objectives={objectives}
        conflict={conflict}
      />,
      status,
    );
  }

  app.get("/workstreams/new", async (request, reply) => {
    mayGovern(request);
    return formPage(request, reply, { kind: "new" }, { status: "proposed" }, {});
  });

  app.post("/workstreams", async (request, reply) => {
    mayGovern(request);
    const typed = submittedValues(request.body);
    const objectives = await workstreams.objectives(request.ctx);
    const form = parseWorkstreamForm(
      request.body,
      objectives.map((o) => o.id),
    );
    if (!form.ok) return formPage(request, reply, { kind: "new" }, typed, form.errors, 422);
    const { version: _v, ...input } = form.value;
    try {
      const row = await workstreams.create(request.ctx, input);
      return reply.seeOther(workstreamHref(row), "The workstream has been created. It is not published yet.");
    } catch (err) {
      if (err instanceof ValidationFailed) return formPage(request, reply, { kind: "new" }, typed, err.fields ?? {}, 422);
      throw err;
    }
  });

  app.get("/workstreams/:id/edit", { schema: { params: workstreamParams } }, async (request, reply) => {
    mayGovern(request);
    const detail = await workstreams.get(request.ctx, request.params.id);
    return formPage(request, reply, { kind: "edit", workstream: detail.workstream }, workstreamFormValues(detail), {});
  });

  app.post("/workstreams/:id", { schema: { params: workstreamParams } }, async (request, reply) => {
    mayGovern(request);
    const current = await workstreams.getView(request.ctx, request.params.id);
    const mode = { kind: "edit" as const, workstream: current };
    const typed = submittedValues(request.body);
    const objectives = await workstreams.objectives(request.ctx);
    const form = parseWorkstreamForm(
      request.body,
      objectives.map((o) => o.id),
    );
    if (!form.ok || !form.value.version) return formPage(request, reply, mode, typed, form.ok ? { _form: RELOAD } : form.errors, 422);
    const { version, slug, ...changes } = form.value;
    try {
      const row = await workstreams.update(request.ctx, current.id, version, { ...changes, slug: slug ?? current.slug });
      return reply.seeOther(workstreamHref(row), "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return formPage(request, reply, mode, typed, err.fields ?? {}, 422);
      if (err instanceof Conflict) {
        // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
        const newer = err.current as WorkstreamRow;
        return formPage(
          request,
          reply,
          mode,
          { ...typed, version: String(newer.version) },
          { _form: "Someone else changed this workstream while you were editing it" },
          409,
          newer,
        );
      }
      throw err;
    }
  });

  // -- Publication and archiving

  for (const verb of ["publish", "unpublish", "archive", "restore"] as const) {
    app.post(`/workstreams/:id/${verb}`, { schema: { params: workstreamParams } }, async (request, reply) => {
      mayGovern(request);
      const current = await workstreams.getView(request.ctx, request.params.id);
      const form = parseForm(versionForm, request.body);
      if (!form.ok) return reply.seeOther(workstreamHref(current), RELOAD);
      const { version } = form.value;
      try {
        const row =
          verb === "archive"
            ? await workstreams.archive(request.ctx, current.id, version)
            : verb === "restore"
              ? await workstreams.restore(request.ctx, current.id, version)
              : await workstreams.setPublished(request.ctx, current.id, version, verb === "publish");
        const done = {
          publish: "The workstream is published",
          unpublish: "The workstream is no longer public",
          archive: "The workstream has been archived",
          restore: "The workstream has been restored",
        };
        return reply.seeOther(workstreamHref(row), done[verb]);
      } catch (err) {
        if (err instanceof Conflict) return reply.seeOther(workstreamHref(current), "Someone else changed this workstream; check it and try again");
        throw err;
      }
    });
  }

  // -- The hub

  async function hubPage(
    request: FastifyRequest,
    reply: FastifyReply,
    idOrSlug: string,
    values: Record<string, string> = {},
    errors: FieldErrors = {},
    status = 200,
  ) {
    const ctx = request.ctx;
    const detail = await workstreams.get(ctx, idOrSlug);
    const w = detail.workstream;
    const canGovern = workstreamsPolicy.showGovernControls(ctx.principal);
    const [trail, actions, history, canLink, contributors, frameworks] = await Promise.all([
      workstreams.trail(ctx, w.id),
      workstreams.actions(ctx, w.id, { page: 1, limit: HUB_ACTIONS }),
      workstreams.history(ctx, w.id),
      workstreams.mayEdit(ctx, w.id),
      workstreams.contributors(ctx, w.id),
      services.maturity.listFrameworks(ctx, { workstreamId: w.id }, 1, HUB_FRAMEWORKS),
    ]);
    let editing: HubEditing | null = null;
    if (workstreamsPolicy.seeContributors(ctx.principal)) {
      const [decisionChoices, itemChoices, contributorChoices] = await Promise.all([
        canLink ? workstreams.decisionChoices(ctx, w) : Promise.resolve([]),
        canLink ? workstreams.agendaItemChoices(ctx, w) : Promise.resolve([]),
        canGovern && workstreamsPolicy.govern(ctx.principal) ? workstreams.contributorChoices(ctx) : Promise.resolve([]),
      ]);
      editing = { canLink, canGovern, decisionChoices, itemChoices, contributors, contributorChoices, values, errors };
    }
    return reply.page(
      <WorkstreamPage
        ctx={viewContext(request, reply)}
        detail={detail}
        trail={trail}
        actions={actions.rows.slice(0, HUB_ACTIONS)}
        moreActions={actions.rows.length > HUB_ACTIONS}
        today={services.actions.today()}
        editing={editing}
        history={history}
        maturityFrameworks={frameworks.slice(0, HUB_FRAMEWORKS).map((f) => ({ id: f.id, title: f.title }))}
      />,
      status,
    );
  }

  app.get("/workstreams/:id", { schema: { params: workstreamParams } }, async (request, reply) => hubPage(request, reply, request.params.id));

  app.get("/workstreams/:id/actions", { schema: { params: workstreamParams, querystring: workstreamActionsQuery } }, async (request, reply) => {
    const { page, limit, status } = request.query;
    const { workstream, rows } = await workstreams.actions(request.ctx, request.params.id, { status: status === "all" ? undefined : status, page, limit });
    return reply.page(
      <WorkstreamActionsPage
        ctx={viewContext(request, reply)}
        workstream={workstream}
        rows={rows.slice(0, limit)}
        status={status ?? "all"}
        page={page}
        hasNext={rows.length > limit}
        today={services.actions.today()}
      />,
    );
  });

  // -- Links to the decision trail (managers and the workstream's contributors)

  app.post("/workstreams/:id/decisions", { schema: { params: workstreamParams } }, async (request, reply) => {
    const id = request.params.id;
    const typed = submittedValues(request.body);
    const form = parseForm(decisionLinkForm, request.body);
    try {
      if (!form.ok) throw new ValidationFailed({ decisionId: "Select a decision, or paste the id of a decision" });
      await workstreams.linkDecision(request.ctx, id, form.value);
    } catch (err) {
      if (err instanceof ValidationFailed) return hubPage(request, reply, id, typed, err.fields ?? {}, 422);
      throw err;
    }
    const w = await workstreams.getView(request.ctx, id);
    return reply.seeOther(`${workstreamHref(w)}#decisions-heading`, "The decision has been linked to the workstream");
  });

  app.post("/workstreams/:id/decisions/:targetId/unlink", { schema: { params: linkParams } }, async (request, reply) => {
    await workstreams.unlinkDecision(request.ctx, request.params.id, request.params.targetId);
    const w = await workstreams.getView(request.ctx, request.params.id);
    return reply.seeOther(`${workstreamHref(w)}#decisions-heading`, "The decision is no longer linked to the workstream");
  });

  app.post("/workstreams/:id/agenda-items", { schema: { params: workstreamParams } }, async (request, reply) => {
    const id = request.params.id;
    const typed = submittedValues(request.body);
    const form = parseForm(agendaItemLinkForm, request.body);
    try {
      if (!form.ok) throw new ValidationFailed({ agendaItemId: "Select an agenda item, or paste the id of an agenda item" });
      await workstreams.linkAgendaItem(request.ctx, id, form.value);
    } catch (err) {
      if (err instanceof ValidationFailed) return hubPage(request, reply, id, typed, err.fields ?? {}, 422);
      throw err;
    }
    const w = await workstreams.getView(request.ctx, id);
    return reply.seeOther(`${workstreamHref(w)}#items-heading`, "The agenda item has been linked to the workstream");
  });

  app.post("/workstreams/:id/agenda-items/:targetId/unlink", { schema: { params: linkParams } }, async (request, reply) => {
    await workstreams.unlinkAgendaItem(request.ctx, request.params.id, request.params.targetId);
    const w = await workstreams.getView(request.ctx, request.params.id);
    return reply.seeOther(`${workstreamHref(w)}#items-heading`, "The agenda item is no longer linked to the workstream");
  });

  // -- Contributors (managers)

  app.post("/workstreams/:id/contributors", { schema: { params: workstreamParams } }, async (request, reply) => {
    mayGovern(request);
    const id = request.params.id;
    const typed = submittedValues(request.body);
    const form = parseForm(contributorForm, request.body);
    try {
      if (!form.ok) throw new ValidationFailed(form.errors);
      await workstreams.addContributor(request.ctx, id, form.value.userId);
    } catch (err) {
      if (err instanceof ValidationFailed) return hubPage(request, reply, id, typed, err.fields ?? {}, 422);
      throw err;
    }
    const w = await workstreams.getView(request.ctx, id);
    return reply.seeOther(`${workstreamHref(w)}#contributors-heading`, "The contributor has been assigned");
  });

  app.post("/workstreams/:id/contributors/:targetId/remove", { schema: { params: linkParams } }, async (request, reply) => {
    mayGovern(request);
    await workstreams.removeContributor(request.ctx, request.params.id, request.params.targetId);
    const w = await workstreams.getView(request.ctx, request.params.id);
    return reply.seeOther(`${workstreamHref(w)}#contributors-heading`, "The contributor has been removed");
  });
};
