import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { AppError, Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { maySeeOutcomes } from "../meetings/confidentiality.ts";
import { interestsPolicy } from "./interests.policy.ts";
import type { InterestView, MeetingDeclarationView } from "./interests.repository.ts";
import {
  interestDeclarationForm,
  interestEndForm,
  interestForm,
  interestRegisterQuery,
  meetingDeclarationForm,
  meetingDeclarationParams,
} from "./interests.schema.ts";
import {
  EndInterestPage,
  InterestFormPage,
  InterestRegisterPage,
  MeetingDeclarationFormPage,
  MeetingDeclarationsPage,
  PersonInterestsPage,
  interestFormValues,
  meetingDeclarationFormValues,
} from "./interests.views.tsx";

const RELOAD = "Reload the page and try again";

/** A refusal because of a record's state (an interest already ended, a person archived), not its version. */
function isStateConflict(err: unknown): err is AppError {
  return err instanceof AppError && err.status === 409 && !(err instanceof Conflict);
}

/**
 * Pages for the register of interests (/interests, /people/:id/interests), adding, editing and
 * ending interests, recording annual declarations and nil returns, and the declarations made at a
 * meeting with the automatic flags (/meetings/:id/declarations). Every form works without
 * JavaScript and keeps what was typed on error.
 */
export const interestsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { interests } = services;
  const mayManage = (request: FastifyRequest) => requireAllowed(request.ctx.principal, interestsPolicy.manage(request.ctx.principal));

  // -- The register

  app.get("/interests", { schema: { querystring: interestRegisterQuery } }, async (request, reply) => {
    const { page, limit, ...filter } = request.query;
    const [rows, pickers, overdue] = await Promise.all([
      interests.list(request.ctx, filter, page, limit),
      interests.pickers(request.ctx),
      interests.overdue(request.ctx),
    ]);
    const p = request.ctx.principal;
    return reply.page(
      <InterestRegisterPage
        ctx={viewContext(request, reply)}
        rows={rows.slice(0, limit)}
        page={page}
        hasNext={rows.length > limit}
        query={filter}
        people={pickers.people}
        organisations={pickers.organisations}
        overdue={interestsPolicy.seeAnnualDeclarations(p) ? overdue : null}
        wholeRegister={interestsPolicy.seeWholeRegister(p)}
        today={interests.today()}
      />,
    );
  });

  async function personPage(request: FastifyRequest, reply: FastifyReply, personId: string, values: Record<string, string>, errors: FieldErrors, status = 200) {
    const register = await interests.personRegister(request.ctx, personId);
    return reply.page(
      <PersonInterestsPage
        ctx={viewContext(request, reply)}
        person={register.person}
        interests={register.interests}
        declarations={register.declarations}
        overdue={register.overdue}
        sitsOnABody={register.sitsOnABody}
        today={register.today}
        canManage={interestsPolicy.showManageControls(request.ctx.principal)}
        declarationValues={values}
        declarationErrors={errors}
      />,
      status,
    );
  }

  app.get("/people/:id/interests", { schema: { params: idParams } }, async (request, reply) => personPage(request, reply, request.params.id, {}, {}));

  app.post("/people/:id/interest-declarations", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const personId = request.params.id;
    const typed = submittedValues(request.body);
    const form = parseForm(interestDeclarationForm, request.body);
    if (!form.ok) return personPage(request, reply, personId, typed, form.errors, 422);
    try {
      const row = await interests.recordDeclaration(request.ctx, personId, form.value);
      return reply.seeOther(
        `/people/${personId}/interests#declarations-heading`,
        row.nilReturn ? "The nil return has been recorded" : "The annual declaration has been recorded",
      );
    } catch (err) {
      if (err instanceof ValidationFailed) return personPage(request, reply, personId, typed, err.fields ?? {}, 422);
      if (isStateConflict(err)) return reply.seeOther(`/people/${personId}/interests`, err.message);
      throw err;
    }
  });

  // -- Adding, editing and ending an interest

  async function interestFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: {
      mode: "new" | "edit";
      person: { id: string; name: string };
      interestId?: string;
      values: Record<string, string>;
      errors: FieldErrors;
      conflict?: InterestView;
    },
    status = 200,
  ) {
    const { organisations } = await interests.pickers(request.ctx);
    return reply.page(
      <InterestFormPage
        ctx={viewContext(request, reply)}
        mode={view.mode}
        person={view.person}
        {...(view.interestId ? { interestId: view.interestId } : {})}
        organisations={organisations}
        values={view.values}
        errors={view.errors}
        conflict={view.conflict}
      />,
      status,
    );
  }

  app.get("/people/:id/interests/new", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const { person } = await interests.personRegister(request.ctx, request.params.id);
    return interestFormPage(request, reply, { mode: "new", person, values: {}, errors: {} });
  });

  app.post("/people/:id/interests", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const { person } = await interests.personRegister(request.ctx, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(interestForm, request.body);
    if (!form.ok) return interestFormPage(request, reply, { mode: "new", person, values: typed, errors: form.errors }, 422);
    const { version: _ignored, ...input } = form.value;
    try {
      await interests.create(request.ctx, { ...input, personId: person.id });
      return reply.seeOther(`/people/${person.id}/interests#interests-heading`, "The interest has been added to the register");
    } catch (err) {
      if (err instanceof ValidationFailed) return interestFormPage(request, reply, { mode: "new", person, values: typed, errors: err.fields ?? {} }, 422);
      throw err;
    }
  });

  app.get("/interests/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const row = await interests.get(request.ctx, request.params.id);
    return interestFormPage(request, reply, {
      mode: "edit",
      person: { id: row.personId, name: row.personName },
      interestId: row.id,
      values: interestFormValues(row),
      errors: {},
    });
  });

  app.post("/interests/:id", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const row = await interests.get(request.ctx, request.params.id);
    const person = { id: row.personId, name: row.personName };
    const typed = submittedValues(request.body);
    const form = parseForm(interestForm, request.body);
    if (!form.ok || !form.value.version) {
      const errors = form.ok ? { _form: RELOAD } : form.errors;
      return interestFormPage(request, reply, { mode: "edit", person, interestId: row.id, values: typed, errors }, 422);
    }
    const { version, ...changes } = form.value;
    try {
      await interests.update(request.ctx, row.id, version, changes);
      return reply.seeOther(`/people/${row.personId}/interests#interests-heading`, "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed)
        return interestFormPage(request, reply, { mode: "edit", person, interestId: row.id, values: typed, errors: err.fields ?? {} }, 422);
      if (err instanceof Conflict) {
        // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
        const current = err.current as InterestView;
        return interestFormPage(
          request,
          reply,
          {
            mode: "edit",
            person,
            interestId: row.id,
            values: { ...typed, version: String(current.version) },
            errors: { _form: "Someone else changed this interest while you were editing it" },
            conflict: current,
          },
          409,
        );
      }
      throw err;
    }
  });

  app.get("/interests/:id/end", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const row = await interests.get(request.ctx, request.params.id);
    if (row.endsOn && row.endsOn < interests.today()) return reply.seeOther(`/people/${row.personId}/interests`, "This interest has already ended");
    return reply.page(<EndInterestPage ctx={viewContext(request, reply)} interest={row} values={{ version: String(row.version) }} errors={{}} />);
  });

  app.post("/interests/:id/end", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const row = await interests.get(request.ctx, request.params.id);
    const typed = submittedValues(request.body);
    const render = (errors: FieldErrors, status: number, values = typed, conflict = false, interest = row) =>
      reply.page(<EndInterestPage ctx={viewContext(request, reply)} interest={interest} values={values} errors={errors} conflict={conflict} />, status);
    const form = parseForm(interestEndForm, request.body);
    if (!form.ok || !form.value.version) return render(form.ok ? { _form: RELOAD } : form.errors, 422);
    try {
      await interests.end(request.ctx, row.id, { version: form.value.version, endsOn: form.value.endsOn });
      return reply.seeOther(`/people/${row.personId}/interests#interests-heading`, "The interest has been ended");
    } catch (err) {
      if (err instanceof ValidationFailed) return render(err.fields ?? {}, 422);
      if (err instanceof Conflict) {
        const current = err.current as InterestView;
        return render(
          { _form: "Someone else changed this interest while you were editing it" },
          409,
          { ...typed, version: String(current.version) },
          true,
          current,
        );
      }
      if (isStateConflict(err)) return reply.seeOther(`/people/${row.personId}/interests`, err.message);
      throw err;
    }
  });

  // -- Declarations at a meeting

  async function declarationsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ) {
    const p = request.ctx.principal;
    const overview = await interests.meetingOverview(request.ctx, meetingId);
    const choices = interestsPolicy.showManageControls(p) ? await interests.declarationChoices(request.ctx, overview.meeting) : null;
    return reply.page(
      <MeetingDeclarationsPage
        ctx={viewContext(request, reply)}
        meeting={overview.meeting}
        items={overview.items}
        declarations={overview.declarations}
        flags={overview.flags}
        showFlags={interestsPolicy.seeFlags(p)}
        outcomesPublished={maySeeOutcomes(p, overview.meeting)}
        choices={choices}
        values={values}
        errors={errors}
      />,
      status,
    );
  }

  app.get("/meetings/:id/declarations", { schema: { params: idParams } }, async (request, reply) =>
    declarationsPage(request, reply, request.params.id, {}, {}),
  );

  app.post("/meetings/:id/declarations", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const meetingId = request.params.id;
    const typed = submittedValues(request.body);
    const form = parseForm(meetingDeclarationForm, request.body);
    if (!form.ok) return declarationsPage(request, reply, meetingId, typed, form.errors, 422);
    const { version: _ignored, ...input } = form.value;
    try {
      const row = await interests.createMeetingDeclaration(request.ctx, meetingId, input);
      return reply.seeOther(`/meetings/${meetingId}/declarations#item-${row.agendaItemId}`, `${row.personName}’s declaration has been recorded`);
    } catch (err) {
      if (err instanceof ValidationFailed) return declarationsPage(request, reply, meetingId, typed, err.fields ?? {}, 422);
      throw err;
    }
  });

  async function declarationFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    declarationId: string,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
    conflict?: MeetingDeclarationView,
  ) {
    const overview = await interests.meetingOverview(request.ctx, meetingId);
    const choices = await interests.declarationChoices(request.ctx, overview.meeting);
    return reply.page(
      <MeetingDeclarationFormPage
        ctx={viewContext(request, reply)}
        meeting={overview.meeting}
        declarationId={declarationId}
        items={overview.items}
        choices={choices}
        values={values}
        errors={errors}
        conflict={conflict}
      />,
      status,
    );
  }

  app.get("/meetings/:id/declarations/:declarationId/edit", { schema: { params: meetingDeclarationParams } }, async (request, reply) => {
    mayManage(request);
    const row = await interests.getMeetingDeclaration(request.ctx, request.params.id, request.params.declarationId);
    return declarationFormPage(request, reply, row.meetingId, row.id, meetingDeclarationFormValues(row), {});
  });

  app.post("/meetings/:id/declarations/:declarationId", { schema: { params: meetingDeclarationParams } }, async (request, reply) => {
    mayManage(request);
    const row = await interests.getMeetingDeclaration(request.ctx, request.params.id, request.params.declarationId);
    const typed = submittedValues(request.body);
    const form = parseForm(meetingDeclarationForm, request.body);
    if (!form.ok || !form.value.version)
      return declarationFormPage(request, reply, row.meetingId, row.id, typed, form.ok ? { _form: RELOAD } : form.errors, 422);
    const { version, ...changes } = form.value;
    try {
      const saved = await interests.updateMeetingDeclaration(request.ctx, row.meetingId, row.id, version, changes);
      return reply.seeOther(`/meetings/${row.meetingId}/declarations#item-${saved.agendaItemId}`, "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return declarationFormPage(request, reply, row.meetingId, row.id, typed, err.fields ?? {}, 422);
      if (err instanceof Conflict) {
        const current = err.current as MeetingDeclarationView;
        return declarationFormPage(
          request,
          reply,
          row.meetingId,
          row.id,
          { ...typed, version: String(current.version) },
          { _form: "Someone else changed this declaration while you were editing it" },
          409,
          current,
        );
      }
      throw err;
    }
  });
};
