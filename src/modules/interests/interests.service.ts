import type { Database } from "../../platform/db/client.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { BadRequest, Conflict, Forbidden, NotFound, ValidationFailed } from "../../platform/http/errors.ts";
import { maySeeItem, maySeePart2 } from "../meetings/confidentiality.ts";
import { inAgendaOrder } from "../meetings/agenda-numbering.ts";
import type { OrganisationsService } from "../organisations/organisations.service.ts";
import type { PeopleService } from "../people/people.service.ts";
import {
  interestsRepository,
  type AgendaItemRef,
  type ConflictFlag,
  type InterestFilter,
  type InterestRow,
  type InterestsRepository,
  type InterestView,
  type MeetingDeclarationRow,
  type MeetingDeclarationView,
  type MeetingRef,
} from "./interests.repository.ts";
import { interestsPolicy } from "./interests.policy.ts";
import type {
  InterestChanges,
  InterestDeclarationInput,
  InterestEndInput,
  InterestInput,
  MeetingDeclarationChanges,
  MeetingDeclarationInput,
} from "./interests.schema.ts";

export const INTEREST = "interest";
export const INTEREST_DECLARATION = "interest_declaration";
export const MEETING_DECLARATION = "meeting_declaration";

const INTEREST_NOT_FOUND = "Interest not found";
const MEETING_NOT_FOUND = "Meeting not found";
const DECLARATION_NOT_FOUND = "Declaration not found";
const ORGANISATION_NOT_CURRENT = "Select one of the partnership's current organisations";

const londonDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const spell = (isoDate: string) => longDate.format(new Date(`${isoDate}T00:00:00Z`));

/** Today's date in England as YYYY-MM-DD. */
export function todayInLondon(now: Date = new Date()): string {
  return londonDate.format(now);
}

/**
 * The last day on which an annual declaration is more than twelve months old: the same day a
 * year earlier (29 February falls back to the 28th). A declaration made after it is in date.
 */
export function annualCutoff(today: string): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m - 1, d));
  if (last.getUTCMonth() !== m - 1) last.setUTCDate(0);
  return last.toISOString().slice(0, 10);
}

/** True when an interest is on the register and current on the date. */
export function isCurrent(row: Pick<InterestRow, "startsOn" | "endsOn" | "archivedAt">, date: string): boolean {
  return row.archivedAt === null && (row.startsOn === null || row.startsOn <= date) && (row.endsOn === null || row.endsOn >= date);
}

/** An agenda item with its number on the agenda ("1", "2", "2.1"). */
export type NumberedItem = AgendaItemRef & { number: string };

/**
 * Numbers agenda items as the agenda shows them (agenda-numbering.ts, as the meetings module
 * does): 1, 2, 2.1 by position. Only the items given are counted, so hidden items leave no gaps.
 */
export function numberItems(items: readonly AgendaItemRef[]): NumberedItem[] {
  return inAgendaOrder(items.map((i) => ({ ...i, durationMinutes: null }))).map(({ item: { durationMinutes: _none, ...item }, number }) => ({
    ...item,
    number,
  }));
}

/** Refused because of the record's state, not its version: e.g. ending an interest that has ended. */
function stateConflict(message: string, code: string): BadRequest {
  return new BadRequest(message, code, 409);
}

function checkDateOrder(startsOn: string | null, endsOn: string | null): void {
  if (startsOn && endsOn && endsOn < startsOn) throw new ValidationFailed({ endsOn: `The end date must be on or after the start date, ${spell(startsOn)}` });
}

/**
 * The register of interests (NHS England's categories, naming the organisation), each person's
 * annual declarations and nil returns, declarations at meetings with the action taken, and the
 * automatic flag when a member's registered interest names an organisation an agenda item concerns.
 */
export function interestsService(deps: { db: Database; people: PeopleService; organisations: OrganisationsService; today?: () => string }) {
  const repo = interestsRepository(deps.db);
  const today = deps.today ?? (() => todayInLondon());

  function requireManager(ctx: RequestContext): void {
    if (!interestsPolicy.manage(ctx.principal)) throw new Forbidden();
  }

  /** The public sees only what the register publishes. */
  const publishedOnly = (ctx: RequestContext) => !interestsPolicy.seeWholeRegister(ctx.principal);

  async function get(ctx: RequestContext, id: string): Promise<InterestView> {
    const row = await repo.findInterest(ctx.partnership.id, id, today(), publishedOnly(ctx));
    if (!row) throw new NotFound(INTEREST_NOT_FOUND);
    return row;
  }

  /** An organisation named by an interest must be a current one of this partnership: otherwise a field error, not a 500. */
  async function requireCurrentOrganisation(ctx: RequestContext, organisationId: string): Promise<void> {
    try {
      const org = await deps.organisations.get(ctx, organisationId);
      if (org.archivedAt) throw new ValidationFailed({ organisationId: ORGANISATION_NOT_CURRENT });
    } catch (err) {
      if (err instanceof NotFound) throw new ValidationFailed({ organisationId: ORGANISATION_NOT_CURRENT });
      throw err;
    }
  }

  /** Re-throws a stale-write conflict with the newer interest and its names, for pages and the API. */
  async function resolvingInterestConflict<T>(ctx: RequestContext, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (err instanceof Conflict && err.current) {
        const current = await repo.findInterest(ctx.partnership.id, (err.current as InterestRow).id, today(), false);
        throw new Conflict(err.message, current ?? err.current);
      }
      throw err;
    }
  }

  async function visibleMeeting(ctx: RequestContext, meetingId: string): Promise<MeetingRef> {
    const meeting = await repo.findMeeting(ctx.partnership.id, meetingId);
    if (!meeting || !interestsPolicy.seeMeeting(ctx.principal, meeting)) throw new NotFound(MEETING_NOT_FOUND);
    return meeting;
  }

  /** A meeting's declarations the viewer may see: none before it is held for the public, Part II only for those entitled. */
  async function visibleDeclarations(ctx: RequestContext, meeting: MeetingRef): Promise<MeetingDeclarationView[]> {
    const rows = await repo.listMeetingDeclarations(ctx.partnership.id, meeting.id, maySeePart2(ctx.principal));
    return rows.filter((d) => interestsPolicy.seeDeclaration(ctx.principal, meeting, d));
  }

  async function checkDeclarationRefs(
    r: InterestsRepository,
    ctx: RequestContext,
    meeting: MeetingRef,
    values: { agendaItemId: string; personId: string; interestId: string | null },
  ): Promise<void> {
    const pid = ctx.partnership.id;
    const [item, person] = await Promise.all([r.findItem(pid, meeting.id, values.agendaItemId), r.findPerson(pid, values.personId)]);
    const errors: Record<string, string> = {};
    if (!item) errors.agendaItemId = "Select an item on this meeting's agenda";
    if (!person) errors.personId = "Select the person declaring the interest from the list";
    if (values.interestId && person) {
      const interest = await r.findInterestRow(pid, values.interestId);
      if (!interest || interest.personId !== person.id) errors.interestId = `Select one of ${person.name}’s registered interests, or none`;
    }
    if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
  }

  async function resolvingDeclarationConflict<T>(ctx: RequestContext, meetingId: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (err instanceof Conflict && err.current) {
        const current = await repo.findMeetingDeclaration(ctx.partnership.id, meetingId, (err.current as MeetingDeclarationRow).id);
        throw new Conflict(err.message, current ?? err.current);
      }
      throw err;
    }
  }

  return {
    today,
    get,

    /** A page of the register (limit + 1 rows); the public sees only what is published, whatever it asks. */
    async list(ctx: RequestContext, filter: Omit<InterestFilter, "publishedOnly">, page: number, limit: number): Promise<InterestView[]> {
      return repo.listInterests(ctx.partnership.id, { ...filter, publishedOnly: publishedOnly(ctx) }, today(), page, limit);
    },

    /** Current people and organisations, for the register's filters and forms. */
    async pickers(ctx: RequestContext) {
      const [people, organisations] = await Promise.all([repo.listPeopleForPicker(ctx.partnership.id), deps.organisations.listForPicker(ctx)]);
      return { people, organisations };
    },

    /** People who sit on a body and have made no annual declaration in the last twelve months (insiders only; [] for others). */
    async overdue(ctx: RequestContext) {
      if (!interestsPolicy.seeAnnualDeclarations(ctx.principal)) return [];
      const on = today();
      return repo.listOverdue(ctx.partnership.id, on, annualCutoff(on));
    },

    /**
     * A person's page of the register: their interests as the viewer may see them and, for the
     * partnership, their annual declarations and whether one is overdue. 404 if the person is hidden.
     */
    async personRegister(ctx: RequestContext, personId: string) {
      const person = await deps.people.get(ctx, personId);
      const pid = ctx.partnership.id;
      const on = today();
      const insider = interestsPolicy.seeAnnualDeclarations(ctx.principal);
      const [interests, declarations, overdue, seated] = await Promise.all([
        repo.listInterests(pid, { personId: person.id, publishedOnly: publishedOnly(ctx) }, on, 1, 500),
        insider ? repo.listDeclarations(pid, person.id) : Promise.resolve(null),
        insider ? repo.listOverdue(pid, on, annualCutoff(on), person.id) : Promise.resolve([]),
        repo.sitsOnABody(pid, person.id, on),
      ]);
      return { person, interests: interests.slice(0, 500), declarations, overdue: overdue.length > 0, sitsOnABody: seated, today: on };
    },

    /** Registers an interest of a person of this partnership. */
    async create(ctx: RequestContext, input: InterestInput): Promise<InterestView> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      const person = await repo.findPerson(pid, input.personId);
      if (!person || person.archivedAt) throw new ValidationFailed({ personId: "Select a current person of the partnership" });
      if (input.organisationId) await requireCurrentOrganisation(ctx, input.organisationId);
      checkDateOrder(input.startsOn, input.endsOn);
      const row = await deps.db.transaction(async (tx) =>
        auditedCreate(tx, ctx, INTEREST, await interestsRepository(tx).insertInterest({ ...input, partnershipId: pid })),
      );
      return (await repo.findInterest(pid, row.id, today(), false))!;
    },

    /** Changes an interest; a new organisation must be a current one. */
    async update(ctx: RequestContext, id: string, version: number, changes: InterestChanges): Promise<InterestView> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      const row = await resolvingInterestConflict(ctx, () =>
        deps.db.transaction(async (tx) => {
          const r = interestsRepository(tx);
          return auditedUpdate(tx, ctx, {
            recordType: INTEREST,
            notFound: INTEREST_NOT_FOUND,
            find: () => r.findInterestRow(pid, id),
            write: async (before) => {
              if (before.version !== version) return undefined;
              if (changes.organisationId && changes.organisationId !== before.organisationId) await requireCurrentOrganisation(ctx, changes.organisationId);
              checkDateOrder(
                changes.startsOn !== undefined ? changes.startsOn : before.startsOn,
                changes.endsOn !== undefined ? changes.endsOn : before.endsOn,
              );
              return r.updateInterest(pid, id, version, changes);
            },
          });
        }),
      );
      return (await repo.findInterest(pid, row.id, today(), false))!;
    },

    /** Ends an interest on a date (its last day); the entry stays on the register as history. */
    async end(ctx: RequestContext, id: string, input: InterestEndInput): Promise<InterestView> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      const row = await resolvingInterestConflict(ctx, () =>
        deps.db.transaction(async (tx) => {
          const r = interestsRepository(tx);
          return auditedUpdate(tx, ctx, {
            recordType: INTEREST,
            action: "end",
            notFound: INTEREST_NOT_FOUND,
            find: () => r.findInterestRow(pid, id),
            write: async (before) => {
              if (before.version !== input.version) return undefined;
              if (before.endsOn && before.endsOn < today()) throw stateConflict(`This interest already ended on ${spell(before.endsOn)}`, "interest_ended");
              checkDateOrder(before.startsOn, input.endsOn);
              return r.updateInterest(pid, id, input.version, { endsOn: input.endsOn });
            },
          });
        }),
      );
      return (await repo.findInterest(pid, row.id, today(), false))!;
    },

    // -- Annual declarations

    /** A person's annual declarations and nil returns, newest first (for the partnership only). */
    async listDeclarations(ctx: RequestContext, personId: string) {
      if (!interestsPolicy.seeAnnualDeclarations(ctx.principal)) throw new Forbidden();
      const person = await deps.people.get(ctx, personId);
      return repo.listDeclarations(ctx.partnership.id, person.id);
    },

    /**
     * Records a person's annual declaration (confirming their register entries) or a nil return.
     * A nil return says the person has no interests, so it is refused while the register shows current ones.
     */
    async recordDeclaration(ctx: RequestContext, personId: string, input: InterestDeclarationInput) {
      requireManager(ctx);
      const person = await deps.people.get(ctx, personId);
      const pid = ctx.partnership.id;
      const on = today();
      if (person.archivedAt) throw stateConflict(`${person.name} is archived; restore them before recording a declaration`, "person_archived");
      if (input.declaredOn > on) throw new ValidationFailed({ declaredOn: "The date of the declaration must be today or in the past" });
      if (input.nilReturn) {
        const current = await repo.listInterests(pid, { personId: person.id, current: true }, input.declaredOn, 1, 1);
        if (current.length > 0) {
          throw new ValidationFailed({
            kind: `${person.name} has current interests on the register on that date; end them first, or record a declaration rather than a nil return`,
          });
        }
      }
      return deps.db.transaction(async (tx) =>
        auditedCreate(tx, ctx, INTEREST_DECLARATION, await interestsRepository(tx).insertDeclaration({ partnershipId: pid, personId: person.id, ...input })),
      );
    },

    // -- Declarations at meetings

    /** The meeting as the declarations page heads it; 404 if hidden. */
    meeting: visibleMeeting,

    /** Declarations made at a meeting, visibility-filtered (contract for the other issue-3 modules). */
    async declarationsForMeeting(ctx: RequestContext, meetingId: string): Promise<MeetingDeclarationView[]> {
      return visibleDeclarations(ctx, await visibleMeeting(ctx, meetingId));
    },

    /** For each item, who left the room (left the discussion or the decision): quorum is recalculated without them. */
    async peopleWhoLeft(ctx: RequestContext, meetingId: string): Promise<Map<string, Set<string>>> {
      const meeting = await visibleMeeting(ctx, meetingId);
      const rows = await repo.listPeopleWhoLeft(ctx.partnership.id, meeting.id, maySeePart2(ctx.principal));
      const left = new Map<string, Set<string>>();
      for (const r of rows) {
        if (!interestsPolicy.seeDeclaration(ctx.principal, meeting, r)) continue;
        let people = left.get(r.agendaItemId);
        if (!people) left.set(r.agendaItemId, (people = new Set()));
        people.add(r.personId);
      }
      return left;
    },

    /**
     * The automatic flag: members of the meeting's body on its date whose current registered
     * interest names an organisation an agenda item concerns. One query. Insiders only ([] for
     * others); Part II items only for those entitled to Part II.
     */
    async flagsForMeeting(ctx: RequestContext, meetingId: string): Promise<ConflictFlag[]> {
      if (!interestsPolicy.seeFlags(ctx.principal)) return [];
      const meeting = await visibleMeeting(ctx, meetingId);
      const rows = await repo.listConflictFlags(ctx.partnership.id, meeting.id, maySeePart2(ctx.principal));
      return rows.map(({ agendaItemId, personId, personName, organisationId, organisationName, category, description }) => ({
        agendaItemId,
        personId,
        personName,
        organisationId,
        organisationName,
        category,
        description,
      }));
    },

    /**
     * Everything the declarations page shows: the meeting, its visible items numbered, the
     * declarations by item, the flags, and for managers the pickers of the add form.
     */
    async meetingOverview(ctx: RequestContext, meetingId: string) {
      const meeting = await visibleMeeting(ctx, meetingId);
      const pid = ctx.partnership.id;
      const part2 = maySeePart2(ctx.principal);
      const [items, declarations, flags] = await Promise.all([
        repo.listItems(pid, meeting.id, part2),
        visibleDeclarations(ctx, meeting),
        interestsPolicy.seeFlags(ctx.principal) ? repo.listConflictFlags(pid, meeting.id, part2) : Promise.resolve([]),
      ]);
      // Numbered among the items the viewer may see, so hidden ones leave no gaps.
      const numbered = numberItems(items.filter((i) => maySeeItem(ctx.principal, meeting, i)));
      return { meeting, items: numbered, declarations, flags };
    },

    /** The people, items and registered interests the add and edit forms offer (managers only). */
    async declarationChoices(ctx: RequestContext, meeting: MeetingRef) {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      let people = await repo.listMeetingPeople(pid, meeting.id, meeting.bodyId, meeting.meetingDate);
      // Where nobody is recorded as attending and the body has no members, anyone may be chosen.
      if (people.length === 0) people = await repo.listPeopleForPicker(pid);
      const interests = await repo.listInterestsOfPeople(
        pid,
        people.map((p) => p.id),
        meeting.meetingDate,
      );
      return { people, interests };
    },

    /** One declaration the viewer may see; 404 otherwise. */
    async getMeetingDeclaration(ctx: RequestContext, meetingId: string, id: string): Promise<MeetingDeclarationView> {
      const meeting = await visibleMeeting(ctx, meetingId);
      const row = await repo.findMeetingDeclaration(ctx.partnership.id, meeting.id, id);
      if (!row || !interestsPolicy.seeDeclaration(ctx.principal, meeting, row)) throw new NotFound(DECLARATION_NOT_FOUND);
      return row;
    },

    /** Records an interest declared at a meeting against one of its items, with the action taken. */
    async createMeetingDeclaration(ctx: RequestContext, meetingId: string, input: MeetingDeclarationInput): Promise<MeetingDeclarationView> {
      requireManager(ctx);
      const meeting = await visibleMeeting(ctx, meetingId);
      const pid = ctx.partnership.id;
      const row = await deps.db.transaction(async (tx) => {
        const r = interestsRepository(tx);
        await checkDeclarationRefs(r, ctx, meeting, input);
        return auditedCreate(tx, ctx, MEETING_DECLARATION, await r.insertMeetingDeclaration({ ...input, partnershipId: pid, meetingId: meeting.id }));
      });
      return (await repo.findMeetingDeclaration(pid, meeting.id, row.id))!;
    },

    /** Changes a declaration made at a meeting. */
    async updateMeetingDeclaration(
      ctx: RequestContext,
      meetingId: string,
      id: string,
      version: number,
      changes: MeetingDeclarationChanges,
    ): Promise<MeetingDeclarationView> {
      requireManager(ctx);
      const meeting = await visibleMeeting(ctx, meetingId);
      const pid = ctx.partnership.id;
      const row = await resolvingDeclarationConflict(ctx, meeting.id, () =>
        deps.db.transaction(async (tx) => {
          const r = interestsRepository(tx);
          return auditedUpdate(tx, ctx, {
            recordType: MEETING_DECLARATION,
            notFound: DECLARATION_NOT_FOUND,
            find: async () => {
              const view = await r.findMeetingDeclaration(pid, meeting.id, id);
              if (!view) return undefined;
              const { personName: _name, confidentiality: _part, ...declaration } = view;
              return declaration;
            },
            write: async (before) => {
              if (before.version !== version) return undefined;
              const next = {
                agendaItemId: changes.agendaItemId ?? before.agendaItemId,
                personId: changes.personId ?? before.personId,
                interestId: changes.interestId !== undefined ? changes.interestId : before.interestId,
              };
              // A new person's declaration cannot stay linked to the previous person's interest.
              if (changes.personId && changes.personId !== before.personId && changes.interestId === undefined) next.interestId = null;
              await checkDeclarationRefs(r, ctx, meeting, next);
              return r.updateMeetingDeclaration(pid, meeting.id, id, version, { ...changes, ...next });
            },
          });
        }),
      );
      return (await repo.findMeetingDeclaration(pid, meeting.id, row.id))!;
    },
  };
}

export type InterestsService = ReturnType<typeof interestsService>;
