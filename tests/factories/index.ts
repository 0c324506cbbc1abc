/**
 * One set of factories for tests and the demo partnership: each inserts a realistic record with
 * sensible defaults, overridable field by field, and records its creation in the audit trail.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
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
import {
  agendaItemWorkstreams,
  decisionWorkstreams,
  workstreamContributors,
  workstreamLeads,
  workstreamObjectives,
  workstreamOrganisations,
  workstreams,
} from "../../src/modules/workstreams/workstreams.tables.ts";
import { budgetLineMonths, budgetLines, plans } from "../../src/modules/plans/plans.tables.ts";
import { milestones, products } from "../../src/modules/milestones/milestones.tables.ts";
import { highlightReports } from "../../src/modules/highlight-reports/highlight-reports.tables.ts";
import { programmeIssues, riskReviews, risks } from "../../src/modules/risks/risks.tables.ts";
import {
  maturityAssessments,
  maturityDescriptors,
  maturityDimensions,
  maturityFrameworks,
  maturityLevels,
  maturityRatings,
} from "../../src/modules/maturity/maturity.tables.ts";
import { decisionEffects } from "../../src/modules/portfolio/portfolio.tables.ts";
import { boardUpdateVersions, boardUpdates } from "../../src/modules/board-updates/board-updates.tables.ts";

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

// ---- Portfolio -------------------------------------------------------------------------------

export async function createWorkstream(db: Executor, partnershipId: string, overrides: Partial<typeof workstreams.$inferInsert> = {}) {
  const suffix = unique();
  const [row] = await db
    .insert(workstreams)
    .values({ partnershipId, slug: `workstream-${suffix}`, name: `Workstream ${suffix}`, status: "active", ...overrides })
    .returning();
  return audited(db, partnershipId, "workstream", row!);
}

export async function addWorkstreamLead(db: Executor, partnershipId: string, values: Omit<typeof workstreamLeads.$inferInsert, "partnershipId">) {
  await db.insert(workstreamLeads).values({ partnershipId, ...values });
}

export async function addWorkstreamOrganisation(db: Executor, partnershipId: string, values: Omit<typeof workstreamOrganisations.$inferInsert, "partnershipId">) {
  await db.insert(workstreamOrganisations).values({ partnershipId, ...values });
}

export async function setWorkstreamContribution(db: Executor, partnershipId: string, values: Omit<typeof workstreamObjectives.$inferInsert, "partnershipId">) {
  await db.insert(workstreamObjectives).values({ partnershipId, ...values });
}

export async function addWorkstreamContributor(db: Executor, partnershipId: string, values: Omit<typeof workstreamContributors.$inferInsert, "partnershipId">) {
  await db.insert(workstreamContributors).values({ partnershipId, ...values });
}

export async function linkAgendaItemToWorkstream(db: Executor, partnershipId: string, values: Omit<typeof agendaItemWorkstreams.$inferInsert, "partnershipId">) {
  await db.insert(agendaItemWorkstreams).values({ partnershipId, ...values });
}

export async function linkDecisionToWorkstream(db: Executor, partnershipId: string, values: Omit<typeof decisionWorkstreams.$inferInsert, "partnershipId">) {
  await db.insert(decisionWorkstreams).values({ partnershipId, ...values });
}

export async function createPlan(db: Executor, partnershipId: string, values: Pick<typeof plans.$inferInsert, "workstreamId"> & Partial<typeof plans.$inferInsert>) {
  const [row] = await db
    .insert(plans)
    .values({ partnershipId, financialYear: 2018, objectives: "Objectives for the year (example)", ...values })
    .returning();
  return audited(db, partnershipId, "plan", row!);
}

/** A budget line with its months: `months` maps "2018-04-01" to planned/actual/forecast pence. */
export async function createBudgetLine(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof budgetLines.$inferInsert, "planId"> & Partial<typeof budgetLines.$inferInsert>,
  months: Record<string, { plannedPence: number; actualPence?: number | null; forecastPence?: number | null }> = {},
) {
  const [row] = await db
    .insert(budgetLines)
    .values({ partnershipId, description: `Budget line ${unique()}`, kind: "revenue", fundingSource: "STP transformation fund", ...values })
    .returning();
  const entries = Object.entries(months);
  if (entries.length > 0) {
    await db.insert(budgetLineMonths).values(entries.map(([month, m]) => ({ partnershipId, budgetLineId: row!.id, month, ...m })));
  }
  return audited(db, partnershipId, "budget_line", row!);
}

export async function createMilestone(db: Executor, partnershipId: string, values: Pick<typeof milestones.$inferInsert, "workstreamId"> & Partial<typeof milestones.$inferInsert>) {
  const [row] = await db
    .insert(milestones)
    .values({ partnershipId, title: `Milestone ${unique()}`, baselineOn: "2018-06-30", ...values })
    .returning();
  return audited(db, partnershipId, "milestone", row!);
}

export async function createProduct(db: Executor, partnershipId: string, values: Pick<typeof products.$inferInsert, "workstreamId"> & Partial<typeof products.$inferInsert>) {
  const [row] = await db
    .insert(products)
    .values({ partnershipId, title: `Product ${unique()}`, ...values })
    .returning();
  return audited(db, partnershipId, "product", row!);
}

export async function createHighlightReport(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof highlightReports.$inferInsert, "workstreamId"> & Partial<typeof highlightReports.$inferInsert>,
) {
  const [row] = await db
    .insert(highlightReports)
    .values({ partnershipId, month: "2018-03-01", ...values })
    .returning();
  return audited(db, partnershipId, "highlight_report", row!);
}

/**
 * The next reference in the partnership, as the risks service allocates them (max + 1), so that
 * factory records and records made through the app never collide.
 */
const nextReference = (table: typeof risks | typeof programmeIssues, partnershipId: string) =>
  sql<number>`(select coalesce(max(${table.reference}), 0) + 1 from ${table} where ${table.partnershipId} = ${partnershipId})`;

/** References must be unique per partnership: the next one unless given. */
export async function createRisk(db: Executor, partnershipId: string, values: Partial<typeof risks.$inferInsert> = {}) {
  const [row] = await db
    .insert(risks)
    .values({
      partnershipId,
      reference: values.reference ?? nextReference(risks, partnershipId),
      title: `Risk ${unique()}`,
      inherentLikelihood: 4,
      inherentConsequence: 4,
      currentLikelihood: 3,
      currentConsequence: 4,
      targetLikelihood: 2,
      targetConsequence: 3,
      ...values,
    })
    .returning();
  return audited(db, partnershipId, "risk", row!);
}

export async function createRiskReview(db: Executor, partnershipId: string, values: Pick<typeof riskReviews.$inferInsert, "riskId" | "likelihood" | "consequence"> & Partial<typeof riskReviews.$inferInsert>) {
  const [row] = await db
    .insert(riskReviews)
    .values({ partnershipId, reviewedOn: "2018-03-05", recordedByName: "System", ...values })
    .returning();
  return row!;
}

export async function createProgrammeIssue(db: Executor, partnershipId: string, values: Partial<typeof programmeIssues.$inferInsert> = {}) {
  const [row] = await db
    .insert(programmeIssues)
    .values({ partnershipId, reference: values.reference ?? nextReference(programmeIssues, partnershipId), title: `Issue ${unique()}`, raisedOn: "2018-03-05", ...values })
    .returning();
  return audited(db, partnershipId, "issue", row!);
}

/** A framework with the given dimensions and levels (ranked in order) and a descriptor per cell. */
export async function createMaturityFramework(
  db: Executor,
  partnershipId: string,
  values: Partial<typeof maturityFrameworks.$inferInsert> & { dimensions?: string[]; levels?: string[] } = {},
) {
  const { dimensions: dimensionTitles = ["Leadership", "Integrated teams"], levels: levelTitles = ["Emerging", "Developing", "Maturing", "Thriving"], ...rest } = values;
  const [framework] = await db
    .insert(maturityFrameworks)
    .values({ partnershipId, title: `Maturity framework ${unique()}`, ...rest })
    .returning();
  const dimensions = await db
    .insert(maturityDimensions)
    .values(dimensionTitles.map((title, position) => ({ partnershipId, frameworkId: framework!.id, position, title })))
    .returning();
  const levels = await db
    .insert(maturityLevels)
    .values(levelTitles.map((title, i) => ({ partnershipId, frameworkId: framework!.id, rank: i + 1, title })))
    .returning();
  await db
    .insert(maturityDescriptors)
    .values(dimensions.flatMap((d) => levels.map((l) => ({ partnershipId, dimensionId: d.id, levelId: l.id, text: `${d.title}: ${l.title.toLowerCase()}` }))));
  await audited(db, partnershipId, "maturity_framework", framework!);
  return { framework: framework!, dimensions, levels };
}

/** An assessment with one rating per entry of `ratings` (dimension id → level id). */
export async function createMaturityAssessment(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof maturityAssessments.$inferInsert, "frameworkId"> & Partial<typeof maturityAssessments.$inferInsert>,
  ratings: Record<string, string> = {},
) {
  const [row] = await db
    .insert(maturityAssessments)
    .values({ partnershipId, assessedOn: "2018-03-01", assessorName: "Self-assessment", ...values })
    .returning();
  const entries = Object.entries(ratings);
  if (entries.length > 0) {
    await db.insert(maturityRatings).values(entries.map(([dimensionId, levelId]) => ({ partnershipId, assessmentId: row!.id, dimensionId, levelId })));
  }
  return audited(db, partnershipId, "maturity_assessment", row!);
}

export async function createDecisionEffect(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof decisionEffects.$inferInsert, "decisionId" | "workstreamId" | "kind"> & Partial<typeof decisionEffects.$inferInsert>,
) {
  const [row] = await db.insert(decisionEffects).values({ partnershipId, ...values }).returning();
  return row!;
}

// ---- Publication -----------------------------------------------------------------------------

export async function createBoardUpdate(
  db: Executor,
  partnershipId: string,
  values: Pick<typeof boardUpdates.$inferInsert, "meetingId" | "bodyId"> & Partial<typeof boardUpdates.$inferInsert>,
) {
  const suffix = unique();
  const [row] = await db
    .insert(boardUpdates)
    .values({ partnershipId, slug: `update-${suffix}`, title: `Board update ${suffix}`, markdown: "The board met.", ...values })
    .returning();
  if (row!.status === "published") {
    await db.insert(boardUpdateVersions).values({ partnershipId, boardUpdateId: row!.id, number: 1, title: row!.title, markdown: row!.markdown, publishedByName: "System" });
  }
  return audited(db, partnershipId, "board_update", row!);
}
