/**
 * The decision trail, end to end through the JSON API (issue 3, "Done when"): a body is set up,
 * meeting A is scheduled, its agenda built and papers uploaded; a registered interest is flagged
 * against an item and declared at the meeting; attendance is recorded inquorate then quorate, and
 * quorum is recalculated for the item the conflicted member left; minutes are written, drafted
 * and circulated; decisions (one taken while inquorate) and actions are recorded; the next
 * meeting's matters arising lists the open action, and a decision of that meeting approves A's
 * minutes, after which they are published (public summary only) and can no longer change.
 *
 * Every step is an HTTP call to /api/v1 with a personal access token (or none, for the public).
 */
import { createHash } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/app.ts";

let t: TestApp;
/** The board office: a secretary's write-scope personal access token. */
let secretary: string;
/** A read-only member of the partnership. */
let viewer: string;

type Method = "GET" | "POST" | "PATCH" | "PUT";

/** One call to the JSON API; `token: null` is the public (no Authorization header). */
async function api(method: Method, url: string, payload?: unknown, token: string | null = secretary): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) headers["content-type"] = "application/json";
  return t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
}

/** The response's JSON after checking its status (the body is shown when the status is wrong). */
function expectStatus(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, `${res.statusCode} ${res.body}`).toBe(status);
  return status === 204 ? null : res.json();
}

const get = async (url: string, token: string | null = secretary, status = 200) => expectStatus(await api("GET", url, undefined, token), status);
const post = async (url: string, body: unknown, status = 201) => expectStatus(await api("POST", url, body), status);
const patch = async (url: string, body: unknown, status = 200) => expectStatus(await api("PATCH", url, body), status);
const put = async (url: string, body: unknown, status = 200) => expectStatus(await api("PUT", url, body), status);

/** A real PDF with one page per line of text. */
async function pdfWith(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of lines) doc.addPage().drawText(line, { x: 50, y: 700, size: 14, font });
  return Buffer.from(await doc.save());
}

/** Uploads a paper to an agenda item as an API client does: multipart/form-data with `title` and `file`. */
async function uploadPaper(meetingId: string, itemId: string, title: string, fileName: string, content: Buffer) {
  const form = new FormData();
  form.append("title", title);
  form.append("file", new Blob([new Uint8Array(content)], { type: "application/pdf" }), fileName);
  const body = new Response(form);
  const payload = Buffer.from(await body.arrayBuffer());
  return t.app.inject({
    method: "POST",
    url: `/api/v1/meetings/${meetingId}/items/${itemId}/papers`,
    headers: { authorization: `Bearer ${secretary}`, "content-type": body.headers.get("content-type")! },
    payload,
  });
}

// What the minutes say: the discussion is for the partnership only, the public summary is published.
const DISCUSSION = "Members pressed the director of finance on the risk share with the acute trust before the vote";
const PUBLIC_SUMMARY = "The board considered the financial principles for 2018/19 and gave them the go-ahead.";
const PART_2_TITLE = "Estates: commercial negotiation for the Maidstone site";
const PART_2_SUMMARY = "Terms for the Maidstone site were agreed in confidence";

// The directory, set up through the API.
const ids = {} as {
  trust: string;
  council: string;
  chair: string;
  conflicted: string;
  mary: string;
  sam: string;
  financeDirector: string;
  body: string;
  termsOfReference: string;
};
// Meeting A and its agenda.
const a = {} as {
  id: string;
  welcome: string;
  declarations: string;
  minutesItem: string;
  mattersArising: string;
  decisionItem: string;
  update: string;
  subItem: string;
  part2: string;
  paper: string;
  part2Paper: string;
  interest: string;
  decisionInquorate: string;
  decisionNoted: string;
  openAction: string;
  doneAction: string;
};
// Meeting B.
const b = {} as { id: string; minutesItem: string; mattersArising: string; approval: string };

/** The public never learns that meeting A's Part II item, or its paper, exists. */
async function expectPart2Hidden(): Promise<void> {
  const item = expectStatus(await api("GET", `/meetings/${a.id}/items/${a.part2}`, undefined, null), 404);
  expect(item.error.code).toBeDefined();
  const items = await get(`/meetings/${a.id}/items`, null);
  expect(items.data.map((i: { id: string }) => i.id)).not.toContain(a.part2);
  expect(JSON.stringify(items)).not.toContain(PART_2_TITLE);
  // The page for the item answers 404 to the public too.
  expect((await t.app.inject({ method: "GET", url: `/meetings/${a.id}/items/${a.part2}` })).statusCode).toBe(404);
  if (a.part2Paper) {
    expect((await api("GET", `/papers/${a.part2Paper}`, undefined, null)).statusCode).toBe(404);
    expect((await api("GET", `/papers/${a.part2Paper}/download`, undefined, null)).statusCode).toBe(404);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  secretary = await t.token("secretary", "write");
  viewer = await t.token("viewer", "read");
});
afterAll(async () => {
  await t.close();
});

describe("the decision trail, through the API", () => {
  it("sets up the directory: organisations, people, a body with members and ratified terms of reference with a quorum rule", async () => {
    ids.trust = (await post("/organisations", { name: "Maidstone and Tunbridge Wells NHS Trust", kind: "nhs_trust", odsCode: "RWF" })).id;
    ids.council = (await post("/organisations", { name: "Kent County Council", kind: "local_authority" })).id;

    const person = async (name: string, jobTitle: string, organisationId: string) => (await post("/people", { name, jobTitle, organisationId })).id;
    ids.chair = await person("Priya Shah", "Medical director", ids.trust);
    ids.conflicted = await person("Tom Hughes", "Director of adult social care", ids.council);
    ids.mary = await person("Mary Clarke", "Chief operating officer", ids.trust);
    ids.sam = await person("Sam Patel", "Director of public health", ids.council);
    ids.financeDirector = await person("Chris Taylor", "Director of finance", ids.trust);

    const body = await post("/bodies", { name: "Lifecycle Programme Board", shortName: "LPB", kind: "programme_board", meetsInPublic: true });
    ids.body = body.id;
    expect(body).toMatchObject({ name: "Lifecycle Programme Board", kind: "programme_board", archived: false });

    const seat = (personId: string, role: string, categories: string[] = []) =>
      post(`/bodies/${ids.body}/memberships`, { personId, role, voting: true, categories, startsOn: "2017-04-01" });
    expect(await seat(ids.chair, "chair", ["clinician"])).toMatchObject({ role: "chair", voting: true, categories: ["clinician"], current: true });
    await seat(ids.conflicted, "member");
    await seat(ids.mary, "member");
    await seat(ids.sam, "member");
    const members = await get(`/bodies/${ids.body}/memberships?current=true`);
    expect(members.data).toHaveLength(4);

    const draft = await post(`/bodies/${ids.body}/terms-of-reference`, {
      versionLabel: "1.0",
      text: "The board is quorate when three voting members are present, at least one of them a clinician.",
      quorum: {
        minimumVotingMembers: 3,
        representation: [{ description: "At least one clinician", minimum: 1, criterion: { type: "memberCategory", category: "clinician" } }],
      },
    });
    expect(draft).toMatchObject({ status: "draft", version: 1 });
    const ratified = await post(
      `/bodies/${ids.body}/terms-of-reference/${draft.id}/ratify`,
      { version: draft.version, ratifiedByBodyId: ids.body, ratifiedOn: "2017-06-05" },
      200,
    );
    expect(ratified).toMatchObject({ status: "ratified", ratifiedOn: "2017-06-05", quorum: { minimumVotingMembers: 3 } });
    ids.termsOfReference = ratified.id;
  });

  it("1. schedules meeting A and builds its agenda: numbered items in order, a decision item linked to an organisation, a Part II item", async () => {
    // In the past, so that the meeting can be recorded as held (markHeld refuses a meeting that has not started).
    const meeting = await post("/meetings", {
      bodyId: ids.body,
      title: "Board meeting, March 2018",
      date: "2018-03-05",
      startTime: "10:00",
      endTime: "12:00",
      venue: "Council Chamber, Maidstone",
      hasPublicSession: true,
      hasPrivateSession: true,
    });
    expect(meeting).toMatchObject({
      body: { id: ids.body, name: "Lifecycle Programme Board" },
      date: "2018-03-05",
      startTime: "10:00",
      startsAt: "2018-03-05T10:00:00.000Z",
      status: "planned",
      minutesStatus: null,
      version: 1,
    });
    a.id = meeting.id;

    const add = async (item: Record<string, unknown>, number: string) => {
      const added = await post(`/meetings/${a.id}/items`, item);
      expect(added).toMatchObject({ meetingId: a.id, number, title: item.title });
      return added.id as string;
    };
    a.welcome = await add({ title: "Welcome and apologies", kind: "welcome_and_apologies", durationMinutes: 5 }, "1");
    a.declarations = await add({ title: "Declarations of interest", kind: "declarations_of_interest", durationMinutes: 5 }, "2");
    a.minutesItem = await add({ title: "Minutes of the last meeting", kind: "minutes_of_last_meeting", durationMinutes: 5 }, "3");
    a.mattersArising = await add({ title: "Matters arising and action log", kind: "matters_arising", durationMinutes: 10 }, "4");
    a.decisionItem = await add(
      {
        title: "Financial principles 2018/19",
        kind: "decision",
        purpose: "for_decision",
        durationMinutes: 30,
        recommendation: "The board is asked to give the go-ahead to the financial principles.",
        presenters: [{ personId: ids.financeDirector, roleLabel: "Director of finance" }],
        organisationIds: [ids.trust],
      },
      "5",
    );
    a.update = await add({ title: "Clinical strategy update", kind: "update", purpose: "for_information", durationMinutes: 20 }, "6");
    a.subItem = await add({ title: "Stroke services consultation", kind: "update", durationMinutes: 10, parentItemId: a.update }, "6.1");

    const noReason = await api("POST", `/meetings/${a.id}/items`, { title: PART_2_TITLE, kind: "discussion", confidentiality: "part_2" });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.fields.exemptionReason).toBe("Enter why the item is exempt from publication");
    a.part2 = await add(
      {
        title: PART_2_TITLE,
        kind: "discussion",
        durationMinutes: 15,
        confidentiality: "part_2",
        exemptionReason: "Commercially sensitive: negotiations with a third party are under way",
      },
      "7",
    );

    const agenda = await get(`/meetings/${a.id}/items`);
    expect(agenda.data.map((i: { number: string }) => i.number)).toEqual(["1", "2", "3", "4", "5", "6", "6.1", "7"]);
    expect(agenda.data.map((i: { id: string }) => i.id)).toEqual([
      a.welcome,
      a.declarations,
      a.minutesItem,
      a.mattersArising,
      a.decisionItem,
      a.update,
      a.subItem,
      a.part2,
    ]);
    // Running start times from the meeting's start.
    expect(agenda.data.map((i: { startTimeLocal: string }) => i.startTimeLocal)).toEqual([
      "10:00",
      "10:05",
      "10:10",
      "10:15",
      "10:25",
      "10:55",
      "11:15",
      "11:25",
    ]);
    const decisionItem = agenda.data[4];
    expect(decisionItem).toMatchObject({
      kind: "decision",
      purpose: "for_decision",
      confidentiality: "part_1",
      organisationIds: [ids.trust],
      presenters: [{ personId: ids.financeDirector, name: "Chris Taylor", roleLabel: "Director of finance" }],
      overruns: false,
    });
    expect(agenda.data[7]).toMatchObject({
      confidentiality: "part_2",
      exemptionReason: "Commercially sensitive: negotiations with a third party are under way",
    });

    // Before the agenda is published the public sees the meeting, but none of its agenda.
    expect((await get(`/meetings/${a.id}`, null)).status).toBe("planned");
    expect((await get(`/meetings/${a.id}/items`, null)).data).toEqual([]);
    expect((await api("GET", `/meetings/${a.id}/items/${a.decisionItem}`, undefined, null)).statusCode).toBe(404);
    await expectPart2Hidden();
  });

  it("2. uploads a paper to the decision item, lists the meeting's papers and downloads the PDF; publishes the agenda", async () => {
    const pdf = await pdfWith(["Financial principles 2018/19", "Risk share and control totals"]);
    const uploaded = await uploadPaper(a.id, a.decisionItem, "Financial principles paper", "financial-principles.pdf", pdf);
    const paper = expectStatus(uploaded, 201);
    expect(paper).toMatchObject({
      title: "Financial principles paper",
      meetingId: a.id,
      agendaItemId: a.decisionItem,
      confidentiality: "part_1",
      archived: false,
      version: 1,
      textProblem: null,
      current: {
        versionNumber: 1,
        fileName: "financial-principles.pdf",
        format: "pdf",
        mediaType: "application/pdf",
        sizeBytes: pdf.length,
        sha256: createHash("sha256").update(pdf).digest("hex"),
        pageCount: 2,
        textStatus: "extracted",
      },
    });
    a.paper = paper.id;

    // A paper of the Part II item is Part II too.
    const confidential = expectStatus(
      await uploadPaper(a.id, a.part2, "Heads of terms", "heads-of-terms.pdf", await pdfWith(["Heads of terms, in confidence"])),
      201,
    );
    expect(confidential.confidentiality).toBe("part_2");
    a.part2Paper = confidential.id;

    const listed = await get(`/papers?meetingId=${a.id}`);
    expect(listed.data.map((p: { id: string }) => p.id).sort()).toEqual([a.paper, a.part2Paper].sort());
    expect(listed.data.find((p: { id: string }) => p.id === a.paper)).toMatchObject({ agendaItemId: a.decisionItem, current: { format: "pdf" } });

    const download = await api("GET", `/papers/${a.paper}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(Buffer.compare(download.rawPayload, pdf)).toBe(0);
    expect(download.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // Publishing after the meeting started is allowed, with a warning.
    const published = await post(`/meetings/${a.id}/publish-agenda`, { version: 1 }, 200);
    expect(published).toMatchObject({ status: "agenda_published", version: 2 });
    expect(published.agendaPublishedAt).not.toBeNull();
    expect(published.warnings).toEqual(["The agenda was published after the meeting started"]);

    // The public now sees the Part I agenda and papers, never the Part II item or its paper.
    const publicAgenda = await get(`/meetings/${a.id}/items`, null);
    expect(publicAgenda.data.map((i: { number: string }) => i.number)).toEqual(["1", "2", "3", "4", "5", "6", "6.1"]);
    const publicPapers = await get(`/papers?meetingId=${a.id}`, null);
    expect(publicPapers.data.map((p: { id: string }) => p.id)).toEqual([a.paper]);
    const publicDownload = await api("GET", `/papers/${a.paper}/download`, undefined, null);
    expect(publicDownload.statusCode).toBe(200);
    expect(Buffer.compare(publicDownload.rawPayload, pdf)).toBe(0);
    await expectPart2Hidden();
  });

  it("3. flags the member whose registered interest names the decision item's organisation, and records the declaration", async () => {
    const interest = await post("/interests", {
      personId: ids.conflicted,
      category: "non_financial_personal",
      organisationId: ids.trust,
      description: "Spouse is a non-executive director of Maidstone and Tunbridge Wells NHS Trust",
      startsOn: "2016-09-01",
    });
    expect(interest).toMatchObject({
      person: { id: ids.conflicted, name: "Tom Hughes" },
      organisation: { id: ids.trust, name: "Maidstone and Tunbridge Wells NHS Trust" },
      current: true,
    });
    a.interest = interest.id;
    // An interest in an organisation no item concerns raises no flag.
    await post("/interests", { personId: ids.mary, category: "financial", organisationId: ids.council, description: "Shares in a care provider" });

    const flags = await get(`/meetings/${a.id}/interest-flags`);
    expect(flags.data).toEqual([
      {
        agendaItemId: a.decisionItem,
        personId: ids.conflicted,
        personName: "Tom Hughes",
        organisationId: ids.trust,
        organisationName: "Maidstone and Tunbridge Wells NHS Trust",
        category: "non_financial_personal",
        description: "Spouse is a non-executive director of Maidstone and Tunbridge Wells NHS Trust",
      },
    ]);
    // Flags are for the partnership: the public gets none.
    expect((await get(`/meetings/${a.id}/interest-flags`, null)).data).toEqual([]);

    const declared = await post(`/meetings/${a.id}/declarations`, {
      agendaItemId: a.decisionItem,
      personId: ids.conflicted,
      interestId: a.interest,
      description: "Spouse is a non-executive director of the trust; took part in the discussion and left for the decision",
      action: "left_decision",
    });
    expect(declared).toMatchObject({
      meetingId: a.id,
      agendaItemId: a.decisionItem,
      person: { id: ids.conflicted, name: "Tom Hughes" },
      interestId: a.interest,
      action: "left_decision",
      version: 1,
    });
    const declarations = await get(`/meetings/${a.id}/declarations`);
    expect(declarations.data.map((d: { id: string }) => d.id)).toEqual([declared.id]);
  });

  it("4. records attendance: inquorate, then quorate overall, and the decision item inquorate without the member who left", async () => {
    // The meeting took place.
    const held = await post(`/meetings/${a.id}/held`, { version: 2 }, 200);
    expect(held).toMatchObject({ status: "held", version: 3 });

    // Two voting members, neither a clinician; the chair sent apologies.
    const present = (personId: string, note?: string) => post(`/meetings/${a.id}/attendance`, { personId, status: "present", ...(note ? { note } : {}) });
    await present(ids.conflicted);
    await present(ids.mary);
    const apologies = await post(`/meetings/${a.id}/attendance`, { personId: ids.chair, status: "apologies", note: "Chair" });
    expect(apologies).toMatchObject({ person: { id: ids.chair, name: "Priya Shah" }, status: "apologies", version: 1 });
    await post(`/meetings/${a.id}/attendance`, { personId: ids.sam, status: "absent" });
    // Someone in attendance who is not a member does not count towards quorum.
    const presenter = await post(`/meetings/${a.id}/attendance`, { personId: ids.financeDirector, status: "in_attendance", note: "For item 5" });
    expect(presenter.status).toBe("in_attendance");
    // Recording someone already recorded is a conflict: a change goes through PUT with the version read.
    expect((await api("POST", `/meetings/${a.id}/attendance`, { personId: ids.mary, status: "present" })).statusCode).toBe(409);

    const inquorate = await get(`/meetings/${a.id}/quorum`);
    expect(inquorate).toMatchObject({
      meetingId: a.id,
      meetingDate: "2018-03-05",
      rule: {
        termsOfReferenceId: ids.termsOfReference,
        versionLabel: "1.0",
        description: "At least 3 voting members present, including at least one clinician.",
      },
      overall: {
        quorate: false,
        votingPresent: 2,
        required: 3,
        shortfalls: ["Needs at least 3 voting members present: 2 present", "Needs at least one clinician: none present"],
      },
    });

    // The chair arrived after all: a change names the version read.
    const stale = await api("PUT", `/meetings/${a.id}/attendance/${ids.chair}`, { status: "present", note: "Chair", version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ status: "apologies", version: 1 });
    const arrived = await put(`/meetings/${a.id}/attendance/${ids.chair}`, { status: "present", note: "Chair", version: 1 });
    expect(arrived).toMatchObject({ status: "present", note: "Chair", version: 2 });

    const quorate = await get(`/meetings/${a.id}/quorum`);
    expect(quorate.overall).toEqual({ quorate: true, votingPresent: 3, required: 3, shortfalls: [] });
    const perItem = new Map<string, { quorate: boolean; votingPresent: number; shortfalls: string[] }>(
      quorate.items.map((i: { agendaItemId: string; result: { quorate: boolean; votingPresent: number; shortfalls: string[] } }) => [i.agendaItemId, i.result]),
    );
    expect(perItem.size).toBe(8);
    // Tom Hughes left for the decision on item 5: two voting members remain for it.
    expect(perItem.get(a.decisionItem)).toEqual({
      quorate: false,
      votingPresent: 2,
      required: 3,
      shortfalls: ["Needs at least 3 voting members present: 2 present"],
    });
    for (const id of [a.welcome, a.update, a.subItem, a.part2]) expect(perItem.get(id)).toMatchObject({ quorate: true, votingPresent: 3 });
    expect(quorate.items.find((i: { agendaItemId: string }) => i.agendaItemId === a.decisionItem)).toMatchObject({
      number: "5",
      title: "Financial principles 2018/19",
    });

    const attendance = await get(`/meetings/${a.id}/attendance`);
    expect(Object.fromEntries(attendance.data.map((r: { person: { name: string }; status: string }) => [r.person.name, r.status]))).toEqual({
      "Priya Shah": "present",
      "Tom Hughes": "present",
      "Mary Clarke": "present",
      "Sam Patel": "absent",
      "Chris Taylor": "in_attendance",
    });
    // Attendance and quorum are not public until the minutes are approved.
    expect((await api("GET", `/meetings/${a.id}/quorum`, undefined, null)).statusCode).toBe(404);
    expect((await api("GET", `/meetings/${a.id}/attendance`, undefined, null)).statusCode).toBe(404);
  });

  it("5. writes the minutes item by item, drafts and circulates them", async () => {
    const decisionMinutes = await patch(`/meetings/${a.id}/minutes/items/${a.decisionItem}`, {
      version: 0,
      discussion: DISCUSSION,
      publicSummary: PUBLIC_SUMMARY,
      outcome: "Gave the go-ahead",
    });
    expect(decisionMinutes).toMatchObject({
      agendaItemId: a.decisionItem,
      number: "5",
      confidentiality: "part_1",
      discussion: DISCUSSION,
      publicSummary: PUBLIC_SUMMARY,
      outcome: "Gave the go-ahead",
      version: 1,
    });
    // A second writer who read the empty minutes is refused, with the newer minutes.
    const stale = await api("PATCH", `/meetings/${a.id}/minutes/items/${a.decisionItem}`, { version: 0, outcome: "Approved" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ outcome: "Gave the go-ahead", version: 1 });

    await patch(`/meetings/${a.id}/minutes/items/${a.update}`, {
      version: 0,
      discussion: "The clinical lead summarised engagement to date.",
      publicSummary: "The board noted progress on the clinical strategy.",
      outcome: "Noted",
    });
    await patch(`/meetings/${a.id}/minutes/items/${a.part2}`, {
      version: 0,
      discussion: "Heads of terms were discussed in private session.",
      publicSummary: PART_2_SUMMARY,
      outcome: "Agreed",
    });

    const drafted = await post(`/meetings/${a.id}/minutes/status`, { status: "draft" }, 200);
    expect(drafted).toMatchObject({ meetingId: a.id, status: "draft", approvedBy: null });
    expect((await get(`/meetings/${a.id}`)).status).toBe("minutes_drafted");
    const circulated = await post(`/meetings/${a.id}/minutes/status`, { status: "circulated" }, 200);
    expect(circulated.status).toBe("circulated");
    expect(circulated.items.map((i: { number: string }) => i.number)).toEqual(["1", "2", "3", "4", "5", "6", "6.1", "7"]);
    expect(circulated.items.find((i: { agendaItemId: string }) => i.agendaItemId === a.decisionItem).discussion).toBe(DISCUSSION);
    expect((await get(`/meetings/${a.id}`)).minutesStatus).toBe("circulated");

    // Insiders read the minutes as they are drafted; the public only once they are approved.
    expect((await get(`/meetings/${a.id}/minutes`, viewer)).status).toBe("circulated");
    expect((await api("GET", `/meetings/${a.id}/minutes`, undefined, null)).statusCode).toBe(404);
    await expectPart2Hidden();
  });

  it("6. records decisions, flagging the one taken while inquorate, and actions (one open with a due date, one done)", async () => {
    const goAhead = await post("/decisions", {
      agendaItemId: a.decisionItem,
      text: "Gave the go-ahead to the financial principles for 2018/19",
      kind: "approved_in_principle",
      organisationIds: [ids.trust],
    });
    expect(goAhead).toMatchObject({
      kind: "approved_in_principle",
      status: "in_force",
      decidedOn: "2018-03-05",
      takenWhileInquorate: true,
      body: { id: ids.body },
      meeting: { id: a.id },
      agendaItem: { id: a.decisionItem, confidentiality: "part_1" },
      organisations: [{ id: ids.trust, name: "Maidstone and Tunbridge Wells NHS Trust" }],
    });
    a.decisionInquorate = goAhead.id;

    const noted = await post("/decisions", { agendaItemId: a.update, text: "Noted the clinical strategy update", kind: "noted" });
    expect(noted).toMatchObject({ kind: "noted", takenWhileInquorate: false, agendaItem: { id: a.update } });
    a.decisionNoted = noted.id;

    const log = await get(`/decisions?meetingId=${a.id}`);
    expect(Object.fromEntries(log.data.map((d: { id: string; takenWhileInquorate: boolean }) => [d.id, d.takenWhileInquorate]))).toEqual({
      [a.decisionInquorate]: true,
      [a.decisionNoted]: false,
    });

    const open = await post("/actions", {
      description: "Bring regular progress updates on the financial principles to the board",
      ownerPersonId: ids.mary,
      dueOn: "2018-06-30",
      agendaItemId: a.decisionItem,
      decisionId: a.decisionInquorate,
    });
    expect(open).toMatchObject({
      status: "open",
      dueOn: "2018-06-30",
      owner: { id: ids.mary, name: "Mary Clarke" },
      body: { id: ids.body },
      meeting: { id: a.id },
      agendaItem: { id: a.decisionItem },
      decisionId: a.decisionInquorate,
      confidentiality: "part_1",
    });
    a.openAction = open.id;

    const toFinish = await post("/actions", {
      description: "Circulate the stroke consultation timetable to members",
      ownerPersonId: ids.chair,
      dueOn: "2018-03-19",
      agendaItemId: a.subItem,
    });
    const done = await post(`/actions/${toFinish.id}/status`, { status: "done", version: toFinish.version, completedOn: "2018-03-16" }, 200);
    expect(done).toMatchObject({ status: "done", completedOn: "2018-03-16", overdue: false });
    a.doneAction = done.id;

    const recorded = await get(`/actions?meetingId=${a.id}`);
    expect(recorded.data.map((x: { id: string }) => x.id).sort()).toEqual([a.openAction, a.doneAction].sort());
  });

  it("7. schedules meeting B, whose matters arising lists the body's open action and not the done one", async () => {
    const meeting = await post("/meetings", {
      bodyId: ids.body,
      title: "Board meeting, April 2018",
      date: "2018-04-09",
      startTime: "10:00",
      endTime: "12:00",
      venue: "Council Chamber, Maidstone",
    });
    // British Summer Time: 10:00 in England is 09:00 UTC.
    expect(meeting).toMatchObject({ date: "2018-04-09", startTime: "10:00", startsAt: "2018-04-09T09:00:00.000Z", status: "planned" });
    b.id = meeting.id;
    expect((await post(`/meetings/${b.id}/items`, { title: "Welcome and apologies", kind: "welcome_and_apologies", durationMinutes: 5 })).number).toBe("1");
    const minutesItem = await post(`/meetings/${b.id}/items`, { title: "Minutes of the last meeting", kind: "minutes_of_last_meeting", durationMinutes: 5 });
    expect(minutesItem.number).toBe("2");
    b.minutesItem = minutesItem.id;
    const matters = await post(`/meetings/${b.id}/items`, { title: "Matters arising and action log", kind: "matters_arising", durationMinutes: 10 });
    expect(matters.number).toBe("3");
    b.mattersArising = matters.id;

    const arising = await get(`/meetings/${b.id}/matters-arising`);
    expect(arising.data.map((x: { id: string }) => x.id)).toEqual([a.openAction]);
    expect(arising.data[0]).toMatchObject({
      description: "Bring regular progress updates on the financial principles to the board",
      status: "open",
      dueOn: "2018-06-30",
      // Due in 2018 and still open: overdue today.
      overdue: true,
      owner: { name: "Mary Clarke" },
      meeting: { id: a.id },
      agendaItem: { id: a.decisionItem, title: "Financial principles 2018/19" },
    });
    expect(arising.data.map((x: { id: string }) => x.id)).not.toContain(a.doneAction);
    // Meeting A's own actions were raised at A, so they are not A's matters arising.
    expect((await get(`/meetings/${a.id}/matters-arising`)).data).toEqual([]);
    // The public sees the same open action (Part I, from a held meeting), without the working notes.
    const publicArising = await get(`/meetings/${b.id}/matters-arising`, null);
    expect(publicArising.data.map((x: { id: string }) => x.id)).toEqual([a.openAction]);
    expect(publicArising.data[0].latestUpdate).toBeNull();
    // The action log agrees.
    const outstanding = await get(`/actions?bodyId=${ids.body}&status=outstanding`);
    expect(outstanding.data.map((x: { id: string }) => x.id)).toEqual([a.openAction]);
    // And the endpoint is documented.
    const openapi = await get("/openapi.json", null);
    expect(openapi.paths["/api/v1/meetings/{id}/matters-arising"]?.get).toBeDefined();
  });

  it("8. meeting B's minutes-of-the-last-meeting decision approves meeting A's minutes, which then cannot change", async () => {
    expect(await post(`/meetings/${b.id}/publish-agenda`, { version: 1 }, 200)).toMatchObject({ status: "agenda_published" });
    expect(await post(`/meetings/${b.id}/held`, { version: 2 }, 200)).toMatchObject({ status: "held" });
    for (const personId of [ids.chair, ids.conflicted, ids.mary, ids.sam]) await post(`/meetings/${b.id}/attendance`, { personId, status: "present" });
    expect((await get(`/meetings/${b.id}/quorum`)).overall).toMatchObject({ quorate: true, votingPresent: 4 });

    // Only a decision on a "minutes of the last meeting" item can approve minutes.
    const wrongItem = await api("POST", "/decisions", {
      agendaItemId: b.mattersArising,
      text: "Approved the minutes",
      kind: "approved",
      approvesMinutesOfMeetingId: a.id,
    });
    expect(wrongItem.statusCode).toBe(422);
    expect(wrongItem.json().error.fields.approvesMinutesOfMeetingId).toBeDefined();

    const approval = await post("/decisions", {
      agendaItemId: b.minutesItem,
      text: "Approved the minutes of the meeting held on 5 March 2018 as a true record",
      kind: "approved",
      approvesMinutesOfMeetingId: a.id,
    });
    expect(approval).toMatchObject({
      kind: "approved",
      decidedOn: "2018-04-09",
      takenWhileInquorate: false,
      meeting: { id: b.id },
      agendaItem: { id: b.minutesItem },
      approvesMinutesOf: [{ meetingId: a.id, startsAt: "2018-03-05T10:00:00.000Z" }],
    });
    b.approval = approval.id;

    const meetingA = await get(`/meetings/${a.id}`);
    expect(meetingA).toMatchObject({ status: "minutes_approved", minutesStatus: "approved" });
    const minutes = await get(`/meetings/${a.id}/minutes`);
    expect(minutes).toMatchObject({ status: "approved", approvedBy: { decisionId: b.approval, meeting: { id: b.id, startsAt: "2018-04-09T09:00:00.000Z" } } });

    // Approved minutes, and the attendance they record, never change.
    const edit = await api("PATCH", `/meetings/${a.id}/minutes/items/${a.decisionItem}`, { version: 1, publicSummary: "Rewritten afterwards" });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe("minutes_approved");
    const newItemMinutes = await api("PATCH", `/meetings/${a.id}/minutes/items/${a.welcome}`, { version: 0, outcome: "Apologies noted" });
    expect(newItemMinutes.statusCode).toBe(409);
    expect((await api("POST", `/meetings/${a.id}/minutes/status`, { status: "draft" })).statusCode).toBe(409);
    const attendance = await api("PUT", `/meetings/${a.id}/attendance/${ids.sam}`, { status: "apologies", version: 1 });
    expect(attendance.statusCode).toBe(409);
    expect(attendance.json().error.code).toBe("minutes_approved");
    // Nor can they be approved twice.
    const again = await api("POST", "/decisions", {
      agendaItemId: b.minutesItem,
      text: "Approved the minutes again",
      kind: "approved",
      approvesMinutesOfMeetingId: a.id,
    });
    expect(again.statusCode).toBe(422);
    expect((await get(`/meetings/${a.id}/minutes`)).items.find((i: { agendaItemId: string }) => i.agendaItemId === a.decisionItem).publicSummary).toBe(
      PUBLIC_SUMMARY,
    );
  });

  it("9. publishes the approved minutes to the public: public summaries of Part I items only, never the discussion", async () => {
    const res = await api("GET", `/meetings/${a.id}/minutes`, undefined, null);
    const minutes = expectStatus(res, 200);
    expect(minutes).toMatchObject({ meetingId: a.id, status: "approved", approvedBy: { decisionId: b.approval, meeting: { id: b.id } } });
    expect(minutes.items.map((i: { number: string }) => i.number)).toEqual(["1", "2", "3", "4", "5", "6", "6.1"]);
    const decisionItem = minutes.items.find((i: { agendaItemId: string }) => i.agendaItemId === a.decisionItem);
    expect(decisionItem).toEqual({
      agendaItemId: a.decisionItem,
      number: "5",
      title: "Financial principles 2018/19",
      confidentiality: "part_1",
      publicSummary: PUBLIC_SUMMARY,
      outcome: "Gave the go-ahead",
      version: 1,
    });
    for (const item of minutes.items) expect(item).not.toHaveProperty("discussion");
    expect(res.body).not.toContain(DISCUSSION);
    expect(res.body).not.toContain("Heads of terms");
    expect(res.body).not.toContain(PART_2_TITLE);
    expect(res.body).not.toContain(PART_2_SUMMARY);
    expect(res.body).not.toContain(a.part2);

    // The public now sees attendance and quorum too, with the decision flagged as taken while inquorate.
    const quorum = await get(`/meetings/${a.id}/quorum`, null);
    expect(quorum.overall).toMatchObject({ quorate: true });
    expect(quorum.items.map((i: { agendaItemId: string }) => i.agendaItemId)).not.toContain(a.part2);
    expect(quorum.items.find((i: { agendaItemId: string }) => i.agendaItemId === a.decisionItem).result.quorate).toBe(false);
    const decision = await get(`/decisions/${a.decisionInquorate}`, null);
    expect(decision).toMatchObject({ takenWhileInquorate: true, agendaItem: { id: a.decisionItem } });
    const publicDeclarations = await get(`/meetings/${a.id}/declarations`, null);
    expect(publicDeclarations.data).toEqual([expect.objectContaining({ agendaItemId: a.decisionItem, action: "left_decision" })]);

    await expectPart2Hidden();
  });
});
