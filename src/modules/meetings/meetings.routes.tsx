import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { isInsider } from "../../platform/auth/principal.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import type { RequestContext } from "../../platform/http/context.ts";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { AppError, Conflict, NotFound, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { ACTION_STATUS_LABELS } from "../actions/actions.schema.ts";
import { DECISION_KIND_LABELS } from "../decisions/decisions.schema.ts";
import { INTEREST_CATEGORY_LABELS } from "../interests/interests.schema.ts";
import { maySeeMinutes } from "./confidentiality.ts";
import { toLondon } from "../../platform/time.ts";
import { meetingsPolicy } from "./meetings.policy.ts";
import { presentHistory } from "./meetings.presenter.ts";
import type { AgendaItemView, MeetingRow, MeetingView } from "./meetings.repository.ts";
import {
  agendaItemForm,
  bodyMeetingsParams,
  cancelForm,
  generateForm,
  itemParams,
  meetingForm,
  meetingPageQuery,
  moveForm,
  newMeetingQuery,
  postponeForm,
  templateItemForm,
  templateItemParams,
  versionForm,
} from "./meetings.schema.ts";
import type { AgendaItem } from "./meetings.service.ts";
import {
  BodyMeetingsPage,
  GeneratePage,
  ItemFormPage,
  ItemPage,
  MeetingFormPage,
  MeetingListPage,
  MeetingPage,
  RemoveItemPage,
  StatusChangePage,
  TemplatePage,
  itemFormValues,
  meetingFormValues,
  type ItemExtras,
  type MeetingTrail,
} from "./meetings.views.tsx";

const RELOAD = "Reload the page and try again";
const STALE_MEETING = "Someone else changed this meeting; check it and try again";

/**
 * Another module's part of the page, or `fallback` when that module hides it from this viewer
 * (it answers 404 for what the viewer may not see, e.g. attendance before the meeting is held).
 */
async function unlessHidden<T>(read: Promise<T>, fallback: T): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof NotFound) return fallback;
    throw err;
  }
}

/** An item's minutes as the meeting page shows them; the minutes module has already left out what the viewer may not read. */
type MinutesText = { discussion?: string; publicSummary: string; outcome: string };

function minutesOf(m: MinutesText | undefined): ItemExtras["minutes"] {
  if (!m || (!m.discussion && !m.publicSummary && !m.outcome)) return null;
  return { discussion: m.discussion || null, publicSummary: m.publicSummary || null, outcome: m.outcome || null };
}

/** A refusal because of a record's state (a cancelled meeting, a held meeting), not its version. */
function isStateConflict(err: unknown): err is AppError {
  return err instanceof AppError && err.status === 409 && !(err instanceof Conflict);
}

/**
 * Pages for meetings: the calendar, a body's meetings with its standard opening items and the
 * generate-a-year form, the meeting page with its agenda and decision trail, scheduling, editing,
 * cancelling, postponing, publishing the agenda, marking held, and the agenda builder. Every form
 * works without JavaScript and keeps what was typed on error.
 */
export const meetingsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { meetings } = services;
  const mayManage = (request: FastifyRequest) => requireAllowed(request.ctx.principal, meetingsPolicy.manage(request.ctx.principal));
  const showControls = (request: FastifyRequest) => meetingsPolicy.showManageControls(request.ctx.principal);

  /**
   * What the other modules of the decision trail add to the meeting page, each filtered for the
   * viewer by its own service (Part II and unpublished material never reach this page for those
   * not entitled).
   */
  /** Matters arising on the meeting page: the soonest due; the body's action log has them all. */
  const MATTERS_ARISING_SHOWN = 50;

  async function trailFor(ctx: RequestContext, meeting: MeetingView, items: readonly AgendaItem[]): Promise<MeetingTrail> {
    const ids = items.map((i) => i.id);
    const showFlags = isInsider(ctx.principal);
    const [papers, flags, quorum, decisions, actions, mattersArising, minutes] = await Promise.all([
      unlessHidden(services.papers.listForItems(ctx, ids), new Map<string, ItemExtras["papers"]>()),
      showFlags ? unlessHidden(services.interests.flagsForMeeting(ctx, meeting.id), []) : Promise.resolve([]),
      unlessHidden(services.attendance.quorumForMeeting(ctx, meeting.id), undefined),
      unlessHidden(services.decisions.listForMeeting(ctx, meeting.id), []),
      unlessHidden(services.actions.listForMeeting(ctx, meeting.id), []),
      // One more than is shown, to know whether to link to the rest.
      unlessHidden(services.actions.openForBody(ctx, meeting.bodyId, meeting.startsAt, { limit: MATTERS_ARISING_SHOWN + 1, brief: true }), []),
      unlessHidden(services.minutes.forMeeting(ctx, meeting.id), new Map<string, MinutesText>()),
    ]);
    const visible = new Set(ids);
    const perItem = new Map<string, ItemExtras>();
    for (const item of items) {
      perItem.set(item.id, {
        papers: papers.get(item.id) ?? [],
        flags: flags
          .filter((f) => f.agendaItemId === item.id)
          .map((f) => ({
            personName: f.personName,
            organisationName: f.organisationName,
            categoryLabel: INTEREST_CATEGORY_LABELS[f.category],
            description: f.description,
          })),
        quorum: quorum?.perItem.get(item.id) ?? null,
        decisions: decisions
          .filter((d) => d.decision.agendaItemId === item.id)
          .map((d) => ({
            id: d.decision.id,
            text: d.decision.text,
            kindLabel: DECISION_KIND_LABELS[d.decision.kind],
            takenWhileInquorate: d.decision.takenWhileInquorate,
          })),
        actions: actions
          .filter((a) => a.agendaItem?.id === item.id && visible.has(item.id))
          .map((a) => ({ id: a.id, description: a.description, ownerName: a.owner.name, dueOn: a.dueOn, statusLabel: ACTION_STATUS_LABELS[a.status] })),
        minutes: minutesOf(minutes.get(item.id)),
      });
    }
    return {
      perItem,
      quorum: quorum ? quorum.overall : undefined,
      mattersArisingMore: mattersArising.length > MATTERS_ARISING_SHOWN,
      mattersArising: mattersArising.slice(0, MATTERS_ARISING_SHOWN).map((a) => ({
        id: a.id,
        description: a.description,
        ownerName: a.owner.name,
        dueOn: a.dueOn,
        statusLabel: ACTION_STATUS_LABELS[a.status],
        overdue: a.overdue,
      })),
      attendanceVisible: quorum !== undefined,
      minutesVisible: maySeeMinutes(ctx.principal, meeting),
      showFlags,
    };
  }

  // -- The calendar

  app.get("/meetings", { schema: { querystring: meetingPageQuery } }, async (request, reply) => {
    const { page, limit, bodyId, when = "upcoming" } = request.query;
    const [rows, bodies] = await Promise.all([meetings.listByWhen(request.ctx, when, bodyId, page, limit), meetings.bodiesForPicker(request.ctx)]);
    // Nothing coming up: show the latest past meetings too, so nobody has to know to switch tabs.
    const recentPast =
      when === "upcoming" && page === 1 && rows.length === 0 ? (await meetings.listByWhen(request.ctx, "past", bodyId, 1, 10)).slice(0, 10) : [];
    return reply.page(
      <MeetingListPage
        ctx={viewContext(request, reply)}
        rows={rows.slice(0, limit)}
        page={page}
        hasNext={rows.length > limit}
        when={when}
        bodyId={bodyId}
        bodies={bodies}
        canManage={showControls(request)}
        recentPast={recentPast}
      />,
    );
  });

  app.get("/bodies/:id/meetings", { schema: { params: bodyMeetingsParams, querystring: meetingPageQuery } }, async (request, reply) => {
    const body = await meetings.visibleBody(request.ctx, request.params.id);
    const { page } = request.query;
    const [upcoming, past, template] = await Promise.all([
      meetings.listByWhen(request.ctx, "upcoming", body.id, 1, 100),
      meetings.listByWhen(request.ctx, "past", body.id, page, 25),
      meetings.listTemplate(request.ctx, body.id),
    ]);
    return reply.page(
      <BodyMeetingsPage
        ctx={viewContext(request, reply)}
        body={body}
        upcoming={upcoming.slice(0, 100)}
        past={past.slice(0, 25)}
        page={page}
        hasNextPast={past.length > 25}
        template={template}
        canManage={showControls(request)}
      />,
    );
  });

  // -- Scheduling and editing a meeting

  async function meetingFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { mode: "new" | "edit"; meeting?: MeetingView; values: Record<string, string>; errors: FieldErrors; conflict?: MeetingRow },
    status = 200,
  ) {
    const bodies = await meetings.bodiesForPicker(request.ctx);
    return reply.page(
      <MeetingFormPage
        ctx={viewContext(request, reply)}
        mode={view.mode}
        {...(view.meeting ? { meeting: view.meeting } : {})}
        values={view.values}
        errors={view.errors}
        bodies={bodies}
        conflict={view.conflict}
      />,
      status,
    );
  }

  app.get("/meetings/new", { schema: { querystring: newMeetingQuery } }, async (request, reply) => {
    mayManage(request);
    return meetingFormPage(request, reply, {
      mode: "new",
      values: { bodyId: request.query.bodyId ?? "", startTime: "10:00", endTime: "12:00", sessions: "public" },
      errors: {},
    });
  });

  app.post("/meetings", async (request, reply) => {
    mayManage(request);
    const typed = submittedValues(request.body);
    const form = parseForm(meetingForm, request.body);
    if (!form.ok) return meetingFormPage(request, reply, { mode: "new", values: typed, errors: form.errors }, 422);
    const { version: _ignored, ...input } = form.value;
    try {
      const row = await meetings.create(request.ctx, input);
      return reply.seeOther(`/meetings/${row.id}`, "The meeting has been scheduled");
    } catch (err) {
      if (err instanceof ValidationFailed) return meetingFormPage(request, reply, { mode: "new", values: typed, errors: err.fields ?? {} }, 422);
      throw err;
    }
  });

  app.get("/meetings/:id", { schema: { params: idParams } }, async (request, reply) => {
    const agenda = await meetings.agenda(request.ctx, request.params.id);
    const [trail, history] = await Promise.all([trailFor(request.ctx, agenda.meeting, agenda.items), meetings.history(request.ctx, agenda.meeting.id)]);
    const packs = agenda.agendaVisible ? services.boardPacks.linksFor(request.ctx, agenda.meeting, agenda.items) : null;
    return reply.page(
      <MeetingPage
        ctx={viewContext(request, reply)}
        packs={packs}
        meeting={agenda.meeting}
        items={agenda.items}
        agendaVisible={agenda.agendaVisible}
        overrunMinutes={agenda.overrunMinutes}
        trail={trail}
        canManage={showControls(request)}
        history={history ? presentHistory(history) : null}
      />,
    );
  });

  app.get("/meetings/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const meeting = await meetings.get(request.ctx, request.params.id);
    return meetingFormPage(request, reply, { mode: "edit", meeting, values: meetingFormValues(meeting), errors: {} });
  });

  app.post("/meetings/:id", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const meeting = await meetings.get(request.ctx, request.params.id);
    const typed = { ...submittedValues(request.body), bodyId: meeting.bodyId };
    const form = parseForm(meetingForm, { ...(request.body as object), bodyId: meeting.bodyId });
    if (!form.ok || !form.value.version) {
      return meetingFormPage(request, reply, { mode: "edit", meeting, values: typed, errors: form.ok ? { _form: RELOAD } : form.errors }, 422);
    }
    const { version, bodyId: _same, date, ...rest } = form.value;
    try {
      await meetings.update(request.ctx, meeting.id, version, { ...rest, date });
      return reply.seeOther(`/meetings/${meeting.id}`, "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return meetingFormPage(request, reply, { mode: "edit", meeting, values: typed, errors: err.fields ?? {} }, 422);
      if (isStateConflict(err)) return reply.seeOther(`/meetings/${meeting.id}`, err.message);
      if (!(err instanceof Conflict)) throw err;
      const current = err.current as MeetingRow;
      return meetingFormPage(
        request,
        reply,
        {
          mode: "edit",
          meeting,
          values: { ...typed, version: String(current.version) },
          errors: { _form: "Someone else changed this meeting while you were editing it" },
          conflict: current,
        },
        409,
      );
    }
  });

  // -- Cancel, postpone, publish the agenda, mark held

  for (const kind of ["cancel", "postpone"] as const) {
    app.get(`/meetings/:id/${kind}`, { schema: { params: idParams } }, async (request, reply) => {
      mayManage(request);
      const meeting = await meetings.get(request.ctx, request.params.id);
      return reply.page(
        <StatusChangePage ctx={viewContext(request, reply)} meeting={meeting} kind={kind} values={{ version: String(meeting.version) }} errors={{}} />,
      );
    });

    app.post(`/meetings/:id/${kind}`, { schema: { params: idParams } }, async (request, reply) => {
      mayManage(request);
      const meeting = await meetings.get(request.ctx, request.params.id);
      const typed = submittedValues(request.body);
      const again = (errors: FieldErrors, status: number) =>
        reply.page(<StatusChangePage ctx={viewContext(request, reply)} meeting={meeting} kind={kind} values={typed} errors={errors} />, status);
      try {
        if (kind === "cancel") {
          const form = parseForm(cancelForm, request.body);
          if (!form.ok) return again(form.errors, 422);
          await meetings.cancel(request.ctx, meeting.id, form.value.version, form.value.reason);
          return reply.seeOther(`/meetings/${meeting.id}`, "The meeting has been cancelled");
        }
        const form = parseForm(postponeForm, request.body);
        if (!form.ok) return again(form.errors, 422);
        const row = await meetings.postpone(request.ctx, meeting.id, form.value.version, form.value.reason, form.value.newTime);
        return reply.seeOther(
          `/meetings/${meeting.id}`,
          row.status === "postponed" ? "The meeting has been postponed" : "The meeting has been moved to its new date",
        );
      } catch (err) {
        if (err instanceof ValidationFailed) return again(err.fields ?? {}, 422);
        if (err instanceof Conflict) return reply.seeOther(`/meetings/${meeting.id}`, STALE_MEETING);
        if (isStateConflict(err)) return reply.seeOther(`/meetings/${meeting.id}`, err.message);
        throw err;
      }
    });
  }

  app.post("/meetings/:id/publish-agenda", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const parsed = versionForm.safeParse(request.body);
    if (!parsed.success) throw new ValidationFailed({ version: RELOAD });
    const id = request.params.id;
    try {
      const { warnings } = await meetings.publishAgenda(request.ctx, id, parsed.data.version);
      return reply.seeOther(
        `/meetings/${id}`,
        warnings.length > 0 ? `The agenda has been published. Warning: ${warnings.join(" ")}` : "The agenda has been published",
      );
    } catch (err) {
      if (err instanceof Conflict) return reply.seeOther(`/meetings/${id}`, STALE_MEETING);
      if (isStateConflict(err)) return reply.seeOther(`/meetings/${id}`, err.message);
      throw err;
    }
  });

  app.post("/meetings/:id/held", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const parsed = versionForm.safeParse(request.body);
    if (!parsed.success) throw new ValidationFailed({ version: RELOAD });
    const id = request.params.id;
    try {
      await meetings.markHeld(request.ctx, id, parsed.data.version);
      return reply.seeOther(`/meetings/${id}`, "The meeting has been marked as held");
    } catch (err) {
      if (err instanceof Conflict) return reply.seeOther(`/meetings/${id}`, STALE_MEETING);
      if (isStateConflict(err)) return reply.seeOther(`/meetings/${id}`, err.message);
      throw err;
    }
  });

  app.post("/meetings/:id/standard-items", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const id = request.params.id;
    try {
      const added = await meetings.addStandardItems(request.ctx, id);
      return reply.seeOther(
        `/meetings/${id}`,
        added === 0
          ? "There were no standard opening items to add: set them up on the body's meetings page"
          : `${added} standard opening item${added === 1 ? " has" : "s have"} been added`,
      );
    } catch (err) {
      if (isStateConflict(err)) return reply.seeOther(`/meetings/${id}`, err.message);
      throw err;
    }
  });

  // -- Agenda items

  async function itemFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    meeting: MeetingView,
    view: { mode: "new" | "edit"; itemId?: string; values: Record<string, string>; errors: FieldErrors; conflict?: boolean },
    status = 200,
  ) {
    const [choices, items] = await Promise.all([meetings.itemFormChoices(request.ctx), meetings.listItems(request.ctx, meeting.id)]);
    const parents = items.filter((i) => i.parentItemId === null && i.id !== view.itemId).map((i) => ({ id: i.id, number: i.number, title: i.title }));
    return reply.page(
      <ItemFormPage
        ctx={viewContext(request, reply)}
        meeting={meeting}
        mode={view.mode}
        {...(view.itemId ? { itemId: view.itemId } : {})}
        values={view.values}
        errors={view.errors}
        choices={choices}
        parents={parents}
        conflict={view.conflict ?? false}
      />,
      status,
    );
  }

  app.get("/meetings/:id/items/new", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const meeting = await meetings.get(request.ctx, request.params.id);
    return itemFormPage(request, reply, meeting, { mode: "new", values: { confidentiality: "part_1" }, errors: {} });
  });

  app.post("/meetings/:id/items", { schema: { params: idParams } }, async (request, reply) => {
    mayManage(request);
    const meeting = await meetings.get(request.ctx, request.params.id);
    const typed = submittedValues(request.body);
    const form = parseForm(agendaItemForm, request.body);
    if (!form.ok) return itemFormPage(request, reply, meeting, { mode: "new", values: typed, errors: form.errors }, 422);
    const { version: _ignored, ...input } = form.value;
    try {
      const item = await meetings.addItem(request.ctx, meeting.id, input);
      return reply.seeOther(`/meetings/${meeting.id}#item-${item.id}`, `Item ${item.number} has been added`);
    } catch (err) {
      if (err instanceof ValidationFailed) return itemFormPage(request, reply, meeting, { mode: "new", values: typed, errors: err.fields ?? {} }, 422);
      if (isStateConflict(err)) return reply.seeOther(`/meetings/${meeting.id}`, err.message);
      throw err;
    }
  });

  app.get("/meetings/:id/items/:itemId", { schema: { params: itemParams } }, async (request, reply) => {
    const { meeting, item } = await meetings.getItemOf(request.ctx, request.params.id, request.params.itemId);
    const [names, trail, history, workstreams, deepDive] = await Promise.all([
      meetings.namesOf(request.ctx, item.bodyIds, item.organisationIds),
      trailFor(request.ctx, meeting, [item]),
      meetings.itemHistory(request.ctx, item),
      services.workstreams.forAgendaItems(request.ctx, [item.id]),
      item.kind === "deep_dive" ? services.portfolio.deepDiveFor(request.ctx, item.id) : Promise.resolve(null),
    ]);
    return reply.page(
      <ItemPage
        ctx={viewContext(request, reply)}
        meeting={meeting}
        item={item}
        names={names}
        extras={trail.perItem.get(item.id)}
        showFlags={trail.showFlags}
        canManage={showControls(request)}
        canRemove={meeting.status === "planned" || meeting.status === "agenda_published" || meeting.status === "postponed"}
        history={history ? presentHistory(history) : null}
        workstreams={workstreams.get(item.id) ?? []}
        deepDive={deepDive}
      />,
    );
  });

  app.get("/meetings/:id/items/:itemId/edit", { schema: { params: itemParams } }, async (request, reply) => {
    mayManage(request);
    const { meeting, item } = await meetings.getItemOf(request.ctx, request.params.id, request.params.itemId);
    return itemFormPage(request, reply, meeting, { mode: "edit", itemId: item.id, values: itemFormValues(item), errors: {} });
  });

  app.post("/meetings/:id/items/:itemId", { schema: { params: itemParams } }, async (request, reply) => {
    mayManage(request);
    const { meeting, item } = await meetings.getItemOf(request.ctx, request.params.id, request.params.itemId);
    const typed = submittedValues(request.body);
    const form = parseForm(agendaItemForm, request.body);
    if (!form.ok || !form.value.version) {
      return itemFormPage(request, reply, meeting, { mode: "edit", itemId: item.id, values: typed, errors: form.ok ? { _form: RELOAD } : form.errors }, 422);
    }
    const { version, ...changes } = form.value;
    try {
      await meetings.updateItem(request.ctx, meeting.id, item.id, version, changes);
      return reply.seeOther(`/meetings/${meeting.id}/items/${item.id}`, "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed)
        return itemFormPage(request, reply, meeting, { mode: "edit", itemId: item.id, values: typed, errors: err.fields ?? {} }, 422);
      if (isStateConflict(err)) return reply.seeOther(`/meetings/${meeting.id}`, err.message);
      if (!(err instanceof Conflict)) throw err;
      const current = err.current as AgendaItemView;
      return itemFormPage(
        request,
        reply,
        meeting,
        {
          mode: "edit",
          itemId: item.id,
          values: { ...typed, version: String(current.version) },
          errors: { _form: "Someone else changed this item while you were editing it" },
          conflict: true,
        },
        409,
      );
    }
  });

  app.post("/meetings/:id/items/:itemId/move", { schema: { params: itemParams } }, async (request, reply) => {
    mayManage(request);
    const { id, itemId } = request.params;
    const parsed = moveForm.safeParse(request.body);
    if (!parsed.success) throw new ValidationFailed({ direction: "Choose to move the item up or down" });
    await meetings.moveItem(request.ctx, id, itemId, parsed.data.direction);
    return reply.seeOther(`/meetings/${id}#item-${itemId}`);
  });

  app.get("/meetings/:id/items/:itemId/remove", { schema: { params: itemParams } }, async (request, reply) => {
    mayManage(request);
    const { meeting, item } = await meetings.getItemOf(request.ctx, request.params.id, request.params.itemId);
    const subItems = (await meetings.listItems(request.ctx, meeting.id)).filter((i) => i.parentItemId === item.id).length;
    return reply.page(<RemoveItemPage ctx={viewContext(request, reply)} meeting={meeting} item={item} subItems={subItems} />);
  });

  app.post("/meetings/:id/items/:itemId/remove", { schema: { params: itemParams } }, async (request, reply) => {
    mayManage(request);
    const { meeting, item } = await meetings.getItemOf(request.ctx, request.params.id, request.params.itemId);
    const parsed = versionForm.safeParse(request.body);
    if (!parsed.success) throw new ValidationFailed({ version: RELOAD });
    try {
      await meetings.removeItem(request.ctx, meeting.id, item.id, parsed.data.version);
      return reply.seeOther(`/meetings/${meeting.id}`, `“${item.title}” has been removed from the agenda`);
    } catch (err) {
      if (err instanceof Conflict) return reply.seeOther(`/meetings/${meeting.id}/items/${item.id}`, "Someone else changed this item; check it and try again");
      if (isStateConflict(err)) {
        const subItems = (await meetings.listItems(request.ctx, meeting.id)).filter((i) => i.parentItemId === item.id).length;
        return reply.page(<RemoveItemPage ctx={viewContext(request, reply)} meeting={meeting} item={item} subItems={subItems} error={err.message} />, 409);
      }
      throw err;
    }
  });

  // -- A body's standard opening items

  async function templatePage(request: FastifyRequest, reply: FastifyReply, bodyId: string, values: Record<string, string>, errors: FieldErrors, status = 200) {
    const body = await meetings.visibleBody(request.ctx, bodyId);
    const rows = await meetings.listTemplate(request.ctx, body.id);
    return reply.page(<TemplatePage ctx={viewContext(request, reply)} body={body} rows={rows} values={values} errors={errors} />, status);
  }

  app.get("/bodies/:id/meetings/template", { schema: { params: bodyMeetingsParams } }, async (request, reply) => {
    mayManage(request);
    return templatePage(request, reply, request.params.id, {}, {});
  });

  app.post("/bodies/:id/meetings/template", { schema: { params: bodyMeetingsParams } }, async (request, reply) => {
    mayManage(request);
    const bodyId = request.params.id;
    await meetings.visibleBody(request.ctx, bodyId);
    const typed = submittedValues(request.body);
    const form = parseForm(templateItemForm, request.body);
    if (!form.ok) return templatePage(request, reply, bodyId, typed, form.errors, 422);
    try {
      const row = await meetings.addTemplateItem(request.ctx, bodyId, form.value);
      return reply.seeOther(`/bodies/${bodyId}/meetings/template`, `“${row.title}” has been added`);
    } catch (err) {
      if (err instanceof ValidationFailed) return templatePage(request, reply, bodyId, typed, err.fields ?? {}, 422);
      throw err;
    }
  });

  app.post("/bodies/:id/meetings/template/:templateItemId/move", { schema: { params: templateItemParams } }, async (request, reply) => {
    mayManage(request);
    const parsed = moveForm.safeParse(request.body);
    if (!parsed.success) throw new ValidationFailed({ direction: "Choose to move the item up or down" });
    await meetings.visibleBody(request.ctx, request.params.id);
    const moved = await meetings.moveTemplateItem(request.ctx, request.params.id, request.params.templateItemId, parsed.data.direction);
    return reply.seeOther(`/bodies/${request.params.id}/meetings/template`, moved ? undefined : "That standard item has been removed");
  });

  app.post("/bodies/:id/meetings/template/:templateItemId/remove", { schema: { params: templateItemParams } }, async (request, reply) => {
    mayManage(request);
    await meetings.visibleBody(request.ctx, request.params.id);
    const removed = await meetings.removeTemplateItem(request.ctx, request.params.id, request.params.templateItemId);
    return reply.seeOther(
      `/bodies/${request.params.id}/meetings/template`,
      removed ? "The standard item has been removed" : "That standard item had already been removed",
    );
  });

  // -- Generating a year of meetings: fill in the rule, check the preview, then create

  app.get("/bodies/:id/meetings/generate", { schema: { params: bodyMeetingsParams } }, async (request, reply) => {
    mayManage(request);
    const body = await meetings.visibleBody(request.ctx, request.params.id);
    const next = toLondon(meetings.now()).date.slice(0, 7);
    return reply.page(
      <GeneratePage
        ctx={viewContext(request, reply)}
        body={body}
        values={{ ordinal: "first", weekday: "monday", startTime: "10:00", durationMinutes: "120", fromMonth: next, months: "12", sessions: "public" }}
        errors={{}}
        preview={null}
      />,
    );
  });

  app.post("/bodies/:id/meetings/generate", { schema: { params: bodyMeetingsParams } }, async (request, reply) => {
    mayManage(request);
    const body = await meetings.visibleBody(request.ctx, request.params.id);
    const typed = submittedValues(request.body);
    const again = (errors: FieldErrors, preview: Parameters<typeof GeneratePage>[0]["preview"], status: number) =>
      reply.page(<GeneratePage ctx={viewContext(request, reply)} body={body} values={typed} errors={errors} preview={preview} />, status);
    const form = parseForm(generateForm, request.body);
    if (!form.ok) return again(form.errors, null, 422);
    const confirmed = typed.confirm === "yes";
    try {
      const result = await meetings.generate(request.ctx, { ...form.value, bodyId: body.id, dryRun: !confirmed }, confirmed);
      if (!confirmed) return again({}, result, 200);
      const created = result.meetings.filter((m) => !m.skipped).length;
      const skipped = result.meetings.length - created;
      return reply.seeOther(
        `/bodies/${body.id}/meetings`,
        `${created} meeting${created === 1 ? " has" : "s have"} been scheduled${skipped > 0 ? `; ${skipped} day${skipped === 1 ? " was" : "s were"} skipped because ${body.name} already meets then` : ""}`,
      );
    } catch (err) {
      if (err instanceof ValidationFailed) return again(err.fields ?? {}, null, 422);
      throw err;
    }
  });
};
