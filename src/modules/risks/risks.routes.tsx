import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { Conflict, Unauthorised, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import type { IssueView, RiskView, WorkstreamRef } from "./risks.repository.ts";
import {
  bandsForm,
  issueForm,
  issueListQuery,
  issueResolveForm,
  mitigatingActionForm,
  riskForm,
  riskListQuery,
  riskReviewForm,
  type RiskFormValue,
} from "./risks.schema.ts";
import {
  IssueFormPage,
  IssuePage,
  IssueRegisterPage,
  RaiseIssuePage,
  ResolveIssuePage,
  RiskBandsPage,
  RiskFormPage,
  RiskPage,
  RiskRegisterPage,
  RiskReviewPage,
  issueFormValues,
  riskFormValues,
} from "./risks.views.tsx";

const RELOAD = "Reload the page and try again";
const workstreamParams = z.object({ workstreamId: z.string().min(1).max(200) });
const newQuery = z.object({
  workstreamId: z
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

/** Writes need a signed-in user first: the public is asked to sign in (401) before anything else. */
function signedIn(request: FastifyRequest): void {
  if (request.ctx.principal.kind === "anonymous") throw new Unauthorised();
}

const yes = (body: unknown, field: string) => (body as Record<string, unknown> | undefined)?.[field] === "yes";
const versionOf = (body: unknown): number | null => {
  const v = (body as Record<string, unknown> | undefined)?.version;
  return typeof v === "string" && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : null;
};

/**
 * Pages for risks and issues: the portfolio and workstream registers with their heat maps, a
 * risk's page with its reviews and mitigating actions, recording, editing, reviewing, closing,
 * publishing and raising an issue from a risk; the issue registers and pages; the band settings.
 * Every form works without JavaScript and keeps what was typed on error.
 */
export const risksRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { risks } = services;
  const PAGE = 50;

  const pickers = async (request: FastifyRequest) => {
    const [people, bodies] = await Promise.all([services.bodies.listPeopleForPicker(request.ctx), services.bodies.listForPicker(request.ctx)]);
    return { people, bodies };
  };
  const refOf = (ws: { id: string; slug: string; name: string }): WorkstreamRef => ({ id: ws.id, slug: ws.slug, name: ws.name });

  // -- Registers

  app.get("/risks", { schema: { querystring: riskListQuery } }, async (request, reply) => {
    const { page, limit: _limit, workstreamId, ...query } = request.query;
    const register = workstreamId === "portfolio" ? null : workstreamId;
    const [rows, heatMap, bands, workstreams, canCreate] = await Promise.all([
      risks.listRisks(request.ctx, { ...query, workstreamId: register }, page, PAGE),
      risks.heatMap(request.ctx, { workstreamId: register }),
      risks.bands(request.ctx),
      risks.workstreamChoices(request.ctx),
      register ? risks.mayEdit(request.ctx, register) : Promise.resolve(risks.mayGovern(request.ctx)),
    ]);
    return reply.page(
      <RiskRegisterPage
        ctx={viewContext(request, reply)}
        risks={rows.slice(0, PAGE)}
        page={page}
        hasNext={rows.length > PAGE}
        query={{ ...query, workstreamId }}
        errors={{}}
        heatMap={heatMap}
        bands={bands}
        workstreams={workstreams}
        canCreate={canCreate}
        canGovern={risks.mayGovern(request.ctx)}
      />,
    );
  });

  app.get(
    "/workstreams/:workstreamId/risks",
    { schema: { params: workstreamParams, querystring: riskListQuery.omit({ workstreamId: true }) } },
    async (request, reply) => {
      const ws = await risks.workstream(request.ctx, request.params.workstreamId);
      const { page, limit: _limit, ...query } = request.query;
      const [rows, heatMap, bands, canCreate] = await Promise.all([
        risks.listRisks(request.ctx, { ...query, workstreamId: ws.id }, page, PAGE),
        risks.heatMap(request.ctx, { workstreamId: ws.id }),
        risks.bands(request.ctx),
        risks.mayEdit(request.ctx, ws.id),
      ]);
      return reply.page(
        <RiskRegisterPage
          ctx={viewContext(request, reply)}
          workstream={refOf(ws)}
          risks={rows.slice(0, PAGE)}
          page={page}
          hasNext={rows.length > PAGE}
          query={query}
          errors={{}}
          heatMap={heatMap}
          bands={bands}
          workstreams={[]}
          canCreate={canCreate}
          canGovern={risks.mayGovern(request.ctx)}
        />,
      );
    },
  );

  // -- Recording and editing a risk

  async function riskFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    mode: "create" | "edit",
    workstream: WorkstreamRef | null,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
    risk?: RiskView,
    conflict?: RiskView,
  ) {
    const { people, bodies } = await pickers(request);
    return reply.page(
      <RiskFormPage
        ctx={viewContext(request, reply)}
        mode={mode}
        risk={risk}
        workstream={workstream}
        values={values}
        errors={errors}
        people={people}
        bodies={bodies}
        conflict={conflict}
      />,
      status,
    );
  }

  /** The register a new risk or issue goes on, checked for the principal; null for the portfolio. */
  async function registerFor(request: FastifyRequest, workstreamId: string | undefined): Promise<WorkstreamRef | null> {
    if (!workstreamId) {
      requireAllowed(request.ctx.principal, risks.mayGovern(request.ctx));
      return null;
    }
    const ws = await risks.workstream(request.ctx, workstreamId);
    requireAllowed(request.ctx.principal, await risks.mayEdit(request.ctx, ws.id));
    return refOf(ws);
  }

  app.get("/risks/new", { schema: { querystring: newQuery } }, async (request, reply) => {
    signedIn(request);
    const ws = await registerFor(request, request.query.workstreamId);
    return riskFormPage(request, reply, "create", ws, {}, {});
  });

  app.post("/risks", async (request, reply) => {
    signedIn(request);
    const typed = submittedValues(request.body);
    const ws = await registerFor(request, z.uuid().safeParse(typed.workstreamId).data);
    const form = parseForm(riskForm(true), request.body);
    if (!form.ok) return riskFormPage(request, reply, "create", ws, typed, form.errors, 422);
    const v = form.value as RiskFormValue;
    try {
      const { version: _version, ...fields } = v;
      const row = await risks.createRisk(request.ctx, {
        ...fields,
        currentLikelihood: v.currentLikelihood!,
        currentConsequence: v.currentConsequence!,
        workstreamId: ws?.id ?? null,
        published: false,
      });
      return reply.seeOther(`/risks/${row.id}`, `Risk R${row.reference} has been recorded`);
    } catch (err) {
      if (err instanceof ValidationFailed) return riskFormPage(request, reply, "create", ws, typed, err.fields ?? {}, 422);
      throw err;
    }
  });

  app.get("/risks/:id", { schema: { params: idParams } }, async (request, reply) => {
    return riskPage(request, reply, request.params.id, {}, {});
  });

  async function riskPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    actionValues: Record<string, string>,
    actionErrors: FieldErrors,
    status = 200,
  ) {
    const detail = await risks.detail(request.ctx, id);
    const [bands, canEdit] = await Promise.all([risks.bands(request.ctx), risks.mayEdit(request.ctx, detail.risk.workstreamId)]);
    const { people, bodies } = canEdit ? await pickers(request) : { people: [], bodies: [] };
    const defaultBody = canEdit ? await risks.defaultActionBody(request.ctx, detail.risk.workstreamId) : null;
    return reply.page(
      <RiskPage
        ctx={viewContext(request, reply)}
        detail={detail}
        bands={bands}
        canEdit={canEdit}
        canGovern={risks.mayGovern(request.ctx)}
        people={people}
        bodies={bodies}
        actionValues={{ ...(defaultBody ? { bodyId: defaultBody } : {}), ...actionValues }}
        actionErrors={actionErrors}
      />,
      status,
    );
  }

  /** A risk the principal may change, for the edit, review and raise-issue forms. */
  async function editableRisk(request: FastifyRequest, id: string): Promise<RiskView> {
    signedIn(request);
    const risk = await risks.getRisk(request.ctx, id);
    requireAllowed(request.ctx.principal, await risks.mayEdit(request.ctx, risk.workstreamId));
    return risk;
  }

  app.get("/risks/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    const risk = await editableRisk(request, request.params.id);
    return riskFormPage(request, reply, "edit", risk.workstream, riskFormValues(risk), {}, 200, risk);
  });

  app.post("/risks/:id", { schema: { params: idParams } }, async (request, reply) => {
    const risk = await editableRisk(request, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(riskForm(false), request.body);
    if (!form.ok) return riskFormPage(request, reply, "edit", risk.workstream, typed, form.errors, 422, risk);
    const { version, currentLikelihood: _l, currentConsequence: _c, ...changes } = form.value as RiskFormValue;
    if (!version) return riskFormPage(request, reply, "edit", risk.workstream, typed, { _form: RELOAD }, 422, risk);
    try {
      await risks.updateRisk(request.ctx, risk.id, version, changes);
      return reply.seeOther(`/risks/${risk.id}`, "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return riskFormPage(request, reply, "edit", risk.workstream, typed, err.fields ?? {}, 422, risk);
      if (err instanceof Conflict) {
        const current = err.current as RiskView;
        return riskFormPage(
          request,
          reply,
          "edit",
          risk.workstream,
          { ...typed, version: String(current.version) },
          { _form: "Someone else changed this risk while you were editing it" },
          409,
          risk,
          current,
        );
      }
      throw err;
    }
  });

  // -- Reviewing a risk

  async function reviewPage(
    request: FastifyRequest,
    reply: FastifyReply,
    risk: RiskView,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
    conflict = false,
  ) {
    const [bands, decisions] = await Promise.all([risks.bands(request.ctx), risks.decisionChoices(request.ctx, risk.workstreamId)]);
    return reply.page(
      <RiskReviewPage ctx={viewContext(request, reply)} risk={risk} bands={bands} values={values} errors={errors} decisions={decisions} conflict={conflict} />,
      status,
    );
  }

  app.get("/risks/:id/review", { schema: { params: idParams } }, async (request, reply) => {
    const risk = await editableRisk(request, request.params.id);
    if (risk.status !== "open") return reply.seeOther(`/risks/${risk.id}`, "Only an open risk can be reviewed");
    return reviewPage(
      request,
      reply,
      risk,
      { likelihood: String(risk.currentLikelihood), consequence: String(risk.currentConsequence), version: String(risk.version) },
      {},
    );
  });

  app.post("/risks/:id/review", { schema: { params: idParams } }, async (request, reply) => {
    const risk = await editableRisk(request, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(riskReviewForm, request.body);
    if (!form.ok) return reviewPage(request, reply, risk, typed, form.errors, 422);
    const { version, reviewedOn, ...rest } = form.value;
    if (!version) return reviewPage(request, reply, risk, typed, { _form: RELOAD }, 422);
    try {
      await risks.reviewRisk(request.ctx, risk.id, { ...rest, version, ...(reviewedOn ? { reviewedOn } : {}) });
      return reply.seeOther(`/risks/${risk.id}`, "The review has been recorded");
    } catch (err) {
      if (err instanceof ValidationFailed) return reviewPage(request, reply, risk, typed, err.fields ?? {}, 422);
      if (err instanceof Conflict) {
        const current = (err.current as RiskView | undefined) ?? risk;
        return reviewPage(
          request,
          reply,
          current,
          { ...typed, version: String(current.version) },
          { _form: "Someone else changed this risk while you were reviewing it" },
          409,
          true,
        );
      }
      throw err;
    }
  });

  // -- Status and publication

  for (const [path, status] of [
    ["close", "closed"],
    ["reopen", "open"],
  ] as const) {
    app.post(`/risks/:id/${path}`, { schema: { params: idParams } }, async (request, reply) => {
      signedIn(request);
      const id = request.params.id;
      const version = versionOf(request.body);
      if (!version) throw new ValidationFailed({ version: RELOAD });
      try {
        await risks.setRiskStatus(request.ctx, id, version, status);
        return reply.seeOther(`/risks/${id}`, status === "closed" ? "The risk has been closed" : "The risk has been reopened");
      } catch (err) {
        if (err instanceof Conflict) return reply.seeOther(`/risks/${id}`, "Someone else changed this risk; check it and try again");
        if (err instanceof ValidationFailed) return reply.seeOther(`/risks/${id}`, Object.values(err.fields ?? {})[0] ?? err.message);
        throw err;
      }
    });
  }

  app.post("/risks/:id/publish", { schema: { params: idParams } }, async (request, reply) => {
    signedIn(request);
    const id = request.params.id;
    const version = versionOf(request.body);
    if (!version) throw new ValidationFailed({ version: RELOAD });
    const published = yes(request.body, "published");
    try {
      await risks.setRiskPublished(request.ctx, id, version, published);
      return reply.seeOther(`/risks/${id}`, published ? "The risk has been published" : "The risk is no longer published");
    } catch (err) {
      if (err instanceof Conflict) return reply.seeOther(`/risks/${id}`, "Someone else changed this risk; check it and try again");
      throw err;
    }
  });

  // -- Mitigating actions

  app.post("/risks/:id/actions", { schema: { params: idParams } }, async (request, reply) => {
    const risk = await editableRisk(request, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(mitigatingActionForm, request.body);
    if (!form.ok) return riskPage(request, reply, risk.id, typed, form.errors, 422);
    try {
      await risks.addMitigatingAction(request.ctx, risk.id, form.value);
      return reply.seeOther(`/risks/${risk.id}#actions-heading`, "The mitigating action has been added");
    } catch (err) {
      if (err instanceof ValidationFailed) return riskPage(request, reply, risk.id, typed, err.fields ?? {}, 422);
      throw err;
    }
  });

  // -- Raising an issue from a risk

  async function raisePage(request: FastifyRequest, reply: FastifyReply, risk: RiskView, values: Record<string, string>, errors: FieldErrors, status = 200) {
    const { people, bodies } = await pickers(request);
    return reply.page(<RaiseIssuePage ctx={viewContext(request, reply)} risk={risk} values={values} errors={errors} people={people} bodies={bodies} />, status);
  }

  app.get("/risks/:id/raise-issue", { schema: { params: idParams } }, async (request, reply) => {
    const risk = await editableRisk(request, request.params.id);
    if (risk.status !== "open") return reply.seeOther(`/risks/${risk.id}`, "An issue can be raised only from an open risk");
    return raisePage(
      request,
      reply,
      risk,
      {
        title: risk.title,
        description: risk.event ? `The risk has happened: ${risk.event}` : "",
        impact: risk.effect,
        priority: "high",
        ownerPersonId: risk.ownerPersonId ?? "",
        escalatedToBodyId: risk.escalatedToBodyId ?? "",
        version: String(risk.version),
      },
      {},
    );
  });

  app.post("/risks/:id/raise-issue", { schema: { params: idParams } }, async (request, reply) => {
    const risk = await editableRisk(request, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(issueForm, request.body);
    if (!form.ok) return raisePage(request, reply, risk, typed, form.errors, 422);
    const { version, raisedOn, ...fields } = form.value;
    if (!version) return raisePage(request, reply, risk, typed, { _form: RELOAD }, 422);
    try {
      const issue = await risks.raiseIssue(request.ctx, risk.id, version, { ...fields, ...(raisedOn ? { raisedOn } : {}), published: false });
      return reply.seeOther(`/issues/${issue.id}`, `Issue I${issue.reference} has been raised from risk R${risk.reference}`);
    } catch (err) {
      if (err instanceof ValidationFailed) return raisePage(request, reply, risk, typed, err.fields ?? {}, 422);
      if (err instanceof Conflict) {
        const current = (err.current as RiskView | undefined) ?? risk;
        return raisePage(
          request,
          reply,
          current,
          { ...typed, version: String(current.version) },
          { _form: "Someone else changed this risk; check the issue and save again" },
          409,
        );
      }
      throw err;
    }
  });

  // -- Issues

  app.get("/issues", { schema: { querystring: issueListQuery } }, async (request, reply) => {
    const { page, limit: _limit, workstreamId, ...query } = request.query;
    const register = workstreamId === "portfolio" ? null : workstreamId;
    const [rows, workstreams] = await Promise.all([
      risks.listIssuesPage(request.ctx, { ...query, workstreamId: register }, page, PAGE),
      risks.workstreamChoices(request.ctx),
    ]);
    return reply.page(
      <IssueRegisterPage
        ctx={viewContext(request, reply)}
        issues={rows.slice(0, PAGE)}
        page={page}
        hasNext={rows.length > PAGE}
        query={{ ...query, workstreamId }}
        workstreams={workstreams}
        canCreate={register ? await risks.mayEdit(request.ctx, register) : risks.mayGovern(request.ctx)}
      />,
    );
  });

  app.get(
    "/workstreams/:workstreamId/issues",
    { schema: { params: workstreamParams, querystring: issueListQuery.omit({ workstreamId: true }) } },
    async (request, reply) => {
      const ws = await risks.workstream(request.ctx, request.params.workstreamId);
      const { page, limit: _limit, ...query } = request.query;
      const rows = await risks.listIssuesPage(request.ctx, { ...query, workstreamId: ws.id }, page, PAGE);
      return reply.page(
        <IssueRegisterPage
          ctx={viewContext(request, reply)}
          workstream={refOf(ws)}
          issues={rows.slice(0, PAGE)}
          page={page}
          hasNext={rows.length > PAGE}
          query={query}
          workstreams={[]}
          canCreate={await risks.mayEdit(request.ctx, ws.id)}
        />,
      );
    },
  );

  async function issueFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    mode: "create" | "edit",
    workstream: WorkstreamRef | null,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
    issue?: IssueView,
    conflict?: IssueView,
  ) {
    const { people, bodies } = await pickers(request);
    return reply.page(
      <IssueFormPage
        ctx={viewContext(request, reply)}
        mode={mode}
        issue={issue}
        workstream={workstream}
        values={values}
        errors={errors}
        people={people}
        bodies={bodies}
        conflict={conflict}
      />,
      status,
    );
  }

  app.get("/issues/new", { schema: { querystring: newQuery } }, async (request, reply) => {
    signedIn(request);
    const ws = await registerFor(request, request.query.workstreamId);
    return issueFormPage(request, reply, "create", ws, { priority: "medium" }, {});
  });

  app.post("/issues", async (request, reply) => {
    signedIn(request);
    const typed = submittedValues(request.body);
    const ws = await registerFor(request, z.uuid().safeParse(typed.workstreamId).data);
    const form = parseForm(issueForm, request.body);
    if (!form.ok) return issueFormPage(request, reply, "create", ws, typed, form.errors, 422);
    const { version: _version, raisedOn, ...fields } = form.value;
    try {
      const row = await risks.createIssue(request.ctx, { ...fields, ...(raisedOn ? { raisedOn } : {}), workstreamId: ws?.id ?? null, published: false });
      return reply.seeOther(`/issues/${row.id}`, `Issue I${row.reference} has been recorded`);
    } catch (err) {
      if (err instanceof ValidationFailed) return issueFormPage(request, reply, "create", ws, typed, err.fields ?? {}, 422);
      throw err;
    }
  });

  app.get("/issues/:id", { schema: { params: idParams } }, async (request, reply) => {
    const issue = await risks.getIssue(request.ctx, request.params.id);
    const [canEdit, history] = await Promise.all([risks.mayEdit(request.ctx, issue.workstreamId), risks.history(request.ctx, "issue", issue.id)]);
    return reply.page(
      <IssuePage ctx={viewContext(request, reply)} issue={issue} canEdit={canEdit} canGovern={risks.mayGovern(request.ctx)} history={history} />,
    );
  });

  async function editableIssue(request: FastifyRequest, id: string): Promise<IssueView> {
    signedIn(request);
    const issue = await risks.getIssue(request.ctx, id);
    requireAllowed(request.ctx.principal, await risks.mayEdit(request.ctx, issue.workstreamId));
    return issue;
  }

  app.get("/issues/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    const issue = await editableIssue(request, request.params.id);
    return issueFormPage(request, reply, "edit", issue.workstream, issueFormValues(issue), {}, 200, issue);
  });

  app.post("/issues/:id", { schema: { params: idParams } }, async (request, reply) => {
    const issue = await editableIssue(request, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(issueForm, request.body);
    if (!form.ok) return issueFormPage(request, reply, "edit", issue.workstream, typed, form.errors, 422, issue);
    const { version, raisedOn, ...changes } = form.value;
    if (!version) return issueFormPage(request, reply, "edit", issue.workstream, typed, { _form: RELOAD }, 422, issue);
    try {
      await risks.updateIssue(request.ctx, issue.id, version, { ...changes, ...(raisedOn ? { raisedOn } : {}) });
      return reply.seeOther(`/issues/${issue.id}`, "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return issueFormPage(request, reply, "edit", issue.workstream, typed, err.fields ?? {}, 422, issue);
      if (err instanceof Conflict) {
        const current = err.current as IssueView;
        return issueFormPage(
          request,
          reply,
          "edit",
          issue.workstream,
          { ...typed, version: String(current.version) },
          { _form: "Someone else changed this issue while you were editing it" },
          409,
          issue,
          current,
        );
      }
      throw err;
    }
  });

  app.get("/issues/:id/resolve", { schema: { params: idParams } }, async (request, reply) => {
    const issue = await editableIssue(request, request.params.id);
    return reply.page(
      <ResolveIssuePage
        ctx={viewContext(request, reply)}
        issue={issue}
        values={{ resolution: issue.resolution ?? "", version: String(issue.version) }}
        errors={{}}
      />,
    );
  });

  app.post("/issues/:id/resolve", { schema: { params: idParams } }, async (request, reply) => {
    const issue = await editableIssue(request, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(issueResolveForm, request.body);
    const page = (values: Record<string, string>, errors: FieldErrors, status: number, conflict = false) =>
      reply.page(<ResolveIssuePage ctx={viewContext(request, reply)} issue={issue} values={values} errors={errors} conflict={conflict} />, status);
    if (!form.ok) return page(typed, form.errors, 422);
    if (!form.value.version) return page(typed, { _form: RELOAD }, 422);
    try {
      await risks.updateIssue(request.ctx, issue.id, form.value.version, {
        status: "resolved",
        resolution: form.value.resolution,
        ...(form.value.resolvedOn ? { resolvedOn: form.value.resolvedOn } : {}),
      });
      return reply.seeOther(`/issues/${issue.id}`, "The issue has been resolved");
    } catch (err) {
      if (err instanceof ValidationFailed) return page(typed, err.fields ?? {}, 422);
      if (err instanceof Conflict)
        return page({ ...typed, version: String((err.current as IssueView).version) }, { _form: "Someone else changed this issue first" }, 409, true);
      throw err;
    }
  });

  app.post("/issues/:id/publish", { schema: { params: idParams } }, async (request, reply) => {
    signedIn(request);
    const id = request.params.id;
    const version = versionOf(request.body);
    if (!version) throw new ValidationFailed({ version: RELOAD });
    const published = yes(request.body, "published");
    try {
      await risks.updateIssue(request.ctx, id, version, { published });
      return reply.seeOther(`/issues/${id}`, published ? "The issue has been published" : "The issue is no longer published");
    } catch (err) {
      if (err instanceof Conflict) return reply.seeOther(`/issues/${id}`, "Someone else changed this issue; check it and try again");
      throw err;
    }
  });

  // -- Bands

  app.get("/settings/risk-bands", async (request, reply) => {
    requireAllowed(request.ctx.principal, risks.mayGovern(request.ctx));
    const b = await risks.bands(request.ctx);
    return reply.page(
      <RiskBandsPage
        ctx={viewContext(request, reply)}
        values={{
          moderateFrom: String(b.moderateFrom),
          highFrom: String(b.highFrom),
          extremeFrom: String(b.extremeFrom),
          version: b.version === null ? "" : String(b.version),
        }}
        errors={{}}
      />,
    );
  });

  app.post("/settings/risk-bands", async (request, reply) => {
    requireAllowed(request.ctx.principal, risks.mayGovern(request.ctx));
    const typed = submittedValues(request.body);
    const form = parseForm(bandsForm, request.body);
    if (!form.ok) return reply.page(<RiskBandsPage ctx={viewContext(request, reply)} values={typed} errors={form.errors} />, 422);
    const { version, ...values } = form.value;
    try {
      await risks.updateBands(request.ctx, version, values);
      return reply.seeOther("/risks", "The risk bands have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return reply.page(<RiskBandsPage ctx={viewContext(request, reply)} values={typed} errors={err.fields ?? {}} />, 422);
      if (err instanceof Conflict) {
        const b = await risks.bands(request.ctx);
        return reply.page(
          <RiskBandsPage
            ctx={viewContext(request, reply)}
            values={{ ...typed, version: b.version === null ? "" : String(b.version) }}
            errors={{ _form: "Someone else changed the bands first" }}
            conflict
          />,
          409,
        );
      }
      throw err;
    }
  });
};
