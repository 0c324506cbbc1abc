import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { peoplePolicy } from "./people.policy.ts";
import { presentPerson } from "./people.presenter.ts";
import { personForm, personListPageQuery } from "./people.schema.ts";
import type { PersonRecord } from "./people.service.ts";
import { PersonFormPage, PersonListPage, PersonPage, personFormValues } from "./people.views.tsx";

const versionForm = z.object({ version: z.coerce.number().int().min(1) });

/** Pages for the people directory: list, view with memberships and history, add, edit, archive and restore. */
export const peopleRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { people } = services;

  /** Renders the add or edit form with the organisation picker; an archived organisation the person already has stays selectable. */
  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      mode: "new" | "edit";
      id?: string;
      values: Record<string, string>;
      errors: FieldErrors;
      status: number;
      person?: PersonRecord;
      conflict?: PersonRecord;
    },
  ) {
    const organisations = await people.organisationChoices(request.ctx);
    const current = options.conflict ?? options.person;
    const kept = current?.organisation?.archived ? { id: current.organisation.id, name: current.organisation.name } : null;
    return reply.page(
      <PersonFormPage
        ctx={viewContext(request, reply)}
        mode={options.mode}
        {...(options.id ? { id: options.id } : {})}
        values={options.values}
        errors={options.errors}
        organisations={organisations}
        keptOrganisation={kept}
        conflict={options.conflict ? presentPerson(options.conflict, request.ctx.principal) : undefined}
      />,
      options.status,
    );
  }

  app.get("/people", { schema: { querystring: personListPageQuery } }, async (request, reply) => {
    const { page, limit, ...query } = request.query;
    const filter = { ...query, organisationId: query.organisationId || undefined };
    const p = request.ctx.principal;
    const [rows, organisations] = await Promise.all([people.list(request.ctx, filter, page, limit), people.organisationChoices(request.ctx)]);
    return reply.page(
      <PersonListPage
        ctx={viewContext(request, reply)}
        rows={rows.slice(0, limit).map((row) => presentPerson(row, p))}
        page={page}
        hasNext={rows.length > limit}
        query={filter}
        organisations={organisations}
        canManage={peoplePolicy.showManageControls(p)}
        canSeeArchived={peoplePolicy.seeArchived(p)}
        showEmail={peoplePolicy.seeContactDetails(p)}
      />,
    );
  });

  app.get("/people/new", async (request, reply) => {
    requireAllowed(request.ctx.principal, peoplePolicy.manage(request.ctx.principal));
    return formPage(request, reply, { mode: "new", values: {}, errors: {}, status: 200 });
  });

  app.post("/people", async (request, reply) => {
    requireAllowed(request.ctx.principal, peoplePolicy.manage(request.ctx.principal));
    const form = parseForm(personForm, request.body);
    const typed = submittedValues(request.body);
    if (!form.ok) return formPage(request, reply, { mode: "new", values: typed, errors: form.errors, status: 422 });
    const { version: _ignored, ...input } = form.value;
    try {
      const row = await people.create(request.ctx, { ...input, isExample: false });
      return reply.seeOther(`/people/${row.id}`, `${row.name} has been added`);
    } catch (err) {
      // The organisation was archived (or tampered with) after the form was drawn.
      if (err instanceof ValidationFailed) return formPage(request, reply, { mode: "new", values: typed, errors: err.fields ?? {}, status: 422 });
      throw err;
    }
  });

  app.get("/people/:id", { schema: { params: idParams } }, async (request, reply) => {
    const row = await people.get(request.ctx, request.params.id);
    const [memberships, history] = await Promise.all([people.memberships(request.ctx, row.id), people.history(request.ctx, row.id)]);
    const p = request.ctx.principal;
    return reply.page(
      <PersonPage
        ctx={viewContext(request, reply)}
        person={presentPerson(row, p)}
        memberships={memberships}
        canManage={peoplePolicy.showManageControls(p)}
        showContactDetails={peoplePolicy.seeContactDetails(p)}
        history={history}
      />,
    );
  });

  app.get("/people/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, peoplePolicy.manage(request.ctx.principal));
    const row = await people.get(request.ctx, request.params.id);
    return formPage(request, reply, {
      mode: "edit",
      id: row.id,
      values: personFormValues(presentPerson(row, request.ctx.principal)),
      errors: {},
      status: 200,
      person: row,
    });
  });

  app.post("/people/:id", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, peoplePolicy.manage(request.ctx.principal));
    const id = request.params.id;
    const form = parseForm(personForm, request.body);
    const typed = submittedValues(request.body);
    if (!form.ok || !form.value.version) {
      const person = await people.get(request.ctx, id);
      const errors = form.ok ? { _form: "Reload the page and try again" } : form.errors;
      return formPage(request, reply, { mode: "edit", id, values: typed, errors, status: 422, person });
    }
    const { version, ...input } = form.value;
    try {
      const row = await people.update(request.ctx, id, version, input);
      return reply.seeOther(`/people/${row.id}`, "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) {
        const person = await people.get(request.ctx, id);
        return formPage(request, reply, { mode: "edit", id, values: typed, errors: err.fields ?? {}, status: 422, person });
      }
      if (!(err instanceof Conflict)) throw err;
      // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
      const current = err.current as PersonRecord;
      return formPage(request, reply, {
        mode: "edit",
        id,
        values: { ...typed, version: String(current.version) },
        errors: { _form: "Someone else changed this person while you were editing" },
        status: 409,
        conflict: current,
      });
    }
  });

  for (const action of ["archive", "restore"] as const) {
    app.post(`/people/:id/${action}`, { schema: { params: idParams } }, async (request, reply) => {
      requireAllowed(request.ctx.principal, peoplePolicy.manage(request.ctx.principal));
      const parsed = versionForm.safeParse(request.body);
      if (!parsed.success) throw new ValidationFailed({ version: "Reload the page and try again" });
      try {
        const row = await people.setArchived(request.ctx, request.params.id, parsed.data.version, action === "archive");
        return reply.seeOther(`/people/${row.id}`, action === "archive" ? `${row.name} has been archived` : `${row.name} has been restored`);
      } catch (err) {
        if (err instanceof Conflict) return reply.seeOther(`/people/${request.params.id}`, "Someone else changed this person; check the details and try again");
        throw err;
      }
    });
  }
};
