import { randomUUID } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { accountsService } from "../../src/modules/accounts/accounts.service.ts";
import { hashSecret } from "../../src/platform/auth/secrets.ts";
import type { Fixtures } from "../authorisation/types.ts";
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

type FreshKind = Parameters<Fixtures["fresh"]>[0];

/**
 * The records the route × role test points its URLs and bodies at (see tests/authorisation/types.ts
 * Fixtures), built the same way, so that every route's declared `url` and `body` can be reused to
 * reach a real record with a valid request before it is made hostile. Kept apart from the route ×
 * role test because that file is a test (importing it would run it).
 */
export async function buildFixtures(t: TestApp): Promise<{ base: Omit<Fixtures, "fresh">; fixturesFor(requesterUserId: string): Fixtures }> {
  const db = t.database.db;
  const pid = t.partnership.id;

  async function paperWithBytes(agendaItemId: string, title: string) {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const { sha256, sizeBytes } = await t.fileStore.put(Buffer.from(await pdf.save()));
    return createPaper(db, pid, { agendaItemId, title, file: { sha256, sizeBytes } });
  }

  const organisation = await createOrganisation(db, pid, { name: "Fuzz trust" });
  const person = await createPerson(db, pid, { name: "Fuzz Person", organisationId: organisation.id });
  const body = await createBody(db, pid, { name: "Fuzz programme board", kind: "programme_board", meetsInPublic: true });
  const childBody = await createBody(db, pid, { name: "Fuzz sub-board", kind: "sub_board", parentBodyId: body.id });
  const membership = await createMembership(db, pid, { bodyId: body.id, personId: person.id, role: "chair" });
  const ratified = await createTermsOfReference(db, pid, {
    bodyId: body.id,
    versionLabel: "1.0",
    status: "ratified",
    ratifiedByBodyId: body.id,
    ratifiedOn: "2017-12-04",
  });
  const draft = await createTermsOfReference(db, pid, { bodyId: body.id, versionLabel: "2.0", status: "draft" });
  const meeting = await createMeeting(db, pid, {
    bodyId: body.id,
    status: "minutes_approved",
    minutesStatus: "approved",
    agendaPublishedAt: new Date("2018-02-26T09:00:00Z"),
    hasPrivateSession: true,
  });
  const part1Item = await createAgendaItem(db, pid, {
    meetingId: meeting.id,
    title: "Fuzz public item",
    kind: "decision",
    position: 0,
    organisationIds: [organisation.id],
  });
  const part2Item = await createAgendaItem(db, pid, {
    meetingId: meeting.id,
    title: "Fuzz confidential item",
    kind: "discussion",
    position: 1,
    confidentiality: "part_2",
    exemptionReason: "Commercial interests (fuzz)",
  });
  const paper = await paperWithBytes(part1Item.id, "Fuzz paper");
  const part2Paper = await paperWithBytes(part2Item.id, "Fuzz confidential paper");
  const decision = await createDecision(db, pid, { bodyId: body.id, meetingId: meeting.id, agendaItemId: part1Item.id, text: "Fuzz decision" });
  const part2Decision = await createDecision(db, pid, {
    bodyId: body.id,
    meetingId: meeting.id,
    agendaItemId: part2Item.id,
    text: "Fuzz confidential decision",
  });
  const action = await createAction(db, pid, { bodyId: body.id, ownerPersonId: person.id, sourceMeetingId: meeting.id, sourceAgendaItemId: part1Item.id });
  const part2Action = await createAction(db, pid, { bodyId: body.id, ownerPersonId: person.id, sourceMeetingId: meeting.id, sourceAgendaItemId: part2Item.id });
  const interest = await createInterest(db, pid, { personId: person.id, organisationId: organisation.id, startsOn: "2017-01-01" });
  const declaration = await createMeetingDeclaration(db, pid, {
    meetingId: meeting.id,
    agendaItemId: part1Item.id,
    personId: person.id,
    interestId: interest.id,
  });
  const forwardPlanEntry = await createForwardPlanEntry(db, pid, { bodyId: body.id, title: "Fuzz future business", targetMonth: "2030-01-01" });
  const workstream = await createWorkstream(db, pid, { name: "Fuzz workstream", published: true, overseeingBodyId: body.id, sroPersonId: person.id });
  const unpublishedWorkstream = await createWorkstream(db, pid, { name: "Fuzz unpublished workstream" });
  const plan = await createPlan(db, pid, {
    workstreamId: workstream.id,
    financialYear: 2018,
    status: "approved",
    approvedOn: "2018-03-05",
    approvedByDecisionId: decision.id,
  });
  const budgetLine = await createBudgetLine(db, pid, { planId: plan.id, description: "Fuzz budget line" }, { "2018-04-01": { plannedPence: 100000 } });
  const milestone = await createMilestone(db, pid, { workstreamId: workstream.id, planId: plan.id, title: "Fuzz milestone" });
  const product = await createProduct(db, pid, { workstreamId: workstream.id, title: "Fuzz product", status: "delivered", deliveredOn: "2018-03-13" });
  const highlightReport = await createHighlightReport(db, pid, {
    workstreamId: workstream.id,
    month: "2018-03-01",
    status: "reviewed",
    overallRag: "green",
    scheduleRag: "green",
    financeRag: "green",
    riskRag: "green",
  });
  const risk = await createRisk(db, pid, { workstreamId: workstream.id, title: "Fuzz risk", published: true });
  const unpublishedRisk = await createRisk(db, pid, { workstreamId: workstream.id, title: "Fuzz unpublished risk" });
  const issue = await createProgrammeIssue(db, pid, { workstreamId: workstream.id, title: "Fuzz issue", published: true });
  const framework = await createMaturityFramework(db, pid, { title: "Fuzz maturity framework", published: true, workstreamId: workstream.id });
  const assessment = await createMaturityAssessment(
    db,
    pid,
    { frameworkId: framework.framework.id, organisationId: organisation.id },
    { [framework.dimensions[0]!.id]: framework.levels[0]!.id },
  );
  const boardUpdate = await createBoardUpdate(db, pid, {
    meetingId: meeting.id,
    bodyId: body.id,
    title: "Fuzz board update",
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
  const draftBoardUpdate = await createBoardUpdate(db, pid, { meetingId: otherMeeting.id, bodyId: body.id, title: "Fuzz draft update" });

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

  let counter = 0;
  async function create(kind: FreshKind, requesterUserId: string): Promise<{ id: string; version: number }> {
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
        return createTermsOfReference(db, pid, { bodyId: base.bodyId, status: "draft" });
      case "user": {
        const user = await createUser(db, pid, "viewer");
        return { id: user.id, version: user.version };
      }
      case "meeting":
        return createMeeting(db, pid, { bodyId: base.bodyId, startsAt: new Date(Date.UTC(2030, 0, 7 + n, 10)) });
      case "agendaItem":
        return createAgendaItem(db, pid, { meetingId: base.meetingId, position: 10 + n });
      case "paper":
        return paperWithBytes(base.part1ItemId, `Fresh fuzz paper ${n}`);
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
        const ws = await createWorkstream(db, pid, { overseeingBodyId: base.bodyId, published: true });
        await addWorkstreamContributor(db, pid, { workstreamId: ws.id, userId: requesterUserId }).catch(() => undefined);
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
        return createMaturityAssessment(db, pid, { frameworkId: base.maturityFrameworkId, areaName: `Fresh fuzz area ${n}` });
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
        const secret = await accountsService({ db }).createTokenFor({ partnershipId: pid, userId: requesterUserId, name: `fuzz ${n}`, scope: "write" });
        const rows = await t.database.pool.query<{ id: string }>("select id from personal_access_tokens where token_hash = $1", [hashSecret(secret)]);
        return { id: rows.rows[0]!.id, version: 1 };
      }
      default:
        // A kind added after this file was written: an id that matches nothing (the request then
        // reaches validation and gets 404), rather than a broken test.
        return { id: randomUUID(), version: 1 };
    }
  }

  return {
    base,
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
