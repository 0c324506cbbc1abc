import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "../src/platform/db/client.ts";
import { londonDate } from "../src/platform/time.ts";
import { createTestDatabase, type TestDatabase } from "../tests/setup/database.ts";
import { seedDemoPartnership } from "./kent-and-medway.ts";
import { partnerships, partnershipObjectives } from "../src/modules/partnerships/partnerships.tables.ts";
import { bodies, termsOfReference } from "../src/modules/bodies/bodies.tables.ts";
import { organisations } from "../src/modules/organisations/organisations.tables.ts";
import { people } from "../src/modules/people/people.tables.ts";
import { agendaItemPresenters, agendaItems, meetings } from "../src/modules/meetings/meetings.tables.ts";
import { decisions } from "../src/modules/decisions/decisions.tables.ts";
import { actions } from "../src/modules/actions/actions.tables.ts";
import { itemMinutes } from "../src/modules/minutes/minutes.tables.ts";

// The demo partnership must hold, as structured records, everything the two public Programme
// Board updates in ../shared/seeds/ state: headings, presenters, decisions, follow-ups and dates.

const SEEDS = path.resolve(import.meta.dirname, "../../shared/seeds");
const seedDocs = [
  { file: "programme-board-update-2017-12-04.txt", date: "2017-12-04" },
  { file: "programme-board-update-2018-03-05.txt", date: "2018-03-05" },
].map((d) => ({ ...d, text: fs.readFileSync(path.join(SEEDS, d.file), "utf8") }));

/** A seed document's section headings: the short lines that are not bullets or sentences. */
function headingsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0 && p.length < 90 && !p.includes("\n") && !p.startsWith("•") && !/[.:]$/.test(p));
}

let testDb: TestDatabase;
let database: DatabaseHandle;
let pid: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = openDatabase(testDb.url);
  pid = await seedDemoPartnership(database.db);
});
afterAll(async () => {
  await database.close();
  await testDb.drop();
});

async function meetingOn(date: string) {
  const all = await database.db.select().from(meetings).where(eq(meetings.partnershipId, pid));
  const found = all.filter((m) => londonDate(m.startsAt) === date);
  expect(found, `one meeting on ${date}`).toHaveLength(1);
  return found[0]!;
}

async function itemsOf(meetingId: string) {
  return database.db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.partnershipId, pid), eq(agendaItems.meetingId, meetingId)))
    .orderBy(asc(agendaItems.position));
}

describe("the Kent and Medway demo partnership", () => {
  it("is the STP with the three gaps as its objectives", async () => {
    const [p] = await database.db.select().from(partnerships).where(eq(partnerships.id, pid));
    expect(p?.name).toBe("Kent and Medway Sustainability and Transformation Partnership");
    const objectives = await database.db.select().from(partnershipObjectives).where(eq(partnershipObjectives.partnershipId, pid)).orderBy(asc(partnershipObjectives.position));
    expect(objectives.map((o) => o.title)).toEqual(["Health and wellbeing", "Care and quality", "Finance and efficiency"]);
  });

  it("has the organisations, people and bodies the updates name", async () => {
    const orgNames = (await database.db.select().from(organisations).where(eq(organisations.partnershipId, pid))).map((o) => o.name);
    for (const name of ["Health Education England", "Skills for Care", "NHS England", "NHS Improvement", "NHS Bexley Clinical Commissioning Group", "NHS High Weald Lewes Havens Clinical Commissioning Group"]) {
      expect(orgNames).toContain(name);
    }
    expect(orgNames.filter((n) => /^NHS .* Clinical Commissioning Group$/.test(n))).toHaveLength(10);
    const peopleNames = (await database.db.select().from(people).where(eq(people.partnershipId, pid))).map((p) => p.name);
    expect(peopleNames).toEqual(expect.arrayContaining(["Glenn Douglas", "Hazel Smith"]));

    const allBodies = await database.db.select().from(bodies).where(eq(bodies.partnershipId, pid));
    const byShort = new Map(allBodies.map((b) => [b.shortName ?? b.name, b]));
    const pb = allBodies.find((b) => b.kind === "programme_board")!;
    expect(byShort.get("CPB")?.parentBodyId).toBe(pb.id);
    expect(byShort.get("LWAB")?.parentBodyId).toBe(pb.id);
    expect(byShort.get("CLG")?.establishedOn).toBe("2017-12-04");
    expect(byShort.get("Stroke Programme Board")?.parentBodyId).toBe(byShort.get("JCCCGs")?.id);
    const ratified = await database.db
      .select()
      .from(termsOfReference)
      .where(and(eq(termsOfReference.partnershipId, pid), eq(termsOfReference.bodyId, byShort.get("CPB")!.id), eq(termsOfReference.status, "ratified")));
    expect(ratified).toHaveLength(1);
    expect(ratified[0]).toMatchObject({ ratifiedByBodyId: pb.id, ratifiedOn: "2017-12-04" });
  });

  for (const doc of seedDocs) {
    it(`holds the ${doc.date} meeting with every heading of its update, in order`, async () => {
      const stated = /met on (?:Monday )?(\d{1,2} \w+(?: \d{4})?)/.exec(doc.text)?.[1];
      expect(stated).toBeTruthy();
      expect(new Date(`${doc.date}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long" })).toBe(stated!.replace(/ \d{4}$/, ""));
      const meeting = await meetingOn(doc.date);
      const titles = (await itemsOf(meeting.id)).map((i) => i.title);
      const headings = headingsOf(doc.text);
      expect(headings.length).toBeGreaterThanOrEqual(4);
      let from = 0;
      for (const heading of headings) {
        const at = titles.indexOf(heading, from);
        expect(at, `"${heading}" on the agenda after position ${from}`).toBeGreaterThanOrEqual(from);
        from = at + 1;
      }
    });
  }

  it("names who presented, with their roles", async () => {
    const rows = await database.db
      .select({ title: agendaItems.title, meetingId: agendaItems.meetingId, name: people.name, roleLabel: agendaItemPresenters.roleLabel })
      .from(agendaItemPresenters)
      .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, agendaItemPresenters.partnershipId), eq(agendaItems.id, agendaItemPresenters.agendaItemId)))
      .innerJoin(people, and(eq(people.partnershipId, agendaItemPresenters.partnershipId), eq(people.id, agendaItemPresenters.personId)))
      .where(eq(agendaItemPresenters.partnershipId, pid));
    const ceo = rows.filter((r) => r.title === "Chief Executive’s update");
    expect(ceo).toHaveLength(2);
    for (const r of ceo) {
      expect(r.name).toBe("Glenn Douglas");
      expect(r.roleLabel).toMatch(/STP Chief executive and Chair of the Programme Board/i);
    }
    expect(rows.find((r) => r.name === "Hazel Smith")?.title).toMatch(/children/i);
    expect(rows.filter((r) => r.title === "Clinical and Professional Board – update").map((r) => r.roleLabel)).toEqual([
      "Co-Chair of the Clinical and Professional Board",
      "Co-Chair of the Clinical and Professional Board",
    ]);
  });

  it("records every decision the updates state, as decisions of the right kind and date", async () => {
    const all = await database.db.select().from(decisions).where(eq(decisions.partnershipId, pid));
    const expected: [RegExp, string, string][] = [
      [/ratified the revised terms of reference of the Clinical and Professional Board/i, "ratified", "2017-12-04"],
      [/approved the emerging draft clinical vision/i, "approved", "2017-12-04"],
      [/agreed to establish a Kent and Medway Children’s Leadership Group/i, "agreed", "2017-12-04"],
      [/gave the go-ahead for a set of working principles/i, "approved_in_principle", "2017-12-04"],
      [/approved the detailed plans and budgets of all STP workstreams for 2018\/19/i, "approved", "2018-03-05"],
      [/approved the Clinical and Professional Board’s plan for further engagement on the clinical vision/i, "approved", "2018-03-05"],
      [/received the draft Kent and Medway response to the national workforce strategy consultation/i, "noted", "2018-03-05"],
      [/approved the minutes of the meeting held on 4 December 2017/i, "approved", "2018-03-05"],
    ];
    for (const [pattern, kind, date] of expected) {
      const found = all.filter((d) => pattern.test(d.text));
      expect(found, String(pattern)).toHaveLength(1);
      expect(found[0]).toMatchObject({ kind, decidedOn: date, status: "in_force", takenWhileInquorate: false });
    }
    const december = await meetingOn("2017-12-04");
    expect(december.minutesStatus).toBe("approved");
    expect(all.find((d) => d.id === december.minutesApprovedByDecisionId)?.decidedOn).toBe("2018-03-05");
  });

  it("records every follow-up as an action with an owner", async () => {
    const all = await database.db.select().from(actions).where(eq(actions.partnershipId, pid));
    for (const pattern of [/review STP workstreams to ensure that children are appropriately represented/i, /identify internal support to assist with the stroke consultation/i, /regular detailed updates on progress against the 2018\/19/i]) {
      const found = all.filter((a) => pattern.test(a.description));
      expect(found, String(pattern)).toHaveLength(1);
      expect(found[0]!.ownerPersonId).toBeTruthy();
    }
  });

  it("keeps the dates the updates give in the record", async () => {
    const summaries = (await database.db.select().from(itemMinutes).where(eq(itemMinutes.partnershipId, pid))).map((m) => m.publicSummary).join("\n");
    for (const date of ["Tuesday 13 March 2018", "23 March 2018", "early 2018"]) expect(summaries).toContain(date);
    // Every paragraph of both updates is held in some item's public summary.
    for (const doc of seedDocs) {
      const paragraphs = doc.text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter((p) => p.length >= 90 && !p.startsWith("The Kent and Medway Sustainability and Transformation Partnership Programme Board met"));
      for (const p of paragraphs) {
        for (const line of p.split("\n").map((l) => l.trim().replace(/^•\s*/, ""))) expect(summaries, line.slice(0, 60)).toContain(line);
      }
    }
  });
});
