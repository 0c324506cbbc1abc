import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "../src/platform/db/client.ts";
import { createTestDatabase, type TestDatabase } from "../tests/setup/database.ts";
import { seedDemoPartnership } from "./kent-and-medway.ts";
import { partnershipObjectives } from "../src/modules/partnerships/partnerships.tables.ts";
import { organisations } from "../src/modules/organisations/organisations.tables.ts";
import { agendaItemWorkstreams, workstreamObjectives, workstreams } from "../src/modules/workstreams/workstreams.tables.ts";
import { agendaItems } from "../src/modules/meetings/meetings.tables.ts";
import { plans } from "../src/modules/plans/plans.tables.ts";
import { milestones, products } from "../src/modules/milestones/milestones.tables.ts";
import { highlightReports } from "../src/modules/highlight-reports/highlight-reports.tables.ts";
import { risks } from "../src/modules/risks/risks.tables.ts";
import { maturityAssessments, maturityLevels, maturityRatings } from "../src/modules/maturity/maturity.tables.ts";

// The portfolio in the demo is what the two Programme Board updates describe; every figure the
// seeds do not state is marked as an example.

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

async function workstreamBySlug(slug: string) {
  const [row] = await database.db
    .select()
    .from(workstreams)
    .where(and(eq(workstreams.partnershipId, pid), eq(workstreams.slug, slug)));
  expect(row, `workstream ${slug}`).toBeDefined();
  return row!;
}

describe("the Kent and Medway demo portfolio", () => {
  it("has the workstreams the updates name, each contributing to the three gaps", async () => {
    const rows = await database.db.select().from(workstreams).where(eq(workstreams.partnershipId, pid)).orderBy(asc(workstreams.position));
    expect(rows.map((w) => w.slug)).toEqual([
      "mental-health",
      "local-care",
      "stroke",
      "digital",
      "prevention",
      "workforce",
      "productivity",
      "estates",
      "finance",
      "children",
    ]);
    expect(rows.every((w) => w.published && w.status === "active" && w.sroPersonId !== null)).toBe(true);
    const objectives = await database.db.select().from(partnershipObjectives).where(eq(partnershipObjectives.partnershipId, pid));
    const contributions = await database.db.select().from(workstreamObjectives).where(eq(workstreamObjectives.partnershipId, pid));
    expect(contributions).toHaveLength(rows.length * objectives.length);
    // Where a workstream contributes, it says why.
    expect(contributions.filter((c) => c.level !== "none").every((c) => c.rationale.trim() !== "")).toBe(true);
  });

  it("links the mental health deep dive on 5 March 2018 to its workstream", async () => {
    const mh = await workstreamBySlug("mental-health");
    const linked = await database.db
      .select({ title: agendaItems.title, kind: agendaItems.kind })
      .from(agendaItemWorkstreams)
      .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, agendaItemWorkstreams.partnershipId), eq(agendaItems.id, agendaItemWorkstreams.agendaItemId)))
      .where(and(eq(agendaItemWorkstreams.partnershipId, pid), eq(agendaItemWorkstreams.workstreamId, mh.id)));
    expect(linked).toContainEqual({ title: "Mental health ‘deep dive’", kind: "deep_dive" });
  });

  it("holds the ‘Better Together’ conference (Maidstone, 13 March 2018) as a delivered product", async () => {
    const mh = await workstreamBySlug("mental-health");
    const rows = await database.db
      .select()
      .from(products)
      .where(and(eq(products.partnershipId, pid), eq(products.workstreamId, mh.id)));
    const conference = rows.find((p) => p.title.includes("Better Together"));
    expect(conference).toMatchObject({ status: "delivered", deliveredOn: "2018-03-13", isExample: false });
    expect(conference?.description).toContain("Maidstone");
  });

  it("holds the estates workbook as a milestone", async () => {
    const estates = await workstreamBySlug("estates");
    const rows = await database.db
      .select()
      .from(milestones)
      .where(and(eq(milestones.partnershipId, pid), eq(milestones.workstreamId, estates.id)));
    expect(rows.map((m) => m.title)).toContain("Estates workbook completed");
  });

  it("marks every plan, report and risk as an example, with approved 2018/19 plans for all", async () => {
    const allPlans = await database.db.select().from(plans).where(eq(plans.partnershipId, pid));
    expect(allPlans.every((p) => p.isExample)).toBe(true);
    expect(allPlans.filter((p) => p.financialYear === 2018 && p.status === "approved" && p.approvedOn === "2018-03-05")).toHaveLength(10);
    const reports = await database.db.select().from(highlightReports).where(eq(highlightReports.partnershipId, pid));
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.isExample)).toBe(true);
    const allRisks = await database.db.select().from(risks).where(eq(risks.partnershipId, pid));
    expect(allRisks.length).toBeGreaterThan(0);
    expect(allRisks.every((r) => r.isExample && r.title.includes("(example)"))).toBe(true);
  });

  it("has a local care maturity matrix where most latest ratings are ‘Emerging’ and the Whitstable vanguard is further ahead", async () => {
    const rows = await database.db
      .select({
        assessmentId: maturityAssessments.id,
        assessedOn: maturityAssessments.assessedOn,
        organisation: organisations.shortName,
        level: maturityLevels.title,
        rank: maturityLevels.rank,
      })
      .from(maturityRatings)
      .innerJoin(
        maturityAssessments,
        and(eq(maturityAssessments.partnershipId, maturityRatings.partnershipId), eq(maturityAssessments.id, maturityRatings.assessmentId)),
      )
      .innerJoin(maturityLevels, and(eq(maturityLevels.partnershipId, maturityRatings.partnershipId), eq(maturityLevels.id, maturityRatings.levelId)))
      .innerJoin(
        organisations,
        and(eq(organisations.partnershipId, maturityAssessments.partnershipId), eq(organisations.id, maturityAssessments.organisationId)),
      )
      .where(eq(maturityRatings.partnershipId, pid));
    const latest = rows.filter((r) => r.assessedOn === "2017-11-24");
    const emerging = latest.filter((r) => r.level === "Emerging").length;
    expect(emerging / latest.length).toBeGreaterThan(0.5);
    const average = (org: string | null) => {
      const mine = latest.filter((r) => r.organisation === org);
      return mine.reduce((s, r) => s + r.rank, 0) / mine.length;
    };
    const vanguard = average("Encompass");
    for (const org of new Set(latest.map((r) => r.organisation))) if (org !== "Encompass") expect(vanguard).toBeGreaterThan(average(org));
  });
});
