import type { Database } from "../../platform/db/client.ts";
import { listHistory, type HistoryEntry } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { Conflict, Forbidden, NotFound, ValidationFailed } from "../../platform/http/errors.ts";
import type { OrganisationsService } from "../organisations/organisations.service.ts";
import { peopleRepository, type PersonFilter, type PersonMembership } from "./people.repository.ts";
import { peoplePolicy } from "./people.policy.ts";
import type { PersonInput, PersonPatch } from "./people.schema.ts";
import type { PersonRow } from "./people.tables.ts";

export const PERSON = "person";

/** The organisation a person comes from, as far as the viewer may see it. */
export interface OrganisationRef {
  id: string;
  name: string;
  archived: boolean;
}

/** A person with their organisation resolved for the viewer; presenters decide what else is shown. */
export type PersonRecord = PersonRow & { organisation: OrganisationRef | null };

const ORGANISATION_NOT_CURRENT = "Select one of the partnership's current organisations";

/** Today's calendar date in England as YYYY-MM-DD, to tell current memberships from past ones. */
function todayInEngland(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The partnership's directory of people: list, view, create, edit, archive, with an audit trail. */
export function peopleService(deps: { db: Database; organisations: OrganisationsService }) {
  const repo = peopleRepository(deps.db);
  const { organisations } = deps;

  /** One organisation as the viewer may see it; null when it is hidden from them (archived, for the public). */
  async function organisationRef(ctx: RequestContext, id: string | null): Promise<OrganisationRef | null> {
    if (id === null) return null;
    try {
      const org = await organisations.get(ctx, id);
      return { id: org.id, name: org.name, archived: org.archivedAt !== null };
    } catch (err) {
      if (err instanceof NotFound) return null;
      throw err;
    }
  }

  async function withOrganisation(ctx: RequestContext, row: PersonRow): Promise<PersonRecord> {
    return { ...row, organisation: await organisationRef(ctx, row.organisationId) };
  }

  /** Resolves the organisations of a page of people with one query for the current ones, and one each for the rare archived ones. */
  async function withOrganisations(ctx: RequestContext, rows: PersonRow[]): Promise<PersonRecord[]> {
    const ids = new Set(rows.map((r) => r.organisationId).filter((id): id is string => id !== null));
    if (ids.size === 0) return rows.map((r) => ({ ...r, organisation: null }));
    const known = new Map<string, OrganisationRef | null>();
    for (const org of await organisations.listForPicker(ctx)) if (ids.has(org.id)) known.set(org.id, { id: org.id, name: org.name, archived: false });
    for (const id of ids) if (!known.has(id)) known.set(id, await organisationRef(ctx, id));
    return rows.map((r) => ({ ...r, organisation: r.organisationId === null ? null : (known.get(r.organisationId) ?? null) }));
  }

  /** A person may only be linked to a current organisation of this partnership; anything else is a field error, not a 500. */
  async function requireCurrentOrganisation(ctx: RequestContext, organisationId: string): Promise<void> {
    const org = await organisationRef(ctx, organisationId);
    if (!org || org.archived) throw new ValidationFailed({ organisationId: ORGANISATION_NOT_CURRENT });
  }

  /** Re-throws a stale-write conflict with the newer person resolved, so pages and the API can show it. */
  async function resolvingConflict<T>(ctx: RequestContext, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (err instanceof Conflict && err.current) throw new Conflict(err.message, await withOrganisation(ctx, err.current as PersonRow));
      throw err;
    }
  }

  async function findVisible(ctx: RequestContext, id: string): Promise<PersonRow> {
    const row = await repo.find(ctx.partnership.id, id);
    if (!row || !peoplePolicy.view(ctx.principal, row)) throw new NotFound("Person not found");
    return row;
  }

  async function get(ctx: RequestContext, id: string): Promise<PersonRecord> {
    return withOrganisation(ctx, await findVisible(ctx, id));
  }

  return {
    /** One person the viewer may see, with their organisation; 404 otherwise. */
    get,

    /** One page of people (limit + 1 rows, to tell whether there is more); the public only ever sees current people. */
    async list(ctx: RequestContext, filter: PersonFilter, page: number, limit: number): Promise<PersonRecord[]> {
      const status = peoplePolicy.seeArchived(ctx.principal) ? filter.status : "current";
      const rows = await repo.list(ctx.partnership.id, { ...filter, status }, page, limit);
      return withOrganisations(ctx, rows);
    },

    /** The partnership's current organisations, for the organisation picker and filter. */
    organisationChoices: (ctx: RequestContext) => organisations.listForPicker(ctx),

    /** The bodies a person sits on now (including future starts) and sat on before; 404 if the person is hidden from the viewer. */
    async memberships(ctx: RequestContext, personId: string): Promise<{ current: PersonMembership[]; past: PersonMembership[] }> {
      await findVisible(ctx, personId);
      const rows = await repo.listMembershipsOfPerson(ctx.partnership.id, personId, { includeArchivedBodies: peoplePolicy.seeArchivedBodies(ctx.principal) });
      const today = todayInEngland();
      return {
        current: rows.filter((m) => m.endsOn === null || m.endsOn >= today),
        past: rows.filter((m) => m.endsOn !== null && m.endsOn < today),
      };
    },

    /** Adds a person to the directory and records it in the audit trail. */
    async create(ctx: RequestContext, input: PersonInput): Promise<PersonRecord> {
      if (!peoplePolicy.manage(ctx.principal)) throw new Forbidden();
      if (input.organisationId !== null) await requireCurrentOrganisation(ctx, input.organisationId);
      const row = await deps.db.transaction(async (tx) =>
        auditedCreate(tx, ctx, PERSON, await peopleRepository(tx).insert({ ...input, partnershipId: ctx.partnership.id })),
      );
      return withOrganisation(ctx, row);
    },

    /** Changes the fields given if `version` is still current (409 otherwise), and records the change. */
    async update(ctx: RequestContext, id: string, version: number, input: Omit<PersonPatch, "version">): Promise<PersonRecord> {
      if (!peoplePolicy.manage(ctx.principal)) throw new Forbidden();
      // The organisation is checked before the transaction, which must not wait on a second pooled
      // connection. Keeping a link to an organisation archived since is allowed; choosing one is not.
      // A stale writer skips the check and hears about the conflict instead.
      const existing = await repo.find(ctx.partnership.id, id);
      if (!existing) throw new NotFound("Person not found");
      if (existing.version === version && input.organisationId && input.organisationId !== existing.organisationId)
        await requireCurrentOrganisation(ctx, input.organisationId);
      const row = await resolvingConflict(ctx, () =>
        deps.db.transaction(async (tx) => {
          const r = peopleRepository(tx);
          return auditedUpdate(tx, ctx, {
            recordType: PERSON,
            notFound: "Person not found",
            find: () => r.find(ctx.partnership.id, id),
            write: () => r.update(ctx.partnership.id, id, version, input),
          });
        }),
      );
      return withOrganisation(ctx, row);
    },

    /** Archives (or restores) a person: they leave lists and public view but keep their memberships and history. */
    async setArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<PersonRecord> {
      if (!peoplePolicy.manage(ctx.principal)) throw new Forbidden();
      const row = await resolvingConflict(ctx, () =>
        deps.db.transaction(async (tx) => {
          const r = peopleRepository(tx);
          return auditedUpdate(tx, ctx, {
            recordType: PERSON,
            action: archived ? "archive" : "restore",
            notFound: "Person not found",
            find: () => r.find(ctx.partnership.id, id),
            write: () => r.update(ctx.partnership.id, id, version, { archivedAt: archived ? new Date() : null }),
          });
        }),
      );
      return withOrganisation(ctx, row);
    },

    /** The person's audit history for those allowed to read it, organisations named rather than given as ids; null for everyone else. */
    async history(ctx: RequestContext, id: string): Promise<HistoryEntry[] | null> {
      if (!peoplePolicy.viewHistory(ctx.principal)) return null;
      const entries = await listHistory(deps.db, ctx.partnership.id, PERSON, id);
      const organisationIds = new Set<string>();
      for (const e of entries)
        for (const c of e.changes) if (c.field === "organisationId") for (const v of [c.from, c.to]) if (typeof v === "string") organisationIds.add(v);
      const names = new Map<string, string>();
      await Promise.all(
        [...organisationIds].map(async (oid) => {
          const org = await organisationRef(ctx, oid);
          if (org) names.set(oid, org.name);
        }),
      );
      const readable = (field: string, value: unknown): unknown => {
        if (typeof value !== "string") return value;
        if (field === "organisationId") return names.get(value) ?? "An organisation no longer in the directory";
        if (field === "userId") return "Linked to a Quorum account";
        return value;
      };
      return entries.map((e) => ({ ...e, changes: e.changes.map((c) => ({ field: c.field, from: readable(c.field, c.from), to: readable(c.field, c.to) })) }));
    },
  };
}

export type PeopleService = ReturnType<typeof peopleService>;
