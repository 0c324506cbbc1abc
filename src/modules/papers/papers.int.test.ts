import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import JSZip from "jszip";
import { PDFDocument, PDFHexString, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, buildServices } from "../../app.ts";
import type { Config } from "../../config.ts";
import { LocalFileStore } from "../../platform/files/file-store.ts";
import { ANONYMOUS, type Principal } from "../../platform/auth/principal.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { cookiesFrom, createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import { createAgendaItem, createBody, createMeeting } from "../../../tests/factories/index.ts";

// ---- Real documents

/** A real PDF with one page per line of text. */
async function pdfWith(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of lines) doc.addPage().drawText(line, { x: 50, y: 700, size: 14, font });
  return Buffer.from(await doc.save());
}

const PDF_PASSWORD_PADDING = Buffer.from("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a", "hex");
const padPassword = (pw: string) => Buffer.concat([Buffer.from(pw, "latin1"), PDF_PASSWORD_PADDING]).subarray(0, 32);
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = [...Array(256).keys()];
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, m = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    m = (m + s[i]!) & 255;
    [s[i], s[m]] = [s[m]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[m]!) & 255]!;
  }
  return out;
}

/** A real PDF protected by a user password (standard security handler, revision 2), as boards receive from finance teams. */
async function encryptedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText("Commercial in confidence", { x: 50, y: 700, size: 14, font });
  const id = Buffer.from("0123456789abcdef0123456789abcdef", "hex");
  const owner = rc4(createHash("md5").update(padPassword("owner")).digest().subarray(0, 5), padPassword("secret"));
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(-44);
  const key = createHash("md5")
    .update(Buffer.concat([padPassword("secret"), owner, permissions, id]))
    .digest()
    .subarray(0, 5);
  const user = rc4(key, PDF_PASSWORD_PADDING);
  const encrypt = doc.context.obj({
    Filter: "Standard",
    V: 1,
    R: 2,
    O: PDFHexString.of(owner.toString("hex")),
    U: PDFHexString.of(user.toString("hex")),
    P: -44,
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id.toString("hex")), PDFHexString.of(id.toString("hex"))]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A minimal but valid Word document. */
async function docxWith(text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  );
  return zip.generateAsync({ type: "nodebuffer" });
}

/** A minimal Office Open XML package (spreadsheet or presentation) with its main part. */
async function ooxml(mainContentType: string, part: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${mainContentType}"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${part}"/></Relationships>`,
  );
  zip.file(part, '<?xml version="1.0" encoding="UTF-8"?><x/>');
  return zip.generateAsync({ type: "nodebuffer" });
}

/** A minimal OpenDocument text file: its media type stored first, uncompressed, as the format requires. */
async function odt(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("mimetype", "application/vnd.oasis.opendocument.text", { compression: "STORE" });
  zip.file("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>');
  return zip.generateAsync({ type: "nodebuffer" });
}

// ---- Multipart requests, built byte for byte as a browser or API client sends them

interface FilePart {
  name: string;
  content: Buffer;
  type?: string;
  /** A whole Content-Disposition value, for names a browser would encode differently. */
  disposition?: string;
}

function multipart(fields: Record<string, string>, files: FilePart[] = []): { payload: Buffer; contentType: string } {
  const boundary = `----QuorumTest${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    const disposition = f.disposition ?? `form-data; name="file"; filename="${f.name.replace(/"/g, "%22")}"`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${f.type ?? "application/octet-stream"}\r\n\r\n`),
      f.content,
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---- The app under test: its own file store in a temporary folder, and a small size limit

const LIMIT = 64 * 1024;
let t: TestApp;
let app: FastifyInstance;
let config: Config;
let filesDir: string;
let store: LocalFileStore;
let secretary: Session;
let member: Session;
let viewer: Session;
let contributor: Session;
let writeToken: string;
let readToken: string;
let memberToken: string;
let viewerToken: string;
let contributorToken: string;
let meetingId: string;
let part1ItemId: string;
let part2ItemId: string;
let draftMeetingId: string;
let draftItemId: string;

beforeAll(async () => {
  t = await createTestApp();
  filesDir = await fs.mkdtemp(path.join(os.tmpdir(), "quorum-papers-"));
  store = new LocalFileStore(path.join(filesDir, "files"));
  config = { ...t.config, paperMaxBytes: LIMIT };
  app = await buildApp({ config, database: t.database, logger: false, fileStore: store });
  await app.ready();
  [secretary, member, viewer, contributor] = await Promise.all([t.signIn("secretary"), t.signIn("member"), t.signIn("viewer"), t.signIn("contributor")]);
  [writeToken, readToken, memberToken, viewerToken, contributorToken] = await Promise.all([
    t.token("secretary", "write"),
    t.token("secretary", "read"),
    t.token("member", "read"),
    t.token("viewer", "read"),
    t.token("contributor", "read"),
  ]);
  const db = t.database.db;
  const pid = t.partnership.id;
  const body = await createBody(db, pid, { name: "Papers Test Programme Board", kind: "programme_board" });
  const meeting = await createMeeting(db, pid, { bodyId: body.id, status: "agenda_published", agendaPublishedAt: new Date("2018-02-26T09:00:00Z") });
  meetingId = meeting.id;
  part1ItemId = (await createAgendaItem(db, pid, { meetingId, title: "Mental health deep dive", position: 1 })).id;
  part2ItemId = (
    await createAgendaItem(db, pid, { meetingId, title: "Estates disposal", position: 2, confidentiality: "part_2", exemptionReason: "Commercial interests" })
  ).id;
  const draft = await createMeeting(db, pid, { bodyId: body.id, status: "planned", startsAt: new Date("2018-06-04T09:00:00Z") });
  draftMeetingId = draft.id;
  draftItemId = (await createAgendaItem(db, pid, { meetingId: draftMeetingId, title: "Draft item" })).id;
});

afterAll(async () => {
  await app?.close();
  await t?.close();
  if (filesDir) await fs.rm(filesDir, { recursive: true, force: true });
});

const itemUrl = (itemId: string, m = meetingId) => `/meetings/${m}/items/${itemId}/papers`;

/** Posts the upload form as the browser does: multipart, with the CSRF token in the form's address. */
function uploadForm(session: Session, url: string, fields: Record<string, string>, files: FilePart[], csrf: string | null = session.csrf) {
  const body = multipart(fields, files);
  const target = csrf === null ? url : `${url}?_csrf=${encodeURIComponent(csrf)}`;
  return app.inject({ method: "POST", url: target, headers: { cookie: session.cookie, "content-type": body.contentType }, payload: body.payload });
}

function uploadApi(token: string, url: string, fields: Record<string, string>, files: FilePart[]) {
  const body = multipart(fields, files);
  return app.inject({
    method: "POST",
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}`, "content-type": body.contentType },
    payload: body.payload,
  });
}

const get = (url: string, who?: Session | string) =>
  app.inject({ method: "GET", url, headers: who === undefined ? {} : typeof who === "string" ? { authorization: `Bearer ${who}` } : { cookie: who.cookie } });

const paperIdFrom = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
  return /^\/papers\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
};

async function counts() {
  const { rows } = await t.database.pool.query<{ papers: string; versions: string }>(
    "select (select count(*) from papers where partnership_id = $1) as papers, (select count(*) from paper_versions where partnership_id = $1) as versions",
    [t.partnership.id],
  );
  return { papers: Number(rows[0]!.papers), versions: Number(rows[0]!.versions) };
}

async function versionRows(paperId: string) {
  const { rows } = await t.database.pool.query<{
    version_number: number;
    file_name: string;
    format: string;
    size_bytes: number;
    sha256: string;
    extracted_text: string | null;
    page_count: number | null;
    uploaded_by_name: string;
    uploaded_by_user_id: string | null;
  }>("select * from paper_versions where partnership_id = $1 and paper_id = $2 order by version_number", [t.partnership.id, paperId]);
  return rows;
}

/** The error summary's messages on a re-rendered form. */
const summaryOf = (html: string) => /<div class="nhsuk-error-summary"[\s\S]*?<\/div>\s*<\/div>/.exec(html)?.[0] ?? "";

describe("uploading papers through the form", () => {
  it("offers a multipart form whose address carries the CSRF token", async () => {
    const page = await get(`${itemUrl(part1ItemId)}/new`, secretary);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/enctype="multipart\/form-data"/i);
    expect(page.body).toContain(`action="${itemUrl(part1ItemId)}?_csrf=`);
    expect(page.body).toContain('type="file"');
    expect(page.body).toContain("smaller than 64 KB");
  });

  it("stores a PDF by its hash, reads its text and pages, and records who uploaded it and when", async () => {
    const pdf = await pdfWith(["Mental health deep dive", "Crisis care concordat"]);
    const res = await uploadForm(secretary, itemUrl(part1ItemId), { title: "Mental health deep dive" }, [
      { name: "deep-dive.pdf", content: pdf, type: "application/pdf" },
    ]);
    const id = paperIdFrom(res);
    const [v1] = await versionRows(id);
    expect(v1).toMatchObject({
      version_number: 1,
      file_name: "deep-dive.pdf",
      format: "pdf",
      size_bytes: pdf.length,
      page_count: 2,
      uploaded_by_user_id: secretary.userId,
    });
    expect(v1!.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    expect(v1!.extracted_text).toContain("Crisis care concordat");
    expect(v1!.uploaded_by_name).not.toBe("");
    expect(await store.read(v1!.sha256)).toEqual(pdf);

    const page = await get(`/papers/${id}`, { ...secretary, cookie: cookiesFrom(res, secretary.cookie) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("The paper has been uploaded");
    expect(page.body).toContain("Mental health deep dive");
    expect(page.body).toContain("deep-dive.pdf");
    expect(page.body).toContain("2 pages");
    expect(page.body).toContain(v1!.uploaded_by_name);
    expect(page.body).toContain("Uploaded version 1");

    const audit = await t.database.pool.query<{ record_type: string; action: string }>(
      "select record_type, action from audit_events where partnership_id = $1 and (record_id = $2 or record_id in (select id from paper_versions where paper_id = $2)) order by id",
      [t.partnership.id, id],
    );
    expect(audit.rows).toEqual([
      { record_type: "paper", action: "create" },
      { record_type: "paper_version", action: "create" },
    ]);
  });

  it("reads the text of a Word document", async () => {
    const docx = await docxWith("Workforce strategy consultation response");
    const id = paperIdFrom(await uploadForm(secretary, itemUrl(part1ItemId), { title: "Workforce response" }, [{ name: "Workforce.docx", content: docx }]));
    const [v1] = await versionRows(id);
    expect(v1).toMatchObject({ format: "docx", file_name: "Workforce.docx", extracted_text: "Workforce strategy consultation response" });
  });

  it("accepts spreadsheets, presentations and OpenDocument text, knowing each by its content rather than its name", async () => {
    const files = [
      {
        content: await ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl/workbook.xml"),
        name: "budget.pdf",
        format: "xlsx",
        stored: "budget.pdf.xlsx",
      },
      {
        content: await ooxml("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "ppt/presentation.xml"),
        name: "slides.pptx",
        format: "pptx",
        stored: "slides.pptx",
      },
      { content: await odt(), name: "notes.odt", format: "odt", stored: "notes.odt" },
    ];
    for (const f of files) {
      const id = paperIdFrom(await uploadForm(secretary, itemUrl(part1ItemId), { title: `A ${f.format} paper` }, [{ name: f.name, content: f.content }]));
      expect((await versionRows(id))[0]).toMatchObject({ format: f.format, file_name: f.stored, extracted_text: null });
      expect((await get(`/api/v1/papers/${id}`)).json().current.textStatus).toBe("not_extracted");
    }
    // A zip archive that is none of them is refused, whatever it is called.
    const zip = new JSZip();
    zip.file("notes.txt", "not a document");
    const res = await uploadForm(secretary, itemUrl(part1ItemId), { title: "A zip" }, [
      { name: "notes.docx", content: await zip.generateAsync({ type: "nodebuffer" }) },
    ]);
    expect(res.statusCode).toBe(422);
  });

  it("saves an encrypted PDF but says its text could not be read", async () => {
    const res = await uploadForm(secretary, itemUrl(part1ItemId), { title: "Finance pack" }, [{ name: "finance.pdf", content: await encryptedPdf() }]);
    const id = paperIdFrom(res);
    const [v1] = await versionRows(id);
    expect(v1).toMatchObject({ format: "pdf", extracted_text: null });
    const page = await get(`/papers/${id}`, { ...secretary, cookie: cookiesFrom(res, secretary.cookie) });
    expect(page.body).toContain("Its text could not be read (the document is encrypted)");
    expect(page.body).toContain("The text of this file could not be read");
  });

  it("keeps every earlier version when a new one is uploaded, numbering them in order", async () => {
    const first = await pdfWith(["Estates plan, draft"]);
    const id = paperIdFrom(
      await uploadForm(secretary, itemUrl(part1ItemId), { title: "Estates and capital plan" }, [{ name: "estates-v1.pdf", content: first }]),
    );
    const form2 = await get(`/papers/${id}/versions/new`, secretary);
    expect(form2.statusCode).toBe(200);
    expect(form2.body).toContain(`action="/papers/${id}/versions?_csrf=`);
    const second = await docxWith("Estates plan, final");
    const res = await uploadForm(secretary, `/papers/${id}/versions`, { version: "1" }, [{ name: "estates-v2.docx", content: second }]);
    expect(paperIdFrom(res)).toBe(id);
    const rows = await versionRows(id);
    expect(rows.map((r) => [r.version_number, r.file_name])).toEqual([
      [1, "estates-v1.pdf"],
      [2, "estates-v2.docx"],
    ]);
    expect((await get(`/papers/${id}/download`)).rawPayload).toEqual(second);
    expect((await get(`/papers/${id}/versions/1/download`)).rawPayload).toEqual(first);
    expect((await get(`/papers/${id}/versions/3/download`)).statusCode).toBe(404);
    const api = (await get(`/api/v1/papers/${id}`)).json();
    expect(api.version).toBe(2);
    expect(api.current).toMatchObject({ versionNumber: 2, format: "docx", textStatus: "extracted" });
    expect(api.versions.map((v: { versionNumber: number }) => v.versionNumber)).toEqual([2, 1]);
  });

  it("refuses a new version uploaded against a stale read (409) and keeps the newer one", async () => {
    const id = paperIdFrom(
      await uploadForm(secretary, itemUrl(part1ItemId), { title: "Clinical strategy" }, [{ name: "v1.pdf", content: await pdfWith(["v1"]) }]),
    );
    paperIdFrom(await uploadForm(secretary, `/papers/${id}/versions`, { version: "1" }, [{ name: "v2.pdf", content: await pdfWith(["v2"]) }]));
    const stale = await uploadForm(secretary, `/papers/${id}/versions`, { version: "1" }, [{ name: "v3.pdf", content: await pdfWith(["v3"]) }]);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Someone else changed this paper first");
    expect(stale.body).toContain("v2.pdf");
    expect(stale.body).toContain('name="version" value="2"');
    expect((await versionRows(id)).map((r) => r.file_name)).toEqual(["v1.pdf", "v2.pdf"]);

    const api = await uploadApi(writeToken, `/papers/${id}/versions`, { version: "1" }, [{ name: "v3.pdf", content: await pdfWith(["v3"]) }]);
    expect(api.statusCode).toBe(409);
    expect(api.json().error.current).toMatchObject({ id, version: 2, current: { fileName: "v2.pdf" } });
    expect((await versionRows(id)).map((r) => r.file_name)).toEqual(["v1.pdf", "v2.pdf"]);
  });
});

describe("bad files", () => {
  async function existingPaper() {
    const pdf = await pdfWith(["Chief executive's update"]);
    const id = paperIdFrom(await uploadForm(secretary, itemUrl(part1ItemId), { title: "Chief executive's update" }, [{ name: "ceo.pdf", content: pdf }]));
    return { id, pdf };
  }

  const cases: { name: string; file: () => Promise<FilePart | null>; message: string }[] = [
    {
      name: "a file named .pdf that is not a PDF",
      file: async () => ({ name: "paper.pdf", content: Buffer.from("%PDX this is just text wearing a .pdf name\n".repeat(20)), type: "application/pdf" }),
      message: "The selected file must be a PDF, Word, Excel, PowerPoint or OpenDocument text file",
    },
    {
      name: "an image named .docx",
      file: async () => ({ name: "photo.docx", content: Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex") }),
      message: "The selected file must be a PDF, Word, Excel, PowerPoint or OpenDocument text file",
    },
    { name: "an empty file", file: async () => ({ name: "empty.pdf", content: Buffer.alloc(0) }), message: "The selected file is empty" },
    {
      name: "an oversized file",
      file: async () => {
        // A genuine PDF, just over the limit: refused for its size, whatever it is.
        const pdf = await pdfWith(["Big"]);
        return { name: "big.pdf", content: Buffer.concat([pdf, Buffer.alloc(LIMIT + 1 - pdf.length, 0x20)]) };
      },
      message: "The selected file must be smaller than 64 KB",
    },
    {
      name: "a far larger file (the stream is cut off at the limit)",
      file: async () => ({ name: "huge.pdf", content: Buffer.alloc(8 * 1024 * 1024, 0x25) }),
      message: "The selected file must be smaller than 64 KB",
    },
    { name: "no file chosen", file: async () => ({ name: "", content: Buffer.alloc(0) }), message: "Select a file to upload" },
    { name: "no file part at all", file: async () => null, message: "Select a file to upload" },
  ];

  for (const c of cases) {
    it(`gives ${c.name} a clear error on the form, keeps the title typed, and loses nothing saved before`, async () => {
      const earlier = await existingPaper();
      const before = await counts();
      const file = await c.file();
      const res = await uploadForm(secretary, itemUrl(part1ItemId), { title: "Stroke consultation" }, file ? [file] : []);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain("<title>Error: Upload a paper");
      expect(summaryOf(res.body)).toContain(c.message);
      expect(summaryOf(res.body)).toContain('href="#file"');
      expect(res.body).toContain(`<span class="nhsuk-u-visually-hidden">Error:</span> ${c.message.replace(/'/g, "&#x27;")}`);
      expect(res.body).toContain('value="Stroke consultation"');
      expect(await counts()).toEqual(before);

      // The same for a new version of a paper: the earlier version stays current and intact.
      const again = await uploadForm(secretary, `/papers/${earlier.id}/versions`, { version: "1" }, file ? [file] : []);
      expect(again.statusCode).toBe(422);
      expect(summaryOf(again.body)).toContain(c.message);
      expect(await counts()).toEqual(before);
      const download = await get(`/papers/${earlier.id}/download`);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload).toEqual(earlier.pdf);

      // The API says the same, in JSON.
      const api = await uploadApi(writeToken, itemUrl(part1ItemId), { title: "Stroke consultation" }, file ? [file] : []);
      expect(api.statusCode).toBe(422);
      expect(api.json().error.fields.file).toBe(c.message);
      expect(await counts()).toEqual(before);
    });
  }

  it("reports every problem at once: a missing title and a bad file", async () => {
    const res = await uploadForm(secretary, itemUrl(part1ItemId), { title: "  " }, [{ name: "x.pdf", content: Buffer.from("not a pdf") }]);
    expect(res.statusCode).toBe(422);
    expect(summaryOf(res.body)).toContain("Enter the title of the paper");
    expect(summaryOf(res.body)).toContain("The selected file must be a PDF");
  });

  it("accepts one file at a time", async () => {
    const pdf = await pdfWith(["One"]);
    const before = await counts();
    const res = await uploadForm(secretary, itemUrl(part1ItemId), { title: "Two files" }, [
      { name: "a.pdf", content: pdf },
      { name: "b.pdf", content: pdf },
    ]);
    expect(res.statusCode).toBe(422);
    expect(summaryOf(res.body)).toContain("Select one file at a time");
    expect(await counts()).toEqual(before);
  });

  it("says clearly when the file store refuses the file, and writes nothing", async () => {
    const earlier = await existingPaper();
    // A file store whose folder is a file: the disk refuses every write (ENOTDIR), as a full or read-only one would.
    const notAFolder = path.join(filesDir, "not-a-folder");
    await fs.writeFile(notAFolder, "");
    const broken = await buildApp({ config, database: t.database, logger: false, fileStore: new LocalFileStore(notAFolder) });
    try {
      const before = await counts();
      const body = multipart({ title: "Local care update" }, [{ name: "local-care.pdf", content: await pdfWith(["Local care"]) }]);
      const res = await broken.inject({
        method: "POST",
        url: `${itemUrl(part1ItemId)}?_csrf=${encodeURIComponent(secretary.csrf)}`,
        headers: { cookie: secretary.cookie, "content-type": body.contentType },
        payload: body.payload,
      });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain("<title>Error: Upload a paper");
      expect(summaryOf(res.body)).toContain("The file could not be saved: the file store&#x27;s folder is not a folder. Nothing was changed");
      expect(res.body).toContain('value="Local care update"');
      expect(await counts()).toEqual(before);
      expect((await get(`/papers/${earlier.id}/download`)).rawPayload).toEqual(earlier.pdf);
    } finally {
      await broken.close();
    }
  });
});

describe("CSRF on uploads", () => {
  it("refuses a multipart form without the token, with a wrong one, or with it only inside the body", async () => {
    const pdf = await pdfWith(["Forged"]);
    const before = await counts();
    expect((await uploadForm(secretary, itemUrl(part1ItemId), { title: "Forged" }, [{ name: "f.pdf", content: pdf }], null)).statusCode).toBe(403);
    expect((await uploadForm(secretary, itemUrl(part1ItemId), { title: "Forged" }, [{ name: "f.pdf", content: pdf }], "not-the-token")).statusCode).toBe(403);
    // Multipart bodies are read after the check, so a token in a body field is never seen.
    expect(
      (await uploadForm(secretary, itemUrl(part1ItemId), { _csrf: secretary.csrf, title: "Forged" }, [{ name: "f.pdf", content: pdf }], null)).statusCode,
    ).toBe(403);
    expect(
      (await uploadForm(secretary, itemUrl(part1ItemId), { title: "Forged" }, [{ name: "f.pdf", content: pdf }], (await t.anonymousSession()).csrf)).statusCode,
    ).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("refuses API uploads made with a browser session's cookies rather than a token", async () => {
    const body = multipart({ title: "Cross-site" }, [{ name: "x.pdf", content: await pdfWith(["x"]) }]);
    const res = await app.inject({
      method: "POST",
      url: `/api/v1${itemUrl(part1ItemId)}`,
      headers: { cookie: secretary.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain("personal access token");
  });

  it("accepts multipart only on the papers routes", async () => {
    const body = multipart({ _csrf: secretary.csrf, name: "Multipart trust", kind: "nhs_trust" });
    const res = await app.inject({
      method: "POST",
      url: "/organisations",
      headers: { cookie: secretary.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(415);
  });
});

describe("who may upload", () => {
  it("is the board office and admins only; others are refused before their file is read", async () => {
    const pdf = await pdfWith(["Not allowed"]);
    for (const s of [member, viewer, contributor])
      expect((await uploadForm(s, itemUrl(part1ItemId), { title: "x" }, [{ name: "x.pdf", content: pdf }])).statusCode).toBe(403);
    const anonymous = await t.anonymousSession();
    const res = await app.inject({
      method: "POST",
      url: `${itemUrl(part1ItemId)}?_csrf=${encodeURIComponent(anonymous.csrf)}`,
      headers: { cookie: anonymous.cookie, "content-type": multipart({}).contentType },
      payload: multipart({ title: "x" }, [{ name: "x.pdf", content: pdf }]).payload,
    });
    expect([401, 403]).toContain(res.statusCode);
    expect((await uploadApi(readToken, itemUrl(part1ItemId), { title: "x" }, [{ name: "x.pdf", content: pdf }])).statusCode).toBe(403);
    // An item on another meeting than the one in the address does not exist there.
    expect((await uploadForm(secretary, itemUrl(part1ItemId, draftMeetingId), { title: "x" }, [{ name: "x.pdf", content: pdf }])).statusCode).toBe(404);
  });
});

describe("confidentiality", () => {
  let part2PaperId: string;
  let part1PaperId: string;
  let draftPaperId: string;
  let part2Pdf: Buffer;

  beforeAll(async () => {
    part2Pdf = await pdfWith(["Estates disposal: commercial terms"]);
    part2PaperId = paperIdFrom(
      await uploadForm(secretary, itemUrl(part2ItemId), { title: "Estates disposal terms" }, [{ name: "disposal.pdf", content: part2Pdf }]),
    );
    part1PaperId = paperIdFrom(
      await uploadForm(secretary, itemUrl(part1ItemId), { title: "Public paper" }, [{ name: "public.pdf", content: await pdfWith(["Public"]) }]),
    );
    draftPaperId = paperIdFrom(
      await uploadForm(secretary, itemUrl(draftItemId, draftMeetingId), { title: "Draft agenda paper" }, [
        { name: "draft.pdf", content: await pdfWith(["Draft"]) },
      ]),
    );
  });

  it("hides a Part II paper from the public, viewers and contributors: pages, API and downloads all 404", async () => {
    const urls = [
      `/papers/${part2PaperId}`,
      `/papers/${part2PaperId}/download`,
      `/papers/${part2PaperId}/versions/1/download`,
      `/api/v1/papers/${part2PaperId}`,
      `/api/v1/papers/${part2PaperId}/download`,
      `/api/v1/papers/${part2PaperId}/versions/1/download`,
    ];
    for (const url of urls) {
      const api = url.startsWith("/api/");
      for (const who of [undefined, api ? viewerToken : viewer, api ? contributorToken : contributor]) {
        const res = await get(url, who);
        expect(res.statusCode, `${url} as ${typeof who === "object" ? who.role : who ? "token" : "anonymous"}`).toBe(404);
        expect(res.body).not.toContain("Estates disposal");
        expect(res.rawPayload.equals(part2Pdf)).toBe(false);
      }
    }
    for (const who of [undefined, viewerToken, contributorToken]) {
      const list = await get(`/api/v1/papers?meetingId=${meetingId}&limit=100`, who);
      expect(list.statusCode).toBe(200);
      expect(list.json().data.map((p: { id: string }) => p.id)).not.toContain(part2PaperId);
      expect(list.json().data.map((p: { id: string }) => p.id)).toContain(part1PaperId);
      expect(list.body).not.toContain("Estates disposal");
      const byItem = await get(`/api/v1/papers?agendaItemId=${part2ItemId}`, who);
      expect(byItem.json().data).toEqual([]);
    }
  });

  it("serves a Part II paper to members, never to shared caches", async () => {
    const page = await get(`/papers/${part2PaperId}`, member);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Part II: confidential");
    const download = await get(`/papers/${part2PaperId}/download`, member);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(part2Pdf);
    expect(download.headers["cache-control"]).toBe("private, no-store");
    const api = await get(`/api/v1/papers/${part2PaperId}`, memberToken);
    expect(api.json()).toMatchObject({ id: part2PaperId, confidentiality: "part_2", title: "Estates disposal terms" });
    expect((await get(`/api/v1/papers/${part2PaperId}/download`, memberToken)).rawPayload).toEqual(part2Pdf);
    const list = await get(`/api/v1/papers?meetingId=${meetingId}&limit=100`, memberToken);
    expect(list.json().data.map((p: { id: string }) => p.id)).toContain(part2PaperId);
  });

  it("hides a paper of an unpublished agenda from the public but not from the partnership", async () => {
    expect((await get(`/papers/${draftPaperId}`)).statusCode).toBe(404);
    expect((await get(`/papers/${draftPaperId}/download`)).statusCode).toBe(404);
    expect((await get(`/api/v1/papers/${draftPaperId}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/papers?meetingId=${draftMeetingId}`)).json().data).toEqual([]);
    expect((await get(`/papers/${draftPaperId}`, viewer)).statusCode).toBe(200);
    const download = await get(`/papers/${draftPaperId}/download`, viewer);
    expect(download.statusCode).toBe(200);
    expect(download.headers["cache-control"]).toBe("private, no-store");
  });

  it("gives the agenda only the papers each viewer may see (listForItems)", async () => {
    const services = buildServices(config, t.database, { fileStore: store });
    const ctx = (principal: Principal): RequestContext => ({ partnership: t.partnership, principal, requestId: "test" });
    const asMember: Principal = { kind: "user", userId: member.userId, name: "Member", email: "m@example.org", role: "member", via: "session", scope: "write" };
    const asViewer: Principal = { ...asMember, role: "viewer" };
    const items = [part1ItemId, part2ItemId, draftItemId];
    const publicView = await services.papers.listForItems(ctx(ANONYMOUS), items);
    expect(publicView.has(part2ItemId)).toBe(false);
    expect(publicView.has(draftItemId)).toBe(false);
    expect(publicView.get(part1ItemId)?.map((p) => p.id)).toContain(part1PaperId);
    expect((await services.papers.listForItems(ctx(asViewer), items)).has(part2ItemId)).toBe(false);
    expect((await services.papers.listForItems(ctx(asViewer), items)).get(draftItemId)?.map((p) => p.id)).toEqual([draftPaperId]);
    const memberView = await services.papers.listForItems(ctx(asMember), items);
    expect(memberView.get(part2ItemId)).toEqual([
      {
        id: part2PaperId,
        title: "Estates disposal terms",
        format: "pdf",
        sizeBytes: part2Pdf.length,
        versionNumber: 1,
        uploadedAt: expect.any(Date),
        downloadUrl: `/papers/${part2PaperId}/download`,
      },
    ]);
    expect(await services.papers.listForItems(ctx(asMember), [])).toEqual(new Map());
  });

  it("treats a sub-item of a Part II item as Part II", async () => {
    const sub = await createAgendaItem(t.database.db, t.partnership.id, { meetingId, parentItemId: part2ItemId, title: "Disposal valuation", position: 1 });
    const id = paperIdFrom(await uploadForm(secretary, itemUrl(sub.id), { title: "Valuation" }, [{ name: "v.pdf", content: await pdfWith(["Valuation"]) }]));
    for (const url of [`/papers/${id}`, `/papers/${id}/download`, `/api/v1/papers/${id}`]) expect((await get(url)).statusCode).toBe(404);
    expect((await get(`/papers/${id}`, viewer)).statusCode).toBe(404);
    expect((await get(`/api/v1/papers?agendaItemId=${sub.id}`)).json().data).toEqual([]);
    expect((await get(`/papers/${id}`, member)).statusCode).toBe(200);
    expect((await get(`/api/v1/papers/${id}`, memberToken)).json().confidentiality).toBe("part_2");
  });

  it("follows the item: a paper becomes hidden when its item moves to Part II", async () => {
    const item = await createAgendaItem(t.database.db, t.partnership.id, { meetingId, title: "Moves to Part II", position: 9 });
    const id = paperIdFrom(await uploadForm(secretary, itemUrl(item.id), { title: "Moving paper" }, [{ name: "m.pdf", content: await pdfWith(["m"]) }]));
    expect((await get(`/papers/${id}/download`)).statusCode).toBe(200);
    await t.database.pool.query("update agenda_items set confidentiality = 'part_2', exemption_reason = 'Personal information' where id = $1", [item.id]);
    expect((await get(`/papers/${id}/download`)).statusCode).toBe(404);
    expect((await get(`/papers/${id}/download`, member)).statusCode).toBe(200);
  });
});

describe("downloads", () => {
  it("send the stored type, exact length, an attachment disposition, and nosniff", async () => {
    const pdf = await pdfWith(["Financial principles"]);
    const id = paperIdFrom(
      await uploadForm(secretary, itemUrl(part1ItemId), { title: "Financial principles" }, [{ name: "Principes financiers é.pdf", content: pdf }]),
    );
    for (const url of [`/papers/${id}/download`, `/api/v1/papers/${id}/download`, `/papers/${id}/versions/1/download`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      expect(res.headers["content-length"]).toBe(String(pdf.length));
      expect(res.headers["content-disposition"]).toBe(
        `attachment; filename="Principes financiers _.pdf"; filename*=UTF-8''Principes%20financiers%20%C3%A9.pdf`,
      );
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["cache-control"]).toBe("public, no-cache");
      expect(res.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
      expect(res.rawPayload).toEqual(pdf);
      const head = await app.inject({ method: "HEAD", url });
      expect(head.statusCode).toBe(200);
      expect(head.headers["content-length"]).toBe(String(pdf.length));
    }
    const docx = await docxWith("Local care");
    const wordId = paperIdFrom(await uploadForm(secretary, itemUrl(part1ItemId), { title: "Local care" }, [{ name: "local-care.docx", content: docx }]));
    expect((await get(`/papers/${wordId}/download`)).headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });

  it("sanitise hostile file names: paths, quotes and line breaks never reach the header or the page", async () => {
    const pdf = await pdfWith(["Hostile"]);
    const hostile: { part: FilePart; stored: string }[] = [
      { part: { name: "../../etc/passwd.pdf", content: pdf }, stored: "passwd.pdf" },
      { part: { name: "x", content: pdf, disposition: `form-data; name="file"; filename="a\\"b.pdf"` }, stored: "ab.pdf" },
      {
        part: { name: "x", content: pdf, disposition: `form-data; name="file"; filename="tab\there\u0001 Set-Cookie: pwned=1;.pdf"` },
        stored: "tab here Set-Cookie pwned=1.pdf",
      },
      { part: { name: "evil%0D%0ASet-Cookie: x.pdf", content: pdf }, stored: "evil0D0ASet-Cookie x.pdf" },
      { part: { name: "report.exe", content: pdf }, stored: "report.exe.pdf" },
    ];
    for (const h of hostile) {
      const id = paperIdFrom(await uploadForm(secretary, itemUrl(part1ItemId), { title: "Hostile name" }, [h.part]));
      expect((await versionRows(id))[0]!.file_name).toBe(h.stored);
      const res = await get(`/papers/${id}/download`);
      const disposition = String(res.headers["content-disposition"]);
      expect(disposition).toMatch(/^attachment; filename="[^"\\\r\n]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+=-]*$/);
      expect(disposition).not.toContain("/");
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
  });
});

describe("archiving", () => {
  it("takes a paper out of the agenda and the public's view, keeps it for the partnership, and refuses stale writes", async () => {
    const id = paperIdFrom(
      await uploadForm(secretary, itemUrl(part1ItemId), { title: "Superseded paper" }, [{ name: "old.pdf", content: await pdfWith(["old"]) }]),
    );
    const archived = await app.inject({
      method: "POST",
      url: `/papers/${id}/archive`,
      headers: { cookie: secretary.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: secretary.csrf, version: "1" }),
    });
    expect(archived.statusCode).toBe(303);
    expect((await get(`/papers/${id}`)).statusCode).toBe(404);
    expect((await get(`/papers/${id}/download`)).statusCode).toBe(404);
    expect((await get(`/api/v1/papers?agendaItemId=${part1ItemId}&limit=100`)).json().data.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await get(`/api/v1/papers?agendaItemId=${part1ItemId}&status=archived&limit=100`)).json().data).toEqual([]);
    const archivedList = await get(`/api/v1/papers?agendaItemId=${part1ItemId}&status=archived&limit=100`, viewerToken);
    expect(archivedList.json().data.map((p: { id: string; archived: boolean }) => [p.id, p.archived])).toEqual([[id, true]]);
    const page = await get(`/papers/${id}`, viewer);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Archived");
    // A new version of an archived paper is refused until it is restored.
    const refused = await uploadForm(secretary, `/papers/${id}/versions`, { version: "2" }, [{ name: "new.pdf", content: await pdfWith(["new"]) }]);
    expect(refused.statusCode).toBe(409);

    const stale = await app.inject({
      method: "POST",
      url: `/api/v1/papers/${id}/archive`,
      headers: { authorization: `Bearer ${writeToken}`, "content-type": "application/json" },
      payload: { version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ id, version: 2, archived: true });

    const restored = await app.inject({
      method: "POST",
      url: `/papers/${id}/restore`,
      headers: { cookie: secretary.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: secretary.csrf, version: "2" }),
    });
    expect(restored.statusCode).toBe(303);
    expect((await get(`/papers/${id}`)).statusCode).toBe(200);
    const history = await get(`/papers/${id}`, secretary);
    expect(history.body).toContain("Archived");
    expect(history.body).toContain("Restored");
  });
});

describe("the API", () => {
  it("uploads a paper with a write token (multipart), lists papers by meeting and item, and pages", async () => {
    const docx = await docxWith("Clinical and Professional Board update");
    const res = await uploadApi(writeToken, itemUrl(part1ItemId), { title: "CPB update" }, [{ name: "cpb.docx", content: docx }]);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      title: "CPB update",
      meetingId,
      agendaItemId: part1ItemId,
      confidentiality: "part_1",
      archived: false,
      version: 1,
      textProblem: null,
      current: {
        versionNumber: 1,
        fileName: "cpb.docx",
        format: "docx",
        sizeBytes: docx.length,
        textStatus: "extracted",
        downloadUrl: `/papers/${created.id}/versions/1/download`,
      },
    });
    const encrypted = await uploadApi(writeToken, itemUrl(part1ItemId), { title: "Locked" }, [{ name: "locked.pdf", content: await encryptedPdf() }]);
    expect(encrypted.statusCode).toBe(201);
    expect(encrypted.json()).toMatchObject({ textProblem: "the document is encrypted", current: { textStatus: "unreadable", pageCount: null } });

    const next = await uploadApi(writeToken, `/papers/${created.id}/versions`, {}, [{ name: "cpb-2.pdf", content: await pdfWith(["CPB", "update"]) }]);
    expect(next.statusCode).toBe(201);
    expect(next.json()).toMatchObject({
      version: 2,
      current: { versionNumber: 2, pageCount: 2 },
      versions: [{ versionNumber: 2 }, { versionNumber: 1, fileName: "cpb.docx" }],
    });

    const byItem = await get(`/api/v1/papers?agendaItemId=${part1ItemId}&limit=100`);
    expect(byItem.json().data.map((p: { id: string }) => p.id)).toContain(created.id);
    const page1 = (await get(`/api/v1/papers?meetingId=${meetingId}&limit=2&page=1`)).json();
    const page2 = (await get(`/api/v1/papers?meetingId=${meetingId}&limit=2&page=2`)).json();
    expect(page1).toMatchObject({ page: 1, limit: 2, hasMore: true });
    expect(page1.data).toHaveLength(2);
    expect(page2.data[0].id).not.toBe(page1.data[0].id);
    expect((await get(`/api/v1/papers?limit=101`)).statusCode).toBe(400);

    const notMultipart = await app.inject({
      method: "POST",
      url: `/api/v1${itemUrl(part1ItemId)}`,
      headers: { authorization: `Bearer ${writeToken}`, "content-type": "application/json" },
      payload: { title: "JSON" },
    });
    expect(notMultipart.statusCode).toBe(415);
  });

  it("documents uploads as multipart/form-data in the OpenAPI document", async () => {
    const doc = (await get("/api/v1/openapi.json")).json();
    const upload = doc.paths["/api/v1/meetings/{meetingId}/items/{itemId}/papers"].post;
    expect(upload.requestBody.content["multipart/form-data"].schema.properties.file).toMatchObject({ type: "string", format: "binary" });
    expect(upload.requestBody.content["application/json"]).toBeUndefined();
    expect(upload.security).toEqual([{ bearer: [] }]);
    expect(doc.paths["/api/v1/papers/{id}/versions"].post.requestBody.content["multipart/form-data"]).toBeDefined();
    expect(doc.paths["/api/v1/papers"].get).toBeDefined();
    expect(doc.paths["/api/v1/papers/{id}/download"].get).toBeDefined();
  });
});
