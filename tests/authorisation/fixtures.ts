import { PDFDocument } from "pdf-lib";
import { accountsService } from "../../src/modules/accounts/accounts.service.ts";
import { hashSecret } from "../../src/platform/auth/secrets.ts";
import {
  addWorkstreamContributor,
  createAction,
  createAgendaItem,
  createBoardUpdate,
  createBody,
  createBudgetLine,
  createDecision,
  createForwardPlanEntry,
  createHighlightReport,
  createInterest,
  createMaturityAssessment,
  createMaturityFramework,
  createMeeting,
  createMeetingDeclaration,
  createMembership,
  createMilestone,
  createOrganisation,
  createPaper,
  createPerson,
  createPlan,
  createProduct,
  createProgrammeIssue,
  createRisk,
  createTermsOfReference,
  createUser,
  createWorkstream,
} from "../factories/index.ts";
import type { TestApp } from "../setup/app.ts";
import type { Fixtures } from "./types.ts";

type FreshKind = Parameters<Fixtures["fresh"]>[0];

export interface FixtureOptions {
  /** Starts the records' names ("Route test", "Fuzz"), so a failure says whose record it is. */
  label: string;
  /**
   * Text put only into records the public must not see (drafts and unpublished records, an
   * archived organisation, Part II records), so a test can check no anonymous response shows it.
   */
  markers?: { draft?: string; archived?: string; part2?: string };
}

export interface FixtureSet {
  base: Omit<Fixtures, "fresh">;
  /** Fixtures for one request by `requesterUserId` (null for the public); see Fixtures.fresh. */
  fixturesFor(requesterUserId: string | null): Fixtures;
  /**
   * Contributors edit only the workstreams they are assigned to: assigns the user to the fixture
   * workstream and to the workstream of every fresh plan, made before or after.
   */
  assignContributor(userId: string): Promise<void>;
}

/**
 * The records the route × role test (and the hostile-input test, which reuses every route's
 * declared `url` and `body` to reach a real record with a valid request) point their URLs and
 * bodies at: see tests/authorisation/types.ts Fixtures. Kept apart from the route × role test
 * because that file is a test (importing it would run it).
 */
export async function buildFixtures(t: TestApp, options: FixtureOptions): Promise<FixtureSet> {
  const db = t.database.db;
  const pid = t.partnership.id;
  const { label } = options;
  const mark = (kind: keyof NonNullable<FixtureOptions["markers"]>) => (options.markers?.[kind] ? ` ${options.markers[kind]}` : "");

  /** A paper whose PDF is really in the app's file store, so allowed downloads succeed. */
  async function paperWithBytes(agendaItemId: string, title: string) {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const { sha256, sizeBytes } = await t.fileStore.put(Buffer.from(await pdf.save()));
    return createPaper(db, pid, { agendaItemId, title, file: { sha256, sizeBytes } });
  }

  /** The id of a token from its secret, found by its hash as the app finds it. */
  async function tokenIdOf(secret: string): Promise<string> {
    const rows = await t.database.pool.query<{ id: string }>("select id from personal_access_tokens where token_hash = $1", [hashSecret(secret)]);
    const id = rows.rows[0]?.id;
    if (!id) throw new Error("the new token was not stored");
    return id;
  }

  const organisation = await createOrganisation(db, pid, { name: `${label} trust` });
  await createOrganisation(db, pid, { name: `${label} archived trust${mark("archived")}`, archivedAt: new Date() });
  const person = await createPerson(db, pid, { name: `${label} Person`, organisationId: organisation.id });
  const body = await createBody(db, pid, { name: `${label} programme board`, kind: "programme_board", meetsInPublic: true });
  const childBody = await createBody(db, pid, { name: `${label} sub-board`, kind: "sub_board", parentBodyId: body.id });
  const membership = await createMembership(db, pid, { bodyId: body.id, personId: person.id, role: "chair" });
  const ratified = await createTermsOfReference(db, pid, {
    bodyId: body.id,
    versionLabel: "1.0",
    status: "ratified",
    ratifiedByBodyId: body.id,
    ratifiedOn: "2017-12-04",
    text: `Ratified terms of the ${label} board.`,
  });
  const draftText = `Draft terms, not yet public:${mark("draft")}`;
  const draft = await createTermsOfReference(db, pid, { bodyId: body.id, versionLabel: "2.0", status: "draft", text: draftText });
  // The decision trail: a held meeting of the body with a Part I and a Part II item, papers with
  // real bytes, decisions, actions, an interest, a declaration and a forward plan entry.
  const meeting = await createMeeting(db, pid, {
    bodyId: body.id,
    status: "minutes_approved",
    minutesStatus: "approved",
    agendaPublishedAt: new Date("2018-02-26T09:00:00Z"),
    hasPrivateSession: true,
  });
  const part1Item = await createAgendaItem(db, pid, {
    meetingId: meeting.id,
    title: `${label} public item`,
    kind: "decision",
    position: 0,
    organisationIds: [organisation.id],
  });
  const part2Item = await createAgendaItem(db, pid, {
    meetingId: meeting.id,
    title: `${label} confidential item${mark("part2")}`,
    kind: "discussion",
    position: 1,
    confidentiality: "part_2",
    exemptionReason: `Commercial interests (${label})`,
  });
  const paper = await paperWithBytes(part1Item.id, `${label} paper`);
  const part2Paper = await paperWithBytes(part2Item.id, `${label} confidential paper${mark("part2")}`);
  const decision = await createDecision(db, pid, { bodyId: body.id, meetingId: meeting.id, agendaItemId: part1Item.id, text: `${label} decision` });
  const part2Decision = await createDecision(db, pid, {
    bodyId: body.id,
    meetingId: meeting.id,
    agendaItemId: part2Item.id,
    text: `${label} confidential decision${mark("part2")}`,
  });
  const action = await createAction(db, pid, {
    bodyId: body.id,
    ownerPersonId: person.id,
    sourceMeetingId: meeting.id,
    sourceAgendaItemId: part1Item.id,
    description: `${label} action`,
  });
  const part2Action = await createAction(db, pid, {
    bodyId: body.id,
    ownerPersonId: person.id,
    sourceMeetingId: meeting.id,
    sourceAgendaItemId: part2Item.id,
    description: `${label} confidential action${mark("part2")}`,
  });
  const interest = await createInterest(db, pid, { personId: person.id, organisationId: organisation.id, startsOn: "2017-01-01" });
  const declaration = await createMeetingDeclaration(db, pid, {
    meetingId: meeting.id,
    agendaItemId: part1Item.id,
    personId: person.id,
    interestId: interest.id,
  });
  const forwardPlanEntry = await createForwardPlanEntry(db, pid, { bodyId: body.id, title: `${label} future business`, targetMonth: "2030-01-01" });
  // The portfolio.
  const workstream = await createWorkstream(db, pid, { name: `${label} workstream`, published: true, overseeingBodyId: body.id, sroPersonId: person.id });
  const unpublishedWorkstream = await createWorkstream(db, pid, { name: `${label} unpublished workstream${mark("draft")}` });
  const plan = await createPlan(db, pid, {
    workstreamId: workstream.id,
    financialYear: 2018,
    status: "approved",
    approvedOn: "2018-03-05",
    approvedByDecisionId: decision.id,
  });
  const budgetLine = await createBudgetLine(db, pid, { planId: plan.id, description: `${label} budget line` }, { "2018-04-01": { plannedPence: 100000 } });
  const milestone = await createMilestone(db, pid, { workstreamId: workstream.id, planId: plan.id, title: `${label} milestone` });
  const product = await createProduct(db, pid, { workstreamId: workstream.id, title: `${label} product`, status: "delivered", deliveredOn: "2018-03-13" });
  const highlightReport = await createHighlightReport(db, pid, {
    workstreamId: workstream.id,
    month: "2018-03-01",
    status: "reviewed",
    overallRag: "green",
    scheduleRag: "green",
    financeRag: "green",
    riskRag: "green",
  });
  const risk = await createRisk(db, pid, { workstreamId: workstream.id, title: `${label} risk`, published: true });
  const unpublishedRisk = await createRisk(db, pid, { workstreamId: workstream.id, title: `${label} unpublished risk${mark("draft")}` });
  const issue = await createProgrammeIssue(db, pid, { workstreamId: workstream.id, title: `${label} issue`, published: true });
  const framework = await createMaturityFramework(db, pid, { title: `${label} maturity framework`, published: true, workstreamId: workstream.id });
  const assessment = await createMaturityAssessment(
    db,
    pid,
    { frameworkId: framework.framework.id, organisationId: organisation.id },
    { [framework.dimensions[0]!.id]: framework.levels[0]!.id },
  );
  // Board updates: the held meeting's is published; another held meeting's is a draft.
  const boardUpdate = await createBoardUpdate(db, pid, {
    meetingId: meeting.id,
    bodyId: body.id,
    title: `${label} board update`,
    status: "published",
    firstPublishedAt: new Date("2018-03-06T12:00:00Z"),
    lastPublishedAt: new Date("2018-03-06T12:00:00Z"),
  });
  const otherMeeting = await createMeeting(db, pid, {
    bodyId: body.id,
    status: "held",
    startsAt: new Date("2018-04-09T09:00:00Z"),
    endsAt: new Date("2018-04-09T11:00:00Z"),
  });
  const draftBoardUpdate = await createBoardUpdate(db, pid, {
    meetingId: otherMeeting.id,
    bodyId: body.id,
    title: `${label} draft update${mark("draft")}`,
    markdown: `Not yet public:${mark("draft")}`,
  });

  const base: Omit<Fixtures, "fresh"> = {
    partnershipId: pid,
    organisationId: organisation.id,
    personId: person.id,
    bodyId: body.id,
    childBodyId: childBody.id,
    membershipId: membership.id,
    termsOfReferenceId: ratified.id,
    draftTermsOfReferenceId: draft.id,
    meetingId: meeting.id,
    part1ItemId: part1Item.id,
    part2ItemId: part2Item.id,
    paperId: paper.id,
    part2PaperId: part2Paper.id,
    decisionId: decision.id,
    part2DecisionId: part2Decision.id,
    actionId: action.id,
    part2ActionId: part2Action.id,
    interestId: interest.id,
    meetingDeclarationId: declaration.id,
    forwardPlanEntryId: forwardPlanEntry.id,
    workstreamId: workstream.id,
    unpublishedWorkstreamId: unpublishedWorkstream.id,
    planId: plan.id,
    budgetLineId: budgetLine.id,
    milestoneId: milestone.id,
    productId: product.id,
    highlightReportId: highlightReport.id,
    riskId: risk.id,
    unpublishedRiskId: unpublishedRisk.id,
    issueId: issue.id,
    maturityFrameworkId: framework.framework.id,
    maturityAssessmentId: assessment.id,
    boardUpdateId: boardUpdate.id,
    draftBoardUpdateId: draftBoardUpdate.id,
  };

  const contributorUserIds = new Set<string>();
  const contributedWorkstreamIds: string[] = [base.workstreamId];

  async function assignContributor(userId: string) {
    if (contributorUserIds.has(userId)) return;
    contributorUserIds.add(userId);
    for (const workstreamId of contributedWorkstreamIds) await addWorkstreamContributor(db, pid, { workstreamId, userId });
  }

  let counter = 0;
  async function create(kind: FreshKind, requesterUserId: string | null): Promise<{ id: string; version: number }> {
    // Numbers the fresh records, so that many requests never collide on a unique date or name.
    const n = ++counter;
    switch (kind) {
      case "organisation":
        return createOrganisation(db, pid);
      case "person":
        return createPerson(db, pid);
      case "body":
        return createBody(db, pid);
      case "membership":
        return createMembership(db, pid, { bodyId: base.bodyId, personId: (await createPerson(db, pid)).id });
      case "termsOfReference":
        return createTermsOfReference(db, pid, { bodyId: base.bodyId, status: "ratified", ratifiedByBodyId: base.bodyId, ratifiedOn: "2018-03-05" });
      case "draftTermsOfReference":
        return createTermsOfReference(db, pid, { bodyId: base.bodyId, status: "draft", text: draftText });
      case "user": {
        const user = await createUser(db, pid, "viewer");
        return { id: user.id, version: user.version };
      }
      case "meeting":
        return createMeeting(db, pid, { bodyId: base.bodyId, startsAt: new Date(Date.UTC(2030, 0, 7 + n, 10)) });
      case "agendaItem":
        return createAgendaItem(db, pid, { meetingId: base.meetingId, position: 10 + n });
      case "paper":
        return paperWithBytes(base.part1ItemId, `Fresh ${label} paper ${n}`);
      case "decision":
        return createDecision(db, pid, { bodyId: base.bodyId, meetingId: base.meetingId, agendaItemId: base.part1ItemId, decidedOn: "2018-03-05" });
      case "action":
        return createAction(db, pid, {
          bodyId: base.bodyId,
          ownerPersonId: base.personId,
          sourceMeetingId: base.meetingId,
          sourceAgendaItemId: base.part1ItemId,
        });
      case "interest":
        return createInterest(db, pid, { personId: base.personId, organisationId: base.organisationId, startsOn: "2017-01-01" });
      case "forwardPlanEntry":
        return createForwardPlanEntry(db, pid, { bodyId: base.bodyId, targetMonth: "2030-02-01" });
      case "workstream":
        return createWorkstream(db, pid, { overseeingBodyId: base.bodyId });
      case "plan": {
        // One current plan per workstream and year, and years are bounded: each fresh plan gets a
        // workstream of its own, which every contributor (and the requester) may edit.
        const ws = await createWorkstream(db, pid, { overseeingBodyId: base.bodyId, published: true });
        contributedWorkstreamIds.push(ws.id);
        const userIds = new Set(contributorUserIds);
        if (requesterUserId) userIds.add(requesterUserId);
        for (const userId of userIds) await addWorkstreamContributor(db, pid, { workstreamId: ws.id, userId });
        return createPlan(db, pid, { workstreamId: ws.id, financialYear: 2030 });
      }
      case "budgetLine":
        return createBudgetLine(db, pid, { planId: base.planId }, { "2018-05-01": { plannedPence: 5000 } });
      case "milestone":
        return createMilestone(db, pid, { workstreamId: base.workstreamId });
      case "product":
        return createProduct(db, pid, { workstreamId: base.workstreamId });
      case "highlightReport": {
        const month = `${2040 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}-01`;
        return createHighlightReport(db, pid, { workstreamId: base.workstreamId, month });
      }
      case "risk":
        return createRisk(db, pid, { workstreamId: base.workstreamId });
      case "issue":
        return createProgrammeIssue(db, pid, { workstreamId: base.workstreamId });
      case "maturityFramework":
        return (await createMaturityFramework(db, pid, { workstreamId: base.workstreamId })).framework;
      case "maturityAssessment":
        return createMaturityAssessment(db, pid, { frameworkId: base.maturityFrameworkId, areaName: `Fresh ${label} area ${n}` });
      case "boardUpdate": {
        const held = await createMeeting(db, pid, {
          bodyId: base.bodyId,
          status: "held",
          startsAt: new Date(Date.UTC(2019, 0, 1 + n, 9)),
          endsAt: new Date(Date.UTC(2019, 0, 1 + n, 11)),
        });
        return createBoardUpdate(db, pid, { meetingId: held.id, bodyId: base.bodyId });
      }
      case "token": {
        const userId = requesterUserId ?? (await createUser(db, pid, "viewer")).id;
        const secret = await accountsService({ db }).createTokenFor({ partnershipId: pid, userId, name: `${label} ${n}`, scope: "write" });
        // Tokens are never edited, so carry no version; 1 keeps the shape every kind shares.
        return { id: await tokenIdOf(secret), version: 1 };
      }
    }
  }

  return {
    base,
    assignContributor,
    fixturesFor(requesterUserId) {
      const made = new Map<FreshKind, Promise<{ id: string; version: number }>>();
      return {
        ...base,
        fresh(kind) {
          let record = made.get(kind);
          if (!record) {
            record = create(kind, requesterUserId);
            made.set(kind, record);
          }
          return record;
        },
      };
    },
  };
}
