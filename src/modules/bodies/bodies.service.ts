import type { Database } from "../../platform/db/client.ts";
import { auditSnapshot, recordAudit } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { BadRequest, Forbidden, NotFound, ValidationFailed } from "../../platform/http/errors.ts";
import {
  bodiesRepository,
  type BodiesRepository,
  type BodyFilter,
  type BodyTreeRow,
  type BodyWithRelations,
  type MembershipView,
} from "./bodies.repository.ts";
import { bodiesPolicy } from "./bodies.policy.ts";
import {
  MEMBERSHIP_ROLE_LABELS,
  type BodyInput,
  type MembershipChangeRoleInput,
  type MembershipEndInput,
  type MembershipInput,
  type RatifyInput,
  type TermsOfReferenceChanges,
  type TermsOfReferenceInput,
} from "./bodies.schema.ts";
import type { BodyRow, MembershipRow, TermsOfReferenceRow } from "./bodies.tables.ts";
import { quorumRuleOf, type QuorumRule } from "./quorum.ts";

export const BODY = "body";
export const MEMBERSHIP = "membership";
export const TERMS_OF_REFERENCE = "terms_of_reference";

const BODY_NOT_FOUND = "Body not found";
const MEMBERSHIP_NOT_FOUND = "Membership not found";
const TERMS_NOT_FOUND = "Terms of reference not found";

const londonDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** Today's date in England as YYYY-MM-DD: membership and ratification dates are English calendar days. */
export function todayInLondon(now: Date = new Date()): string {
  return londonDate.format(now);
}

/** The calendar date `days` after (or before) an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const spell = (isoDate: string) => longDate.format(new Date(`${isoDate}T00:00:00Z`));

/** A body in a nested sub-body tree. */
export interface BodyTreeNode extends BodyTreeRow {
  children: BodyTreeNode[];
}

/** Nests the rows of a descendants query under their parents, keeping each level's order. */
export function buildTree(rootId: string, rows: readonly BodyTreeRow[]): BodyTreeNode[] {
  const nodes = new Map<string, BodyTreeNode>();
  for (const r of rows) nodes.set(r.id, { ...r, children: [] });
  const roots: BodyTreeNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    if (r.parentBodyId === rootId) roots.push(node);
    else nodes.get(r.parentBodyId)?.children.push(node);
  }
  return roots;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refused because of the record's state, not its version: e.g. editing ratified terms of reference. */
function stateConflict(message: string, code: string): BadRequest {
  return new BadRequest(message, code, 409);
}

/** Governance bodies, their structure, memberships and terms of reference, with an audit trail. */
export function bodiesService(deps: { db: Database; today?: () => string }) {
  const repo = bodiesRepository(deps.db);
  const today = deps.today ?? (() => todayInLondon());

  /** The body if this viewer may see it; 404 otherwise, so hidden bodies are indistinguishable from missing ones. */
  async function get(ctx: RequestContext, id: string): Promise<BodyRow> {
    const row = await repo.find(ctx.partnership.id, id);
    if (!row || !bodiesPolicy.view(ctx.principal, row)) throw new NotFound(BODY_NOT_FOUND);
    return row;
  }

  /** The body named by its id or its readable slug (e.g. "programme-board"), if this viewer may see it; 404 otherwise. */
  async function resolve(ctx: RequestContext, idOrSlug: string): Promise<BodyRow> {
    if (UUID.test(idOrSlug)) return get(ctx, idOrSlug);
    const row = await repo.findBySlug(ctx.partnership.id, idOrSlug);
    if (!row || !bodiesPolicy.view(ctx.principal, row)) throw new NotFound(BODY_NOT_FOUND);
    return row;
  }

  /** Refuses anyone but the board office and admins (the HTTP layer asks anonymous callers to sign in). */
  function requireManager(ctx: RequestContext): void {
    if (!bodiesPolicy.manage(ctx.principal)) throw new Forbidden();
  }

  /** Checks a proposed parent: a current body of this partnership that is neither the body nor below it. */
  async function checkParent(r: BodiesRepository, ctx: RequestContext, bodyId: string | null, parentBodyId: string): Promise<void> {
    const parent = await r.find(ctx.partnership.id, parentBodyId);
    if (!parent) throw new ValidationFailed({ parentBodyId: "Select a parent body from the list" });
    if (parent.archivedAt) throw new ValidationFailed({ parentBodyId: `${parent.name} is archived; select a current body` });
    if (bodyId && (await r.isSelfOrDescendant(ctx.partnership.id, bodyId, parentBodyId))) {
      throw new ValidationFailed({
        parentBodyId: parentBodyId === bodyId ? "A body cannot be its own parent" : `${parent.name} reports to this body, so it cannot also be its parent`,
      });
    }
  }

  async function requireCurrentBody(r: BodiesRepository, ctx: RequestContext, bodyId: string, doing: string): Promise<BodyRow> {
    const body = await r.find(ctx.partnership.id, bodyId);
    if (!body) throw new NotFound(BODY_NOT_FOUND);
    if (body.archivedAt) throw stateConflict(`${body.name} is archived; restore it before ${doing}`, "body_archived");
    return body;
  }

  /** Text or a document: terms of reference must say where they are written down. */
  function checkHasContent(values: { text: string; documentUrl: string | null }): void {
    if (!values.text.trim() && !values.documentUrl) throw new ValidationFailed({ text: "Enter the text of the terms of reference, or a link to the document" });
  }

  async function checkVersionLabel(r: BodiesRepository, ctx: RequestContext, bodyId: string, label: string, exceptId?: string): Promise<void> {
    if (await r.versionLabelTaken(ctx.partnership.id, bodyId, label, exceptId)) {
      throw new ValidationFailed({ versionLabel: `Version ${label} already exists for this body; give this draft a different label` });
    }
  }

  /** Re-reads a membership just written, with its person, inside the same transaction. */
  async function withPerson(r: BodiesRepository, ctx: RequestContext, row: MembershipRow): Promise<MembershipView> {
    const view = await r.findMembership(ctx.partnership.id, row.bodyId, row.id);
    if (!view) throw new NotFound(MEMBERSHIP_NOT_FOUND);
    return view;
  }

  /** A membership of a body the viewer may see; 404 when either is missing or the membership belongs to another body. */
  async function visibleMembership(ctx: RequestContext, bodyId: string, membershipId: string): Promise<MembershipView> {
    await get(ctx, bodyId);
    const row = await repo.findMembership(ctx.partnership.id, bodyId, membershipId);
    if (!row) throw new NotFound(MEMBERSHIP_NOT_FOUND);
    return row;
  }

  return {
    get,
    today,

    /** Current bodies at the top of the structure, for the home page. */
    resolve,

    listTopLevel: (ctx: RequestContext) => repo.listTopLevel(ctx.partnership.id),

    /** A page of bodies (limit + 1 rows); the public only ever sees current ones, whatever it asks for. */
    async list(ctx: RequestContext, filter: BodyFilter, page: number, limit: number): Promise<BodyWithRelations[]> {
      const insider = bodiesPolicy.seeArchived(ctx.principal);
      const status = insider ? filter.status : "current";
      return repo.list(ctx.partnership.id, { ...filter, status }, page, limit, insider);
    },

    /** Current bodies for pickers on forms. */
    listForPicker: (ctx: RequestContext) => repo.listForPicker(ctx.partnership.id),

    /**
     * Bodies that may become a body's parent: current ones other than the body and anything below it.
     * Its present parent is kept even if archived, so saving the form never drops it unnoticed.
     */
    async parentChoices(ctx: RequestContext, body?: BodyRow) {
      const pid = ctx.partnership.id;
      const [all, below] = await Promise.all([repo.listForPicker(pid, true), body ? repo.descendants(pid, body.id, true) : Promise.resolve([])]);
      const excluded = new Set<string>(below.map((b) => b.id));
      if (body) excluded.add(body.id);
      return all.filter((b) => !excluded.has(b.id) && (b.archivedAt === null || b.id === body?.parentBodyId));
    },

    /** The id and name of a body the viewer may see, or null (for links to ratifying bodies and the like). */
    async findVisibleName(ctx: RequestContext, id: string): Promise<{ id: string; name: string } | null> {
      const row = await repo.find(ctx.partnership.id, id);
      return row && bodiesPolicy.view(ctx.principal, row) ? { id: row.id, name: row.name } : null;
    },

    /** A body with its parent's name and the ids of the bodies that report directly to it. */
    async getWithRelations(ctx: RequestContext, id: string): Promise<BodyWithRelations> {
      const insider = bodiesPolicy.seeArchived(ctx.principal);
      const row = await repo.findWithRelations(ctx.partnership.id, id, insider);
      if (!row || !bodiesPolicy.view(ctx.principal, row)) throw new NotFound(BODY_NOT_FOUND);
      return row;
    },

    /**
     * Everything the body page shows: the chain of bodies above it, the tree of all sub-bodies
     * (one recursive query), current and past members, and the versions of its terms of reference.
     */
    async getOverview(ctx: RequestContext, id: string) {
      const body = await get(ctx, id);
      const pid = ctx.partnership.id;
      const insider = bodiesPolicy.seeArchived(ctx.principal);
      const on = today();
      const [ancestors, descendants, current, past, terms] = await Promise.all([
        repo.ancestors(pid, id),
        repo.descendants(pid, id, insider),
        repo.listMemberships(pid, id, "current", on, 1, 500),
        repo.listMemberships(pid, id, "past", on, 1, 500),
        repo.listTermsOfReference(pid, id, bodiesPolicy.seeDrafts(ctx.principal), 1, 100),
      ]);
      // Above an archived body the public sees no further: the chain stops where it would reveal one.
      const visibleAncestors: typeof ancestors = [];
      for (const a of ancestors) {
        if (a.archived && !insider) break;
        visibleAncestors.push(a);
      }
      const ratified = terms.find((t) => t.status === "ratified");
      const ratifyingBodyIds = [...new Set(terms.map((t) => t.ratifiedByBodyId).filter((v): v is string => v !== null))];
      const bodyNames = ratifyingBodyIds.length > 0 ? new Map((await repo.listForPicker(pid, true)).map((b) => [b.id, b.name])) : new Map<string, string>();
      return {
        body,
        ancestors: visibleAncestors.reverse(),
        tree: buildTree(id, descendants),
        currentMembers: current.slice(0, 500),
        pastMembers: past.slice(0, 500),
        termsOfReference: terms.slice(0, 100),
        ratified: ratified ?? null,
        bodyNames,
        today: on,
      };
    },

    /** Adds a body; its parent must be a current body of this partnership. */
    async create(ctx: RequestContext, input: BodyInput): Promise<BodyRow> {
      requireManager(ctx);
      return deps.db.transaction(async (tx) => {
        const r = bodiesRepository(tx);
        if (input.parentBodyId) {
          await r.lockStructure(ctx.partnership.id);
          await checkParent(r, ctx, null, input.parentBodyId);
        }
        return auditedCreate(tx, ctx, BODY, await r.insert({ ...input, partnershipId: ctx.partnership.id }));
      });
    },

    /** Changes a body; a new parent must not be the body itself or any body below it. */
    async update(ctx: RequestContext, id: string, version: number, input: Partial<BodyInput>): Promise<BodyRow> {
      requireManager(ctx);
      return deps.db.transaction(async (tx) => {
        const r = bodiesRepository(tx);
        return auditedUpdate(tx, ctx, {
          recordType: BODY,
          notFound: BODY_NOT_FOUND,
          find: () => r.find(ctx.partnership.id, id),
          write: async (before) => {
            if (input.parentBodyId !== undefined && input.parentBodyId !== null && input.parentBodyId !== before.parentBodyId) {
              await r.lockStructure(ctx.partnership.id);
              await checkParent(r, ctx, id, input.parentBodyId);
            }
            return r.update(ctx.partnership.id, id, version, input);
          },
        });
      });
    },

    /**
     * Archives (or restores) a body: it leaves lists but keeps its links and history. A body with
     * current sub-bodies cannot be archived, and one under an archived parent cannot be restored,
     * so the public structure never hangs from a body it cannot see.
     */
    async setArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<BodyRow> {
      requireManager(ctx);
      return deps.db.transaction(async (tx) => {
        const r = bodiesRepository(tx);
        await r.lockStructure(ctx.partnership.id);
        return auditedUpdate(tx, ctx, {
          recordType: BODY,
          action: archived ? "archive" : "restore",
          notFound: BODY_NOT_FOUND,
          find: () => r.find(ctx.partnership.id, id),
          write: async (before) => {
            if (before.version === version && archived && (await r.hasCurrentSubBodies(ctx.partnership.id, id))) {
              throw stateConflict(`${before.name} has current sub-bodies; archive them or move them to another body first`, "has_sub_bodies");
            }
            if (before.version === version && !archived && before.parentBodyId) {
              const parent = await r.find(ctx.partnership.id, before.parentBodyId);
              if (parent?.archivedAt)
                throw stateConflict(`${before.name} reports to ${parent.name}, which is archived; restore ${parent.name} first`, "parent_archived");
            }
            return r.update(ctx.partnership.id, id, version, { archivedAt: archived ? new Date() : null });
          },
        });
      });
    },

    /** The audit trail of the body, its memberships and terms of reference, for those allowed to see it. */
    async history(ctx: RequestContext, id: string) {
      if (!bodiesPolicy.viewHistory(ctx.principal)) return null;
      const [events, names] = await Promise.all([repo.history(ctx.partnership.id, id), repo.listForPicker(ctx.partnership.id, true)]);
      return { events, bodyNames: new Map(names.map((b) => [b.id, b.name])) };
    },

    // -- Memberships

    /** Current people for the member picker. */
    listPeopleForPicker: (ctx: RequestContext) => repo.listPeopleForPicker(ctx.partnership.id),

    /** Representation categories already in use, offered as checkboxes on membership forms. */
    knownCategories: (ctx: RequestContext) => repo.knownCategories(ctx.partnership.id),

    /** A page of a body's memberships (limit + 1 rows): current (not ended today), past, or all. */
    async listMemberships(ctx: RequestContext, bodyId: string, current: boolean | undefined, page: number, limit: number): Promise<MembershipView[]> {
      await get(ctx, bodyId);
      const status = current === undefined ? "all" : current ? "current" : "past";
      return repo.listMemberships(ctx.partnership.id, bodyId, status, today(), page, limit);
    },

    getMembership: visibleMembership,

    /** The members of a body on a date, with what quorum needs to know about each (for meetings). */
    async membersOn(ctx: RequestContext, bodyId: string, date: string): Promise<MembershipView[]> {
      await get(ctx, bodyId);
      const rows = await repo.listMemberships(ctx.partnership.id, bodyId, "current", date, 1, 1000);
      return rows.filter((m) => m.startsOn <= date);
    },

    /** Gives a person of this partnership a seat on the body; someone already sitting on it must change role instead. */
    async addMember(ctx: RequestContext, bodyId: string, input: MembershipInput): Promise<MembershipView> {
      requireManager(ctx);
      return deps.db.transaction(async (tx) => {
        const r = bodiesRepository(tx);
        const pid = ctx.partnership.id;
        await r.lockBody(pid, bodyId, "memberships");
        await requireCurrentBody(r, ctx, bodyId, "adding members");
        const person = await r.findPerson(pid, input.personId);
        if (!person || person.archivedAt) throw new ValidationFailed({ personId: "Select a person from the list" });
        const overlapping = await r.findOverlappingMembership(pid, bodyId, person.id, input.startsOn);
        if (overlapping) {
          throw new ValidationFailed({
            personId: `${person.name} is already a member of this body (${MEMBERSHIP_ROLE_LABELS[overlapping.role].toLowerCase()} from ${spell(overlapping.startsOn)}${
              overlapping.endsOn ? ` to ${spell(overlapping.endsOn)}` : ""
            }); change their role instead`,
          });
        }
        const row = await auditedCreate(tx, ctx, MEMBERSHIP, await r.insertMembership({ ...input, bodyId, partnershipId: pid }));
        return withPerson(r, ctx, row);
      });
    },

    /** Ends a membership on a date (its last day) with the reason; the record is kept as history. */
    async endMembership(ctx: RequestContext, bodyId: string, membershipId: string, input: MembershipEndInput): Promise<MembershipView> {
      requireManager(ctx);
      return deps.db.transaction(async (tx) => {
        const r = bodiesRepository(tx);
        const pid = ctx.partnership.id;
        await r.lockBody(pid, bodyId, "memberships");
        const row = await auditedUpdate(tx, ctx, {
          recordType: MEMBERSHIP,
          action: "end",
          notFound: MEMBERSHIP_NOT_FOUND,
          find: () => r.findMembershipRow(pid, bodyId, membershipId),
          write: async (before) => {
            if (before.version !== input.version) return undefined;
            if (before.endsOn) throw stateConflict(`This membership already ended on ${spell(before.endsOn)}`, "membership_ended");
            if (input.endsOn < before.startsOn)
              throw new ValidationFailed({ endsOn: `The end date must be on or after the start date, ${spell(before.startsOn)}` });
            return r.endMembership(pid, bodyId, membershipId, input.version, input.endsOn, input.reason);
          },
        });
        return withPerson(r, ctx, row);
      });
    },

    /**
     * Changes a member's role without rewriting history: in one transaction the current membership
     * ends the day before the new role starts, and a new membership begins.
     */
    async changeRole(
      ctx: RequestContext,
      bodyId: string,
      membershipId: string,
      input: MembershipChangeRoleInput,
    ): Promise<{ ended: MembershipView; started: MembershipView }> {
      requireManager(ctx);
      return deps.db.transaction(async (tx) => {
        const r = bodiesRepository(tx);
        const pid = ctx.partnership.id;
        await r.lockBody(pid, bodyId, "memberships");
        await requireCurrentBody(r, ctx, bodyId, "changing its members");
        const ended = await auditedUpdate(tx, ctx, {
          recordType: MEMBERSHIP,
          action: "end",
          notFound: MEMBERSHIP_NOT_FOUND,
          find: () => r.findMembershipRow(pid, bodyId, membershipId),
          write: async (before) => {
            if (before.version !== input.version) return undefined;
            if (before.endsOn) throw stateConflict(`This membership already ended on ${spell(before.endsOn)}`, "membership_ended");
            if (input.startsOn <= before.startsOn) {
              throw new ValidationFailed({ startsOn: `The new role must start after the current one started, on ${spell(before.startsOn)}` });
            }
            const other = await r.findOverlappingMembership(pid, bodyId, before.personId, input.startsOn, membershipId);
            if (other) throw new ValidationFailed({ startsOn: `This person already has another seat on this body from ${spell(other.startsOn)}` });
            return r.endMembership(
              pid,
              bodyId,
              membershipId,
              input.version,
              addDays(input.startsOn, -1),
              `Changed role to ${MEMBERSHIP_ROLE_LABELS[input.role].toLowerCase()}`,
            );
          },
        });
        const { version: _version, ...seat } = input;
        const started = await auditedCreate(tx, ctx, MEMBERSHIP, await r.insertMembership({ ...seat, personId: ended.personId, bodyId, partnershipId: pid }));
        return { ended: await withPerson(r, ctx, ended), started: await withPerson(r, ctx, started) };
      });
    },

    // -- Terms of reference

    /** A page of a body's versions (limit + 1 rows), newest first; drafts only for insiders. */
    async listTermsOfReference(ctx: RequestContext, bodyId: string, page: number, limit: number): Promise<TermsOfReferenceRow[]> {
      await get(ctx, bodyId);
      return repo.listTermsOfReference(ctx.partnership.id, bodyId, bodiesPolicy.seeDrafts(ctx.principal), page, limit);
    },

    /** One version; drafts are 404 to those who may not see them. */
    async getTermsOfReference(ctx: RequestContext, bodyId: string, termsId: string): Promise<TermsOfReferenceRow> {
      await get(ctx, bodyId);
      const row = await repo.findTermsOfReference(ctx.partnership.id, bodyId, termsId);
      if (!row || !bodiesPolicy.viewTermsOfReference(ctx.principal, row)) throw new NotFound(TERMS_NOT_FOUND);
      return row;
    },

    /** The version in force now, if the body has one. */
    async getRatified(ctx: RequestContext, bodyId: string): Promise<TermsOfReferenceRow | null> {
      await get(ctx, bodyId);
      return (await repo.findRatified(ctx.partnership.id, bodyId)) ?? null;
    },

    /** A draft for its editing or ratification forms; 409 once it has been ratified. */
    async getDraft(ctx: RequestContext, bodyId: string, termsId: string): Promise<TermsOfReferenceRow> {
      requireManager(ctx);
      await get(ctx, bodyId);
      const row = await repo.findTermsOfReference(ctx.partnership.id, bodyId, termsId);
      if (!row) throw new NotFound(TERMS_NOT_FOUND);
      if (row.status !== "draft")
        throw stateConflict(`Version ${row.versionLabel} has been ${row.status}; its text cannot change. Add a new draft version instead.`, "not_draft");
      return row;
    },

    /** The ratified terms in force on a date and their quorum rule, or null if none was (for meetings). */
    async quorumRuleInForce(ctx: RequestContext, bodyId: string, date: string): Promise<{ termsOfReference: TermsOfReferenceRow; rule: QuorumRule } | null> {
      await get(ctx, bodyId);
      const terms = await repo.findInForceOn(ctx.partnership.id, bodyId, date);
      return terms ? { termsOfReference: terms, rule: quorumRuleOf(terms) } : null;
    },

    /** Adds a draft version with its quorum rule. */
    async addDraft(ctx: RequestContext, bodyId: string, input: TermsOfReferenceInput): Promise<TermsOfReferenceRow> {
      requireManager(ctx);
      checkHasContent(input);
      return deps.db.transaction(async (tx) => {
        const r = bodiesRepository(tx);
        const pid = ctx.partnership.id;
        await r.lockBody(pid, bodyId, "terms-of-reference");
        await requireCurrentBody(r, ctx, bodyId, "adding terms of reference");
        await checkVersionLabel(r, ctx, bodyId, input.versionLabel);
        const row = await r.insertTermsOfReference({
          partnershipId: pid,
          bodyId,
          versionLabel: input.versionLabel,
          status: "draft",
          text: input.text,
          documentUrl: input.documentUrl,
          quorumMinimumVotingMembers: input.quorum.minimumVotingMembers,
          quorumRepresentation: input.quorum.representation,
        });
        return auditedCreate(tx, ctx, TERMS_OF_REFERENCE, row);
      });
    },

    /** Changes a draft. Ratified and superseded versions are the record of what was agreed and never change. */
    async updateDraft(ctx: RequestContext, bodyId: string, termsId: string, version: number, changes: TermsOfReferenceChanges): Promise<TermsOfReferenceRow> {
      requireManager(ctx);
      return deps.db.transaction(async (tx) => {
        const r = bodiesRepository(tx);
        const pid = ctx.partnership.id;
        await r.lockBody(pid, bodyId, "terms-of-reference");
        return auditedUpdate(tx, ctx, {
          recordType: TERMS_OF_REFERENCE,
          notFound: TERMS_NOT_FOUND,
          find: () => r.findTermsOfReference(pid, bodyId, termsId),
          write: async (before) => {
            if (before.status !== "draft")
              throw stateConflict(
                `Version ${before.versionLabel} has been ${before.status}; its text cannot change. Add a new draft version instead.`,
                "not_draft",
              );
            if (before.version !== version) return undefined;
            checkHasContent({ text: changes.text ?? before.text, documentUrl: changes.documentUrl !== undefined ? changes.documentUrl : before.documentUrl });
            if (changes.versionLabel !== undefined) await checkVersionLabel(r, ctx, bodyId, changes.versionLabel, termsId);
            return r.updateDraft(pid, bodyId, termsId, version, {
              ...(changes.versionLabel !== undefined ? { versionLabel: changes.versionLabel } : {}),
              ...(changes.text !== undefined ? { text: changes.text } : {}),
              ...(changes.documentUrl !== undefined ? { documentUrl: changes.documentUrl } : {}),
              ...(changes.quorum !== undefined
                ? { quorumMinimumVotingMembers: changes.quorum.minimumVotingMembers, quorumRepresentation: changes.quorum.representation }
                : {}),
            });
          },
        });
      });
    },

    /**
     * Records that a named body ratified a draft on a date. In the same transaction the version
     * ratified before it is superseded, so a body has at most one version in force.
     */
    async ratify(ctx: RequestContext, bodyId: string, termsId: string, input: RatifyInput): Promise<TermsOfReferenceRow> {
      requireManager(ctx);
      return deps.db.transaction(async (tx) => {
        const r = bodiesRepository(tx);
        const pid = ctx.partnership.id;
        await r.lockBody(pid, bodyId, "terms-of-reference");
        await requireCurrentBody(r, ctx, bodyId, "ratifying its terms of reference");
        const ratified = await auditedUpdate(tx, ctx, {
          recordType: TERMS_OF_REFERENCE,
          action: "ratify",
          notFound: TERMS_NOT_FOUND,
          find: () => r.findTermsOfReference(pid, bodyId, termsId),
          write: async (before) => {
            if (before.status !== "draft") throw stateConflict(`Version ${before.versionLabel} has already been ${before.status}`, "not_draft");
            if (before.version !== input.version) return undefined;
            const by = await r.find(pid, input.ratifiedByBodyId);
            if (!by || by.archivedAt) throw new ValidationFailed({ ratifiedByBodyId: "Select the body that ratified these terms of reference" });
            if (input.ratifiedOn > today()) throw new ValidationFailed({ ratifiedOn: "The date of ratification must be today or in the past" });
            const inForce = await r.findRatified(pid, bodyId);
            if (inForce?.ratifiedOn && input.ratifiedOn < inForce.ratifiedOn) {
              throw new ValidationFailed({
                ratifiedOn: `The date of ratification must be on or after ${spell(inForce.ratifiedOn)}, when version ${inForce.versionLabel} (in force now) was ratified`,
              });
            }
            return r.updateDraft(pid, bodyId, termsId, input.version, { status: "ratified", ratifiedByBodyId: by.id, ratifiedOn: input.ratifiedOn });
          },
        });
        for (const { before, after } of await r.supersedeRatified(pid, bodyId, termsId)) {
          await recordAudit(tx, {
            partnershipId: pid,
            actor: actorOf(ctx),
            requestId: ctx.requestId,
            recordType: TERMS_OF_REFERENCE,
            recordId: after.id,
            action: "supersede",
            before: auditSnapshot(before),
            after: auditSnapshot(after),
          });
        }
        return ratified;
      });
    },
  };
}

export type BodiesService = ReturnType<typeof bodiesService>;
