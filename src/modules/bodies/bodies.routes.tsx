import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { AppError, Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { bodiesPolicy } from "./bodies.policy.ts";
import { forwardPlanPolicy } from "../forward-plan/forward-plan.policy.ts";
import { presentBodyHistory } from "./bodies.presenter.ts";
import {
  MEMBERSHIP_ROLE_LABELS,
  bodyForm,
  bodyListQuery,
  membershipChangeRoleForm,
  membershipEndForm,
  membershipForm,
  membershipParams,
  ratifyForm,
  termsOfReferenceForm,
  termsOfReferenceParams,
} from "./bodies.schema.ts";
import type { BodyRow, MembershipRow, TermsOfReferenceRow } from "./bodies.tables.ts";
import {
  BodyFormPage,
  BodyListPage,
  BodyPage,
  ChangeRolePage,
  EndMembershipPage,
  MemberFormPage,
  RatifyPage,
  TermsOfReferenceFormPage,
  TermsOfReferencePage,
  bodyFormValues,
  changeRoleFormValues,
  termsOfReferenceFormValues,
} from "./bodies.views.tsx";

const versionForm = z.object({ version: z.coerce.number().int().min(1) });
const idOrSlugParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9-]+$/, { error: "must be an id or a slug" }),
});

const RELOAD = "Reload the page and try again";

/** A refusal because of a record's state (archived body, ended membership, ratified terms), not its version. */
function isStateConflict(err: unknown): err is AppError {
  return err instanceof AppError && err.status === 409 && !(err instanceof Conflict);
}

/**
 * Pages for governance bodies: list, view (structure, members, terms of reference, history), add,
 * edit, archive and restore; members added, ended and changing role; terms of reference drafted,
 * edited and ratified. Every form works without JavaScript and keeps what was typed on error.
 */
export const bodiesRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { bodies } = services;
  const mayManage = (request: FastifyRequest) => requireAllowed(request.ctx.principal, bodiesPolicy.manage(request.ctx.principal));

  // -- Bodies

  async function bodyFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { mode: "new" | "edit"; body?: BodyRow; values: Record<string, string>; errors: FieldErrors; conflict?: BodyRow },
    status = 200,
  ) {
    const parents = await bodies.parentChoices(request.ctx, view.body);
    return reply.page(
      <BodyFormPage
        ctx={viewContext(request, reply)}
        mode={view.mode}
        {...(view.body ? { id: view.body.id } : {})}
        values={view.values}
        errors={view.errors}
        parents={parents}
        conflict={view.conflict}
      />,
      status,
    );
  }

  app.get("/bodies", { schema: { querystring: bodyListQuery } }, async (request, reply) => {
    const { page, limit, ...filter } = request.query;
    const rows = await bodies.list(request.ctx, filter, page, limit);
    const p = request.ctx.principal;
    return reply.page(
      <BodyListPage
        ctx={viewContext(request, reply)}
        rows={rows.slice(0, limit)}
        page={page}
        hasNext={rows.length > limit}
        query={filter}
        canManage={bodiesPolicy.showManageControls(p)}
        canSeeArchived={bodiesPolicy.seeArchived(p)}
      />,
    );
  });

  app.get("/bodies/new", async (request, reply) => {
    mayManage(request);
    return bodyFormPage(request, reply, { mode: "new", values: { meetsInPublic: "yes" }, errors: {} });
  });

  app.post("/bodies", async (request, reply) => {
    mayManage(request);
    const typed = submittedValues(request.body);
    const form = parseForm(bodyForm, request.body);
    if (!form.ok) return bodyFormPage(request, reply, { mode: "new", values: typed, errors: form.errors }, 422);
    const { version: _ignored, ...input } = form.value;
    try {
      const row = await bodies.create(request.ctx, input);
      return reply.seeOther(`/bodies/${row.id}`, `${row.name} has been added`);
    } catch (err) {
      if (err instanceof ValidationFailed) return bodyFormPage(request, reply, { mode: "new", values: typed, errors: err.fields ?? {} }, 422);
      throw err;
    }
  });

  // A body's page answers to its id or its readable slug (/bodies/programme-board).
  app.get("/bodies/:id", { schema: { params: idOrSlugParams } }, async (request, reply) => {
    const resolved = await bodies.resolve(request.ctx, request.params.id);
    const overview = await bodies.getOverview(request.ctx, resolved.id);
    const history = await bodies.history(request.ctx, overview.body.id);
    const p = request.ctx.principal;
    return reply.page(
      <BodyPage
        ctx={viewContext(request, reply)}
        body={overview.body}
        ancestors={overview.ancestors}
        tree={overview.tree}
        currentMembers={overview.currentMembers}
        pastMembers={overview.pastMembers}
        termsOfReference={overview.termsOfReference}
        ratified={overview.ratified}
        bodyNames={overview.bodyNames}
        canManage={bodiesPolicy.showManageControls(p)}
        showEndReasons={bodiesPolicy.seeEndReasons(p)}
        showForwardPlan={forwardPlanPolicy.viewPlanOf(p, overview.body)}
        history={history ? presentBodyHistory(history.events, history.bodyNames) : null}
      />,
    );
  });

  app.get("/bodies/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    return bodyFormPage(request, reply, { mode: "edit", body, values: bodyFormValues(body), errors: {} });
  });

  app.post("/bodies/:id", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(bodyForm, request.body);
    if (!form.ok || !form.value.version) {
      return bodyFormPage(request, reply, { mode: "edit", body, values: typed, errors: form.ok ? { _form: RELOAD } : form.errors }, 422);
    }
    const { version, ...input } = form.value;
    try {
      const row = await bodies.update(request.ctx, body.id, version, input);
      return reply.seeOther(`/bodies/${row.id}`, "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return bodyFormPage(request, reply, { mode: "edit", body, values: typed, errors: err.fields ?? {} }, 422);
      if (!(err instanceof Conflict)) throw err;
      // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
      const current = err.current as BodyRow;
      return bodyFormPage(
        request,
        reply,
        {
          mode: "edit",
          body: current,
          values: { ...typed, version: String(current.version) },
          errors: { _form: "Someone else changed this body while you were editing it" },
          conflict: current,
        },
        409,
      );
    }
  });

  for (const action of ["archive", "restore"] as const) {
    app.post(`/bodies/:id/${action}`, { schema: { params: idParams } }, async (request, reply) => {
      mayManage(request);
      const parsed = versionForm.safeParse(request.body);
      if (!parsed.success) throw new ValidationFailed({ version: RELOAD });
      const id = request.params.id;
      try {
        const row = await bodies.setArchived(request.ctx, id, parsed.data.version, action === "archive");
        return reply.seeOther(`/bodies/${row.id}`, action === "archive" ? `${row.name} has been archived` : `${row.name} has been restored`);
      } catch (err) {
        if (err instanceof Conflict) return reply.seeOther(`/bodies/${id}`, "Someone else changed this body; check it and try again");
        if (isStateConflict(err)) return reply.seeOther(`/bodies/${id}`, err.message);
        throw err;
      }
    });
  }

  // -- Memberships

  async function memberFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    body: BodyRow,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ) {
    const [people, knownCategories] = await Promise.all([bodies.listPeopleForPicker(request.ctx), bodies.knownCategories(request.ctx)]);
    return reply.page(
      <MemberFormPage ctx={viewContext(request, reply)} body={body} people={people} knownCategories={knownCategories} values={values} errors={errors} />,
      status,
    );
  }

  app.get("/bodies/:id/members/new", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    return memberFormPage(request, reply, body, { voting: "yes" }, {});
  });

  app.post("/bodies/:id/members", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(membershipForm, request.body);
    if (!form.ok) return memberFormPage(request, reply, body, typed, form.errors, 422);
    try {
      const member = await bodies.addMember(request.ctx, body.id, form.value);
      return reply.seeOther(`/bodies/${body.id}#members-heading`, `${member.personName} has been added to ${body.name}`);
    } catch (err) {
      if (err instanceof ValidationFailed) return memberFormPage(request, reply, body, typed, err.fields ?? {}, 422);
      if (isStateConflict(err)) return reply.seeOther(`/bodies/${body.id}`, err.message);
      throw err;
    }
  });

  app.get("/bodies/:id/members/:membershipId/end", { schema: { params: membershipParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const membership = await bodies.getMembership(request.ctx, body.id, request.params.membershipId);
    if (membership.endsOn) return reply.seeOther(`/bodies/${body.id}`, `${membership.personName}’s membership already has an end date`);
    return reply.page(
      <EndMembershipPage ctx={viewContext(request, reply)} body={body} membership={membership} values={{ version: String(membership.version) }} errors={{}} />,
    );
  });

  app.post("/bodies/:id/members/:membershipId/end", { schema: { params: membershipParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const membership = await bodies.getMembership(request.ctx, body.id, request.params.membershipId);
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors, status: number, values = typed, conflict = false) =>
      reply.page(
        <EndMembershipPage ctx={viewContext(request, reply)} body={body} membership={membership} values={values} errors={errors} conflict={conflict} />,
        status,
      );
    const form = parseForm(membershipEndForm, request.body);
    if (!form.ok || !form.value.version) return render(form.ok ? { _form: RELOAD } : form.errors, 422);
    try {
      const ended = await bodies.endMembership(request.ctx, body.id, membership.id, {
        version: form.value.version,
        endsOn: form.value.endsOn,
        reason: form.value.reason,
      });
      return reply.seeOther(`/bodies/${body.id}#members-heading`, `${ended.personName}’s membership has ended`);
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {}, 422);
      if (err instanceof Conflict) {
        const current = err.current as MembershipRow;
        return render({ _form: "Someone else changed this membership while you were editing it" }, 409, { ...typed, version: String(current.version) }, true);
      }
      if (isStateConflict(err)) return reply.seeOther(`/bodies/${body.id}`, err.message);
      throw err;
    }
  });

  app.get("/bodies/:id/members/:membershipId/change-role", { schema: { params: membershipParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const membership = await bodies.getMembership(request.ctx, body.id, request.params.membershipId);
    if (membership.endsOn) return reply.seeOther(`/bodies/${body.id}`, `${membership.personName}’s membership already has an end date`);
    const knownCategories = await bodies.knownCategories(request.ctx);
    return reply.page(
      <ChangeRolePage
        ctx={viewContext(request, reply)}
        body={body}
        membership={membership}
        knownCategories={knownCategories}
        values={changeRoleFormValues(membership, knownCategories)}
        errors={{}}
      />,
    );
  });

  app.post("/bodies/:id/members/:membershipId/change-role", { schema: { params: membershipParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const membership = await bodies.getMembership(request.ctx, body.id, request.params.membershipId);
    const knownCategories = await bodies.knownCategories(request.ctx);
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors, status: number, values = typed, conflict = false) =>
      reply.page(
        <ChangeRolePage
          ctx={viewContext(request, reply)}
          body={body}
          membership={membership}
          knownCategories={knownCategories}
          values={values}
          errors={errors}
          conflict={conflict}
        />,
        status,
      );
    const form = parseForm(membershipChangeRoleForm, request.body);
    if (!form.ok || !form.value.version) return render(form.ok ? { _form: RELOAD } : form.errors, 422);
    const { version, ...seat } = form.value;
    try {
      const { started } = await bodies.changeRole(request.ctx, body.id, membership.id, { ...seat, version });
      return reply.seeOther(`/bodies/${body.id}#members-heading`, `${started.personName}’s role is now ${MEMBERSHIP_ROLE_LABELS[started.role].toLowerCase()}`);
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {}, 422);
      if (err instanceof Conflict) {
        const current = err.current as MembershipRow;
        return render({ _form: "Someone else changed this membership while you were editing it" }, 409, { ...typed, version: String(current.version) }, true);
      }
      if (isStateConflict(err)) return reply.seeOther(`/bodies/${body.id}`, err.message);
      throw err;
    }
  });

  // -- Terms of reference

  app.get("/bodies/:id/terms-of-reference/new", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const inForce = await bodies.getRatified(request.ctx, body.id);
    // A new draft starts from the rule in force, the usual starting point for a revision.
    const values = inForce ? { ...termsOfReferenceFormValues(inForce), versionLabel: "", text: inForce.text, version: "" } : {};
    return reply.page(<TermsOfReferenceFormPage ctx={viewContext(request, reply)} body={body} mode="new" values={values} errors={{}} />);
  });

  app.post("/bodies/:id/terms-of-reference", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors) =>
      reply.page(<TermsOfReferenceFormPage ctx={viewContext(request, reply)} body={body} mode="new" values={typed} errors={errors} />, 422);
    const form = parseForm(termsOfReferenceForm, request.body);
    if (!form.ok) return render(form.errors);
    const { version: _ignored, ...input } = form.value;
    try {
      const row = await bodies.addDraft(request.ctx, body.id, input);
      return reply.seeOther(`/bodies/${body.id}/terms-of-reference/${row.id}`, `Draft version ${row.versionLabel} has been saved`);
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {});
      if (isStateConflict(err)) return reply.seeOther(`/bodies/${body.id}`, err.message);
      throw err;
    }
  });

  app.get("/bodies/:id/terms-of-reference/:termsId", { schema: { params: termsOfReferenceParams } }, async (request, reply) => {
    const body = await bodies.get(request.ctx, request.params.id);
    const terms = await bodies.getTermsOfReference(request.ctx, body.id, request.params.termsId);
    const ratifiedBy = terms.ratifiedByBodyId ? await bodies.findVisibleName(request.ctx, terms.ratifiedByBodyId) : null;
    return reply.page(
      <TermsOfReferencePage
        ctx={viewContext(request, reply)}
        body={body}
        terms={terms}
        ratifiedBy={ratifiedBy}
        canManage={bodiesPolicy.showManageControls(request.ctx.principal)}
      />,
    );
  });

  app.get("/bodies/:id/terms-of-reference/:termsId/edit", { schema: { params: termsOfReferenceParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const draft = await bodies.getDraft(request.ctx, body.id, request.params.termsId);
    return reply.page(
      <TermsOfReferenceFormPage
        ctx={viewContext(request, reply)}
        body={body}
        mode="edit"
        termsId={draft.id}
        values={termsOfReferenceFormValues(draft)}
        errors={{}}
      />,
    );
  });

  app.post("/bodies/:id/terms-of-reference/:termsId", { schema: { params: termsOfReferenceParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const termsId = request.params.termsId;
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors, status: number, values = typed, conflict?: TermsOfReferenceRow) =>
      reply.page(
        <TermsOfReferenceFormPage
          ctx={viewContext(request, reply)}
          body={body}
          mode="edit"
          termsId={termsId}
          values={values}
          errors={errors}
          conflict={conflict}
        />,
        status,
      );
    const form = parseForm(termsOfReferenceForm, request.body);
    if (!form.ok || !form.value.version) return render(form.ok ? { _form: RELOAD } : form.errors, 422);
    const { version, ...changes } = form.value;
    try {
      const row = await bodies.updateDraft(request.ctx, body.id, termsId, version, changes);
      return reply.seeOther(`/bodies/${body.id}/terms-of-reference/${row.id}`, "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {}, 422);
      if (err instanceof Conflict) {
        const current = err.current as TermsOfReferenceRow;
        return render({ _form: "Someone else changed this draft while you were editing it" }, 409, { ...typed, version: String(current.version) }, current);
      }
      throw err;
    }
  });

  async function ratifyPage(
    request: FastifyRequest,
    reply: FastifyReply,
    body: BodyRow,
    terms: TermsOfReferenceRow,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
    conflict = false,
  ) {
    const [choices, inForce] = await Promise.all([bodies.listForPicker(request.ctx), bodies.getRatified(request.ctx, body.id)]);
    return reply.page(
      <RatifyPage
        ctx={viewContext(request, reply)}
        body={body}
        terms={terms}
        inForce={inForce}
        bodies={choices}
        values={values}
        errors={errors}
        conflict={conflict}
      />,
      status,
    );
  }

  app.get("/bodies/:id/terms-of-reference/:termsId/ratify", { schema: { params: termsOfReferenceParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const draft = await bodies.getDraft(request.ctx, body.id, request.params.termsId);
    // Sub-bodies' terms are usually ratified by the body they report to.
    return ratifyPage(request, reply, body, draft, { ratifiedByBodyId: body.parentBodyId ?? body.id, version: String(draft.version) }, {});
  });

  app.post("/bodies/:id/terms-of-reference/:termsId/ratify", { schema: { params: termsOfReferenceParams } }, async (request, reply) => {
    mayManage(request);
    const body = await bodies.get(request.ctx, request.params.id);
    const terms = await bodies.getTermsOfReference(request.ctx, body.id, request.params.termsId);
    const typed = submittedValues(request.body);
    const form = parseForm(ratifyForm, request.body);
    if (!form.ok || !form.value.version) return ratifyPage(request, reply, body, terms, typed, form.ok ? { _form: RELOAD } : form.errors, 422);
    try {
      const row = await bodies.ratify(request.ctx, body.id, terms.id, {
        version: form.value.version,
        ratifiedByBodyId: form.value.ratifiedByBodyId,
        ratifiedOn: form.value.ratifiedOn,
      });
      return reply.seeOther(`/bodies/${body.id}/terms-of-reference/${row.id}`, `Version ${row.versionLabel} has been ratified`);
    } catch (err) {
      if (err instanceof ValidationFailed) return ratifyPage(request, reply, body, terms, typed, err.fields ?? {}, 422);
      if (err instanceof Conflict) {
        const current = err.current as TermsOfReferenceRow;
        return ratifyPage(
          request,
          reply,
          body,
          current,
          { ...typed, version: String(current.version) },
          { _form: "Someone else changed this draft while you were looking at it" },
          409,
          true,
        );
      }
      if (isStateConflict(err)) return reply.seeOther(`/bodies/${body.id}/terms-of-reference/${terms.id}`, err.message);
      throw err;
    }
  });
};
