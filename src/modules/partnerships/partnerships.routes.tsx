import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { Conflict, NotFound } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { partnershipsPolicy } from "./partnerships.policy.ts";
import { settingsForm } from "./partnerships.schema.ts";
import type { PartnershipRow } from "./partnerships.tables.ts";
import { PartnershipSettingsPage, settingsFormValues } from "./partnerships.views.tsx";

/** The partnership's own settings and objectives, for administrators. */
export const partnershipSettingsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { partnerships } = services;

  app.get("/partnership/settings", async (request, reply) => {
    requireAllowed(request.ctx.principal, partnershipsPolicy.manageSettings(request.ctx.principal));
    // Read afresh rather than from the per-host cache, so the form carries the current version.
    const row = await partnerships.findById(request.ctx.partnership.id);
    if (!row) throw new NotFound("Partnership not found");
    const objectives = await partnerships.listObjectives(request.ctx);
    return reply.page(<PartnershipSettingsPage ctx={viewContext(request, reply)} values={settingsFormValues(row, objectives)} errors={{}} />);
  });

  app.post("/partnership/settings", async (request, reply) => {
    requireAllowed(request.ctx.principal, partnershipsPolicy.manageSettings(request.ctx.principal));
    const typed = submittedValues(request.body);
    const form = parseForm(settingsForm, request.body);
    if (!form.ok) return reply.page(<PartnershipSettingsPage ctx={viewContext(request, reply)} values={typed} errors={form.errors} />, 422);
    try {
      await partnerships.saveSettings(request.ctx, form.value.version, form.value.settings, form.value.objectives);
      return reply.seeOther("/partnership/settings", "The partnership settings have been saved");
    } catch (err) {
      if (!(err instanceof Conflict) || !err.current) throw err;
      // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
      const current = err.current as PartnershipRow;
      return reply.page(
        <PartnershipSettingsPage
          ctx={viewContext(request, reply)}
          values={{ ...typed, version: String(current.version) }}
          errors={{ _form: "Someone else changed the partnership settings while you were editing them" }}
          conflict={current}
        />,
        409,
      );
    }
  });
};
