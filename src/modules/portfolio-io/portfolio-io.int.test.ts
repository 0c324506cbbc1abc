import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  addWorkstreamContributor,
  createBudgetLine,
  createMaturityFramework,
  createMilestone,
  createPerson,
  createPlan,
  createRisk,
  createRiskReview,
  createUser,
  createWorkstream,
} from "../../../tests/factories/index.ts";
import { accountsService } from "../accounts/accounts.service.ts";

let t: TestApp;
let admin: Session;
let contributorOfOther: Session;
let adminToken: string;
let otherContributorToken: string;
const pid = () => t.partnership.id;

let source: { id: string; slug: string };
let target: { id: string; slug: string };
let hidden: { id: string; slug: string };
let ownerName: string;
let secondOwnerName: string;

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

/** A multipart/form-data body with one file in the field "file", as a browser sends it. */
function multipart(content: Buffer, fileName: string) {
  const boundary = `----quorum${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a file to an import page as a signed-in browser (the CSRF token travels in the address). */
function postPage(session: Session | null, url: string, content: Buffer, fileName = "upload.xlsx") {
  const body = multipart(content, fileName);
  return t.app.inject({
    method: "POST",
    url: session ? `${url}?_csrf=${encodeURIComponent(session.csrf)}` : url,
    headers: { "content-type": body.contentType, ...(session ? { cookie: session.cookie } : {}) },
    payload: body.payload,
  });
}

async function download(url: string, session: Session | null = admin) {
  return t.app.inject({ method: "GET", url, headers: session ? { cookie: session.cookie } : {} });
}

async function workbookOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
}

const headersOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1).map(String);
const col = (sheet: ExcelJS.Worksheet, header: string) => headersOf(sheet).indexOf(header) + 1;

async function xlsxOf(sheet: ExcelJS.Worksheet): Promise<Buffer> {
  return Buffer.from(await sheet.workbook.xlsx.writeBuffer());
}

const csvRows = (text: string) => parse(text, { bom: true });
const toCsv = (rows: string[][]) => `\uFEFF${rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(",")).join("\r\n")}\r\n`;

async function risksOf(workstreamId: string) {
  const { rows } = await t.database.pool.query(
    `select r.title, r.cause, r.event, r.effect, r.category, p.name as owner,
            r.inherent_likelihood as il, r.inherent_consequence as ic, r.current_likelihood as cl, r.current_consequence as cc,
            r.target_likelihood as tl, r.target_consequence as tc, r.controls, r.assurances, r.review_on::text as review_on, r.status
       from risks r left join people p on p.partnership_id = r.partnership_id and p.id = r.owner_person_id
      where r.partnership_id = $1 and r.workstream_id = $2 order by r.reference`,
    [pid(), workstreamId],
  );
  return rows;
}

async function milestonesOf(workstreamId: string) {
  const { rows } = await t.database.pool.query(
    `select title, description, baseline_on::text as baseline, forecast_on::text as forecast, actual_on::text as actual, status
       from milestones where partnership_id = $1 and workstream_id = $2 order by position, created_at`,
    [pid(), workstreamId],
  );
  return rows;
}

async function linesOf(planId: string) {
  const { rows } = await t.database.pool.query<{
    description: string;
    kind: string;
    funding_source: string;
    months: { month: string; planned: string; actual: string | null; forecast: string | null }[];
  }>(
    `select l.description, l.kind, l.funding_source,
            coalesce((select json_agg(json_build_object('month', m.month::text, 'planned', m.planned_pence::text, 'actual', m.actual_pence::text, 'forecast', m.forecast_pence::text) order by m.month)
                        from budget_line_months m where m.partnership_id = l.partnership_id and m.budget_line_id = l.id
                         and (m.planned_pence <> 0 or m.actual_pence is not null or m.forecast_pence is not null)), '[]') as months
       from budget_lines l where l.partnership_id = $1 and l.plan_id = $2 order by l.position, l.created_at`,
    [pid(), planId],
  );
  return rows;
}

/** Every row the imports could touch, to show that a refused import changed nothing. */
async function snapshot() {
  const q = async (sql: string) => (await t.database.pool.query(sql, [pid()])).rows;
  return {
    risks: await q("select * from risks where partnership_id = $1 order by id"),
    reviews: await q("select * from risk_reviews where partnership_id = $1 order by id"),
    milestones: await q("select * from milestones where partnership_id = $1 order by id"),
    lines: await q("select * from budget_lines where partnership_id = $1 order by id"),
    months: await q("select * from budget_line_months where partnership_id = $1 order by budget_line_id, month"),
    audit: await q("select count(*)::int as n from audit_events where partnership_id = $1"),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  admin = await t.signIn("admin");
  adminToken = await t.token("admin", "write");
  const ws = (name: string, published = true) =>
    createWorkstream(db, pid(), { name, slug: `${name.toLowerCase().replace(/\s+/g, "-")}-${randomUUID().slice(0, 6)}`, published });
  source = await ws("Mental health");
  target = await ws("Mental health copy");
  hidden = await ws("Hidden workstream", false);
  const other = await ws("Other workstream");
  contributorOfOther = await t.signIn("contributor");
  await addWorkstreamContributor(db, pid(), { workstreamId: other.id, userId: contributorOfOther.userId });
  const tokenUser = await createUser(db, pid(), "contributor");
  await addWorkstreamContributor(db, pid(), { workstreamId: other.id, userId: tokenUser.id });
  otherContributorToken = await accountsService({ db }).createTokenFor({ partnershipId: pid(), userId: tokenUser.id, name: "test", scope: "write" });

  ownerName = `Alice Owner ${randomUUID().slice(0, 4)}`;
  secondOwnerName = `Bob Owner ${randomUUID().slice(0, 4)}`;
  const owner = await createPerson(db, pid(), { name: ownerName });
  await createPerson(db, pid(), { name: secondOwnerName });
  await createRisk(db, pid(), {
    workstreamId: source.id,
    title: '=HYPERLINK("http://evil.example","Click")',
    cause: "Demand rises",
    event: "Waiting times grow",
    effect: "Harm to patients",
    category: "Quality",
    ownerPersonId: owner.id,
    inherentLikelihood: 4,
    inherentConsequence: 5,
    currentLikelihood: 3,
    currentConsequence: 4,
    targetLikelihood: 2,
    targetConsequence: 3,
    controls: "Weekly review",
    assurances: "+ Board report",
    reviewOn: "2018-06-30",
    published: true,
  });
  await createRisk(db, pid(), { workstreamId: source.id, title: "Workforce gaps", status: "closed", published: true });
  await createRisk(db, pid(), { workstreamId: source.id, title: "Unpublished risk, insiders only", published: false });
  await createMilestone(db, pid(), {
    workstreamId: source.id,
    title: "Crisis café opens",
    description: "In Maidstone",
    baselineOn: "2018-06-30",
    forecastOn: "2018-07-31",
    status: "at_risk",
    position: 1,
  });
  await createMilestone(db, pid(), {
    workstreamId: source.id,
    title: "Conference",
    baselineOn: "2018-03-13",
    actualOn: "2018-03-13",
    status: "complete",
    position: 2,
  });
});

afterAll(async () => {
  await t.close();
});

describe("risk register export and import", () => {
  it("exports XLSX with human headers, named after the workstream and today, and imports the edited file exactly", async () => {
    const response = await download(`/workstreams/${source.slug}/risks.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers["content-disposition"]).toBe(`attachment; filename="${source.slug}-risks-${today()}.xlsx"`);
    const sheet = await workbookOf(response.rawPayload);
    expect(headersOf(sheet).slice(0, 8)).toEqual(["Reference", "Title", "Cause", "Event", "Effect", "Category", "Owner", "Inherent likelihood"]);
    expect(sheet.actualRowCount).toBe(4); // header + 3 risks (insiders see the unpublished one)
    // In XLSX a text cell is never a formula: the title comes back exactly as typed.
    expect(sheet.getCell(2, col(sheet, "Title")).value).toBe('=HYPERLINK("http://evil.example","Click")');
    expect(sheet.getCell(2, col(sheet, "Review date")).value).toEqual(new Date("2018-06-30T00:00:00Z"));

    expect(sheet.getCell(2, col(sheet, "Reference")).value).toMatch(/^R\d+$/);

    // Copy into another register: clear the references (a reference updates a risk of the same register).
    for (let row = 2; row <= sheet.actualRowCount; row++) sheet.getCell(row, col(sheet, "Reference")).value = null;
    // Edit: change cells of the first risk, drop the unpublished one, add a row.
    sheet.getCell(2, col(sheet, "Current likelihood")).value = 2;
    sheet.getCell(2, col(sheet, "Category")).value = "Finance";
    sheet.spliceRows(4, 1);
    const added = sheet.addRow([]);
    const set = (header: string, value: ExcelJS.CellValue) => (added.getCell(col(sheet, header)).value = value);
    set("Title", "Estates delays");
    set("Owner", secondOwnerName.toUpperCase());
    for (const h of ["Inherent likelihood", "Inherent consequence", "Current likelihood", "Current consequence", "Target likelihood", "Target consequence"])
      set(h, "3");
    set("Review date", new Date(Date.UTC(2018, 8, 30)));
    set("Status", "OPEN");

    const imported = await postPage(admin, `/workstreams/${target.slug}/risks/import`, await xlsxOf(sheet), "edited.csv");
    expect(imported.statusCode, imported.body).toBe(303);
    expect(imported.headers.location).toBe(`/workstreams/${target.slug}/risks`);
    const flash = imported.cookies.find((c) => c.name === "quorum_flash");
    expect(decodeURIComponent(flash?.value ?? "")).toBe("Imported 3 risks");

    expect(await risksOf(target.id)).toEqual([
      {
        title: '=HYPERLINK("http://evil.example","Click")',
        cause: "Demand rises",
        event: "Waiting times grow",
        effect: "Harm to patients",
        category: "Finance",
        owner: ownerName,
        il: 4,
        ic: 5,
        cl: 2,
        cc: 4,
        tl: 2,
        tc: 3,
        controls: "Weekly review",
        assurances: "+ Board report",
        review_on: "2018-06-30",
        status: "open",
      },
      expect.objectContaining({ title: "Workforce gaps", status: "closed", owner: null, review_on: null }),
      expect.objectContaining({ title: "Estates delays", owner: secondOwnerName, il: 3, cc: 3, review_on: "2018-09-30", status: "open", cause: "" }),
    ]);
    // Audited through the risks service, one entry per risk.
    const audit = await t.database.pool.query(
      "select count(*)::int as n from audit_events where partnership_id = $1 and record_type = 'risk' and action = 'create' and actor_user_id is not null",
      [pid()],
    );
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(3);
  });

  it("exports CSV (UTF-8 with BOM, guarded against formulas) and imports the edited CSV through the API", async () => {
    const fresh = await createWorkstream(t.database.db, pid(), { name: "CSV target", slug: `csv-target-${randomUUID().slice(0, 6)}`, published: true });
    const response = await download(`/workstreams/${source.id}/risks.csv`, null);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe(`attachment; filename="${source.slug}-risks-${today()}.csv"`);
    expect(response.body.startsWith("\uFEFF")).toBe(true);
    // OWASP: a cell starting with = + - @ is prefixed with a single quote.
    expect(response.body).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(response.body).toContain(`"'+ Board report"`);
    expect(response.body).not.toContain("Unpublished risk"); // the public sees published risks only
    const rows = csvRows(response.body);
    expect(rows).toHaveLength(3);
    const h = rows[0]!;
    for (const row of rows.slice(1)) row[h.indexOf("Reference")] = ""; // copied to another register: new risks
    rows[2]![h.indexOf("Title")] = "Workforce gaps (revised)";
    rows[2]![h.indexOf("Review date")] = "31/12/2018";
    rows.push(
      h.map(
        (header) =>
          ({
            Title: "Digital outage",
            "Inherent likelihood": "5",
            "Inherent consequence": "4",
            "Current likelihood": "4",
            "Current consequence": "4",
            "Target likelihood": "1",
            "Target consequence": "4",
            Status: "closed",
          })[header] ?? "",
      ),
    );

    const imported = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${fresh.slug}/risks/import`,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "text/csv; charset=utf-8" },
      payload: toCsv(rows),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ data: { imported: 3, created: 3, updated: 0, unchanged: 0 } });
    const stored = await risksOf(fresh.id);
    expect(stored.map((r) => [r.title, r.review_on, r.status, r.cl])).toEqual([
      ['=HYPERLINK("http://evil.example","Click")', "2018-06-30", "open", 3],
      ["Workforce gaps (revised)", "2018-12-31", "closed", 3],
      ["Digital outage", null, "closed", 4],
    ]);
    expect(stored[0]!.assurances).toBe("+ Board report");
  });

  it("reports every bad row by row, column and message, and changes nothing", async () => {
    const header = [
      "Title",
      "Owner",
      "Inherent likelihood",
      "Inherent consequence",
      "Current likelihood",
      "Current consequence",
      "Target likelihood",
      "Target consequence",
      "Review date",
      "Status",
    ];
    const good = ["Fine risk", "", "3", "3", "3", "3", "2", "2", "2018-06-30", "Open"];
    const file = toCsv([
      header,
      good, // row 2
      ["", ...good.slice(1)], // row 3: missing title
      ["Bad number", "", "three", ...good.slice(3)], // row 4
      ["Bad date", ...good.slice(1, 8), "31/02/2018", "Open"], // row 5
      ["Unknown status", ...good.slice(1, 9), "Pending"], // row 6
      ["Likelihood seven", "", "3", "3", "7", ...good.slice(5)], // row 7
      ["Nobody owns it", "Nobody Known", ...good.slice(2)], // row 8
    ]);
    const before = await snapshot();
    const response = await postPage(admin, `/workstreams/${target.slug}/risks/import`, Buffer.from(file), "risks.csv");
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain("<title>Error: Import risks");
    expect(response.body).toContain("There are 6 problems with the file");
    expect(response.body).toContain("Nothing has been imported");
    for (const line of [
      "Row 3, Title: enter the risk&#x27;s title",
      "Row 4, Inherent likelihood: enter a whole number from 1 to 5",
      "Row 5, Review date: enter a real date, like 2018-06-30 or 30/06/2018",
      "Row 6, Status: enter one of: Open, Closed, Occurred (now an issue)",
      "Row 7, Current likelihood: enter a whole number from 1 to 5",
      "Row 8, Owner: no one called “Nobody Known” is in the people directory",
    ])
      expect(response.body).toContain(line);
    expect(await snapshot()).toEqual(before);
  });

  it("reports unknown and missing columns as row 1", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${target.id}/risks/import`,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "text/csv" },
      payload: toCsv([
        ["Title", "Colour"],
        ["A risk", "Red"],
      ]),
    });
    expect(response.statusCode).toBe(422);
    const problems = response.json<{ error: { problems: { row: number; column: string; message: string }[] } }>().error.problems;
    expect(problems).toContainEqual({ row: 1, column: "Colour", message: expect.stringContaining("Quorum does not know this column") });
    expect(problems).toContainEqual({ row: 1, column: "Current likelihood", message: "the column is missing; add a column with this header" });
  });

  it("exports the portfolio register", async () => {
    await createRisk(t.database.db, pid(), { workstreamId: null, title: "Portfolio-wide risk", published: true });
    const response = await download("/risks/portfolio.csv", null);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toBe(`attachment; filename="portfolio-risks-${today()}.csv"`);
    expect(response.body).toContain("Portfolio-wide risk");
    expect(response.body).not.toContain("Fine risk");
  });
});

describe("milestones export and import", () => {
  it("round-trips XLSX: real date cells, labels for statuses", async () => {
    const ws = await createWorkstream(t.database.db, pid(), { name: "Milestones target", slug: `ms-target-${randomUUID().slice(0, 6)}`, published: true });
    const response = await download(`/workstreams/${source.slug}/milestones.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toBe(`attachment; filename="${source.slug}-milestones-${today()}.xlsx"`);
    const sheet = await workbookOf(response.rawPayload);
    expect(headersOf(sheet)).toEqual(["ID", "Title", "Description", "Baseline date", "Forecast date", "Actual date", "Status", "Slippage (days)"]);
    // In baseline order: the conference (13 March 2018), then the crisis café (30 June 2018).
    expect(sheet.getCell(3, 4).value).toEqual(new Date("2018-06-30T00:00:00Z"));
    expect(sheet.getCell(3, 7).value).toBe("At risk");
    expect(sheet.getCell(3, 8).value).toBe(31);
    expect(sheet.getCell(2, 6).value).toEqual(new Date("2018-03-13T00:00:00Z"));
    // Copy to another workstream: clear the IDs (an ID updates a milestone of the same workstream).
    sheet.getCell(2, 1).value = null;
    sheet.getCell(3, 1).value = null;
    sheet.getCell(3, 5).value = new Date(Date.UTC(2018, 7, 31));
    sheet.getCell(3, 7).value = "late";
    sheet.addRow([null, "Workbook published", "Estates workbook", "30/09/2018", null, null, "not started", null]);
    const imported = await postPage(admin, `/workstreams/${ws.id}/milestones/import`, await xlsxOf(sheet));
    expect(imported.statusCode, imported.body).toBe(303);
    expect(await milestonesOf(ws.id)).toEqual([
      { title: "Conference", description: "", baseline: "2018-03-13", forecast: null, actual: "2018-03-13", status: "complete" },
      { title: "Crisis café opens", description: "In Maidstone", baseline: "2018-06-30", forecast: "2018-08-31", actual: null, status: "late" },
      { title: "Workbook published", description: "Estates workbook", baseline: "2018-09-30", forecast: null, actual: null, status: "not_started" },
    ]);
  });

  it("round-trips CSV through the API with multipart and a token", async () => {
    const ws = await createWorkstream(t.database.db, pid(), { name: "Milestones CSV", slug: `ms-csv-${randomUUID().slice(0, 6)}`, published: true });
    const rows = csvRows((await download(`/workstreams/${source.slug}/milestones.csv`)).body);
    expect(rows[2]).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), "Crisis café opens", "In Maidstone", "2018-06-30", "2018-07-31", "", "At risk", "31"]);
    for (const row of rows.slice(1)) row[0] = "";
    rows[1]![2] = "Better Together, Maidstone";
    const body = multipart(Buffer.from(toCsv(rows)), "milestones.csv");
    const response = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${ws.id}/milestones/import`,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect((await milestonesOf(ws.id)).map((m) => [m.title, m.description, m.forecast, m.status])).toEqual([
      ["Conference", "Better Together, Maidstone", null, "complete"],
      ["Crisis café opens", "In Maidstone", "2018-07-31", "at_risk"],
    ]);
  });

  it("applies the milestones' own rules to every row, and changes nothing when one fails", async () => {
    const before = await snapshot();
    const file = toCsv([
      ["Title", "Baseline date", "Actual date", "Status"],
      ["Fine", "2018-06-30", "", "On track"],
      ["Complete without date", "2018-06-30", "", "Complete"],
      ["Unknown status", "2018-06-30", "", "Done-ish"],
      ["No baseline", "", "", "On track"],
    ]);
    const response = await postPage(admin, `/workstreams/${target.slug}/milestones/import`, Buffer.from(file), "m.csv");
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain("Row 3, Actual date: enter the date the milestone was achieved");
    expect(response.body).toContain("Row 4, Status: enter one of: Not started, On track, At risk, Late, Complete");
    expect(response.body).toContain("Row 5, Baseline date: enter the baseline date");
    expect(await snapshot()).toEqual(before);
  });
});

describe("re-importing an edited export into the same workstream updates", () => {
  const rowsWhere = async (table: string, workstreamId: string) =>
    (await t.database.pool.query(`select * from ${table} where partnership_id = $1 and workstream_id = $2 order by id`, [pid(), workstreamId])).rows;
  const reviewsOf = async (riskIds: string[]) =>
    (
      await t.database.pool.query("select * from risk_reviews where partnership_id = $1 and risk_id = any($2) order by risk_id, reviewed_on, created_at", [
        pid(),
        riskIds,
      ])
    ).rows;
  const auditOf = async (recordIds: string[]) =>
    (
      await t.database.pool.query(
        "select record_type, record_id, action from audit_events where partnership_id = $1 and record_id = any($2) order by occurred_at, id",
        [pid(), recordIds],
      )
    ).rows;
  const flashOf = (response: { cookies: { name: string; value: string }[] }) =>
    decodeURIComponent(response.cookies.find((c) => c.name === "quorum_flash")?.value ?? "");

  it("risks: updates by reference, records a changed score as a review, adds new rows, and leaves everything else exactly as it was", async () => {
    const db = t.database.db;
    const ws = await createWorkstream(db, pid(), { name: "Round trip risks", slug: `rt-risks-${randomUUID().slice(0, 6)}`, published: true });
    const archived = await createPerson(db, pid(), { name: `Former Owner ${randomUUID().slice(0, 4)}`, archivedAt: new Date("2018-01-01T00:00:00Z") });
    const a = await createRisk(db, pid(), {
      workstreamId: ws.id,
      title: "Estates delays",
      category: "Estates",
      ownerPersonId: archived.id,
      reviewOn: "2018-06-30",
    });
    const b = await createRisk(db, pid(), { workstreamId: ws.id, title: "Workforce gaps", currentLikelihood: 3, currentConsequence: 4 });
    const c = await createRisk(db, pid(), { workstreamId: ws.id, title: "Closed one", status: "closed" });
    await createRiskReview(db, pid(), { riskId: b.id, likelihood: 3, consequence: 4, note: "First look" });
    const ids = [a.id, b.id, c.id];
    const risksBefore = await rowsWhere("risks", ws.id);
    const reviewsBefore = await reviewsOf(ids);
    const auditBefore = await auditOf(ids);

    // An untouched export re-imported changes nothing at all (no new versions, no audit entries).
    const untouched = await download(`/workstreams/${ws.slug}/risks.xlsx`);
    const same = await postPage(admin, `/workstreams/${ws.slug}/risks/import`, untouched.rawPayload, "risks.xlsx");
    expect(same.statusCode, same.body).toBe(303);
    expect(flashOf(same)).toBe("Imported 3 risks: 3 unchanged");
    expect(await rowsWhere("risks", ws.id)).toEqual(risksBefore);
    expect(await reviewsOf(ids)).toEqual(reviewsBefore);
    expect(await auditOf(ids)).toEqual(auditBefore);

    // Edit: a's category, b's current likelihood; add a new row.
    const sheet = await workbookOf(untouched.rawPayload);
    const rowOf = (reference: number) => {
      for (let r = 2; r <= sheet.actualRowCount; r++) if (sheet.getCell(r, col(sheet, "Reference")).value === `R${reference}`) return r;
      throw new Error(`R${reference} not exported`);
    };
    sheet.getCell(rowOf(a.reference), col(sheet, "Category")).value = "Finance";
    sheet.getCell(rowOf(b.reference), col(sheet, "Current likelihood")).value = 5;
    const added = sheet.addRow([]);
    added.getCell(col(sheet, "Title")).value = "Digital outage";
    for (const h of ["Inherent likelihood", "Inherent consequence", "Current likelihood", "Current consequence", "Target likelihood", "Target consequence"])
      added.getCell(col(sheet, h)).value = 2;

    const imported = await postPage(admin, `/workstreams/${ws.slug}/risks/import`, await xlsxOf(sheet), "risks.xlsx");
    expect(imported.statusCode, imported.body).toBe(303);
    expect(flashOf(imported)).toBe("Imported 4 risks: 1 new, 2 updated, 1 unchanged");

    const after = await rowsWhere("risks", ws.id);
    expect(after).toHaveLength(4); // no duplicates: one new risk only
    const byId = new Map(after.map((r) => [r.id as string, r]));
    const beforeById = new Map(risksBefore.map((r) => [r.id as string, r]));
    expect(byId.get(c.id)).toEqual(beforeById.get(c.id)); // untouched row: exactly as it was
    const { category, version, updated_at: _au, ...aRest } = byId.get(a.id)!;
    const { category: oldCategory, version: oldVersion, updated_at: _bu, ...aRestBefore } = beforeById.get(a.id)!;
    expect([oldCategory, category, version]).toEqual(["Estates", "Finance", oldVersion + 1]);
    expect(aRest).toEqual(aRestBefore); // the archived owner is kept: the name as exported names them
    const { current_likelihood, version: bVersion, updated_at: _cu, ...bRest } = byId.get(b.id)!;
    const { current_likelihood: oldLikelihood, version: bOldVersion, updated_at: _du, ...bRestBefore } = beforeById.get(b.id)!;
    expect([oldLikelihood, current_likelihood, bVersion]).toEqual([3, 5, bOldVersion + 1]);
    expect(bRest).toEqual(bRestBefore);
    const fresh = after.find((r) => !ids.includes(r.id))!;
    expect(fresh).toMatchObject({ title: "Digital outage", reference: Math.max(...risksBefore.map((r) => r.reference)) + 1 });

    // The changed score is a review; the earlier history is kept.
    const reviews = await reviewsOf(ids);
    expect(reviews.slice(0, reviewsBefore.length)).toEqual(reviewsBefore);
    expect(reviews.slice(reviewsBefore.length).map((r) => [r.risk_id, r.likelihood, r.consequence, r.note])).toEqual([
      [b.id, 5, 4, "Score changed by an import"],
    ]);
    // Audited through the risks service.
    expect((await auditOf(ids)).slice(auditBefore.length)).toEqual(
      expect.arrayContaining([
        { record_type: "risk", record_id: a.id, action: "update" },
        { record_type: "risk", record_id: b.id, action: "update" },
      ]),
    );
    const reviewAudit = await t.database.pool.query(
      "select count(*)::int as n from audit_events where partnership_id = $1 and record_type = 'risk_review' and record_id = $2",
      [pid(), reviews.at(-1)!.id],
    );
    expect(reviewAudit.rows[0].n).toBe(1);
  });

  it("risks: a reference not on this register is a row error, and nothing changes", async () => {
    const db = t.database.db;
    const ws = await createWorkstream(db, pid(), { name: "Round trip refused", slug: `rt-refused-${randomUUID().slice(0, 6)}`, published: true });
    const mine = await createRisk(db, pid(), { workstreamId: ws.id, title: "Mine" });
    const elsewhere = await createRisk(db, pid(), { workstreamId: source.id, title: "On another register" });
    const rows = csvRows((await download(`/workstreams/${ws.slug}/risks.csv`)).body);
    const h = rows[0]!;
    rows[1]![h.indexOf("Title")] = "Mine, edited";
    rows.push(rows[1]!.map((cell, i) => (i === h.indexOf("Reference") ? "R99999999" : cell)));
    rows.push(rows[1]!.map((cell, i) => (i === h.indexOf("Reference") ? `R${elsewhere.reference}` : cell)));
    rows.push(rows[1]!.map((cell, i) => (i === h.indexOf("Reference") ? `R${mine.reference}` : cell)));
    rows.push(rows[1]!.map((cell, i) => (i === h.indexOf("Reference") ? "RX" : cell)));
    const before = await snapshot();
    const response = await postPage(admin, `/workstreams/${ws.slug}/risks/import`, Buffer.from(toCsv(rows)), "risks.csv");
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain("Row 3, Reference: R99999999 is not on this register");
    expect(response.body).toContain(`Row 4, Reference: R${elsewhere.reference} is not on this register`);
    expect(response.body).toContain(`Row 5, Reference: R${mine.reference} is also on row 2; keep one row for each risk`);
    expect(response.body).toContain("Row 6, Reference: enter the risk&#x27;s reference as exported, like R12, or leave it blank to add a new risk");
    expect(await snapshot()).toEqual(before);
  });

  it("risks: the API round-trips CSV into the same register", async () => {
    const db = t.database.db;
    const ws = await createWorkstream(db, pid(), { name: "API round trip", slug: `rt-api-${randomUUID().slice(0, 6)}`, published: true });
    await createRisk(db, pid(), { workstreamId: ws.id, title: "One" });
    await createRisk(db, pid(), { workstreamId: ws.id, title: "Two" });
    const rows = csvRows((await download(`/workstreams/${ws.slug}/risks.csv`)).body);
    rows[2]![rows[0]!.indexOf("Controls")] = "Monthly check";
    const response = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${ws.id}/risks/import`,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "text/csv" },
      payload: toCsv(rows),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ data: { imported: 2, created: 0, updated: 1, unchanged: 1 } });
    expect((await risksOf(ws.id)).map((r) => [r.title, r.controls])).toEqual([
      ["One", ""],
      ["Two", "Monthly check"],
    ]);
  });

  it("milestones: updates by ID, adds rows without one, and leaves everything else exactly as it was", async () => {
    const db = t.database.db;
    const ws = await createWorkstream(db, pid(), { name: "Round trip milestones", slug: `rt-ms-${randomUUID().slice(0, 6)}`, published: true });
    const m1 = await createMilestone(db, pid(), { workstreamId: ws.id, title: "Launch", baselineOn: "2018-05-31", status: "on_track", position: 1 });
    const m2 = await createMilestone(db, pid(), { workstreamId: ws.id, title: "Review", baselineOn: "2018-09-30", position: 2 });
    const before = await rowsWhere("milestones", ws.id);
    const auditBefore = await auditOf([m1.id, m2.id]);

    const rows = csvRows((await download(`/workstreams/${ws.slug}/milestones.csv`)).body);
    expect(rows.slice(1).map((r) => r[0])).toEqual([m1.id, m2.id]);
    const h = rows[0]!;
    rows[1]![h.indexOf("Forecast date")] = "30/06/2018";
    rows[1]![h.indexOf("Status")] = "At risk";
    rows.push(h.map((header) => ({ Title: "Evaluation", "Baseline date": "2018-12-31" })[header] ?? ""));
    const imported = await postPage(admin, `/workstreams/${ws.slug}/milestones/import`, Buffer.from(toCsv(rows)), "m.csv");
    expect(imported.statusCode, imported.body).toBe(303);
    expect(flashOf(imported)).toBe("Imported 3 milestones: 1 new, 1 updated, 1 unchanged");

    const after = await rowsWhere("milestones", ws.id);
    expect(after).toHaveLength(3);
    const byId = new Map(after.map((r) => [r.id as string, r]));
    expect(byId.get(m2.id)).toEqual(before.find((r) => r.id === m2.id));
    const { forecast_on, status, version, updated_at: _a, ...rest } = byId.get(m1.id)!;
    const { forecast_on: oldForecast, status: oldStatus, version: oldVersion, updated_at: _b, ...restBefore } = before.find((r) => r.id === m1.id)!;
    // pg reads a date column as local midnight.
    const day = (d: unknown) =>
      d instanceof Date ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}` : d;
    expect([oldForecast, oldStatus, day(forecast_on), status, version]).toEqual([null, "on_track", "2018-06-30", "at_risk", oldVersion + 1]);
    expect(rest).toEqual(restBefore);
    const added = after.find((r) => r.id !== m1.id && r.id !== m2.id)!;
    expect([added.title, day(added.baseline_on)]).toEqual(["Evaluation", "2018-12-31"]);
    expect((await auditOf([m1.id, m2.id])).slice(auditBefore.length)).toEqual([{ record_type: "milestone", record_id: m1.id, action: "update" }]);
  });

  it("milestones: an ID not of this workstream is a row error, and nothing changes", async () => {
    const db = t.database.db;
    const ws = await createWorkstream(db, pid(), { name: "Milestones refused", slug: `rt-msr-${randomUUID().slice(0, 6)}`, published: true });
    await createMilestone(db, pid(), { workstreamId: ws.id, title: "Mine" });
    const elsewhere = await createMilestone(db, pid(), { workstreamId: source.id, title: "Not mine" });
    const rows = csvRows((await download(`/workstreams/${ws.slug}/milestones.csv`)).body);
    rows[1]![1] = "Mine, edited";
    rows.push([randomUUID(), ...rows[1]!.slice(1)]);
    rows.push([elsewhere.id, ...rows[1]!.slice(1)]);
    rows.push([rows[1]![0]!, ...rows[1]!.slice(1)]);
    rows.push(["not-an-id", ...rows[1]!.slice(1)]);
    const before = await snapshot();
    const response = await postPage(admin, `/workstreams/${ws.slug}/milestones/import`, Buffer.from(toCsv(rows)), "m.csv");
    expect(response.statusCode).toBe(422);
    for (const row of [3, 4])
      expect(response.body).toContain(`Row ${row}, ID: no milestone of this workstream has this ID; leave it blank to add the row as a new milestone`);
    expect(response.body).toContain("Row 5, ID: the same ID is on row 2; keep one row for each milestone");
    expect(response.body).toContain("Row 6, ID: enter the milestone&#x27;s ID as exported, or leave it blank to add a new milestone");
    expect(await snapshot()).toEqual(before);
  });
});

describe("budget lines export and import", () => {
  async function draftPlanWithLines(name: string) {
    const db = t.database.db;
    const ws = await createWorkstream(db, pid(), { name, slug: `${name.toLowerCase().replace(/\s+/g, "-")}-${randomUUID().slice(0, 6)}`, published: true });
    const plan = await createPlan(db, pid(), { workstreamId: ws.id, financialYear: 2018, status: "draft" });
    await createBudgetLine(
      db,
      pid(),
      { planId: plan.id, description: "Crisis café staff", kind: "revenue", fundingSource: "STP transformation fund", position: 1 },
      {
        "2018-04-01": { plannedPence: 123456, actualPence: 123401, forecastPence: null },
        "2018-05-01": { plannedPence: 1, actualPence: null, forecastPence: 99 },
      },
    );
    await createBudgetLine(
      db,
      pid(),
      { planId: plan.id, description: "=cmd|' /C calc'!A0", kind: "capital", fundingSource: "NHS England", position: 2 },
      {
        "2019-03-01": { plannedPence: 900000000001, actualPence: null, forecastPence: -5050 },
      },
    );
    return { ws, plan };
  }

  it("round-trips XLSX to the penny: pounds cells formatted £#,##0.00, replacing the plan's lines", async () => {
    const { ws, plan } = await draftPlanWithLines("Budget XLSX");
    const response = await download(`/plans/${plan.id}/budget-lines.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toBe(`attachment; filename="${ws.slug}-budget-2018-19-${today()}.xlsx"`);
    const sheet = await workbookOf(response.rawPayload);
    const h = headersOf(sheet);
    expect(h.slice(0, 6)).toEqual(["Description", "Kind", "Funding source", "Apr 2018 planned", "Apr 2018 actual", "Apr 2018 forecast"]);
    expect(h.at(-1)).toBe("Mar 2019 forecast");
    expect(h).toHaveLength(3 + 36);
    const apr = sheet.getCell(2, col(sheet, "Apr 2018 planned"));
    expect(apr.value).toBe(1234.56);
    expect(apr.numFmt).toBe("£#,##0.00");
    expect(sheet.getCell(2, col(sheet, "May 2018 planned")).value).toBe(0.01);
    expect(sheet.getCell(2, col(sheet, "Apr 2018 forecast")).value).toBeNull();
    expect(sheet.getCell(3, col(sheet, "Mar 2019 planned")).value).toBe(9000000000.01);

    sheet.getCell(2, col(sheet, "Apr 2018 actual")).value = 1234.57;
    sheet.getCell(2, col(sheet, "Jun 2018 forecast")).value = 0.3;
    const added = sheet.addRow([]);
    added.getCell(1).value = "Peer support workers";
    added.getCell(2).value = "revenue";
    added.getCell(3).value = "Local authority";
    added.getCell(col(sheet, "Jul 2018 planned")).value = "£2,500.50";
    const imported = await postPage(admin, `/plans/${plan.id}/budget-lines/import`, await xlsxOf(sheet));
    expect(imported.statusCode, imported.body).toBe(303);
    expect(imported.headers.location).toBe(`/plans/${plan.id}`);
    expect(await linesOf(plan.id)).toEqual([
      {
        description: "Crisis café staff",
        kind: "revenue",
        funding_source: "STP transformation fund",
        months: [
          { month: "2018-04-01", planned: "123456", actual: "123457", forecast: null },
          { month: "2018-05-01", planned: "1", actual: null, forecast: "99" },
          { month: "2018-06-01", planned: "0", actual: null, forecast: "30" },
        ],
      },
      {
        description: "=cmd|' /C calc'!A0",
        kind: "capital",
        funding_source: "NHS England",
        months: [{ month: "2019-03-01", planned: "900000000001", actual: null, forecast: "-5050" }],
      },
      {
        description: "Peer support workers",
        kind: "revenue",
        funding_source: "Local authority",
        months: [{ month: "2018-07-01", planned: "250050", actual: null, forecast: null }],
      },
    ]);
  });

  it("round-trips CSV: plain pounds text with 2 decimals, formula-guarded descriptions", async () => {
    const { plan } = await draftPlanWithLines("Budget CSV");
    const response = await download(`/plans/${plan.id}/budget-lines.csv`);
    const rows = csvRows(response.body);
    const h = rows[0]!;
    expect(rows[1]![h.indexOf("Apr 2018 planned")]).toBe("1234.56");
    expect(rows[1]![h.indexOf("May 2018 planned")]).toBe("0.01");
    expect(rows[1]![h.indexOf("Jun 2018 planned")]).toBe("0.00");
    expect(rows[1]![h.indexOf("Jun 2018 actual")]).toBe("");
    expect(rows[2]![0]).toBe("'=cmd|' /C calc'!A0");
    expect(rows[2]![h.indexOf("Mar 2019 forecast")]).toBe("-50.50");
    rows[2]![h.indexOf("Mar 2019 planned")] = "9000000000.02";
    const imported = await t.app.inject({
      method: "POST",
      url: `/api/v1/plans/${plan.id}/budget-lines/import`,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "text/csv" },
      payload: toCsv(rows),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const lines = await linesOf(plan.id);
    expect(lines[1]).toEqual({
      description: "=cmd|' /C calc'!A0",
      kind: "capital",
      funding_source: "NHS England",
      months: [{ month: "2019-03-01", planned: "900000000002", actual: null, forecast: "-5050" }],
    });
  });

  it("refuses amounts with more than 2 decimals (number cells and text alike) and changes nothing", async () => {
    const { plan } = await draftPlanWithLines("Budget bad");
    const sheet = await workbookOf((await download(`/plans/${plan.id}/budget-lines.xlsx`)).rawPayload);
    sheet.getCell(2, col(sheet, "Apr 2018 planned")).value = 12.345;
    sheet.getCell(3, col(sheet, "May 2018 actual")).value = "12.345";
    sheet.getCell(3, 2).value = "Grant";
    const before = await snapshot();
    const response = await postPage(admin, `/plans/${plan.id}/budget-lines/import`, await xlsxOf(sheet));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain("Row 2, Apr 2018 planned: enter an amount in pounds with at most 2 decimal places, like 1234.56");
    expect(response.body).toContain("Row 3, Kind: enter one of: Revenue, Capital");
    expect(response.body).toContain("Row 3, May 2018 actual: enter an amount in pounds with at most 2 decimal places");
    expect(await snapshot()).toEqual(before);
  });

  it("on an approved plan, imports this month's actuals and forecasts only, as the plans module allows", async () => {
    const { plan } = await draftPlanWithLines("Budget approved");
    await t.database.pool.query("update plans set status = 'approved', approved_on = '2018-03-05' where id = $1", [plan.id]);
    const rows = csvRows((await download(`/plans/${plan.id}/budget-lines.csv`)).body);
    const h = rows[0]!;

    // Changing a planned amount, or adding a line, is refused and changes nothing.
    const changedPlan = rows.map((r) => [...r]);
    changedPlan[1]![h.indexOf("Apr 2018 planned")] = "1300.00";
    changedPlan.push(["New line", "Revenue", "Grant", ...h.slice(3).map(() => "")]);
    const before = await snapshot();
    const refused = await postPage(admin, `/plans/${plan.id}/budget-lines/import`, Buffer.from(toCsv(changedPlan)), "b.csv");
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("The plan has 2 budget lines and the file 3");
    expect(refused.body).toContain("Row 2, Apr 2018 planned: the planned amount for");
    expect(await snapshot()).toEqual(before);

    // Actuals and forecasts are taken, to the penny, in one go.
    rows[1]![h.indexOf("Jun 2018 actual")] = "99.99";
    rows[2]![h.indexOf("Feb 2019 forecast")] = "-0.01";
    const imported = await postPage(admin, `/plans/${plan.id}/budget-lines/import`, Buffer.from(toCsv(rows)), "b.csv");
    expect(imported.statusCode, imported.body).toBe(303);
    expect(decodeURIComponent(imported.cookies.find((c) => c.name === "quorum_flash")?.value ?? "")).toBe("Imported 2 budget lines");
    const lines = await linesOf(plan.id);
    expect(lines.map((l) => l.months)).toEqual([
      [
        { month: "2018-04-01", planned: "123456", actual: "123401", forecast: null },
        { month: "2018-05-01", planned: "1", actual: null, forecast: "99" },
        { month: "2018-06-01", planned: "0", actual: "9999", forecast: null },
      ],
      [
        { month: "2019-02-01", planned: "0", actual: null, forecast: "-1" },
        { month: "2019-03-01", planned: "900000000001", actual: null, forecast: "-5050" },
      ],
    ]);
    const audit = await t.database.pool.query(
      "select count(*)::int as n from audit_events where partnership_id = $1 and record_type = 'budget_line' and action = 'months'",
      [pid()],
    );
    expect(audit.rows[0].n).toBe(2);
  });
});

describe("links to the exports and imports", () => {
  const page = async (url: string, session: Session | null) => {
    const response = await download(url, session);
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };

  it("the risk register, milestones and plan pages link to their exports, and to the imports for those who may change them", async () => {
    const plan = await createPlan(t.database.db, pid(), { workstreamId: source.id, status: "draft" });
    for (const url of [`/workstreams/${source.slug}/risks`, `/workstreams/${source.id}/risks`]) {
      const insider = await page(url, admin);
      expect(insider).toContain(`href="/workstreams/${source.slug}/risks.xlsx"`);
      expect(insider).toContain(`href="/workstreams/${source.slug}/risks.csv"`);
      expect(insider).toContain(`<a href="/workstreams/${source.slug}/risks/import">Import risks</a>`);
    }
    const publicRisks = await page(`/workstreams/${source.slug}/risks`, null);
    expect(publicRisks).toContain(`href="/workstreams/${source.slug}/risks.csv"`);
    expect(publicRisks).not.toContain("/risks/import");
    expect(await page(`/workstreams/${source.slug}/risks`, contributorOfOther)).not.toContain("/risks/import");

    const all = await page("/risks", admin);
    expect(all).toContain('href="/risks/portfolio.xlsx"');
    expect(all).toContain('href="/risks/portfolio.csv"');
    const filtered = await page(`/risks?workstreamId=${source.id}`, admin);
    expect(filtered).toContain(`href="/workstreams/${source.id}/risks.xlsx"`);
    expect(filtered).toContain(`href="/workstreams/${source.id}/risks/import"`);

    const milestones = await page(`/workstreams/${source.slug}/milestones`, admin);
    expect(milestones).toContain(`href="/workstreams/${source.slug}/milestones.xlsx"`);
    expect(milestones).toContain(`href="/workstreams/${source.slug}/milestones.csv"`);
    expect(milestones).toContain(`<a href="/workstreams/${source.slug}/milestones/import">Import milestones</a>`);
    expect(await page(`/workstreams/${source.slug}/milestones`, null)).not.toContain("/milestones/import");

    const planPage = await page(`/plans/${plan.id}`, admin);
    expect(planPage).toContain(`href="/plans/${plan.id}/budget-lines.xlsx"`);
    expect(planPage).toContain(`href="/plans/${plan.id}/budget-lines.csv"`);
    expect(planPage).toContain(`<a href="/plans/${plan.id}/budget-lines/import">Import budget lines</a>`);
    // Every import page the links lead to opens for the editor.
    for (const url of [`/workstreams/${source.slug}/risks/import`, `/workstreams/${source.slug}/milestones/import`, `/plans/${plan.id}/budget-lines/import`])
      await page(url, admin);
  });

  it("the portfolio dashboard lists the registers and reports; a workstream's page links to its maturity frameworks", async () => {
    const insider = await page("/portfolio", admin);
    for (const href of ["/risks", "/issues", "/milestones", "/highlight-reports", "/maturity", "/portfolio/budget"])
      expect(insider).toContain(`href="${href}"`);
    expect(await page("/portfolio", null)).not.toContain('href="/highlight-reports"');

    const { framework } = await createMaturityFramework(t.database.db, pid(), { workstreamId: source.id, title: "Local care readiness", published: true });
    const { framework: draft } = await createMaturityFramework(t.database.db, pid(), { workstreamId: source.id, title: "Draft matrix", published: false });
    const hub = await page(`/workstreams/${source.slug}`, admin);
    expect(hub).toContain(`<a href="/maturity/${framework.id}">Maturity: Local care readiness</a>`);
    expect(hub).toContain(`href="/maturity/${draft.id}"`);
    const publicHub = await page(`/workstreams/${source.slug}`, null);
    expect(publicHub).toContain(`href="/maturity/${framework.id}"`);
    expect(publicHub).not.toContain(`href="/maturity/${draft.id}"`);
  });
});

describe("files that cannot be imported", () => {
  it.each([
    ["an empty file", Buffer.alloc(0), "Select a spreadsheet to import"],
    ["a damaged XLSX", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("not really a zip")]), "could not be read as an XLSX spreadsheet"],
    ["an old .xls workbook", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "old Excel (.xls) workbook"],
    ["binary", Buffer.from([0x00, 0x01, 0x02, 0xff]), "neither an XLSX spreadsheet nor CSV text"],
    ["only a header", Buffer.from("Title,Baseline date\r\n"), "no rows to import"],
    ["a blank CSV", Buffer.from("\uFEFF\r\n\r\n"), "The file is empty"],
    ["unbalanced quotes", Buffer.from('Title,Baseline date\r\n"Open quote,2018-06-30\r\n'), "The CSV file could not be read"],
  ])("explains %s (422, never 500)", async (_name, content, message) => {
    const response = await postPage(admin, `/workstreams/${target.slug}/milestones/import`, content, "x.csv");
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain(message);
  });

  it("refuses more than 5,000 rows", async () => {
    const lines = ["Title,Baseline date", ...Array.from({ length: 5001 }, (_, i) => `M${i},2018-06-30`)];
    const response = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${target.id}/milestones/import`,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "text/csv" },
      payload: lines.join("\n"),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ error: { message: string } }>().error.message).toContain("more than 5,000 rows");
  });

  it("shows the first 100 problems of many, with the count", async () => {
    const lines = ["Title,Baseline date", ...Array.from({ length: 340 }, (_, i) => `M${i},someday`)];
    const response = await postPage(admin, `/workstreams/${target.slug}/milestones/import`, Buffer.from(lines.join("\n")), "x.csv");
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain("Showing the first 100 of 340 problems");
    expect(response.body).toContain("Row 101, Baseline date");
    expect(response.body).not.toContain("Row 102, Baseline date");
  });

  it("answers 415 for a JSON body", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${target.id}/milestones/import`,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      payload: "{}",
    });
    expect(response.statusCode).toBe(415);
  });
});

describe("who may import and export", () => {
  const csv = Buffer.from("Title,Baseline date\r\nM,2018-06-30\r\n");

  it("the public cannot import (401), on pages and through the API", async () => {
    const before = await snapshot();
    const anonymous = await t.anonymousSession();
    const page = await t.app.inject({
      method: "POST",
      url: `/workstreams/${target.slug}/milestones/import?_csrf=${encodeURIComponent(anonymous.csrf)}`,
      headers: { cookie: anonymous.cookie, "content-type": multipart(csv, "m.csv").contentType },
      payload: multipart(csv, "m.csv").payload,
    });
    expect(page.statusCode).toBe(401);
    const api = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${target.id}/milestones/import`,
      headers: { "content-type": "text/csv" },
      payload: csv,
    });
    expect(api.statusCode).toBe(401);
    expect((await download(`/workstreams/${target.slug}/risks/import`, null)).statusCode).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("a contributor of another workstream gets 403 and changes nothing", async () => {
    const before = await snapshot();
    expect((await postPage(contributorOfOther, `/workstreams/${target.slug}/milestones/import`, csv, "m.csv")).statusCode).toBe(403);
    expect((await download(`/workstreams/${target.slug}/risks/import`, contributorOfOther)).statusCode).toBe(403);
    const api = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${target.id}/risks/import`,
      headers: { authorization: `Bearer ${otherContributorToken}`, "content-type": "text/csv" },
      payload: csv,
    });
    expect(api.statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("multipart to the API through a browser session is refused (CSRF)", async () => {
    const body = multipart(csv, "m.csv");
    const response = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${target.id}/milestones/import`,
      headers: { cookie: admin.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(403);
  });

  it("exports of an unpublished workstream are 404 for the public and shown to insiders", async () => {
    await createRisk(t.database.db, pid(), { workstreamId: hidden.id, title: "Hidden workstream risk", published: true });
    expect((await download(`/workstreams/${hidden.slug}/risks.csv`, null)).statusCode).toBe(404);
    expect((await download(`/workstreams/${hidden.slug}/milestones.xlsx`, null)).statusCode).toBe(404);
    const insider = await download(`/workstreams/${hidden.slug}/risks.csv`);
    expect(insider.statusCode).toBe(200);
    expect(insider.body).toContain("Hidden workstream risk");
  });

  it("shows the import page to editors", async () => {
    const response = await download(`/workstreams/${target.slug}/risks/import`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("<h1>Import risks</h1>");
    expect(response.body).toContain(`href="/workstreams/${target.slug}/risks.xlsx"`);
    expect(response.body.toLowerCase()).toContain('enctype="multipart/form-data"');
  });
});
