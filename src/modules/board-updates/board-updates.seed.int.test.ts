import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "../../platform/db/client.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { londonDate } from "../../platform/time.ts";
import { createTestDatabase, type TestDatabase } from "../../../tests/setup/database.ts";
import { seedDemoPartnership } from "../../../seeds/kent-and-medway.ts";
import { seedDemoBoardUpdates } from "../../../seeds/kent-and-medway-board-updates.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { meetings } from "../meetings/meetings.tables.ts";
import { meetingsService } from "../meetings/meetings.service.ts";
import { minutesService } from "../minutes/minutes.service.ts";
import { forwardPlanService } from "../forward-plan/forward-plan.service.ts";
import { decisionsService } from "../decisions/decisions.service.ts";
import { boardUpdatesService } from "./board-updates.service.ts";
import { boardUpdates as boardUpdatesTable, boardUpdateVersions } from "./board-updates.tables.ts";
import { headingsOfMarkdown } from "./board-updates.markdown.ts";

// Done when: for each meeting of the demo partnership, the drafted update holds every section
// heading of the public update the board office actually published (../shared/seeds/), in its
// order, and every decision that update states.

const SEEDS = path.resolve(import.meta.dirname, "../../../../shared/seeds");

/** A seed document's section headings: the short lines that are not bullets or sentences (as seeds/kent-and-medway.int.test.ts reads them). */
function headingsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0 && p.length < 90 && !p.includes("\n") && !p.startsWith("•") && !/[.:]$/.test(p));
}

const seedDocs = [
  {
    file: "programme-board-update-2017-12-04.txt",
    date: "2017-12-04",
    opening: "The Kent and Medway STP Programme Board met on 4 December 2017.",
    // The decisions the update states, as the record holds them.
    decisions: [
      /ratified the revised terms of reference of the Clinical and Professional Board/i,
      /approved the emerging draft clinical vision/i,
      /agreed to establish a Kent and Medway Children’s Leadership Group/i,
      /gave the go-ahead for a set of working principles/i,
    ],
  },
  {
    file: "programme-board-update-2018-03-05.txt",
    date: "2018-03-05",
    opening: "The Kent and Medway STP Programme Board met on 5 March 2018.",
    decisions: [
      /approved the detailed plans and budgets of all STP workstreams for 2018\/19/i,
      /approved the Clinical and Professional Board’s plan for further engagement on the clinical vision/i,
      /received the draft Kent and Medway response to the national workforce strategy consultation/i,
      /approved the minutes of the meeting held on 4 December 2017/i,
    ],
  },
].map((d) => ({ ...d, text: fs.readFileSync(path.join(SEEDS, d.file), "utf8") }));

let testDb: TestDatabase;
let database: DatabaseHandle;
let pid: string;
let ctx: RequestContext;
let service: ReturnType<typeof boardUpdatesService>;
const meetingIdOn = new Map<string, string>();

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = openDatabase(testDb.url);
  const db = database.db;
  pid = await seedDemoPartnership(db);
  const all = await db.select().from(meetings).where(eq(meetings.partnershipId, pid));
  for (const doc of seedDocs) {
    const found = all.filter((m) => londonDate(m.startsAt) === doc.date);
    expect(found).toHaveLength(1);
    meetingIdOn.set(doc.date, found[0]!.id);
  }
  // Until the lead wires seedDemoBoardUpdates into the demo, load it here.
  const existing = await db.select().from(boardUpdatesTable).where(eq(boardUpdatesTable.partnershipId, pid));
  if (existing.length === 0) {
    await db.transaction((tx) => seedDemoBoardUpdates(tx, pid, { decemberId: meetingIdOn.get("2017-12-04")!, marchId: meetingIdOn.get("2018-03-05")! }));
  }
  const [partnership] = await db.select().from(partnerships).where(eq(partnerships.id, pid));
  // The board office drafts: a secretary, who may see Part II, yet the draft holds Part I only.
  ctx = {
    partnership: partnership!,
    principal: {
      kind: "user",
      userId: "00000000-0000-0000-0000-000000000001",
      name: "Board secretary",
      email: "",
      role: "secretary",
      via: "session",
      scope: "write",
    },
    requestId: "board-updates-seed-test",
  };
  const meetingsSvc = meetingsService({ db });
  service = boardUpdatesService({
    db,
    meetings: meetingsSvc,
    minutes: minutesService({ db, meetings: meetingsSvc }),
    decisions: decisionsService({ db, forwardPlan: forwardPlanService({ db, meetings: meetingsSvc }) }),
  });
});
afterAll(async () => {
  await database.close();
  await testDb.drop();
});

describe("drafting the demo partnership's board updates", () => {
  for (const doc of seedDocs) {
    it(`drafts the ${doc.date} update with every heading of the published one, in order, and every decision it states`, async () => {
      const draft = await service.draftMarkdown(ctx, meetingIdOn.get(doc.date)!);
      expect(draft.startsWith(doc.opening), draft.slice(0, 120)).toBe(true);
      const drafted = headingsOfMarkdown(draft);
      const headings = headingsOf(doc.text);
      expect(headings.length).toBeGreaterThanOrEqual(4);
      let from = 0;
      for (const heading of headings) {
        const at = drafted.indexOf(heading, from);
        expect(at, `"${heading}" among the draft's headings after position ${from}: ${drafted.join(" | ")}`).toBeGreaterThanOrEqual(from);
        from = at + 1;
      }
      for (const decision of doc.decisions) expect(draft, String(decision)).toMatch(decision);
      // Procedural items without a public summary are left out; presenters are named with their roles.
      expect(drafted).not.toContain("Welcome and apologies");
      expect(drafted).not.toContain("Declarations of interest");
      expect(draft).toContain("Glenn Douglas, STP Chief");
    });
  }

  it("names who presented with their roles, and keeps the minutes' bullet lists", async () => {
    const december = await service.draftMarkdown(ctx, meetingIdOn.get("2017-12-04")!);
    expect(december).toMatch(
      /, Co-Chair of the Clinical and Professional Board, and .+, Co-Chair of the Clinical and Professional Board, presented this item\./,
    );
    expect(december).toContain("\n- Winter planning – work is underway");
    expect(december).toContain("received summary updates on the progress being made in several areas, including: ");
  });

  it("publishes both demo meetings' updates, as drafted", async () => {
    const rows = await database.db.select().from(boardUpdatesTable).where(eq(boardUpdatesTable.partnershipId, pid));
    expect(rows.map((r) => r.slug).sort()).toEqual(["programme-board-update-4-december-2017", "programme-board-update-5-march-2018"]);
    for (const row of rows) {
      expect(row.status).toBe("published");
      expect(row.firstPublishedAt).not.toBeNull();
      expect(row.markdown).toBe(await service.draftMarkdown(ctx, row.meetingId));
      const versions = await database.db
        .select()
        .from(boardUpdateVersions)
        .where(and(eq(boardUpdateVersions.partnershipId, pid), eq(boardUpdateVersions.boardUpdateId, row.id)));
      expect(versions).toHaveLength(1);
      expect(versions[0]!.markdown).toBe(row.markdown);
    }
  });
});
