import type { Database } from "../../platform/db/client.ts";
import { auditSnapshot, recordAudit } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { BadRequest, Conflict, Forbidden, NotFound, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import type { BodiesService } from "../bodies/bodies.service.ts";
import type { MembershipView } from "../bodies/bodies.repository.ts";
import { describeQuorumRule, evaluateQuorum, type QuorumEvaluation, type QuorumRule } from "../bodies/quorum.ts";
import { toLondon, formatLondonDate } from "../../platform/time.ts";
import { attendanceRepository, type AttendanceRepository, type AttendanceRow, type AttendanceView } from "./attendance.repository.ts";
import { attendancePolicy } from "./attendance.policy.ts";
import { presentForQuorum, type Seat } from "./attendance.quorum.ts";
import { MEMBER_STATUSES, type AttendanceChange, type AttendanceInput, type MemberEntry } from "./attendance.schema.ts";
import type { MeetingItemRef, MeetingRef, MeetingsPort } from "./meetings-port.ts";

export const ATTENDANCE = "attendance";
const NOT_FOUND = "Attendance record not found";

/** Whether a meeting (or one item of it) was quorate, and if not why not: the bodies module's evaluation. */
export type QuorumResult = QuorumEvaluation;

/** The contract other modules rely on: quorum overall and per visible agenda item. */
export interface MeetingQuorum {
  /** Null when the body had no ratified terms of reference in force on the meeting date. */
  overall: QuorumResult | null;
  /** Recalculated for each item without those who left it; empty when `overall` is null. */
  perItem: Map<string, QuorumResult>;
}

/** What a conflict on the members' attendance form reports: whose records changed since the form was read. */
export interface StaleMembers {
  personIds: string[];
}

/** The part of the interests service attendance consumes (wired when that module registers). */
export interface PeopleWhoLeftSource {
  peopleWhoLeft(ctx: RequestContext, meetingId: string): Promise<Map<string, Set<string>>>;
}

/** Refused because of the meeting's state, not a version: cancelled meetings, approved minutes. */
function stateConflict(message: string, code: string): BadRequest {
  return new BadRequest(message, code, 409);
}

/** The calendar day of a meeting in England, the day memberships and terms of reference are read on. */
export function meetingDate(meeting: Pick<MeetingRef, "startsAt">): string {
  return toLondon(meeting.startsAt).date;
}

const seatOf = (m: MembershipView): Seat => ({ personId: m.personId, voting: m.voting, categories: m.categories, organisationKind: m.organisationKind });

/** Meeting attendance: members present, apologies, absences, deputies and others in attendance, and the quorum they make. */
export function attendanceService(deps: { db: Database; bodies: BodiesService; meetings: MeetingsPort; interests?: PeopleWhoLeftSource | undefined }) {
  const repo = attendanceRepository(deps.db);
  const { bodies, meetings } = deps;

  /** The meeting if the viewer may see its attendance; 404 otherwise, so it does not leak. */
  async function visibleMeeting(ctx: RequestContext, meetingId: string): Promise<MeetingRef> {
    const meeting = await meetings.get(ctx, meetingId);
    if (!attendancePolicy.view(ctx.principal, meeting)) throw new NotFound("Attendance not found");
    return meeting;
  }

  function requireRecorder(ctx: RequestContext): void {
    if (!attendancePolicy.record(ctx.principal)) throw new Forbidden();
  }

  /** Attendance can change until the minutes that record it are approved; never for a cancelled meeting. */
  function requireOpen(meeting: MeetingRef): void {
    if (meeting.status === "cancelled") throw stateConflict("This meeting was cancelled; no attendance can be recorded for it", "meeting_cancelled");
    if (meeting.minutesStatus === "approved")
      throw stateConflict("The minutes of this meeting have been approved, so its attendance can no longer change", "minutes_approved");
  }

  async function quorumOf(
    ctx: RequestContext,
    meeting: MeetingRef,
    records: readonly AttendanceView[],
    seats: readonly Seat[],
    rule: QuorumRule | null,
    items: readonly MeetingItemRef[],
  ): Promise<MeetingQuorum> {
    if (!rule) return { overall: null, perItem: new Map() };
    const facts = records.map((r) => ({
      personId: r.personId,
      status: r.status,
      deputyForPersonId: r.deputyForPersonId,
      organisationKind: r.organisationKind,
    }));
    const overall = evaluateQuorum(rule, presentForQuorum(facts, seats));
    const left = deps.interests ? await deps.interests.peopleWhoLeft(ctx, meeting.id) : new Map<string, Set<string>>();
    const perItem = new Map<string, QuorumResult>();
    for (const item of items) {
      const gone = left.get(item.id);
      perItem.set(item.id, gone && gone.size > 0 ? evaluateQuorum(rule, presentForQuorum(facts, seats, gone)) : overall);
    }
    return { overall, perItem };
  }

  /** Everything the attendance page and the minutes need, read once. */
  async function overview(ctx: RequestContext, meetingId: string) {
    const meeting = await visibleMeeting(ctx, meetingId);
    const date = meetingDate(meeting);
    const [records, members, inForce, items] = await Promise.all([
      repo.listForMeeting(ctx.partnership.id, meeting.id),
      bodies.membersOn(ctx, meeting.bodyId, date),
      bodies.quorumRuleInForce(ctx, meeting.bodyId, date),
      meetings.listItems(ctx, meeting.id),
    ]);
    const quorum = await quorumOf(ctx, meeting, records, members.map(seatOf), inForce?.rule ?? null, items);
    return {
      meeting,
      date,
      members,
      records,
      items,
      quorum,
      rule: inForce ? { termsOfReference: inForce.termsOfReference, description: describeQuorumRule(inForce.rule) } : null,
    };
  }

  /**
   * Checks one person's proposed record against the body's members on the meeting date and the
   * other records: members are present, apologies or absent; others are in attendance or deputies;
   * a deputy stands in for one member who is not present, and each member has at most one deputy.
   */
  async function check(
    r: AttendanceRepository,
    ctx: RequestContext,
    meeting: MeetingRef,
    members: readonly MembershipView[],
    records: readonly Pick<AttendanceRow, "personId" | "status" | "deputyForPersonId">[],
    personId: string,
    input: { status: AttendanceInput["status"]; deputyForPersonId: string | null },
    fieldOf: (f: "personId" | "status" | "deputyForPersonId") => string = (f) => f,
  ): Promise<void> {
    const person = await r.findPerson(ctx.partnership.id, personId);
    if (!person || person.archivedAt) throw new ValidationFailed({ [fieldOf("personId")]: "Select a person from the list" });
    const memberNames = new Map(members.map((m) => [m.personId, m.personName]));
    const date = formatLondonDate(meeting.startsAt);
    const errors: FieldErrors = {};
    if (memberNames.has(personId)) {
      if (!(MEMBER_STATUSES as readonly string[]).includes(input.status)) {
        errors[fieldOf("status")] = `${person.name} is a member of ${meeting.body.name}; record them as present, apologies or absent`;
      }
    } else if (input.status !== "in_attendance" && input.status !== "deputy") {
      errors[fieldOf("status")] = `${person.name} is not a member of ${meeting.body.name} on ${date}; record them as in attendance or as a deputy`;
    }
    const others = records.filter((x) => x.personId !== personId);
    if (input.status === "deputy") {
      const forId = input.deputyForPersonId;
      const forName = forId ? memberNames.get(forId) : undefined;
      if (!forId || !forName) errors[fieldOf("deputyForPersonId")] = `Select the member of ${meeting.body.name} they stand in for`;
      else if (others.some((x) => x.personId === forId && x.status === "present"))
        errors[fieldOf("deputyForPersonId")] = `${forName} is recorded as present, so no one can stand in for them`;
      else if (others.some((x) => x.status === "deputy" && x.deputyForPersonId === forId))
        errors[fieldOf("deputyForPersonId")] = `Someone else is already recorded as deputy for ${forName}`;
    } else if (input.deputyForPersonId) {
      errors[fieldOf("deputyForPersonId")] = "Only a deputy stands in for a member";
    }
    if (input.status === "present" && others.some((x) => x.status === "deputy" && x.deputyForPersonId === personId)) {
      errors[fieldOf("status")] = `A deputy is recorded for ${person.name}; remove the deputy before recording ${person.name} as present`;
    }
    if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
  }

  /** Starts a write: the recorder's check, the meeting's state, a lock on its attendance, and what is recorded now. */
  async function beginWrite(r: AttendanceRepository, ctx: RequestContext, meetingId: string) {
    requireRecorder(ctx);
    const meeting = await meetings.get(ctx, meetingId);
    requireOpen(meeting);
    await r.lockMeeting(ctx.partnership.id, meeting.id);
    const [members, records] = await Promise.all([
      bodies.membersOn(ctx, meeting.bodyId, meetingDate(meeting)),
      r.listForMeeting(ctx.partnership.id, meeting.id),
    ]);
    return { meeting, members, records };
  }

  async function auditRemoval(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], ctx: RequestContext, row: AttendanceRow): Promise<void> {
    await recordAudit(tx, {
      partnershipId: ctx.partnership.id,
      actor: actorOf(ctx),
      requestId: ctx.requestId,
      recordType: ATTENDANCE,
      recordId: row.id,
      action: "delete",
      before: auditSnapshot(row),
    });
  }

  /** Re-throws a stale write with the newer record named, as pages and the API show it. */
  async function resolvingConflict<T>(ctx: RequestContext, meetingId: string, personId: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (err instanceof Conflict && err.current)
        throw new Conflict(err.message, (await repo.findView(ctx.partnership.id, meetingId, personId)) ?? err.current);
      throw err;
    }
  }

  return {
    overview,

    /** Everyone recorded for the meeting (present, deputies, in attendance, apologies, absent). */
    async listForMeeting(ctx: RequestContext, meetingId: string): Promise<AttendanceView[]> {
      const meeting = await visibleMeeting(ctx, meetingId);
      return repo.listForMeeting(ctx.partnership.id, meeting.id);
    },

    /** One person's record; 404 when there is none or the viewer may not see the meeting's attendance. */
    async get(ctx: RequestContext, meetingId: string, personId: string): Promise<AttendanceView> {
      const meeting = await visibleMeeting(ctx, meetingId);
      const row = await repo.findView(ctx.partnership.id, meeting.id, personId);
      if (!row) throw new NotFound(NOT_FOUND);
      return row;
    },

    /**
     * Quorum from the ratified terms of reference in force on the meeting date: overall, and for
     * each agenda item the viewer may see, without the people who left that item.
     */
    async quorumForMeeting(ctx: RequestContext, meetingId: string): Promise<MeetingQuorum> {
      return (await overview(ctx, meetingId)).quorum;
    },

    /** Current people, for the deputy and in-attendance pickers. */
    peopleChoices: (ctx: RequestContext) => bodies.listPeopleForPicker(ctx),

    /** Records one person's attendance; 409 (with their record) if they have already been recorded. */
    async record(ctx: RequestContext, meetingId: string, input: AttendanceInput): Promise<AttendanceView> {
      return deps.db.transaction(async (tx) => {
        const r = attendanceRepository(tx);
        const { meeting, members, records } = await beginWrite(r, ctx, meetingId);
        const existing = records.find((x) => x.personId === input.personId);
        if (existing) throw new Conflict(`${existing.personName} has already been recorded for this meeting`, existing);
        await check(r, ctx, meeting, members, records, input.personId, input);
        const row = await r.insert({ partnershipId: ctx.partnership.id, meetingId: meeting.id, ...input });
        if (!row) throw new Conflict("Someone else recorded this person first");
        await auditedCreate(tx, ctx, ATTENDANCE, row);
        return (await r.findView(ctx.partnership.id, meeting.id, row.personId))!;
      });
    },

    /**
     * Records or changes one person's record (PUT): a change names the version it read and is
     * refused as stale if the record changed since; a first record names no version.
     */
    async update(ctx: RequestContext, meetingId: string, personId: string, version: number | undefined, input: AttendanceChange): Promise<AttendanceView> {
      return resolvingConflict(ctx, meetingId, personId, () =>
        deps.db.transaction(async (tx) => {
          const r = attendanceRepository(tx);
          const { meeting, members, records } = await beginWrite(r, ctx, meetingId);
          const existing = records.find((x) => x.personId === personId);
          if (!existing) {
            if (version !== undefined) throw new Conflict("This record has been removed since you read it");
            await check(r, ctx, meeting, members, records, personId, input);
            const row = await r.insert({ partnershipId: ctx.partnership.id, meetingId: meeting.id, personId, ...input });
            if (!row) throw new Conflict("Someone else recorded this person first");
            await auditedCreate(tx, ctx, ATTENDANCE, row);
          } else {
            await auditedUpdate(tx, ctx, {
              recordType: ATTENDANCE,
              notFound: NOT_FOUND,
              find: () => r.find(ctx.partnership.id, meeting.id, personId),
              write: async (before) => {
                if (before.version !== version) return undefined;
                await check(r, ctx, meeting, members, records, personId, input);
                return r.update(ctx.partnership.id, meeting.id, personId, version, input);
              },
            });
          }
          return (await r.findView(ctx.partnership.id, meeting.id, personId))!;
        }),
      );
    },

    /**
     * Removes one person's record (recorded by mistake), if it is still the version the writer
     * read; null when there was none (already removed), so a repeated request changes nothing.
     */
    async remove(ctx: RequestContext, meetingId: string, personId: string, version: number): Promise<AttendanceRow | null> {
      return deps.db.transaction(async (tx) => {
        const r = attendanceRepository(tx);
        const { meeting, records } = await beginWrite(r, ctx, meetingId);
        const before = records.find((x) => x.personId === personId);
        if (!before) return null;
        const removed = await r.remove(ctx.partnership.id, meeting.id, personId, version);
        if (!removed) throw new Conflict(undefined, before);
        await auditRemoval(tx, ctx, removed);
        return removed;
      });
    },

    /**
     * Saves the one attendance form for all members, in one transaction. A member whose record
     * changed since the form was read, and whose line would change it again, is a conflict: nothing
     * is saved and the newer records are reported (Conflict.current is the list of them).
     */
    async recordMembers(ctx: RequestContext, meetingId: string, entries: readonly MemberEntry[]): Promise<{ changed: number }> {
      return deps.db.transaction(async (tx) => {
        const r = attendanceRepository(tx);
        const { meeting, members, records } = await beginWrite(r, ctx, meetingId);
        const memberIds = new Set(members.map((m) => m.personId));
        const current = new Map(records.map((x) => [x.personId, x]));
        const changes = entries.filter((e) => memberIds.has(e.personId) && (current.get(e.personId)?.status ?? null) !== e.status);
        const stale = changes.filter((e) => (current.get(e.personId)?.version ?? 0) !== e.version).map((e) => e.personId);
        if (stale.length > 0) {
          const names = stale.map((id) => members.find((m) => m.personId === id)?.personName ?? "a member");
          throw new Conflict(`Someone else changed the attendance of ${names.join(", ")} while you were editing it`, {
            personIds: stale,
          } satisfies StaleMembers);
        }
        // Check each line against the records as they will be after the whole form is saved.
        const after: Pick<AttendanceRow, "personId" | "status" | "deputyForPersonId">[] = records.filter(
          (x) => !changes.some((c) => c.personId === x.personId),
        );
        for (const e of changes) if (e.status) after.push({ personId: e.personId, status: e.status, deputyForPersonId: null });
        const errors: FieldErrors = {};
        for (const e of changes) {
          if (!e.status) continue;
          try {
            await check(r, ctx, meeting, members, after, e.personId, { status: e.status, deputyForPersonId: null }, () => `status-${e.personId}`);
          } catch (err) {
            if (err instanceof ValidationFailed) Object.assign(errors, err.fields);
            else throw err;
          }
        }
        if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
        for (const e of changes) {
          const now = current.get(e.personId);
          if (!e.status) {
            const removed = now ? await r.remove(ctx.partnership.id, meeting.id, e.personId, e.version) : undefined;
            if (now && !removed) throw new Conflict(undefined, { personIds: [e.personId] } satisfies StaleMembers);
            if (removed) await auditRemoval(tx, ctx, removed);
          } else if (now) {
            await auditedUpdate(tx, ctx, {
              recordType: ATTENDANCE,
              notFound: NOT_FOUND,
              find: () => r.find(ctx.partnership.id, meeting.id, e.personId),
              write: () => r.update(ctx.partnership.id, meeting.id, e.personId, e.version, { status: e.status!, deputyForPersonId: null, note: now.note }),
            });
          } else {
            const row = await r.insert({ partnershipId: ctx.partnership.id, meetingId: meeting.id, personId: e.personId, status: e.status });
            if (!row)
              throw new Conflict("Someone else recorded attendance for this meeting while you were editing it", {
                personIds: [e.personId],
              } satisfies StaleMembers);
            await auditedCreate(tx, ctx, ATTENDANCE, row);
          }
        }
        return { changed: changes.length };
      });
    },
  };
}

export type AttendanceService = ReturnType<typeof attendanceService>;
