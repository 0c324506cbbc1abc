import { PDFDocument, PDFName } from "pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../app.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { createTestApp, type Session, type TestApp } from "../../../tests/setup/app.ts";
import { createAgendaItem, createBody, createMeeting, createPaper, createPerson, createUser } from "../../../tests/factories/index.ts";
import { readOutline } from "./board-packs.outline.ts";
import { encryptedPdf, paperPdf, truncatedPdf } from "./board-packs.test-documents.ts";
import type { PackOutput } from "./board-packs.schema.ts";

const MARKER = "ZEBRA-CONFIDENTIAL-7731";

let t: TestApp;
let secretary: Session;
let member: Session;
let viewer: Session;
let contributor: Session;
let memberToken: string;
let meetingId: string;
let draftMeetingId: string;
let brokenMeetingId: string;
let damagedMeetingId: string;
let lockedPaperId: string;
let firstPaperId: string;

async function storedPaper(agendaItemId: string, title: string, bytes: Buffer, format: "pdf" | "docx" = "pdf") {
  const { sha256, sizeBytes } = await t.fileStore.put(bytes);
  const mediaType = format === "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return createPaper(t.database.db, t.partnership.id, { agendaItemId, title, file: { sha256, sizeBytes, format, mediaType, fileName: `${title}.${format}` } });
}

async function get(url: string, session?: Session, headers: Record<string, string> = {}) {
  return t.app.inject({ method: "GET", url, headers: { ...(session ? { cookie: session.cookie } : {}), ...headers } });
}

async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
  return text;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The page numbers the agenda prints, in agenda order: each row is "number title … hh:mm page". */
function agendaPageNumbers(agendaText: string, numbers: string[]): number[] {
  let from = 0;
  return numbers.map((n) => {
    const row = new RegExp(`(?:^|\\n)${escapeRe(n)} [\\s\\S]*?\\d\\d:\\d\\d\\s+(\\d+)`, "g");
    row.lastIndex = from;
    const found = row.exec(agendaText);
    if (!found) throw new Error(`item ${n} not found in the agenda`);
    from = row.lastIndex;
    return Number(found[1]);
  });
}

beforeAll(async () => {
  t = await createTestApp({ partnership: { name: "Kent and Medway STP" } });
  [secretary, member, viewer, contributor] = await Promise.all([t.signIn("secretary"), t.signIn("member"), t.signIn("viewer"), t.signIn("contributor")]);
  memberToken = await t.token("member", "read");
  const db = t.database.db;
  const pid = t.partnership.id;
  const body = await createBody(db, pid, { name: "Programme Board", shortName: "Programme Board", kind: "programme_board" });
  const chair = await createPerson(db, pid, { name: "Glenn Douglas" });
  const meeting = await createMeeting(db, pid, {
    bodyId: body.id,
    title: "Programme Board, March 2018",
    venue: "Maidstone",
    status: "agenda_published",
    agendaPublishedAt: new Date("2018-02-26T09:00:00Z"),
    hasPrivateSession: true,
  });
  meetingId = meeting.id;
  const item = (position: number, title: string, extra: Parameters<typeof createAgendaItem>[2] extends infer V ? Partial<V> : never = {}) =>
    createAgendaItem(db, pid, {
      meetingId,
      position,
      title,
      kind: "update",
      purpose: "for_decision",
      durationMinutes: 15,
      recommendation: "The board is asked to agree the recommendation.",
      presenters: [{ personId: chair.id, roleLabel: "STP Chief Executive" }],
      ...extra,
    });
  const items = [
    await item(1, "Welcome and apologies"),
    await item(2, "Finance: month 10 position"),
    await item(3, "Performance ≥ 95% seen within 4 hours 🚀"),
    await item(4, "Estates strategy"),
    await item(5, "Workforce update"),
    await item(6, `Estates disposal ${MARKER}`, { confidentiality: "part_2", exemptionReason: "Commercial interests" }),
  ];
  const sub = await createAgendaItem(db, pid, {
    meetingId,
    parentItemId: items[1]!.id,
    position: 1,
    title: "Capital plan",
    kind: "update",
    durationMinutes: 10,
  });
  // Ten papers: nine PDFs of different lengths (one US letter, one landscape-rotated) and one Word document.
  const papers: [string, string, Buffer, ("pdf" | "docx")?][] = [
    [items[1]!.id, "Finance report", await paperPdf("Finance report", 3)],
    [items[1]!.id, "Finance appendix", await paperPdf("Finance appendix", 1, { letter: true })],
    [sub.id, "Capital plan 2018/19", await paperPdf("Capital plan", 4)],
    [items[2]!.id, "Performance dashboard", await paperPdf("Performance dashboard", 2, { rotate: 90 })],
    [items[2]!.id, "Urgent care “winter” review", await paperPdf("Winter review", 5)],
    [items[3]!.id, "Estates strategy", Buffer.from("PK fake word document bytes"), "docx"],
    [items[3]!.id, "Estates annex", await paperPdf("Estates annex", 1)],
    [items[4]!.id, "Workforce plan", await paperPdf("Workforce plan", 6)],
    [items[4]!.id, "Workforce data", await paperPdf("Workforce data", 2)],
    [items[5]!.id, `Disposal options ${MARKER}`, await paperPdf(`Disposal ${MARKER}`, 3)],
  ];
  for (const [itemId, title, bytes, format] of papers) {
    const p = await storedPaper(itemId, title, bytes, format);
    firstPaperId ??= p.id;
  }

  const draft = await createMeeting(db, pid, { bodyId: body.id, status: "planned", startsAt: new Date("2018-06-04T09:00:00Z") });
  draftMeetingId = draft.id;
  await createAgendaItem(db, pid, { meetingId: draftMeetingId, title: "Draft item", kind: "update" });

  const broken = await createMeeting(db, pid, {
    bodyId: body.id,
    status: "agenda_published",
    agendaPublishedAt: new Date(),
    startsAt: new Date("2018-07-02T09:00:00Z"),
  });
  brokenMeetingId = broken.id;
  for (const position of [1, 2, 3]) await createAgendaItem(db, pid, { meetingId: brokenMeetingId, position, title: `Item ${position}`, kind: "update" });
  const fourth = await createAgendaItem(db, pid, { meetingId: brokenMeetingId, position: 4, title: "Contract award", kind: "decision" });
  lockedPaperId = (await storedPaper(fourth.id, "Contract award report", await encryptedPdf())).id;

  const damaged = await createMeeting(db, pid, {
    bodyId: body.id,
    status: "agenda_published",
    agendaPublishedAt: new Date(),
    startsAt: new Date("2018-08-06T09:00:00Z"),
  });
  damagedMeetingId = damaged.id;
  const only = await createAgendaItem(db, pid, { meetingId: damagedMeetingId, position: 1, title: "Audit", kind: "update" });
  await storedPaper(only.id, "Audit report", await truncatedPdf());
});

afterAll(async () => {
  await t?.close();
});

describe("the full pack of a meeting with ten papers", () => {
  let pdf: Uint8Array;
  let description: PackOutput;

  beforeAll(async () => {
    const res = await get(`/meetings/${meetingId}/pack-full.pdf`, secretary);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain('filename="programme-board-2018-03-05-full-pack.pdf"');
    expect(res.headers["cache-control"]).toBe("private, no-store");
    pdf = res.rawPayload;
    const api = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meetingId}/pack?full=true`, headers: { authorization: `Bearer ${memberToken}` } });
    expect(api.statusCode).toBe(200);
    description = api.json<PackOutput>();
  });

  it("has the page count, title, language and producer the API describes", async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(description.pages);
    // Cover + agenda + 7 cover sheets + 27 PDF pages + 1 page for the Word document.
    expect(description.pages).toBeGreaterThanOrEqual(2 + 7 + 27 + 1);
    expect(doc.getTitle()).toBe("Programme Board, March 2018 – Full pack");
    expect(doc.catalog.get(PDFName.of("Lang"))?.toString()).toContain("en-GB");
    expect(doc.getCreator()).toBe("Quorum");
    expect(doc.getProducer()).toBe("Quorum");
    expect(description.items.map((i) => i.number)).toEqual(["1", "2", "2.1", "3", "4", "5", "6"]);
    expect(description.items.flatMap((i) => i.papers)).toHaveLength(10);
    const docx = description.items[4]!.papers.find((p) => p.format === "docx")!;
    expect(docx).toMatchObject({ includedInPdf: false, pageCount: 1 });
  });

  it("prints the page each item starts on in the agenda, and those are the pages the items start on", async () => {
    const texts = await pageTexts(pdf);
    const agendaText = texts.slice(1, description.items[0]!.startPage - 1).join("\n");
    const printed = agendaPageNumbers(
      agendaText,
      description.items.map((i) => i.number),
    );
    expect(printed).toEqual(description.items.map((i) => i.startPage));
    for (const item of description.items) {
      expect(texts[item.startPage - 1]).toContain(`Item ${item.number}`);
      for (const paper of item.papers) {
        if (paper.includedInPdf) expect(texts[paper.startPage - 1]).toContain(`sheet 1`);
        else expect(texts[paper.startPage - 1]).toContain(`/papers/${paper.id}/versions/1/download`);
      }
    }
    const finance = description.items[1]!.papers[0]!;
    expect(texts[finance.startPage - 1]).toContain("Finance report - sheet 1");
    expect(texts[finance.startPage + 1]).toContain("Finance report - sheet 3");
  });

  it("stamps “Page X of N” on every page, merged papers' pages included", async () => {
    const texts = await pageTexts(pdf);
    expect(texts).toHaveLength(description.pages);
    texts.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${description.pages}`));
  });

  it("has a bookmark per item pointing at its first page, with its papers beneath", async () => {
    const outline = readOutline(await PDFDocument.load(pdf, { updateMetadata: false }));
    const items = outline.filter((o) => /^\d/.test(o.title));
    expect(items.map((o) => o.title)).toEqual(description.items.map((i) => `${i.number}. ${i.title}`));
    expect(items.map((o) => o.pageIndex + 1)).toEqual(description.items.map((i) => i.startPage));
    const finance = items[1]!;
    expect(finance.children?.map((c) => [c.title, c.pageIndex + 1])).toEqual(description.items[1]!.papers.map((p) => [p.title, p.startPage]));
    // Titles outside the PDF fonts' character set survive in bookmarks (they are UTF-16).
    expect(items[3]!.title).toBe("3. Performance ≥ 95% seen within 4 hours 🚀");
  });

  it("contains the Part II item, its exemption and its paper", async () => {
    const all = (await pageTexts(pdf)).join("\n");
    expect(all).toContain(MARKER);
    expect(all).toContain("Commercial interests");
    expect(all).toContain("Full pack");
  });
});

describe("the public pack", () => {
  it("leaves out every trace of Part II, for anyone who asks", async () => {
    for (const session of [undefined, viewer, secretary]) {
      const res = await get(`/meetings/${meetingId}/pack.pdf`, session);
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toBe("public, no-cache");
      const doc = await PDFDocument.load(res.rawPayload, { updateMetadata: false });
      const texts = await pageTexts(res.rawPayload);
      const outline = JSON.stringify(readOutline(doc));
      expect(texts.join("\n")).not.toContain(MARKER);
      expect(texts.join("\n")).not.toContain("Commercial interests");
      expect(outline).not.toContain(MARKER);
      expect(doc.getTitle()).toBe("Programme Board, March 2018 – Public pack");
      texts.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${texts.length}`));
    }
    const api = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meetingId}/pack` });
    expect(api.statusCode).toBe(200);
    const body = api.json<PackOutput>();
    expect(JSON.stringify(body)).not.toContain(MARKER);
    expect(body.items.map((i) => i.number)).toEqual(["1", "2", "2.1", "3", "4", "5"]);
    expect(body.fullPackUrl).toBeNull();
    const html = await get(`/meetings/${meetingId}/pack`);
    expect(html.statusCode).toBe(200);
    expect(html.body).not.toContain(MARKER);
    expect(html.body).toContain(`Download the board pack (PDF, ${body.pages} pages)`);
    expect(html.body).toContain("Finance: month 10 position");
  });

  it("answers 304 when the pack has not changed", async () => {
    const first = await get(`/meetings/${meetingId}/pack.pdf`);
    const again = await get(`/meetings/${meetingId}/pack.pdf`, undefined, { "if-none-match": String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it("is not there for the public before the agenda is published; insiders preview it", async () => {
    expect((await get(`/meetings/${draftMeetingId}/pack.pdf`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/meetings/${draftMeetingId}/pack` })).statusCode).toBe(404);
    const preview = await get(`/meetings/${draftMeetingId}/pack.pdf`, viewer);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers["cache-control"]).toBe("private, no-store");
    expect((await pageTexts(preview.rawPayload)).join("\n")).toContain("Draft item");
  });
});

describe("who may have the full pack", () => {
  it("is those entitled to Part II", async () => {
    expect((await get(`/meetings/${meetingId}/pack-full.pdf`)).statusCode).toBe(401);
    expect((await get(`/meetings/${meetingId}/pack-full.pdf`, viewer)).statusCode).toBe(403);
    expect((await get(`/meetings/${meetingId}/pack-full.pdf`, contributor)).statusCode).toBe(403);
    expect((await get(`/meetings/${meetingId}/pack-full.pdf`, member)).statusCode).toBe(200);
    expect((await get(`/meetings/${meetingId}/pack?full=true`, viewer)).statusCode).toBe(403);
    const page = await get(`/meetings/${meetingId}/pack?full=true`, member);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(MARKER);
    expect(page.body).toContain("Commercial interests");
    const api = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meetingId}/pack?full=true` });
    expect(api.statusCode).toBe(401);
  });

  it("offers the packs on the meeting page, without building them there; their pages give the page counts", async () => {
    const anonymous = await get(`/meetings/${meetingId}`);
    expect(anonymous.body).toContain(`<a href="/meetings/${meetingId}/pack.pdf">Download the board pack (PDF)</a>`);
    expect(anonymous.body).not.toContain("pack-full.pdf");
    const forMember = await get(`/meetings/${meetingId}`, member);
    expect(forMember.body).toContain(`/meetings/${meetingId}/pack-full.pdf`);
    // A viewer (no Part II) is offered the public pack only.
    expect((await get(`/meetings/${meetingId}`, viewer)).body).not.toContain("pack-full.pdf");
    const api = (await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meetingId}/pack` })).json<PackOutput>();
    expect((await get(`/meetings/${meetingId}/pack`)).body).toContain(`Download the board pack (PDF, ${api.pages} pages)`);
  });
});

describe("a paper that cannot be merged", () => {
  it("refuses the pack with a message naming the password-protected paper", async () => {
    const message = "The paper “Contract award report” (item 4) is password-protected, so it cannot be merged into the pack. Upload an unprotected copy.";
    const page = await get(`/meetings/${brokenMeetingId}/pack.pdf`, secretary);
    expect(page.statusCode).toBe(422);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain(message);
    const api = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${brokenMeetingId}/pack` });
    expect(api.statusCode).toBe(422);
    expect(api.json()).toEqual({ error: { code: "pack_paper_unreadable", message, fields: { [lockedPaperId]: message } } });
    // The meeting page still works and still offers the pack (its link explains the problem).
    const meetingPage = await get(`/meetings/${brokenMeetingId}`);
    expect(meetingPage.statusCode).toBe(200);
    expect(meetingPage.body).toContain(`/meetings/${brokenMeetingId}/pack.pdf`);
  });

  it("refuses the pack with a message naming a paper whose file is missing", async () => {
    const only = await createAgendaItem(t.database.db, t.partnership.id, { meetingId: draftMeetingId, position: 5, title: "Lost", kind: "update" });
    await createPaper(t.database.db, t.partnership.id, { agendaItemId: only.id, title: "Lost report", file: { sha256: "f".repeat(64), sizeBytes: 10 } });
    const res = await get(`/meetings/${draftMeetingId}/pack.pdf`, secretary);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("The file of the paper “Lost report” (item 2) is missing from the file store");
  });

  it("refuses the pack with a message naming a damaged paper", async () => {
    const api = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${damagedMeetingId}/pack` });
    expect(api.statusCode).toBe(422);
    expect(api.json<{ error: { message: string } }>().error.message).toBe(
      "The paper “Audit report” (item 1) is damaged or is not a readable PDF, so it cannot be merged into the pack. Upload a new copy.",
    );
  });
});

describe("rebuilding", () => {
  it("serves the cached pack until a paper changes, then rebuilds it", async () => {
    const services = buildServices(t.config, t.database, { fileStore: t.fileStore });
    const user = await createUser(t.database.db, t.partnership.id, "secretary");
    const ctx: RequestContext = {
      partnership: t.partnership,
      principal: { kind: "user", userId: user.id, name: "Secretary", email: user.email, role: "secretary", via: "session", scope: "write" },
      requestId: "board-packs-test",
    };
    const first = await services.boardPacks.build(ctx, meetingId, { full: false });
    expect(await services.boardPacks.build(ctx, meetingId, { full: false })).toBe(first);
    const before = await get(`/meetings/${meetingId}/pack.pdf`);

    const longer = await paperPdf("Finance report v2", 7);
    await services.papers.addVersion(ctx, firstPaperId, { file: { fileName: "finance-v2.pdf", content: longer, truncated: false } });

    const second = await services.boardPacks.build(ctx, meetingId, { full: false });
    expect(second).not.toBe(first);
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.pages).toBe(first.pages + 4);
    const after = await get(`/meetings/${meetingId}/pack.pdf`);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const texts = await pageTexts(after.rawPayload);
    expect(texts.join("\n")).toContain("Finance report v2 - sheet 7");
    expect(texts.join("\n")).not.toContain("Finance report - sheet 1");
  });
});
