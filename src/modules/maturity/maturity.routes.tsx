import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams, paginationQuery } from "../../platform/http/api-schemas.ts";
import { submittedValues } from "../../platform/http/forms.ts";
import { Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { maturityPolicy } from "./maturity.policy.ts";
import { visibleWorkstream } from "./maturity.presenter.ts";
import { parseAssessmentForm, parseEditFrameworkForm, parseNewFrameworkForm, subjectQuery } from "./maturity.schema.ts";
import type { AssessmentDetail, FrameworkDetail } from "./maturity.service.ts";
import {
  AssessmentFormPage,
  AssessmentPage,
  EditFrameworkPage,
  FrameworkListPage,
  FrameworkPage,
  NewFrameworkPage,
  SubjectsPage,
  assessmentFormValues,
  assessmentHref,
  editFrameworkValues,
  frameworkHref,
} from "./maturity.views.tsx";

const listQuery = z.object({ ...paginationQuery });

/**
 * Pages for maturity frameworks: the list, one framework (its matrix and the heat map of the
 * latest ratings), defining and editing frameworks, recording and editing assessments, and each
 * subject's assessments over time. Every form works without JavaScript and keeps what was typed.
 */
export const maturityRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { maturity } = services;
  const mayManage = (request: FastifyRequest) => requireAllowed(request.ctx.principal, maturityPolicy.manageFrameworks(request.ctx.principal));
  const mayAssessAny = (request: FastifyRequest) => requireAllowed(request.ctx.principal, maturityPolicy.assessAny(request.ctx.principal));
  const fieldErrors = (err: ValidationFailed): FieldErrors => err.fields ?? {};

  // -- Frameworks

  app.get("/maturity", { schema: { querystring: listQuery } }, async (request, reply) => {
    const { page, limit } = request.query;
    const p = request.ctx.principal;
    const rows = await maturity.listFrameworks(request.ctx, {}, page, limit);
    return reply.page(
      <FrameworkListPage
        ctx={viewContext(request, reply)}
        rows={rows.slice(0, limit)}
        page={page}
        hasNext={rows.length > limit}
        canManage={maturityPolicy.manageFrameworks(p)}
        showPublished={maturityPolicy.seesUnpublished(p)}
        workstreamName={(f) => visibleWorkstream(f, p)?.name ?? null}
      />,
    );
  });

  async function newFrameworkPage(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors, status = 200) {
    const workstreams = await maturity.workstreamChoices(request.ctx);
    return reply.page(<NewFrameworkPage ctx={viewContext(request, reply)} values={values} errors={errors} workstreams={workstreams} />, status);
  }

  app.get("/maturity/new", async (request, reply) => {
    mayManage(request);
    return newFrameworkPage(request, reply, { published: "no" }, {});
  });

  app.post("/maturity", async (request, reply) => {
    mayManage(request);
    const typed = submittedValues(request.body);
    const form = parseNewFrameworkForm(request.body);
    if (!form.ok) return newFrameworkPage(request, reply, typed, form.errors, 422);
    try {
      const detail = await maturity.createFramework(request.ctx, form.value);
      return reply.seeOther(
        `${frameworkHref(detail.framework.id)}/edit`,
        "The framework has been saved. Now write what each dimension looks like at each level",
      );
    } catch (err) {
      if (err instanceof ValidationFailed) return newFrameworkPage(request, reply, typed, fieldErrors(err), 422);
      throw err;
    }
  });

  app.get("/maturity/:id", { schema: { params: idParams } }, async (request, reply) => {
    const detail = await maturity.frameworkDetail(request.ctx, request.params.id);
    const p = request.ctx.principal;
    const [latest, history, canAssess] = await Promise.all([
      maturity.latestRatings(request.ctx, detail.framework.id),
      maturity.frameworkHistory(request.ctx, detail.framework.id),
      maturity.mayAssess(request.ctx, detail.framework),
    ]);
    return reply.page(
      <FrameworkPage
        ctx={viewContext(request, reply)}
        detail={detail}
        latest={latest}
        workstream={visibleWorkstream(detail.framework, p)}
        canManage={maturityPolicy.manageFrameworks(p)}
        canAssess={canAssess}
        showPublished={maturityPolicy.seesUnpublished(p)}
        history={history}
      />,
    );
  });

  async function editFrameworkPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { detail: FrameworkDetail; values: Record<string, string>; errors: FieldErrors; conflict?: FrameworkDetail },
    status = 200,
  ) {
    const [workstreams, usage] = await Promise.all([maturity.workstreamChoices(request.ctx), maturity.usage(request.ctx, view.detail.framework.id)]);
    return reply.page(
      <EditFrameworkPage
        ctx={viewContext(request, reply)}
        detail={view.detail}
        usage={usage}
        values={view.values}
        errors={view.errors}
        workstreams={workstreams}
        conflict={view.conflict}
      />,
      status,
    );
  }

  app.get("/maturity/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const detail = await maturity.frameworkDetail(request.ctx, request.params.id);
    return editFrameworkPage(request, reply, { detail, values: editFrameworkValues(detail), errors: {} });
  });

  app.post("/maturity/:id", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const detail = await maturity.frameworkDetail(request.ctx, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseEditFrameworkForm(request.body);
    if (!form.ok) return editFrameworkPage(request, reply, { detail, values: typed, errors: form.errors }, 422);
    const { version, ...changes } = form.value;
    try {
      await maturity.updateFramework(request.ctx, detail.framework.id, version, changes);
      return reply.seeOther(frameworkHref(detail.framework.id), "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return editFrameworkPage(request, reply, { detail, values: typed, errors: fieldErrors(err) }, 422);
      if (!(err instanceof Conflict)) throw err;
      // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
      const current = err.current as FrameworkDetail;
      return editFrameworkPage(
        request,
        reply,
        {
          detail: current,
          values: { ...typed, version: String(current.framework.version) },
          errors: { _form: "Someone else changed this framework while you were editing it" },
          conflict: current,
        },
        409,
      );
    }
  });

  // -- Assessments

  app.get("/maturity/:id/assessments", { schema: { params: idParams, querystring: subjectQuery } }, async (request, reply) => {
    const framework = await maturity.frameworkDetail(request.ctx, request.params.id);
    const subject = { organisationId: request.query.organisationId, areaName: request.query.organisationId ? undefined : request.query.area };
    const groups = await maturity.assessmentsBySubject(request.ctx, framework.framework.id, subject);
    return reply.page(
      <SubjectsPage ctx={viewContext(request, reply)} framework={framework} groups={groups} narrowed={Boolean(subject.organisationId || subject.areaName)} />,
    );
  });

  async function assessmentFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { framework: FrameworkDetail; editing?: AssessmentDetail; values: Record<string, string>; errors: FieldErrors; conflict?: AssessmentDetail },
    status = 200,
  ) {
    const organisations = await maturity.organisationChoices(request.ctx);
    return reply.page(
      <AssessmentFormPage
        ctx={viewContext(request, reply)}
        framework={view.framework}
        editing={view.editing}
        values={view.values}
        errors={view.errors}
        organisations={organisations}
        conflict={view.conflict}
      />,
      status,
    );
  }

  /** The framework for an assessment form, once the principal is known to be allowed to assess against it. */
  async function frameworkToAssess(request: FastifyRequest, frameworkId: string): Promise<FrameworkDetail> {
    mayAssessAny(request);
    const framework = await maturity.frameworkDetail(request.ctx, frameworkId);
    requireAllowed(request.ctx.principal, await maturity.mayAssess(request.ctx, framework.framework));
    return framework;
  }

  app.get("/maturity/:id/assessments/new", { schema: { params: idParams } }, async (request, reply) => {
    const framework = await frameworkToAssess(request, request.params.id);
    const p = request.ctx.principal;
    return assessmentFormPage(request, reply, {
      framework,
      values: { method: "self", assessorName: p.kind === "user" ? p.name : "" },
      errors: {},
    });
  });

  app.post("/maturity/:id/assessments", { schema: { params: idParams } }, async (request, reply) => {
    const framework = await frameworkToAssess(request, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseAssessmentForm(
      request.body,
      framework.dimensions.map((d) => d.id),
      false,
    );
    if (!form.ok) return assessmentFormPage(request, reply, { framework, values: typed, errors: form.errors }, 422);
    const { version: _version, ...input } = form.value;
    try {
      const created = await maturity.createAssessment(request.ctx, { ...input, frameworkId: framework.framework.id });
      return reply.seeOther(assessmentHref(created.assessment.id), "The assessment has been recorded");
    } catch (err) {
      if (err instanceof ValidationFailed) return assessmentFormPage(request, reply, { framework, values: typed, errors: fieldErrors(err) }, 422);
      throw err;
    }
  });

  app.get("/maturity-assessments/:id", { schema: { params: idParams } }, async (request, reply) => {
    const detail = await maturity.getAssessment(request.ctx, request.params.id);
    const [framework, history] = await Promise.all([
      maturity.frameworkDetail(request.ctx, detail.assessment.frameworkId),
      maturity.assessmentHistory(request.ctx, detail.assessment.id),
    ]);
    const canEdit = await maturity.mayAssess(request.ctx, framework.framework);
    return reply.page(<AssessmentPage ctx={viewContext(request, reply)} detail={detail} framework={framework} canEdit={canEdit} history={history} />);
  });

  /** The assessment and its framework for the edit form, once the principal may edit it. */
  async function assessmentToEdit(request: FastifyRequest, id: string) {
    mayAssessAny(request);
    const editing = await maturity.getAssessment(request.ctx, id);
    const framework = await frameworkToAssess(request, editing.assessment.frameworkId);
    return { editing, framework };
  }

  app.get("/maturity-assessments/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    const { editing, framework } = await assessmentToEdit(request, request.params.id);
    return assessmentFormPage(request, reply, { framework, editing, values: assessmentFormValues(editing), errors: {} });
  });

  app.post("/maturity-assessments/:id", { schema: { params: idParams } }, async (request, reply) => {
    const { editing, framework } = await assessmentToEdit(request, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseAssessmentForm(
      request.body,
      framework.dimensions.map((d) => d.id),
      true,
    );
    if (!form.ok || form.value.version === undefined) {
      return assessmentFormPage(
        request,
        reply,
        { framework, editing, values: typed, errors: form.ok ? { _form: "Reload the page and try again" } : form.errors },
        422,
      );
    }
    // The form has no assessor-person field: a linked person set through the API is kept.
    const { version, assessorPersonId: _person, ...changes } = form.value;
    try {
      await maturity.updateAssessment(request.ctx, editing.assessment.id, version, changes);
      return reply.seeOther(assessmentHref(editing.assessment.id), "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return assessmentFormPage(request, reply, { framework, editing, values: typed, errors: fieldErrors(err) }, 422);
      if (!(err instanceof Conflict)) throw err;
      const current = err.current as AssessmentDetail;
      return assessmentFormPage(
        request,
        reply,
        {
          framework,
          editing: current,
          values: { ...typed, version: String(current.assessment.version) },
          errors: { _form: "Someone else changed this assessment while you were editing it" },
          conflict: current,
        },
        409,
      );
    }
  });
};
