import type { HistoryEntry } from "../../platform/audit/audit.ts";
import { diffSnapshots } from "../../platform/audit/audit.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import { ORGANISATION_KIND_LABELS } from "../organisations/organisations.schema.ts";
import type { OrganisationKind } from "../organisations/organisations.tables.ts";
import { bodiesPolicy } from "./bodies.policy.ts";
import type { BodyHistoryEvent, BodyWithRelations, MembershipView } from "./bodies.repository.ts";
import {
  BODY_KIND_LABELS,
  MEMBERSHIP_ROLE_LABELS,
  TERMS_OF_REFERENCE_STATUS_LABELS,
  type BodyOutput,
  type MembershipOutput,
  type TermsOfReferenceOutput,
} from "./bodies.schema.ts";
import type {
  BodyKind,
  BodyRow,
  MembershipRole,
  MembershipRow,
  RepresentationRequirement,
  TermsOfReferenceRow,
  TermsOfReferenceStatus,
} from "./bodies.tables.ts";

/** The API view of a body; nothing in a body the viewer may see is confidential. */
export function presentBody(row: BodyWithRelations): BodyOutput {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind,
    parentBodyId: row.parentBodyId,
    subBodyIds: row.subBodyIds,
    purpose: row.purpose,
    meetsInPublic: row.meetsInPublic,
    establishedOn: row.establishedOn,
    archived: row.archivedAt !== null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The API view of a membership: the member's name, role and dates are public; why they left is
 * shown only to the partnership. `today` decides whether the seat is current.
 */
export function presentMembership(row: MembershipView, viewer: Principal, today: string): MembershipOutput {
  return {
    id: row.id,
    bodyId: row.bodyId,
    person: { id: row.personId, name: row.personName, jobTitle: row.personJobTitle },
    role: row.role,
    voting: row.voting,
    categories: row.categories,
    representing: row.representing,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    endReason: bodiesPolicy.seeEndReasons(viewer) ? row.endReason : null,
    current: row.endsOn === null || row.endsOn >= today,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The newer body a 409 reports, as the API shows bodies (its sub-bodies are not re-read for this). */
export function presentBodyConflict(row: BodyRow): Omit<BodyOutput, "subBodyIds"> {
  const { subBodyIds: _notRead, ...body } = presentBody({ ...row, parentName: null, subBodyIds: [] });
  return body;
}

/** The newer membership a 409 reports, as the API shows memberships but naming the person by id only. */
export function presentMembershipConflict(row: MembershipRow, viewer: Principal, today: string) {
  const { person: _notRead, ...membership } = presentMembership(
    { ...row, personName: "", personJobTitle: null, organisationName: null, organisationKind: null },
    viewer,
    today,
  );
  return { ...membership, personId: row.personId };
}

/** The API view of a version of terms of reference (callers have already hidden drafts from the public). */
export function presentTermsOfReference(row: TermsOfReferenceRow): TermsOfReferenceOutput {
  return {
    id: row.id,
    bodyId: row.bodyId,
    versionLabel: row.versionLabel,
    status: row.status,
    text: row.text,
    documentUrl: row.documentUrl,
    ratifiedByBodyId: row.ratifiedByBodyId,
    ratifiedOn: row.ratifiedOn,
    quorum: { minimumVotingMembers: row.quorumMinimumVotingMembers, representation: row.quorumRepresentation },
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** How a representation requirement reads in the history: its description and who counts. */
export function describeCriterion(requirement: RepresentationRequirement): string {
  const c = requirement.criterion;
  if (c.type === "memberCategory") return `members in the category “${c.category}”`;
  return `members from a ${(ORGANISATION_KIND_LABELS[c.kind as OrganisationKind] ?? c.kind).toLowerCase()}`;
}

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const spell = (v: unknown) => (typeof v === "string" && ISO_DATE.test(v) ? longDate.format(new Date(`${v}T00:00:00Z`)) : v);

type Snapshot = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * Events whose snapshot is best told in one sentence (a seat taken or given up, a version drafted
 * or ratified) rather than as a list of fields changed from nothing.
 */
const EVENT_TITLES: Record<string, Record<string, (e: BodyHistoryEvent, after: Snapshot, bodyName: (v: unknown) => unknown) => string>> = {
  membership: {
    create: (e, a) =>
      `Member added: ${e.personName ?? "a person"} – ${(MEMBERSHIP_ROLE_LABELS[a.role as MembershipRole] ?? str(a.role)).toLowerCase()}, ${a.voting ? "voting" : "not voting"}, from ${String(spell(a.startsOn))}`,
    end: (e, a) => `Membership ended: ${e.personName ?? "a person"} – last day ${String(spell(a.endsOn))}${a.endReason ? ` (${str(a.endReason)})` : ""}`,
  },
  terms_of_reference: {
    create: (e, a) => `Terms of reference ${e.versionLabel ?? str(a.versionLabel)} ${a.status === "draft" ? "drafted" : `recorded as ${str(a.status)}`}`,
    ratify: (e, a, bodyName) =>
      `Terms of reference ${e.versionLabel ?? str(a.versionLabel)} ratified by ${String(bodyName(a.ratifiedByBodyId))} on ${String(spell(a.ratifiedOn))}`,
    supersede: (e, a) => `Terms of reference ${e.versionLabel ?? str(a.versionLabel)} superseded`,
  },
};

/** Field-by-field changes are listed only for edits; one-sentence events say everything in their title. */
const EDIT_TITLES: Record<string, string> = {
  terms_of_reference: "Draft terms of reference changed",
};

// Identifiers and bookkeeping that mean nothing to a reader of the history.
const HIDDEN_FIELDS = new Set(["bodyId", "personId", "archivedAt"]);

/**
 * The audit trail of a body, its memberships and terms of reference as people read it: each
 * event titled by what happened and to whom, ids replaced by names, enum values by labels, dates
 * spelt out, and long text summarised by its length.
 */
export function presentBodyHistory(events: readonly BodyHistoryEvent[], bodyNames: ReadonlyMap<string, string>): HistoryEntry[] {
  const bodyName = (v: unknown) => (typeof v === "string" ? (bodyNames.get(v) ?? "a body that no longer exists") : v);
  const readable = (field: string, value: unknown): unknown => {
    if (value === null || value === undefined) return value;
    switch (field) {
      case "parentBodyId":
      case "ratifiedByBodyId":
        return bodyName(value);
      case "kind":
        return BODY_KIND_LABELS[value as BodyKind] ?? value;
      case "role":
        return MEMBERSHIP_ROLE_LABELS[value as MembershipRole] ?? value;
      case "status":
        return TERMS_OF_REFERENCE_STATUS_LABELS[value as TermsOfReferenceStatus] ?? value;
      case "text":
        return typeof value === "string" && value !== "" ? `${value.length.toLocaleString("en-GB")} characters` : value;
      case "quorumRepresentation":
        return Array.isArray(value)
          ? (value as RepresentationRequirement[]).map((r) => `${r.description} (${r.minimum} or more ${describeCriterion(r)})`)
          : value;
      default:
        return spell(value);
    }
  };
  return events.map((e) => {
    const titled = EVENT_TITLES[e.recordType]?.[e.action];
    if (titled) return { id: e.id, occurredAt: e.occurredAt, actorName: e.actorName, action: titled(e, e.after ?? {}, bodyName), changes: [] };
    // Archiving and restoring are told by the action itself ("Archived"), not by a timestamp.
    const changes = diffSnapshots(e.before ?? null, e.after ?? null)
      .filter((c) => !HIDDEN_FIELDS.has(c.field))
      .map((c) => ({ field: c.field, from: readable(c.field, c.from), to: readable(c.field, c.to) }));
    const action = e.action === "update" && EDIT_TITLES[e.recordType] ? `${EDIT_TITLES[e.recordType]}: version ${e.versionLabel ?? ""}` : e.action;
    return { id: e.id, occurredAt: e.occurredAt, actorName: e.actorName, action, changes };
  });
}
