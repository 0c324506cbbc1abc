/// <reference types="vite/client" />
/**
 * The route × role test: every route the app registers must say who may use it
 * (a `*RouteExpectations` export in a `src/**\/*.authorisation.ts` file), and each route is then
 * requested by the public and by a user of every role, through the same doors a browser or an
 * API client uses, to check that the allowed get through and everyone else is refused.
 */
import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse, RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountsService } from "../../src/modules/accounts/accounts.service.ts";
import { ROLES, type Role, type TokenScope } from "../../src/modules/accounts/accounts.tables.ts";
import { hashSecret } from "../../src/platform/auth/secrets.ts";
import { SESSION_COOKIE } from "../../src/platform/http/http.plugin.tsx";
import {
  createAction,
  createAgendaItem,
  createBody,
  createDecision,
  createForwardPlanEntry,
  createInterest,
  createMeeting,
  createMeetingDeclaration,
  createMembership,
  createOrganisation,
  createPaper,
  createPerson,
  createTermsOfReference,
  createUser,
  addWorkstreamContributor,
  createBoardUpdate,
  createBudgetLine,
  createHighlightReport,
  createMaturityAssessment,
  createMaturityFramework,
  createMilestone,
  createPlan,
  createProduct,
  createProgrammeIssue,
  createRisk,
  createWorkstream,
} from "../factories/index.ts";
import { PDFDocument } from "pdf-lib";
import { cookiesFrom, createTestApp, form, type TestApp } from "../setup/app.ts";
import { EVERYONE, type Fixtures, type RouteExpectation, type Who } from "./types.ts";

// Loaded when the file is collected, so that a module's expectations appear as soon as its file exists.
const modules = import.meta.glob<Record<string, unknown>>("../../src/**/*.authorisation.ts", { eager: true });

interface Expectation extends RouteExpectation {
  /** Where the expectation was declared, for messages. */
  source: string;
  method: string;
  path: string;
}

// The CSRF secret's cookie (see http.plugin.tsx): a new one invalidates the form token we hold.
const CSRF_COOKIE = "quorum_csrf";
const ROUTE_PATTERN = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (\/\S*)$/;

const expectations: Expectation[] = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([name]) => name.endsWith("RouteExpectations"))
    .flatMap(([name, value]) => {
      const source = `${file.replace(/^(\.\.\/)+/, "")} ${name}`;
      if (!Array.isArray(value)) throw new Error(`${source} must be an array of RouteExpectation`);
      return (value as RouteExpectation[]).map((e) => {
        const match = ROUTE_PATTERN.exec(typeof e.route === "string" ? e.route : "");
        return { ...e, source, method: match?.[1] ?? "", path: match?.[2] ?? "" };
      });
    }),
);

/** A role's way in: a browser session for pages, personal access tokens for the API. */
interface Caller {
  who: Role;
  session: { userId: string; cookie: string; csrf: string } | null;
  tokens: Partial<Record<TokenScope, { userId: string; secret: string }>>;
}

let t: TestApp;
const registered: { method: string; path: string }[] = [];
let base: Omit<Fixtures, "fresh">;
const callers = new Map<Role, Caller>();
// Text that only non-public records carry: no anonymous GET may ever show it.
const DRAFT_MARKER = `draft-marker-${randomUUID()}`;
const ARCHIVED_MARKER = `archived-marker-${randomUUID()}`;
const PART_2_MARKER = `part-2-marker-${randomUUID()}`;

beforeAll(async () => {
  t = await createTestApp({
    onRoute: (route: RouteOptions) => {
      for (const method of [route.method].flat()) registered.push({ method, path: route.url });
    },
  });
  const db = t.database.db;
  const pid = t.partnership.id;
  const organisation = await createOrganisation(db, pid, { name: "Route test trust" });
  await createOrganisation(db, pid, { name: `Archived trust ${ARCHIVED_MARKER}`, archivedAt: new Date() });
  const person = await createPerson(db, pid, { name: "Route Test Person", organisationId: organisation.id });
  const body = await createBody(db, pid, { name: "Route test programme board", kind: "programme_board", meetsInPublic: true });
  const childBody = await createBody(db, pid, { name: "Route test sub-board", kind: "sub_board", parentBodyId: body.id });
  const membership = await createMembership(db, pid, { bodyId: body.id, personId: person.id, role: "chair" });
  const ratified = await createTermsOfReference(db, pid, {
    bodyId: body.id,
    versionLabel: "1.0",
    status: "ratified",
    ratifiedByBodyId: body.id,
    ratifiedOn: "2017-12-04",
    text: "Ratified terms of the route test board.",
  });
  const draft = await createTermsOfReference(db, pid, {
    bodyId: body.id,
    versionLabel: "2.0",
    status: "draft",
    text: `Draft terms, not yet public: ${DRAFT_MARKER}`,
  });
  // The decision trail: a held meeting of the body with a Part I and a Part II item, papers with
  // real bytes, decisions, actions, an interest, a declaration and a forward plan entry.
  const meeting = await createMeeting(db, pid, {
    bodyId: body.id,
    status: "minutes_approved",
    minutesStatus: "approved",
    agendaPublishedAt: new Date("2018-02-26T09:00:00Z"),
    hasPrivateSession: true,
  });
  const part1Item = await createAgendaItem(db, pid, { meetingId: meeting.id, title: "Route test public item", kind: "decision", position: 0, organisationIds: [organisation.id] });
  const part2Item = await createAgendaItem(db, pid, {
    meetingId: meeting.id,
    title: `Route test confidential item ${PART_2_MARKER}`,
    kind: "discussion",
    position: 1,
    confidentiality: "part_2",
    exemptionReason: "Commercial interests (route test)",
  });
  const paper = await paperWithBytes(part1Item.id, "Route test paper");
  const part2Paper = await paperWithBytes(part2Item.id, `Route test confidential paper ${PART_2_MARKER}`);
  const decision = await createDecision(db, pid, { bodyId: body.id, meetingId: meeting.id, agendaItemId: part1Item.id, text: "Route test decision" });
  const part2Decision = await createDecision(db, pid, { bodyId: body.id, meetingId: meeting.id, agendaItemId: part2Item.id, text: `Route test confidential decision ${PART_2_MARKER}` });
  const action = await createAction(db, pid, { bodyId: body.id, ownerPersonId: person.id, sourceMeetingId: meeting.id, sourceAgendaItemId: part1Item.id, description: "Route test action" });
  const part2Action = await createAction(db, pid, {
    bodyId: body.id,
    ownerPersonId: person.id,
    sourceMeetingId: meeting.id,
    sourceAgendaItemId: part2Item.id,
    description: `Route test confidential action ${PART_2_MARKER}`,
  });
  const interest = await createInterest(db, pid, { personId: person.id, organisationId: organisation.id, startsOn: "2017-01-01" });
  const declaration = await createMeetingDeclaration(db, pid, { meetingId: meeting.id, agendaItemId: part1Item.id, personId: person.id, interestId: interest.id });
  const forwardPlanEntry = await createForwardPlanEntry(db, pid, { bodyId: body.id, title: "Route test future business", targetMonth: "2030-01-01" });
  // The portfolio.
  const workstream = await createWorkstream(db, pid, { name: "Route test workstream", published: true, overseeingBodyId: body.id, sroPersonId: person.id });
  const unpublishedWorkstream = await createWorkstream(db, pid, { name: `Unpublished workstream ${DRAFT_MARKER}` });
  const plan = await createPlan(db, pid, { workstreamId: workstream.id, financialYear: 2018, status: "approved", approvedOn: "2018-03-05", approvedByDecisionId: decision.id });
  const budgetLine = await createBudgetLine(db, pid, { planId: plan.id, description: "Route test budget line" }, { "2018-04-01": { plannedPence: 100000 } });
  const milestone = await createMilestone(db, pid, { workstreamId: workstream.id, planId: plan.id, title: "Route test milestone" });
  const product = await createProduct(db, pid, { workstreamId: workstream.id, title: "Route test product", status: "delivered", deliveredOn: "2018-03-13" });
  const highlightReport = await createHighlightReport(db, pid, {
    workstreamId: workstream.id,
    month: "2018-03-01",
    status: "reviewed",
    overallRag: "green",
    scheduleRag: "green",
    financeRag: "green",
    riskRag: "green",
  });
  const risk = await createRisk(db, pid, { workstreamId: workstream.id, title: "Route test risk", published: true });
  const unpublishedRisk = await createRisk(db, pid, { workstreamId: workstream.id, title: `Unpublished risk ${DRAFT_MARKER}` });
  const issue = await createProgrammeIssue(db, pid, { workstreamId: workstream.id, title: "Route test issue", published: true });
  const framework = await createMaturityFramework(db, pid, { title: "Route test maturity framework", published: true, workstreamId: workstream.id });
  const assessment = await createMaturityAssessment(
    db,
    pid,
    { frameworkId: framework.framework.id, organisationId: organisation.id },
    { [framework.dimensions[0]!.id]: framework.levels[0]!.id },
  );
  // Board updates: the held meeting's is published; another held meeting's is a draft.
  const boardUpdate = await createBoardUpdate(db, pid, { meetingId: meeting.id, bodyId: body.id, title: "Route test board update", status: "published", firstPublishedAt: new Date("2018-03-06T12:00:00Z"), lastPublishedAt: new Date("2018-03-06T12:00:00Z") });
  const otherMeeting = await createMeeting(db, pid, { bodyId: body.id, status: "held", startsAt: new Date("2018-04-09T09:00:00Z"), endsAt: new Date("2018-04-09T11:00:00Z") });
  const draftBoardUpdate = await createBoardUpdate(db, pid, { meetingId: otherMeeting.id, bodyId: body.id, title: `Draft update ${DRAFT_MARKER}`, markdown: `Not yet public: ${DRAFT_MARKER}` });
  base = {
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
  for (const who of ROLES) callers.set(who, { who, session: null, tokens: {} });
});

afterAll(async () => {
  await t?.close();
});

let freshCounter = 0;

/** Fixtures for one request by `requesterUserId` (null for the public); see Fixtures.fresh. */
function fixturesFor(requesterUserId: string | null): Fixtures {
  const db = t.database.db;
  const pid = t.partnership.id;
  const made = new Map<string, Promise<{ id: string; version: number }>>();
  const create = async (kind: Parameters<Fixtures["fresh"]>[0]): Promise<{ id: string; version: number }> => {
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
        return createTermsOfReference(db, pid, { bodyId: base.bodyId, status: "draft", text: `Draft terms, not yet public: ${DRAFT_MARKER}` });
      case "user": {
        const user = await createUser(db, pid, "viewer");
        return { id: user.id, version: user.version };
      }
      case "meeting":
        return createMeeting(db, pid, { bodyId: base.bodyId, startsAt: new Date("2030-01-07T10:00:00Z") });
      case "agendaItem":
        return createAgendaItem(db, pid, { meetingId: base.meetingId, position: 10 });
      case "paper":
        return paperWithBytes(base.part1ItemId, "Fresh route test paper");
      case "decision":
        return createDecision(db, pid, { bodyId: base.bodyId, meetingId: base.meetingId, agendaItemId: base.part1ItemId, decidedOn: "2018-03-05" });
      case "action":
        return createAction(db, pid, { bodyId: base.bodyId, ownerPersonId: base.personId, sourceMeetingId: base.meetingId, sourceAgendaItemId: base.part1ItemId });
      case "interest":
        return createInterest(db, pid, { personId: base.personId, organisationId: base.organisationId, startsOn: "2017-01-01" });
      case "forwardPlanEntry":
        return createForwardPlanEntry(db, pid, { bodyId: base.bodyId, targetMonth: "2030-02-01" });
      case "workstream":
        return createWorkstream(db, pid, { overseeingBodyId: base.bodyId });
      case "plan": {
        // One current plan per workstream and year, and years are bounded: each fresh plan gets a
        // workstream of its own, which every contributor caller may edit.
        const workstream = await createWorkstream(db, pid, { overseeingBodyId: base.bodyId, published: true });
        await assignAllContributors(workstream.id);
        return createPlan(db, pid, { workstreamId: workstream.id, financialYear: 2030 });
      }
      case "budgetLine":
        return createBudgetLine(db, pid, { planId: base.planId }, { "2018-05-01": { plannedPence: 5000 } });
      case "milestone":
        return createMilestone(db, pid, { workstreamId: base.workstreamId });
      case "product":
        return createProduct(db, pid, { workstreamId: base.workstreamId });
      case "highlightReport": {
        const n = ++freshCounter;
        const month = `${2030 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}-01`;
        return createHighlightReport(db, pid, { workstreamId: base.workstreamId, month });
      }
      case "risk":
        return createRisk(db, pid, { workstreamId: base.workstreamId });
      case "issue":
        return createProgrammeIssue(db, pid, { workstreamId: base.workstreamId });
      case "maturityFramework":
        return (await createMaturityFramework(db, pid, { workstreamId: base.workstreamId })).framework;
      case "maturityAssessment":
        return createMaturityAssessment(db, pid, { frameworkId: base.maturityFrameworkId, areaName: "Fresh route test area" });
      case "boardUpdate": {
        const heldMeeting = await createMeeting(db, pid, {
          bodyId: base.bodyId,
          status: "held",
          startsAt: new Date("2018-05-14T09:00:00Z"),
          endsAt: new Date("2018-05-14T11:00:00Z"),
        });
        return createBoardUpdate(db, pid, { meetingId: heldMeeting.id, bodyId: base.bodyId });
      }
      case "token": {
        const userId = requesterUserId ?? (await createUser(db, pid, "viewer")).id;
        const secret = await accountsService({ db }).createTokenFor({ partnershipId: pid, userId, name: "route test", scope: "write" });
        // Tokens are never edited, so carry no version; 1 keeps the shape every kind shares.
        return { id: await tokenIdOf(secret), version: 1 };
      }
    }
  };
  return {
    ...base,
    fresh(kind) {
      let record = made.get(kind);
      if (!record) {
        record = create(kind);
        made.set(kind, record);
      }
      return record;
    },
  };
}

/** A paper whose PDF is really in the app's file store, so allowed downloads succeed. */
async function paperWithBytes(agendaItemId: string, title: string): Promise<{ id: string; version: number }> {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  const bytes = Buffer.from(await pdf.save());
  const { sha256, sizeBytes } = await t.fileStore.put(bytes);
  return createPaper(t.database.db, t.partnership.id, { agendaItemId, title, file: { sha256, sizeBytes } });
}

/** The id of a token from its secret, found by its hash as the app finds it. */
async function tokenIdOf(secret: string): Promise<string> {
  const rows = await t.database.pool.query<{ id: string }>("select id from personal_access_tokens where token_hash = $1", [hashSecret(secret)]);
  const id = rows.rows[0]?.id;
  if (!id) throw new Error("the new token was not stored");
  return id;
}

async function sessionOf(caller: Caller) {
  // A session is replaced whenever a response touched its cookies (sign-out, sign-in as someone
  // else, a password change), so every request is made by the principal it claims to be.
  if (!caller.session) {
    caller.session = await t.signIn(caller.who);
    await assignContributor(caller.who, caller.session.userId);
  }
  return caller.session;
}

async function tokenOf(caller: Caller, scope: TokenScope) {
  let token = caller.tokens[scope];
  if (!token) {
    const user = await createUser(t.database.db, t.partnership.id, caller.who);
    const secret = await accountsService({ db: t.database.db }).createTokenFor({
      partnershipId: t.partnership.id,
      userId: user.id,
      name: `route test ${scope}`,
      scope,
    });
    token = { userId: user.id, secret };
    caller.tokens[scope] = token;
    await assignContributor(caller.who, user.id);
  }
  return token;
}

/** Contributors edit only the workstreams they are assigned to: every contributor caller is assigned to the fixture workstream. */
const contributorUserIds: string[] = [];
const contributedWorkstreamIds: string[] = [];

async function assignContributor(who: Role, userId: string) {
  if (who !== "contributor") return;
  contributorUserIds.push(userId);
  for (const workstreamId of [base.workstreamId, ...contributedWorkstreamIds]) {
    await addWorkstreamContributor(t.database.db, t.partnership.id, { workstreamId, userId });
  }
}

async function assignAllContributors(workstreamId: string) {
  contributedWorkstreamIds.push(workstreamId);
  for (const userId of contributorUserIds) await addWorkstreamContributor(t.database.db, t.partnership.id, { workstreamId, userId });
}

/** A form field's value as a browser would send it. */
function fieldText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function formFields(body: Record<string, unknown>): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined || v === null) continue;
    fields[k] = Array.isArray(v) ? v.map(fieldText) : fieldText(v);
  }
  return fields;
}

/** Makes one request to the expectation's route as `who`, the way a browser or API client would. */
async function request(e: Expectation, method: string, who: Who, scope: TokenScope = "write"): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  let requesterUserId: string | null = null;
  let csrf = "";
  const caller = who === "anonymous" ? undefined : callers.get(who);
  const api = e.path.startsWith("/api/");
  if (api) {
    if (caller) {
      const token = await tokenOf(caller, scope);
      headers.authorization = `Bearer ${token.secret}`;
      requesterUserId = token.userId;
    }
  } else if (caller) {
    const session = await sessionOf(caller);
    headers.cookie = session.cookie;
    csrf = session.csrf;
    requesterUserId = session.userId;
  } else {
    // A new visitor each time: cookies and a CSRF token, so forms fail only for lack of permission.
    const anonymous = await t.anonymousSession();
    headers.cookie = anonymous.cookie;
    csrf = anonymous.csrf;
  }
  const f = fixturesFor(requesterUserId);
  const url = await e.url(f);
  const body = e.body ? await e.body(f) : undefined;
  let payload: string | undefined;
  if (method !== "GET" && method !== "HEAD") {
    if (api) {
      if (body) {
        headers["content-type"] = "application/json";
        payload = JSON.stringify(body);
      }
    } else {
      headers["content-type"] = "application/x-www-form-urlencoded";
      payload = form({ _csrf: csrf, ...formFields(body ?? {}) });
    }
  }
  const response = await t.app.inject({ method: method as "GET", url, headers, ...(payload !== undefined ? { payload } : {}) });
  if (caller?.session && !api) {
    const touched = response.cookies.some((c) => c.name === SESSION_COOKIE || c.name === CSRF_COOKIE);
    if (touched) caller.session = null;
    else caller.session.cookie = cookiesFrom(response, caller.session.cookie);
  }
  return response;
}

/** What went wrong with one response, or null when it is what the expectation says. */
function verdict(e: Expectation, who: Who, status: number): string | null {
  if (status >= 500) return `server error ${status}`;
  if (e.allowed.includes(who)) return [401, 403, 404].includes(status) ? `is allowed but got ${status}` : null;
  const expected = e.hiddenAs404?.includes(who) ? 404 : who === "anonymous" ? 401 : 403;
  return status === expected ? null : `is denied: expected ${expected}, got ${status}`;
}

/** A short reason from an error response, to make a failure readable. */
function reason(response: LightMyRequestResponse): string {
  const type = String(response.headers["content-type"] ?? "");
  if (type.includes("json")) {
    try {
      const body = response.json<{ error?: { code?: string; message?: string } }>();
      if (body.error) return ` (${body.error.code}: ${body.error.message})`;
    } catch {
      return "";
    }
  }
  const title = /<title>([^<]*)<\/title>/.exec(response.body)?.[1];
  return title ? ` (“${title}”)` : "";
}

function registeredKeys() {
  const keys = new Set(registered.map((r) => `${r.method} ${r.path}`));
  // Fastify answers HEAD with the GET route's handler (exposeHeadRoutes, and @fastify/static's
  // HEAD+GET pairs), so such a HEAD has the GET's authorisation: it is checked with the GET's
  // expectation rather than declared twice. A HEAD-only route would still need its own.
  const foldedHeads = new Set([...keys].filter((k) => k.startsWith("HEAD ") && keys.has(`GET ${k.slice(5)}`)));
  return { checked: new Set([...keys].filter((k) => !foldedHeads.has(k))), foldedHeads };
}

describe("route × role", () => {
  it("has exactly one valid expectation for every registered route, and none for routes that do not exist", () => {
    const { checked, foldedHeads } = registeredKeys();
    expect(checked.size, "no routes were registered: is the onRoute hook in place?").toBeGreaterThan(0);
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const e of expectations) {
      if (!e.method) {
        problems.push(`${e.source}: "${String(e.route)}" is not "METHOD /path" as Fastify registers it`);
        continue;
      }
      const earlier = seen.get(e.route);
      if (earlier) problems.push(`${e.route}: declared twice, in ${earlier} and ${e.source}`);
      seen.set(e.route, e.source);
      if (foldedHeads.has(e.route)) problems.push(`${e.route} (${e.source}): HEAD is checked with the GET's expectation; remove this one`);
      else if (!checked.has(e.route)) problems.push(`${e.route} (${e.source}): no such route is registered`);
      for (const who of [...e.allowed, ...(e.hiddenAs404 ?? [])])
        if (!EVERYONE.includes(who)) problems.push(`${e.route} (${e.source}): unknown principal "${who}"`);
      for (const who of e.hiddenAs404 ?? []) if (e.allowed.includes(who)) problems.push(`${e.route} (${e.source}): "${who}" is both allowed and hidden`);
      if (["POST", "PUT", "PATCH"].includes(e.method) && !e.body && e.path.startsWith("/api/"))
        problems.push(`${e.route} (${e.source}): an API write needs a valid body`);
    }
    for (const [file, exports] of Object.entries(modules)) {
      if (!Object.keys(exports).some((name) => name.endsWith("RouteExpectations"))) problems.push(`${file}: exports no <module>RouteExpectations array`);
    }
    for (const key of [...checked].sort()) if (!seen.has(key)) problems.push(`${key}: registered, but no *.authorisation.ts says who may use it`);
    expect(problems, `Route expectations are incomplete or wrong:\n  ${problems.join("\n  ")}\n`).toEqual([]);
  });

  for (const e of [...expectations].sort((a, b) => a.route.localeCompare(b.route))) {
    it(`${e.route} allows ${e.allowed.length === 0 ? "nobody" : e.allowed.join(", ")}`, async () => {
      expect(registeredKeys().checked.has(e.route), `${e.route} (${e.source}) is not a registered route`).toBe(true);
      const problems: string[] = [];
      for (const who of EVERYONE) {
        const response = await request(e, e.method, who);
        const wrong = verdict(e, who, response.statusCode);
        if (wrong) problems.push(`${who} ${wrong}${reason(response)}`);
        if (e.method === "GET") {
          const head = await request(e, "HEAD", who);
          if (head.statusCode !== response.statusCode) problems.push(`${who}: HEAD got ${head.statusCode} but GET got ${response.statusCode}`);
          if (who === "anonymous") {
            for (const marker of [DRAFT_MARKER, ARCHIVED_MARKER, PART_2_MARKER]) {
              if (response.body.includes(marker)) problems.push(`anonymous: the response shows a record the public must not see (${marker.split("-")[0]})`);
            }
          }
        }
      }
      // Read-scope tokens may never change anything, whatever the role behind them.
      const firstRole = e.allowed.find((who): who is Role => who !== "anonymous");
      if (e.path.startsWith("/api/") && !["GET", "HEAD", "OPTIONS"].includes(e.method) && firstRole && !e.allowed.includes("anonymous")) {
        const response = await request(e, e.method, firstRole, "read");
        if (response.statusCode !== 403) problems.push(`${firstRole} with a read-only token: expected 403, got ${response.statusCode}${reason(response)}`);
      }
      expect(problems, `${e.route} (${e.source}):\n  ${problems.join("\n  ")}\n`).toEqual([]);
    });
  }
});

describe("route × role fixtures", () => {
  it("make each request's fresh token belong to the requester", async () => {
    const requester = await createUser(t.database.db, t.partnership.id, "member");
    const f = fixturesFor(requester.id);
    const token = await f.fresh("token");
    expect(await f.fresh("token")).toEqual(token);
    expect(await fixturesFor(requester.id).fresh("token")).not.toEqual(token);
    const owner = await t.database.pool.query<{ user_id: string }>("select user_id from personal_access_tokens where id = $1", [token.id]);
    expect(owner.rows[0]?.user_id).toBe(requester.id);
    const role = await t.database.pool.query<{ role: string }>("select role from partnership_users where partnership_id = $1 and user_id = $2", [
      t.partnership.id,
      (await f.fresh("user")).id,
    ]);
    expect(role.rows[0]?.role).toBe("viewer");
  });
});
