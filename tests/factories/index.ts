/**
 * One set of factories for tests and the demo partnership: each inserts a realistic record with
 * sensible defaults, overridable field by field, and records its creation in the audit trail.
 */
import { randomUUID } from "node:crypto";
import type { Executor } from "../../src/platform/db/client.ts";
import { auditSnapshot, recordAudit } from "../../src/platform/audit/audit.ts";
import { hashPassword } from "../../src/platform/auth/secrets.ts";
import { partnershipObjectives, partnerships } from "../../src/modules/partnerships/partnerships.tables.ts";
import { organisations } from "../../src/modules/organisations/organisations.tables.ts";
import { people } from "../../src/modules/people/people.tables.ts";
import { bodies, memberships, termsOfReference } from "../../src/modules/bodies/bodies.tables.ts";
import { partnershipUsers, users, type Role } from "../../src/modules/accounts/accounts.tables.ts";
import { agendaItemBodies, agendaItemOrganisations, agendaItemPresenters, agendaItems, meetings } from "../../src/modules/meetings/meetings.tables.ts";
import { attendance } from "../../src/modules/attendance/attendance.tables.ts";
import { itemMinutes } from "../../src/modules/minutes/minutes.tables.ts";
import { paperVersions, papers } from "../../src/modules/papers/papers.tables.ts";
import { interestDeclarations, interests, meetingDeclarations } from "../../src/modules/interests/interests.tables.ts";
import { decisions } from "../../src/modules/decisions/decisions.tables.ts";
import { actionUpdates, actions } from "../../src/modules/actions/actions.tables.ts";
import { forwardPlanEntries } from "../../src/modules/forward-plan/forward-plan.tables.ts";

const SYSTEM = { userId: null, name: "System" } as const;

async function audited<R extends { id: string }>(db: Executor, partnershipId: string, recordType: string, row: R): Promise<R> {
  await recordAudit(db, { partnershipId, actor: SYSTEM, recordType, recordId: row.id, action: "create", after: auditSnapshot(row) });
  return row;
}

const unique = () => randomUUID().slice(0, 8);

export async function createPartnership(db: Executor, overrides: Partial<typeof partnerships.$inferInsert> = {}) {
  const suffix = unique();
  const [row] = await db
    .insert(partnerships)
    .values({ slug: `partnership-${suffix}`, name: `Test Partnership ${suffix}`, shortName: `TP ${suffix}`, ...overrides })
    .returning();
  return row!;
}

/** The three Five Year Forward View gaps every STP works to close. */
export const STP_OBJECTIVES = [
  { title: "Health and wellbeing", description: "Closing the health and wellbeing gap: prevention, healthier lives, fewer inequalities." },
  { title: "Care and quality", description: "Closing the care and quality gap: the right care, in the right place, to a consistent standard." },
  { title: "Finance and efficiency", description: "Closing the finance and efficiency gap: a sustainable system within its budget." },
];

export async function createObjectives(db: Executor, partnershipId: string, objectives = STP_OBJECTIVES) {
  return db
    .insert(partnershipObjectives)
    .values(objectives.map((o, position) => ({ partnershipId, position, ...o })))
    .returning();
}

export async function createOrganisation(db: Executor, partnershipId: string, overrides: Partial<typeof organisations.$inferInsert> = {}) {
  const [row] = await db
    .insert(organisations)
    .values({ partnershipId, name: `Organisation ${unique()}`, kind: "nhs_trust", ...overrides })
    .returning();
  return audited(db, partnershipId, "organisation", row!);
}

export async function createPerson(db: Executor, partnershipId: string, overrides: Partial<typeof people.$inferInsert> = {}) {
  const [row] = await db
    .insert(people)
    .values({ partnershipId, name: `Person ${unique()}`, ...overrides })
    .returning();
  return audited(db, partnershipId, "person", row!);
}

export async function createBody(db: Executor, partnershipId: string, overrides: Partial<typeof bodies.$inferInsert> = {}) {
  const [row] = await db
    .insert(bodies)
    .values({ partnershipId, name: `Board ${unique()}`, kind: "sub_board", ...overrides })
    .returning();
  return audited(db, partnershipId, "body", row!);
}

export async function createMembership(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof memberships.$inferInsert, "bodyId" | "personId"> & Partial<typeof memberships.$inferInsert>,
) {
  const [row] = await db
    .insert(memberships)
    .values({ partnershipId, role: "member", voting: true, startsOn: "2017-04-01", ...values })
    .returning();
  return audited(db, partnershipId, "membership", row!);
}

export async function createTermsOfReference(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof termsOfReference.$inferInsert, "bodyId"> & Partial<typeof termsOfReference.$inferInsert>,
) {
  const [row] = await db
    .insert(termsOfReference)
    .values({ partnershipId, versionLabel: "1.0", quorumMinimumVotingMembers: 3, ...values })
    .returning();
  return audited(db, partnershipId, "terms_of_reference", row!);
}

// Hashing is deliberately slow; tests create many users, so they share one hash per password.
const hashCache = new Map<string, Promise<string>>();

export async function createUser(
  db: Executor,
  partnershipId: string,
  role: Role | null,
  overrides: { email?: string; name?: string; password?: string } = {},
) {
  const password = overrides.password ?? "correct horse battery staple";
  let passwordHash = hashCache.get(password);
  if (!passwordHash) {
    passwordHash = hashPassword(password);
    hashCache.set(password, passwordHash);
  }
  const [user] = await db
    .insert(users)
    .values({ email: overrides.email ?? `user-${unique()}@example.org`, name: overrides.name ?? `User ${unique()}`, passwordHash: await passwordHash, passwordChangedAt: new Date() })
    .returning();
  if (role) await db.insert(partnershipUsers).values({ partnershipId, userId: user!.id, role });
  return { ...user!, password, role };
}

/** A meeting of a body; by default 10:00–12:00 on the given day (UTC instants; the app shows Europe/London). */
export async function createMeeting(db: Executor, partnershipId: string, values: Pick<typeof meetings.$inferInsert, "bodyId"> & Partial<typeof meetings.$inferInsert>) {
  const startsAt = values.startsAt ?? new Date("2018-03-05T10:00:00Z");
  const [row] = await db
    .insert(meetings)
    .values({ partnershipId, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 60 * 60 * 1000), ...values })
    .returning();
  return audited(db, partnershipId, "meeting", row!);
}

/** An agenda item; positions follow insertion order unless given. */
export async function createAgendaItem(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof agendaItems.$inferInsert, "meetingId"> &
    Partial<typeof agendaItems.$inferInsert> & { presenters?: { personId: string; roleLabel?: string | null }[]; organisationIds?: string[]; bodyIds?: string[] },
) {
  const { presenters = [], organisationIds = [], bodyIds = [], ...item } = values;
  const [row] = await db
    .insert(agendaItems)
    .values({ partnershipId, title: `Item ${unique()}`, kind: "update", position: 0, ...item })
    .returning();
  for (const [position, p] of presenters.entries()) {
    await db.insert(agendaItemPresenters).values({ partnershipId, agendaItemId: row!.id, personId: p.personId, position, roleLabel: p.roleLabel ?? null });
  }
  for (const organisationId of organisationIds) await db.insert(agendaItemOrganisations).values({ partnershipId, agendaItemId: row!.id, organisationId });
  for (const bodyId of bodyIds) await db.insert(agendaItemBodies).values({ partnershipId, agendaItemId: row!.id, bodyId });
  return audited(db, partnershipId, "agenda_item", row!);
}

export async function createAttendance(db: Executor, partnershipId: string, values: Pick<typeof attendance.$inferInsert, "meetingId" | "personId"> & Partial<typeof attendance.$inferInsert>) {
  const [row] = await db
    .insert(attendance)
    .values({ partnershipId, status: "present", ...values })
    .returning();
  return audited(db, partnershipId, "attendance", row!);
}

export async function createItemMinutes(db: Executor, partnershipId: string, values: Pick<typeof itemMinutes.$inferInsert, "agendaItemId"> & Partial<typeof itemMinutes.$inferInsert>) {
  const [row] = await db
    .insert(itemMinutes)
    .values({ partnershipId, ...values })
    .returning();
  return row!;
}

/** A paper with one version whose bytes the caller has already put in a FileStore (pass its sha256). */
export async function createPaper(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof papers.$inferInsert, "agendaItemId"> & Partial<typeof papers.$inferInsert> & { file?: Partial<typeof paperVersions.$inferInsert> },
) {
  const { file, ...paper } = values;
  const [row] = await db
    .insert(papers)
    .values({ partnershipId, title: `Paper ${unique()}`, ...paper })
    .returning();
  const [version] = await db
    .insert(paperVersions)
    .values({
      partnershipId,
      paperId: row!.id,
      versionNumber: 1,
      fileName: "paper.pdf",
      format: "pdf",
      mediaType: "application/pdf",
      sizeBytes: 0,
      sha256: "0".repeat(64),
      uploadedByName: "System",
      ...file,
    })
    .returning();
  await audited(db, partnershipId, "paper", row!);
  return { ...row!, currentVersion: version! };
}

export async function createInterest(db: Executor, partnershipId: string, values: Pick<typeof interests.$inferInsert, "personId"> & Partial<typeof interests.$inferInsert>) {
  const [row] = await db
    .insert(interests)
    .values({ partnershipId, category: "financial", description: "Shareholding (example)", ...values })
    .returning();
  return audited(db, partnershipId, "interest", row!);
}

export async function createInterestDeclaration(db: Executor, partnershipId: string, values: Pick<typeof interestDeclarations.$inferInsert, "personId"> & Partial<typeof interestDeclarations.$inferInsert>) {
  const [row] = await db
    .insert(interestDeclarations)
    .values({ partnershipId, declaredOn: "2017-04-01", ...values })
    .returning();
  return row!;
}

export async function createMeetingDeclaration(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof meetingDeclarations.$inferInsert, "meetingId" | "agendaItemId" | "personId"> & Partial<typeof meetingDeclarations.$inferInsert>,
) {
  const [row] = await db
    .insert(meetingDeclarations)
    .values({ partnershipId, description: "Declared an interest (example)", ...values })
    .returning();
  return audited(db, partnershipId, "meeting_declaration", row!);
}

export async function createDecision(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof decisions.$inferInsert, "bodyId" | "meetingId" | "agendaItemId"> & Partial<typeof decisions.$inferInsert>,
) {
  const [row] = await db
    .insert(decisions)
    .values({ partnershipId, decidedOn: "2018-03-05", text: `Decision ${unique()}`, kind: "approved", ...values })
    .returning();
  return audited(db, partnershipId, "decision", row!);
}

export async function createAction(db: Executor, partnershipId: string, values: Pick<typeof actions.$inferInsert, "bodyId" | "ownerPersonId"> & Partial<typeof actions.$inferInsert>) {
  const [row] = await db
    .insert(actions)
    .values({ partnershipId, description: `Action ${unique()}`, ...values })
    .returning();
  return audited(db, partnershipId, "action", row!);
}

export async function createActionUpdate(db: Executor, partnershipId: string, values: Pick<typeof actionUpdates.$inferInsert, "actionId"> & Partial<typeof actionUpdates.$inferInsert>) {
  const [row] = await db
    .insert(actionUpdates)
    .values({ partnershipId, notedOn: "2018-03-05", text: "Progress noted (example)", authorName: "System", ...values })
    .returning();
  return row!;
}

export async function createForwardPlanEntry(db: Executor, partnershipId: string, values: Pick<typeof forwardPlanEntries.$inferInsert, "bodyId"> & Partial<typeof forwardPlanEntries.$inferInsert>) {
  const [row] = await db
    .insert(forwardPlanEntries)
    .values({ partnershipId, title: `Future business ${unique()}`, ...values })
    .returning();
  return audited(db, partnershipId, "forward_plan_entry", row!);
}
