import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { AppError, Conflict } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { DECISION_KIND_LABELS } from "../decisions/decisions.schema.ts";
import { minutesPolicy } from "./minutes.policy.ts";
import { itemMinutesForm, itemParams } from "./minutes.schema.ts";
import type { ItemMinutesView } from "./minutes.service.ts";
import { MinutesPage, type ItemEdit, type MinutedAction, type MinutedDecision } from "./minutes.views.tsx";

/** A refusal because of the minutes' state (approved, cancelled meeting), not a version. */
function isStateConflict(err: unknown): err is AppError {
  return err instanceof AppError && err.status === 409 && !(err instanceof Conflict);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k) out.set(k, [...(out.get(k) ?? []), row]);
  }
  return out;
}

/**
 * Pages for a meeting's minutes: every item with its minutes (one form per item, each with its
 * own version), the attendance and quorum at the top, and the draft → circulated transitions.
 */
export const minutesRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { minutes, attendance, decisions, actions } = services;
  const mayWrite = (request: FastifyRequest) => requireAllowed(request.ctx.principal, minutesPolicy.write(request.ctx.principal));

  async function page(request: FastifyRequest, reply: FastifyReply, meetingId: string, editing?: ItemEdit, status = 200) {
    const m = await minutes.get(request.ctx, meetingId);
    const [a, decided, arising] = await Promise.all([
      attendance.overview(request.ctx, meetingId),
      decisions.listForMeeting(request.ctx, meetingId),
      actions.listForMeeting(request.ctx, meetingId),
    ]);
    const p = request.ctx.principal;
    return reply.page(
      <MinutesPage
        ctx={viewContext(request, reply)}
        minutes={m}
        attendance={{ records: a.records, quorum: a.quorum, rule: a.rule, items: a.items }}
        decisions={groupBy(
          decided.map((d): MinutedDecision & { itemId: string } => ({
            id: d.decision.id,
            itemId: d.decision.agendaItemId,
            text: d.decision.text,
            kindLabel: DECISION_KIND_LABELS[d.decision.kind],
            takenWhileInquorate: d.decision.takenWhileInquorate,
          })),
          (d) => d.itemId,
        )}
        actions={groupBy(
          arising.map((x): MinutedAction & { itemId: string | null } => ({
            id: x.id,
            itemId: x.agendaItem?.id ?? null,
            description: x.description,
            ownerName: x.owner.name,
            dueOn: x.dueOn,
          })),
          (x) => x.itemId,
        )}
        canWrite={minutesPolicy.showWriteControls(p)}
        showDiscussion={minutesPolicy.readDiscussion(p)}
        editing={editing}
      />,
      status,
    );
  }

  const back = (meetingId: string, itemId?: string) => `/meetings/${meetingId}/minutes${itemId ? `#item-${itemId}` : ""}`;

  app.get("/meetings/:id/minutes", { schema: { params: idParams } }, async (request, reply) => page(request, reply, request.params.id));

  app.post("/meetings/:id/minutes/items/:itemId", { schema: { params: itemParams } }, async (request, reply) => {
    mayWrite(request);
    const { id, itemId } = request.params;
    const typed = submittedValues(request.body);
    const form = parseForm(itemMinutesForm, request.body);
    if (!form.ok) return page(request, reply, id, { itemId, values: typed, errors: form.errors }, 422);
    const { version, ...changes } = form.value;
    try {
      const saved = await minutes.updateItem(request.ctx, id, itemId, version, changes);
      return reply.seeOther(back(id, itemId), `The minutes of item ${saved.item.number} have been saved`);
    } catch (err) {
      if (isStateConflict(err)) return reply.seeOther(back(id), err.message);
      if (!(err instanceof Conflict)) throw err;
      // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
      const current = err.current as ItemMinutesView;
      return page(
        request,
        reply,
        id,
        {
          itemId,
          values: { ...typed, version: String(current.version) },
          errors: { _form: "Someone else saved the minutes of this item while you were editing them" },
          conflict: current,
        },
        409,
      );
    }
  });

  for (const action of ["draft", "circulate"] as const) {
    app.post(`/meetings/:id/minutes/${action}`, { schema: { params: idParams } }, async (request, reply) => {
      mayWrite(request);
      const id = request.params.id;
      try {
        if (action === "draft") await minutes.markDraft(request.ctx, id);
        else await minutes.circulate(request.ctx, id);
        return reply.seeOther(back(id), action === "draft" ? "The minutes are in draft" : "The minutes have been circulated to members");
      } catch (err) {
        if (isStateConflict(err)) return reply.seeOther(back(id), err.message);
        throw err;
      }
    });
  }
};
