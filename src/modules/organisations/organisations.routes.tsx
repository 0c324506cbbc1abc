import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { Conflict, ValidationFailed } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { organisationsPolicy } from "./organisations.policy.ts";
import { organisationForm, organisationListQuery } from "./organisations.schema.ts";
import type { OrganisationRow } from "./organisations.tables.ts";
import { OrganisationFormPage, OrganisationListPage, OrganisationPage, organisationFormValues } from "./organisations.views.tsx";

const versionForm = z.object({ version: z.coerce.number().int().min(1) });

/** Pages for organisations: list, view with history, add, edit, archive and restore. */
export const organisationsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { organisations } = services;

  app.get("/organisations", { schema: { querystring: organisationListQuery } }, async (request, reply) => {
    const { page, limit, ...filter } = request.query;
    const rows = await organisations.list(request.ctx, filter, page, limit);
    const p = request.ctx.principal;
    return reply.page(
      <OrganisationListPage
        ctx={viewContext(request, reply)}
        rows={rows.slice(0, limit)}
        page={page}
        hasNext={rows.length > limit}
        query={filter}
        canManage={organisationsPolicy.showManageControls(p)}
        canSeeArchived={organisationsPolicy.seeArchived(p)}
      />,
    );
  });

  app.get("/organisations/new", async (request, reply) => {
    requireAllowed(request.ctx.principal, organisationsPolicy.manage(request.ctx.principal));
    return reply.page(<OrganisationFormPage ctx={viewContext(request, reply)} mode="new" values={{ active: "yes" }} errors={{}} />);
  });

  app.post("/organisations", async (request, reply) => {
    requireAllowed(request.ctx.principal, organisationsPolicy.manage(request.ctx.principal));
    const form = parseForm(organisationForm, request.body);
    if (!form.ok) return reply.page(<OrganisationFormPage ctx={viewContext(request, reply)} mode="new" values={submittedValues(request.body)} errors={form.errors} />, 422);
    const { version: _ignored, ...input } = form.value;
    const row = await organisations.create(request.ctx, { ...input, isExample: false });
    return reply.seeOther(`/organisations/${row.id}`, `${row.name} has been added`);
  });

  app.get("/organisations/:id", { schema: { params: idParams } }, async (request, reply) => {
    const row = await organisations.get(request.ctx, request.params.id);
    const history = await organisations.history(request.ctx, row.id);
    return reply.page(<OrganisationPage ctx={viewContext(request, reply)} row={row} canManage={organisationsPolicy.showManageControls(request.ctx.principal)} history={history} />);
  });

  app.get("/organisations/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, organisationsPolicy.manage(request.ctx.principal));
    const row = await organisations.get(request.ctx, request.params.id);
    return reply.page(<OrganisationFormPage ctx={viewContext(request, reply)} mode="edit" id={row.id} values={organisationFormValues(row)} errors={{}} />);
  });

  app.post("/organisations/:id", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, organisationsPolicy.manage(request.ctx.principal));
    const id = request.params.id;
    const form = parseForm(organisationForm, request.body);
    const typed = submittedValues(request.body);
    if (!form.ok || !form.value.version) {
      const errors = form.ok ? { _form: "Reload the page and try again" } : form.errors;
      return reply.page(<OrganisationFormPage ctx={viewContext(request, reply)} mode="edit" id={id} values={typed} errors={errors} />, 422);
    }
    const { version, ...input } = form.value;
    try {
      const row = await organisations.update(request.ctx, id, version, input);
      return reply.seeOther(`/organisations/${row.id}`, "Your changes have been saved");
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
      const current = err.current as OrganisationRow;
      return reply.page(
        <OrganisationFormPage
          ctx={viewContext(request, reply)}
          mode="edit"
          id={id}
          values={{ ...typed, version: String(current.version) }}
          errors={{ _form: "Someone else changed this organisation while you were editing it" }}
          conflict={current}
        />,
        409,
      );
    }
  });

  for (const action of ["archive", "restore"] as const) {
    app.post(`/organisations/:id/${action}`, { schema: { params: idParams } }, async (request, reply) => {
      requireAllowed(request.ctx.principal, organisationsPolicy.manage(request.ctx.principal));
      const parsed = versionForm.safeParse(request.body);
      if (!parsed.success) throw new ValidationFailed({ version: "Reload the page and try again" });
      try {
        const row = await organisations.setArchived(request.ctx, request.params.id, parsed.data.version, action === "archive");
        return reply.seeOther(`/organisations/${row.id}`, action === "archive" ? `${row.name} has been archived` : `${row.name} has been restored`);
      } catch (err) {
        if (err instanceof Conflict) return reply.seeOther(`/organisations/${request.params.id}`, "Someone else changed this organisation; check it and try again");
        throw err;
      }
    });
  }
};
