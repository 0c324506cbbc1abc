import slugify from "slugify";
import type { Database, Executor } from "../../platform/db/client.ts";
import { listHistory, recordAudit } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { Forbidden, NotFound, ValidationFailed } from "../../platform/http/errors.ts";
import type { DecisionRecord, DecisionsService } from "../decisions/decisions.service.ts";
import type { MeetingsService } from "../meetings/meetings.service.ts";
import type { MeetingView } from "../meetings/meetings.repository.ts";
import type { AgendaItem } from "../meetings/meetings.service.ts";
import type { ActionsService } from "../actions/actions.service.ts";
import type { ActionView } from "../actions/actions.repository.ts";
import type { ActionStatusFilter } from "../actions/actions.schema.ts";
import type { DecisionEffectKind } from "../portfolio/portfolio.tables.ts";
import { assertMayEditWorkstream, maySeeWorkstream, mayEditWorkstream } from "./portfolio-access.ts";
import { workstreamsRepository, type WorkstreamRef, type WorkstreamRow, type WorkstreamView, type WorkstreamsRepository } from "./workstreams.repository.ts";
import { workstreamsPolicy } from "./workstreams.policy.ts";
import type { WorkstreamChanges, WorkstreamInput } from "./workstreams.schema.ts";
import type { WorkstreamStatus } from "./workstreams.tables.ts";

export const WORKSTREAM = "workstream";
const NOT_FOUND = "Workstream not found";
export const SLUG_TAKEN = "Another workstream already uses this address; choose a different one";
/** Addresses that are pages of their own (/workstreams/new). */
const RESERVED_SLUGS = new Set(["new"]);
/** The most meetings whose record one trail reads. */
const TRAIL_MEETINGS = 100;

/** A workstream as the hub page and the API show it. */
export interface WorkstreamDetail {
  workstream: WorkstreamRow;
  sro: { id: string; name: string } | null;
  overseeingBody: { id: string; name: string } | null;
  leads: { personId: string; name: string; roleLabel: string | null }[];
  organisations: { id: string; name: string }[];
  contributions: { objectiveId: string; objectiveTitle: string; level: "none" | "some" | "major"; rationale: string }[];
}

export type WorkstreamListEntry = Pick<WorkstreamRow, "id" | "slug" | "name" | "status" | "published" | "archivedAt"> & {
  sro: { id: string; name: string } | null;
  overseeingBody: { id: string; name: string } | null;
};

export type TrailLink = "decision" | "agenda_item" | "effect";

/** A decision in a workstream's trail, with how it reaches the workstream and what it did. */
export interface TrailDecision {
  record: DecisionRecord;
  linkedBy: TrailLink[];
  effects: { kind: DecisionEffectKind; note: string }[];
}

/** An agenda item that discussed the workstream, with its meeting. */
export interface TrailItem {
  meeting: MeetingView;
  item: AgendaItem;
}

export interface WorkstreamTrail {
  decisions: TrailDecision[];
  items: TrailItem[];
}

export interface WorkstreamsDeps {
  db: Database;
  decisions: Pick<DecisionsService, "listForMeeting" | "getView" | "list">;
  meetings: Pick<MeetingsService, "agenda" | "getItem" | "listByWhen" | "listItems">;
  actions: Pick<ActionsService, "listForWorkstream">;
}

const pgUniqueViolation = (err: unknown) => typeof err === "object" && err !== null && (err as { code?: string }).code === "23505";

/** Workstreams: the programme's units of work, their definition, contributors and links to the decision trail. */
export function workstreamsService(deps: WorkstreamsDeps) {
  const repo = workstreamsRepository(deps.db);
  const visibility = (ctx: RequestContext) => workstreamsPolicy.visibility(ctx.principal);

  function requireGovernor(ctx: RequestContext): void {
    if (!workstreamsPolicy.govern(ctx.principal)) throw new Forbidden();
  }

  /** The workstream if this viewer may see it (by id or slug); 404 otherwise. */
  async function getView(ctx: RequestContext, idOrSlug: string): Promise<WorkstreamView> {
    const row = await repo.find(ctx.partnership.id, idOrSlug);
    if (!row || !maySeeWorkstream(ctx.principal, row)) throw new NotFound(NOT_FOUND);
    return row;
  }

  /** Checks the people, bodies, organisations and objectives named; field errors say what to correct. */
  async function checkReferences(r: WorkstreamsRepository, ctx: RequestContext, v: Partial<WorkstreamInput>) {
    const pid = ctx.partnership.id;
    const errors: Record<string, string> = {};
    if (v.sroPersonId && (await r.countExisting(pid, "people", [v.sroPersonId])) !== 1)
      errors.sroPersonId = "Select the senior responsible owner from the list";
    if (v.overseeingBodyId && (await r.countExisting(pid, "bodies", [v.overseeingBodyId])) !== 1)
      errors.overseeingBodyId = "Select the overseeing body from the list";
    const leadIds = v.leads?.map((l) => l.personId) ?? [];
    if (leadIds.length > 0 && (await r.countExisting(pid, "people", leadIds)) !== leadIds.length) errors.leads = "Select leads from the list of people";
    if (v.organisationIds?.length && (await r.countExisting(pid, "organisations", v.organisationIds)) !== v.organisationIds.length)
      errors.organisationIds = "Select organisations from the list";
    if (v.contributions?.length) {
      const current = new Set((await r.currentObjectives(pid)).map((o) => o.id));
      if (v.contributions.some((c) => !current.has(c.objectiveId))) errors.contributions = "Name only the partnership's current objectives";
    }
    if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
  }

  async function snapshotOf(r: WorkstreamsRepository, ctx: RequestContext, row: WorkstreamRow) {
    return { ...row, ...(await r.linkSnapshot(ctx.partnership.id, row.id)) };
  }

  async function writeLinkAudit(tx: Executor, ctx: RequestContext, workstreamId: string, action: string, after: Record<string, unknown>) {
    await recordAudit(tx, {
      partnershipId: ctx.partnership.id,
      actor: actorOf(ctx),
      requestId: ctx.requestId,
      recordType: WORKSTREAM,
      recordId: workstreamId,
      action,
      after,
    });
  }

  /** A versioned change to the workstream row (and links), audited; 409 on a stale version. */
  async function change(
    ctx: RequestContext,
    id: string,
    version: number,
    action: string,
    values: Partial<WorkstreamRow>,
    links: Partial<WorkstreamInput> = {},
  ) {
    const pid = ctx.partnership.id;
    try {
      return await deps.db.transaction(async (tx) => {
        const r = workstreamsRepository(tx);
        const after = await auditedUpdate(tx, ctx, {
          recordType: WORKSTREAM,
          action,
          notFound: NOT_FOUND,
          find: async () => {
            const row = await r.findRow(pid, id);
            return row ? snapshotOf(r, ctx, row) : undefined;
          },
          write: async () => {
            const row = await r.update(pid, id, version, values);
            if (!row) return undefined;
            await r.replaceLinks(pid, id, links);
            return snapshotOf(r, ctx, row);
          },
        });
        const { leads: _l, organisationIds: _o, contributions: _c, ...row } = after;
        return row;
      });
    } catch (err) {
      if (pgUniqueViolation(err)) throw new ValidationFailed({ slug: SLUG_TAKEN });
      throw err;
    }
  }

  return {
    getView,

    /** The workstreams this viewer may see, in portfolio order; the public sees published ones only. */
    async list(ctx: RequestContext, filter: { status?: WorkstreamStatus | undefined } = {}): Promise<WorkstreamListEntry[]> {
      const rows = await repo.list(ctx.partnership.id, visibility(ctx), filter.status);
      return rows.map((w) => ({
        id: w.id,
        slug: w.slug,
        name: w.name,
        status: w.status,
        published: w.published,
        archivedAt: w.archivedAt,
        sro: w.sro,
        overseeingBody: w.overseeingBody,
      }));
    },

    /** One workstream with its leads, organisations and contribution to each current objective; 404 if not visible. */
    async get(ctx: RequestContext, idOrSlug: string): Promise<WorkstreamDetail> {
      const view = await getView(ctx, idOrSlug);
      const pid = ctx.partnership.id;
      const [leads, organisations, contributions] = await Promise.all([
        repo.leads(pid, view.id),
        repo.organisations(pid, view.id),
        repo.contributions(pid, view.id),
      ]);
      const { sro, overseeingBody, ...workstream } = view;
      return { workstream, sro, overseeingBody, leads, organisations, contributions };
    },

    /** The partnership's current objectives (for the contribution radios). */
    objectives: (ctx: RequestContext) => repo.currentObjectives(ctx.partnership.id),

    /** Whether this viewer may change the workstream's records (plans, risks, links): managers and its contributors. */
    mayEdit: (ctx: RequestContext, workstreamId: string) => mayEditWorkstream(deps.db, ctx, workstreamId),

    /** Creates a workstream (unpublished); the address is made from the name unless given. */
    async create(ctx: RequestContext, input: WorkstreamInput): Promise<WorkstreamRow> {
      requireGovernor(ctx);
      const pid = ctx.partnership.id;
      const slug = input.slug ?? (slugify(input.name, { lower: true, strict: true }).slice(0, 80).replace(/-+$/, "") || "workstream");
      if (RESERVED_SLUGS.has(slug) || (await repo.slugTaken(pid, slug))) throw new ValidationFailed({ slug: SLUG_TAKEN });
      await checkReferences(repo, ctx, input);
      try {
        return await deps.db.transaction(async (tx) => {
          const r = workstreamsRepository(tx);
          const row = await r.insert({
            partnershipId: pid,
            slug,
            name: input.name,
            description: input.description,
            sroPersonId: input.sroPersonId,
            overseeingBodyId: input.overseeingBodyId,
            status: input.status,
            position: await r.nextPosition(pid),
          });
          await r.replaceLinks(pid, row.id, input);
          await auditedCreate(tx, ctx, WORKSTREAM, await snapshotOf(r, ctx, row));
          return row;
        });
      } catch (err) {
        if (pgUniqueViolation(err)) throw new ValidationFailed({ slug: SLUG_TAKEN });
        throw err;
      }
    },

    /** Changes the definition (name, address, SRO, body, status, leads, organisations, contributions, publication). */
    async update(ctx: RequestContext, id: string, version: number, changes: WorkstreamChanges): Promise<WorkstreamRow> {
      requireGovernor(ctx);
      const current = await getView(ctx, id);
      if (changes.slug !== undefined && (RESERVED_SLUGS.has(changes.slug) || (await repo.slugTaken(ctx.partnership.id, changes.slug, current.id))))
        throw new ValidationFailed({ slug: SLUG_TAKEN });
      await checkReferences(repo, ctx, changes);
      const { leads, organisationIds, contributions, ...fields } = changes;
      return change(ctx, current.id, version, "update", fields, { leads, organisationIds, contributions });
    },

    async setPublished(ctx: RequestContext, id: string, version: number, published: boolean): Promise<WorkstreamRow> {
      requireGovernor(ctx);
      const current = await getView(ctx, id);
      return change(ctx, current.id, version, published ? "publish" : "unpublish", { published });
    },

    /** Archives a workstream: it leaves the public portfolio and insiders see it marked archived. */
    async archive(ctx: RequestContext, id: string, version: number): Promise<WorkstreamRow> {
      requireGovernor(ctx);
      const current = await getView(ctx, id);
      return change(ctx, current.id, version, "archive", { archivedAt: new Date() });
    },

    async restore(ctx: RequestContext, id: string, version: number): Promise<WorkstreamRow> {
      requireGovernor(ctx);
      const current = await getView(ctx, id);
      return change(ctx, current.id, version, "restore", { archivedAt: null });
    },

    // -- Contributors

    /** Users assigned to the workstream; only insiders see who they are. */
    async contributors(ctx: RequestContext, id: string) {
      const w = await getView(ctx, id);
      if (!workstreamsPolicy.seeContributors(ctx.principal)) return [];
      return repo.contributors(ctx.partnership.id, w.id);
    },

    async contributorChoices(ctx: RequestContext) {
      requireGovernor(ctx);
      return repo.contributorChoices(ctx.partnership.id);
    },

    /** Assigns a user with the contributor role to the workstream (admins and the programme office). */
    async addContributor(ctx: RequestContext, id: string, userId: string): Promise<void> {
      requireGovernor(ctx);
      const w = await getView(ctx, id);
      if (!(await repo.isContributorUser(ctx.partnership.id, userId)))
        throw new ValidationFailed({ userId: "Select a user with the contributor role in this partnership" });
      await deps.db.transaction(async (tx) => {
        if (await workstreamsRepository(tx).addContributor(ctx.partnership.id, w.id, userId))
          await writeLinkAudit(tx, ctx, w.id, "add_contributor", { userId });
      });
    },

    async removeContributor(ctx: RequestContext, id: string, userId: string): Promise<void> {
      requireGovernor(ctx);
      const w = await getView(ctx, id);
      await deps.db.transaction(async (tx) => {
        if (await workstreamsRepository(tx).removeContributor(ctx.partnership.id, w.id, userId))
          await writeLinkAudit(tx, ctx, w.id, "remove_contributor", { userId });
      });
    },

    // -- Links to the decision trail

    /** Links a decision the editor may see to the workstream (managers and the workstream's contributors). */
    async linkDecision(ctx: RequestContext, id: string, decisionId: string): Promise<void> {
      const w = await getView(ctx, id);
      await assertMayEditWorkstream(deps.db, ctx, w.id);
      await deps.decisions.getView(ctx, decisionId).catch((err: unknown) => {
        if (err instanceof NotFound) throw new ValidationFailed({ decisionId: "Select a decision from the list, or paste the id of a decision" });
        throw err;
      });
      await deps.db.transaction(async (tx) => {
        if (await workstreamsRepository(tx).linkDecision(ctx.partnership.id, w.id, decisionId))
          await writeLinkAudit(tx, ctx, w.id, "link_decision", { decisionId });
      });
    },

    async unlinkDecision(ctx: RequestContext, id: string, decisionId: string): Promise<void> {
      const w = await getView(ctx, id);
      await assertMayEditWorkstream(deps.db, ctx, w.id);
      await deps.decisions.getView(ctx, decisionId);
      await deps.db.transaction(async (tx) => {
        if (await workstreamsRepository(tx).unlinkDecision(ctx.partnership.id, w.id, decisionId))
          await writeLinkAudit(tx, ctx, w.id, "unlink_decision", { decisionId });
      });
    },

    /** Links an agenda item the editor may see (a deep dive, an update) to the workstream. */
    async linkAgendaItem(ctx: RequestContext, id: string, agendaItemId: string): Promise<void> {
      const w = await getView(ctx, id);
      await assertMayEditWorkstream(deps.db, ctx, w.id);
      await deps.meetings.getItem(ctx, agendaItemId).catch((err: unknown) => {
        if (err instanceof NotFound) throw new ValidationFailed({ agendaItemId: "Select an agenda item from the list, or paste the id of an agenda item" });
        throw err;
      });
      await deps.db.transaction(async (tx) => {
        if (await workstreamsRepository(tx).linkAgendaItem(ctx.partnership.id, w.id, agendaItemId))
          await writeLinkAudit(tx, ctx, w.id, "link_agenda_item", { agendaItemId });
      });
    },

    async unlinkAgendaItem(ctx: RequestContext, id: string, agendaItemId: string): Promise<void> {
      const w = await getView(ctx, id);
      await assertMayEditWorkstream(deps.db, ctx, w.id);
      await deps.meetings.getItem(ctx, agendaItemId);
      await deps.db.transaction(async (tx) => {
        if (await workstreamsRepository(tx).unlinkAgendaItem(ctx.partnership.id, w.id, agendaItemId))
          await writeLinkAudit(tx, ctx, w.id, "unlink_agenda_item", { agendaItemId });
      });
    },

    /** Recent decisions of the overseeing body (for the link form's picker), as the viewer may see them. */
    async decisionChoices(ctx: RequestContext, w: Pick<WorkstreamRow, "overseeingBodyId">): Promise<DecisionRecord[]> {
      if (!w.overseeingBodyId) return [];
      return (await deps.decisions.list(ctx, { bodyId: w.overseeingBodyId }, 1, 30)).slice(0, 30);
    },

    /** Items of the overseeing body's recent meetings (for the link form's picker), as the viewer may see them. */
    async agendaItemChoices(ctx: RequestContext, w: Pick<WorkstreamRow, "overseeingBodyId">): Promise<TrailItem[]> {
      if (!w.overseeingBodyId) return [];
      const [past, upcoming] = await Promise.all([
        deps.meetings.listByWhen(ctx, "past", w.overseeingBodyId, 1, 4),
        deps.meetings.listByWhen(ctx, "upcoming", w.overseeingBodyId, 1, 2),
      ]);
      const meetings = [...upcoming.slice(0, 2).reverse(), ...past.slice(0, 4)];
      const agendas = await Promise.all(meetings.map((m) => deps.meetings.listItems(ctx, m.id).catch(() => [] as AgendaItem[])));
      return meetings.flatMap((meeting, i) => (agendas[i] ?? []).map((item) => ({ meeting, item })));
    },

    /**
     * The workstream's trail: decisions linked to it, decisions on agenda items linked to it,
     * decisions that changed its plan, budget, milestones or risks, and the agenda items that
     * discussed it, newest first. Everything drawn from meetings comes through the decisions and
     * meetings services, so Part II (and anything else the viewer may not see) never appears.
     */
    async trail(ctx: RequestContext, idOrSlug: string): Promise<WorkstreamTrail> {
      const w = await getView(ctx, idOrSlug);
      const links = await repo.trailLinks(ctx.partnership.id, w.id);
      const linkedDecisionIds = new Set(links.linkedDecisions.map((l) => l.decisionId));
      const linkedItemIds = new Set(links.items.map((l) => l.agendaItemId));
      const effectsOf = new Map<string, { kind: DecisionEffectKind; note: string }[]>();
      for (const e of links.effects) effectsOf.set(e.decisionId, [...(effectsOf.get(e.decisionId) ?? []), { kind: e.kind, note: e.note }]);
      const meetingIds = [...new Set([...links.linkedDecisions, ...links.effects, ...links.items].map((l) => l.meetingId))].slice(0, TRAIL_MEETINGS);

      const perMeeting = await Promise.all(
        meetingIds.map(async (meetingId) => {
          const [agenda, decisions] = await Promise.all([
            linkedItemIds.size > 0
              ? deps.meetings.agenda(ctx, meetingId).catch((err: unknown) => {
                  if (err instanceof NotFound) return null;
                  throw err;
                })
              : Promise.resolve(null),
            deps.decisions.listForMeeting(ctx, meetingId),
          ]);
          return { agenda, decisions };
        }),
      );

      const decisions: TrailDecision[] = [];
      const items: TrailItem[] = [];
      for (const { agenda, decisions: records } of perMeeting) {
        for (const record of records) {
          const id = record.decision.id;
          const linkedBy: TrailLink[] = [];
          if (linkedDecisionIds.has(id)) linkedBy.push("decision");
          if (linkedItemIds.has(record.decision.agendaItemId)) linkedBy.push("agenda_item");
          if (effectsOf.has(id)) linkedBy.push("effect");
          if (linkedBy.length > 0) decisions.push({ record, linkedBy, effects: effectsOf.get(id) ?? [] });
        }
        if (agenda) for (const item of agenda.items) if (linkedItemIds.has(item.id)) items.push({ meeting: agenda.meeting, item });
      }
      decisions.sort(
        (a, b) =>
          b.record.decision.decidedOn.localeCompare(a.record.decision.decidedOn) ||
          b.record.meeting.startsAt.getTime() - a.record.meeting.startsAt.getTime() ||
          a.record.item.position - b.record.item.position ||
          a.record.decision.position - b.record.decision.position,
      );
      items.sort((a, b) => b.meeting.startsAt.getTime() - a.meeting.startsAt.getTime() || a.item.position - b.item.position);
      return { decisions, items };
    },

    /**
     * A page of the workstream's actions (limit + 1 rows) as this viewer may see them: the
     * workstream is checked first (404 if not visible), then one indexed query in the actions module.
     */
    async actions(
      ctx: RequestContext,
      idOrSlug: string,
      options: { status?: ActionStatusFilter | undefined; page: number; limit: number },
    ): Promise<{ workstream: WorkstreamView; rows: ActionView[] }> {
      const workstream = await getView(ctx, idOrSlug);
      const rows = await deps.actions.listForWorkstream(ctx, workstream.id, options);
      return { workstream, rows };
    },

    /** Visible workstreams linked to each decision (directly or through a recorded effect). */
    async forDecisions(ctx: RequestContext, decisionIds: readonly string[]): Promise<Map<string, WorkstreamRef[]>> {
      return group(await repo.forDecisions(ctx.partnership.id, visibility(ctx), decisionIds));
    },

    /**
     * For each given workstream the viewer may see, the ids of the decisions linked to it (directly,
     * by a recorded effect, or on a linked agenda item), in one query. Ids only: ask the decisions
     * service which the viewer may see (services.decisions.listByIds).
     */
    async decisionIdsFor(ctx: RequestContext, workstreamIds: readonly string[]): Promise<Map<string, string[]>> {
      const map = new Map<string, string[]>();
      for (const r of await repo.decisionLinksFor(ctx.partnership.id, visibility(ctx), workstreamIds))
        map.set(r.workstreamId, [...(map.get(r.workstreamId) ?? []), r.decisionId]);
      return map;
    },

    /** The contributions (level and why) of the given workstreams the viewer may see to each objective, in one query. */
    async contributionsFor(
      ctx: RequestContext,
      workstreamIds: readonly string[],
    ): Promise<{ workstreamId: string; objectiveId: string; level: "none" | "some" | "major"; rationale: string }[]> {
      return repo.contributionsFor(ctx.partnership.id, visibility(ctx), workstreamIds);
    },

    /** Visible workstreams linked to each agenda item. */
    async forAgendaItems(ctx: RequestContext, itemIds: readonly string[]): Promise<Map<string, WorkstreamRef[]>> {
      return group(await repo.forAgendaItems(ctx.partnership.id, visibility(ctx), itemIds));
    },

    /** Who changed the workstream, and how; insiders only. */
    async history(ctx: RequestContext, id: string) {
      if (!workstreamsPolicy.seeContributors(ctx.principal)) return null;
      const w = await getView(ctx, id);
      return listHistory(deps.db, ctx.partnership.id, WORKSTREAM, w.id);
    },
  };
}

function group(rows: { key: string; id: string; slug: string; name: string }[]): Map<string, WorkstreamRef[]> {
  const map = new Map<string, WorkstreamRef[]>();
  for (const r of rows) {
    const list = map.get(r.key) ?? [];
    if (!list.some((w) => w.id === r.id)) list.push({ id: r.id, slug: r.slug, name: r.name });
    map.set(r.key, list);
  }
  return map;
}

export type WorkstreamsService = ReturnType<typeof workstreamsService>;
