/**
 * The demo partnership's programme portfolio: the workstreams the two Programme Board updates name,
 * each linked to the three Five Year Forward View gaps, with 2018/19 plans and budgets (approved by
 * the Board on 5 March 2018), milestones, products, risks, issues, highlight reports and the local
 * care readiness maturity matrix.
 *
 * The seeds state no figures, dates or risks beyond what is quoted below, so every figure and most
 * milestones, risks and reports here are EXAMPLES: their records carry isExample and their text
 * says "(example)". What the seeds do state is kept as stated: the mental health 'Better Together'
 * conference in Maidstone on 13 March 2018, the estates workbook, the maturity matrix where most
 * organisations rate themselves 'emerging' and the Whitstable vanguard is further ahead.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../src/platform/db/client.ts";
import { agendaItems, meetings } from "../src/modules/meetings/meetings.tables.ts";
import { decisions } from "../src/modules/decisions/decisions.tables.ts";
import { actions } from "../src/modules/actions/actions.tables.ts";
import { bodies } from "../src/modules/bodies/bodies.tables.ts";
import { organisations } from "../src/modules/organisations/organisations.tables.ts";
import { people } from "../src/modules/people/people.tables.ts";
import { partnershipObjectives } from "../src/modules/partnerships/partnerships.tables.ts";
import {
  addWorkstreamLead,
  addWorkstreamOrganisation,
  createBudgetLine,
  createDecisionEffect,
  createHighlightReport,
  createMaturityAssessment,
  createMaturityFramework,
  createMilestone,
  createPerson,
  createPlan,
  createProduct,
  createProgrammeIssue,
  createRisk,
  createRiskReview,
  createWorkstream,
  linkAgendaItemToWorkstream,
  linkDecisionToWorkstream,
  setWorkstreamContribution,
} from "../tests/factories/index.ts";

type Level = "none" | "some" | "major";

interface DemoWorkstream {
  slug: string;
  name: string;
  description: string;
  /** The body that oversees it, by name; the Programme Board when absent. */
  body?: string;
  sro: { name: string; jobTitle: string } | "Glenn Douglas" | "Hazel Smith";
  /** Contribution to health and wellbeing, care and quality, finance and efficiency. */
  gaps: [Level, string][];
  organisations: string[];
  /** Planned revenue per month of 2018/19 in pence (example), and capital if any. */
  revenuePerMonthPence: number;
  capitalPence?: number;
}

const WORKSTREAMS: DemoWorkstream[] = [
  {
    slug: "mental-health",
    name: "Mental health",
    description:
      "Transforming mental health and wellbeing services across Kent and Medway. Its key outputs include the ‘Better Together – A Collective Conversation Transforming Mental Health and Wellbeing’ conference for key stakeholders.",
    sro: { name: "Drew Example", jobTitle: "Senior Responsible Officer, Mental Health workstream (example)" },
    gaps: [
      ["major", "Prevention and early help keep people well and out of crisis (example)."],
      ["major", "Consistent crisis care and community services across Kent and Medway (example)."],
      ["some", "Fewer out-of-area placements reduce cost (example)."],
    ],
    organisations: ["KMPT", "KCC", "Medway Council"],
    revenuePerMonthPence: 4_166_667,
  },
  {
    slug: "local-care",
    name: "Local care",
    description:
      "Developing and implementing the local care model consistently and at pace across Kent and Medway, informed by a maturity matrix showing each area’s readiness.",
    sro: { name: "Casey Example", jobTitle: "Senior Responsible Officer, Local Care workstream (example)" },
    gaps: [
      ["some", "Care closer to home supports independence (example)."],
      ["major", "Multidisciplinary teams give joined-up care in the community (example)."],
      ["major", "Fewer avoidable hospital admissions (example)."],
    ],
    organisations: ["KCHFT", "Encompass", "KCC", "Medway Council"],
    revenuePerMonthPence: 8_333_333,
  },
  {
    slug: "stroke",
    name: "Stroke",
    description:
      "The Kent and Medway stroke review: potential site options for three hyper acute stroke units, decided by the Joint Committee of CCGs after formal public consultation, on the recommendation of the Stroke Programme Board.",
    body: "Stroke Programme Board",
    sro: { name: "Robin Example", jobTitle: "" },
    gaps: [
      ["some", "Better outcomes and less disability after stroke (example)."],
      ["major", "Specialist care 24/7 in hyper acute stroke units (example)."],
      ["some", "Staff and resources concentrated where they do most good (example)."],
    ],
    organisations: ["EKHUFT", "MTW", "DGT", "MFT", "SECAmb"],
    revenuePerMonthPence: 2_500_000,
    capitalPence: 120_000_000,
  },
  {
    slug: "digital",
    name: "Digital",
    description: "Shared care records and digital tools that let health and care staff work as one system (example description).",
    sro: { name: "Jamie Example", jobTitle: "Chief Information Officer (example)" },
    gaps: [
      ["some", "Online access helps people manage their own health (example)."],
      ["major", "Clinicians see the whole record (example)."],
      ["some", "Less duplication (example)."],
    ],
    organisations: ["EKHUFT", "KCHFT", "KCC"],
    revenuePerMonthPence: 1_250_000,
    capitalPence: 60_000_000,
  },
  {
    slug: "prevention",
    name: "Prevention",
    description: "Helping people stay healthy: smoking, obesity, alcohol and physical activity (example description).",
    sro: { name: "Alex Prevention Example", jobTitle: "Director of Public Health (example)" },
    gaps: [
      ["major", "Healthier lives and fewer inequalities (example)."],
      ["some", "Earlier detection (example)."],
      ["some", "Less demand in the long run (example)."],
    ],
    organisations: ["KCC", "Medway Council"],
    revenuePerMonthPence: 833_333,
  },
  {
    slug: "workforce",
    name: "Workforce",
    description: "The Kent and Medway Local Workforce Action Board’s programme, including the STP’s response to the national workforce strategy consultation.",
    body: "Kent and Medway Local Workforce Action Board",
    sro: { name: "Morgan Example", jobTitle: "" },
    gaps: [
      ["some", "A healthy workforce (example)."],
      ["major", "The right staff with the right skills (example)."],
      ["some", "Less reliance on agency staff (example)."],
    ],
    organisations: ["HEE", "Skills for Care"],
    revenuePerMonthPence: 1_666_667,
  },
  {
    slug: "productivity",
    name: "Productivity",
    description: "Shared back-office, procurement and clinical support services (example description).",
    sro: { name: "Sam Productivity Example", jobTitle: "Director of Finance (example)" },
    gaps: [
      ["none", ""],
      ["some", "Consistent clinical support services (example)."],
      ["major", "Savings from working at scale (example)."],
    ],
    organisations: ["EKHUFT", "MTW", "DGT", "MFT"],
    revenuePerMonthPence: 1_000_000,
  },
  {
    slug: "estates",
    name: "Estates",
    description:
      "A compelling estates and capital plan aligned with the STP’s strategy: the ‘estates workbook’ sets out how organisations will deploy capital together, share assets and dispose of unused or underutilised estate.",
    sro: { name: "Jordan Example", jobTitle: "Estates lead (example)" },
    gaps: [
      ["none", ""],
      ["some", "Buildings fit for integrated service models (example)."],
      ["major", "Disposal of unused estate and shared assets (example)."],
    ],
    organisations: ["NHSE", "NHSI", "KCHFT"],
    revenuePerMonthPence: 416_667,
    capitalPence: 250_000_000,
  },
  {
    slug: "finance",
    name: "Finance",
    description:
      "The financial principles that underpin the workstreams and projects governed by the STP, and a Memorandum of Understanding for all partner organisations.",
    sro: { name: "Sam Productivity Example", jobTitle: "" },
    gaps: [
      ["none", ""],
      ["none", ""],
      ["major", "A sustainable system within its budget (example)."],
    ],
    organisations: ["NHSE", "NHSI"],
    revenuePerMonthPence: 500_000,
  },
  {
    slug: "children",
    name: "Children and young people",
    description:
      "A renewed focus on children: the Kent and Medway Children’s Leadership Group spearheads the children’s agenda and an integrated strategy and vision for the health and care of children.",
    body: "Kent and Medway Children's Leadership Group",
    sro: "Hazel Smith",
    gaps: [
      ["major", "Better health outcomes and life chances for children (example)."],
      ["some", "Children appropriately represented in every workstream (example)."],
      ["none", ""],
    ],
    organisations: ["KCC", "Medway Council"],
    revenuePerMonthPence: 750_000,
  },
];

const FY_2018_MONTHS = [
  "2018-04-01",
  "2018-05-01",
  "2018-06-01",
  "2018-07-01",
  "2018-08-01",
  "2018-09-01",
  "2018-10-01",
  "2018-11-01",
  "2018-12-01",
  "2019-01-01",
  "2019-02-01",
  "2019-03-01",
];
const FY_2017_MONTHS = FY_2018_MONTHS.map((m) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`);

/** Loads the portfolio into a partnership already holding the demo organisations, people, bodies and meetings. */
export async function seedDemoPortfolio(tx: Executor, pid: string): Promise<Record<string, string>> {
  const orgRows = await tx.select({ id: organisations.id, shortName: organisations.shortName }).from(organisations).where(eq(organisations.partnershipId, pid));
  const orgByShortName = new Map(orgRows.map((o) => [o.shortName ?? "", o.id]));
  const bodyRows = await tx.select({ id: bodies.id, name: bodies.name }).from(bodies).where(eq(bodies.partnershipId, pid));
  const bodyByName = new Map(bodyRows.map((b) => [b.name, b.id]));
  const programmeBoardId = bodyByName.get("Kent and Medway STP Programme Board");
  if (!programmeBoardId) throw new Error("demo Programme Board missing");
  const peopleRows = await tx.select({ id: people.id, name: people.name }).from(people).where(eq(people.partnershipId, pid));
  const personByName = new Map(peopleRows.map((p) => [p.name, p.id]));
  const objectives = await tx.select().from(partnershipObjectives).where(eq(partnershipObjectives.partnershipId, pid)).orderBy(partnershipObjectives.position);

  const meetingRows = await tx.select({ id: meetings.id, startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.partnershipId, pid));
  const meetingOn = (isoDate: string) => {
    const found = meetingRows.find((m) => m.startsAt.toISOString().startsWith(isoDate));
    if (!found) throw new Error(`demo meeting on ${isoDate} missing`);
    return found.id;
  };
  const decemberId = meetingOn("2017-12-04");
  const marchId = meetingOn("2018-03-05");
  const items = await tx
    .select({ id: agendaItems.id, meetingId: agendaItems.meetingId, title: agendaItems.title })
    .from(agendaItems)
    .where(and(eq(agendaItems.partnershipId, pid), inArray(agendaItems.meetingId, [decemberId, marchId])));
  const item = (meetingId: string, title: string) => {
    const found = items.find((i) => i.meetingId === meetingId && i.title === title);
    if (!found) throw new Error(`demo agenda item “${title}” missing`);
    return found.id;
  };
  const decisionRows = await tx
    .select({ id: decisions.id, agendaItemId: decisions.agendaItemId })
    .from(decisions)
    .where(and(eq(decisions.partnershipId, pid), inArray(decisions.meetingId, [decemberId, marchId])));
  const decisionsOn = (agendaItemId: string) => decisionRows.filter((d) => d.agendaItemId === agendaItemId).map((d) => d.id);

  // ---- Workstreams ---------------------------------------------------------------------------
  const ids: Record<string, string> = {};
  for (const [position, w] of WORKSTREAMS.entries()) {
    let sroId: string;
    if (typeof w.sro === "string") sroId = personByName.get(w.sro)!;
    else {
      const existing = personByName.get(w.sro.name);
      sroId = existing ?? (await createPerson(tx, pid, { name: w.sro.name, jobTitle: w.sro.jobTitle, isExample: true })).id;
      personByName.set(w.sro.name, sroId);
    }
    const ws = await createWorkstream(tx, pid, {
      slug: w.slug,
      name: w.name,
      description: w.description,
      sroPersonId: sroId,
      overseeingBodyId: bodyByName.get(w.body ?? "") ?? programmeBoardId,
      status: "active",
      published: true,
      position,
    });
    ids[w.slug] = ws.id;
    await addWorkstreamLead(tx, pid, { workstreamId: ws.id, personId: sroId, position: 0, roleLabel: "Senior responsible owner" });
    for (const shortName of w.organisations) {
      const organisationId = orgByShortName.get(shortName);
      if (organisationId) await addWorkstreamOrganisation(tx, pid, { workstreamId: ws.id, organisationId });
    }
    for (const [i, [level, rationale]] of w.gaps.entries()) {
      const objective = objectives[i];
      if (objective) await setWorkstreamContribution(tx, pid, { workstreamId: ws.id, objectiveId: objective.id, level, rationale });
    }
  }
  const ws = (slug: string) => ids[slug]!;

  // ---- Links from the two meetings -----------------------------------------------------------
  const links: [string, string, string[]][] = [
    [decemberId, "Local care – update", ["local-care"]],
    [decemberId, "Children’s health and care", ["children"]],
    [decemberId, "Financial principles", ["finance"]],
    [decemberId, "Kent and Medway stroke review", ["stroke"]],
    [marchId, "Mental health ‘deep dive’", ["mental-health"]],
    [marchId, "Kent and Medway response to the national workforce strategy consultation", ["workforce"]],
    [marchId, "STP planning and budget 2018/19", WORKSTREAMS.map((w) => w.slug)],
    [marchId, "Estates and Capital Plan – update", ["estates"]],
  ];
  for (const [meetingId, title, slugs] of links) {
    const agendaItemId = item(meetingId, title);
    for (const slug of slugs) {
      await linkAgendaItemToWorkstream(tx, pid, { agendaItemId, workstreamId: ws(slug) });
      for (const decisionId of decisionsOn(agendaItemId)) await linkDecisionToWorkstream(tx, pid, { decisionId, workstreamId: ws(slug) });
    }
  }
  // The decision trail's actions belong to the workstreams they serve.
  const actionRows = await tx.select({ id: actions.id, sourceAgendaItemId: actions.sourceAgendaItemId }).from(actions).where(eq(actions.partnershipId, pid));
  for (const [title, slug] of [
    ["Children’s health and care", "children"],
    ["Kent and Medway stroke review", "stroke"],
  ] as const) {
    const agendaItemId = item(decemberId, title);
    for (const a of actionRows.filter((r) => r.sourceAgendaItemId === agendaItemId)) {
      await tx
        .update(actions)
        .set({ workstreamId: ws(slug) })
        .where(and(eq(actions.partnershipId, pid), eq(actions.id, a.id)));
    }
  }

  // ---- Plans and budgets: 2018/19 approved on 5 March 2018 (figures are examples) -------------
  const [plansDecisionId] = decisionsOn(item(marchId, "STP planning and budget 2018/19"));
  if (!plansDecisionId) throw new Error("demo planning decision missing");
  for (const w of WORKSTREAMS) {
    const plan = await createPlan(tx, pid, {
      workstreamId: ws(w.slug),
      financialYear: 2018,
      status: "approved",
      isExample: true,
      objectives: `Deliver the ${w.name.toLowerCase()} workstream’s 2018/19 priorities and report progress to the Programme Board monthly (example).`,
      plannedProducts: "See the workstream’s products (example).",
      submittedAt: new Date("2018-02-19T12:00:00Z"),
      approvedOn: "2018-03-05",
      approvedByDecisionId: plansDecisionId,
    });
    // Actuals for April–September 2018; forecasts for the months after (example figures).
    const months: Record<string, { plannedPence: number; actualPence?: number | null; forecastPence?: number | null }> = {};
    for (const [i, month] of FY_2018_MONTHS.entries()) {
      const planned = w.revenuePerMonthPence;
      months[month] =
        i < 6
          ? { plannedPence: planned, actualPence: planned + ((i * 7919 + w.slug.length * 104729) % 400_000) - 200_000 }
          : { plannedPence: planned, forecastPence: planned };
    }
    await createBudgetLine(
      tx,
      pid,
      {
        planId: plan.id,
        position: 0,
        description: `${w.name} programme team and delivery (example)`,
        kind: "revenue",
        fundingSource: "STP transformation funding (example)",
      },
      months,
    );
    if (w.capitalPence) {
      const capitalMonths: typeof months = {};
      for (const [i, month] of FY_2018_MONTHS.entries()) {
        const planned = i >= 6 ? Math.floor(w.capitalPence / 6) + (i === 11 ? w.capitalPence % 6 : 0) : 0;
        capitalMonths[month] = i < 6 ? { plannedPence: planned, actualPence: 0 } : { plannedPence: planned, forecastPence: planned };
      }
      await createBudgetLine(
        tx,
        pid,
        {
          planId: plan.id,
          position: 1,
          description: `${w.name} capital investment (example)`,
          kind: "capital",
          fundingSource: "STP capital allocation (example)",
        },
        capitalMonths,
      );
    }
    await createDecisionEffect(tx, pid, {
      decisionId: plansDecisionId,
      workstreamId: ws(w.slug),
      kind: "approves_plan",
      planId: plan.id,
      note: "2018/19 plan and budget approved (example figures)",
    });
  }

  // The mental health workstream's 2017/18 plan, so its deep dive on 5 March 2018 shows a budget against plan.
  const mh2017 = await createPlan(tx, pid, {
    workstreamId: ws("mental-health"),
    financialYear: 2017,
    status: "approved",
    isExample: true,
    objectives: "Establish the mental health workstream and its stakeholder engagement (example).",
    approvedOn: "2017-04-03",
  });
  const mh2017Months: Record<string, { plannedPence: number; actualPence?: number | null; forecastPence?: number | null }> = {};
  for (const [i, month] of FY_2017_MONTHS.entries()) {
    mh2017Months[month] =
      i < 11 ? { plannedPence: 2_500_000, actualPence: 2_500_000 + (i % 3) * 125_000 - 125_000 } : { plannedPence: 2_500_000, forecastPence: 2_750_000 };
  }
  await createBudgetLine(
    tx,
    pid,
    {
      planId: mh2017.id,
      description: "Mental health programme team and engagement (example)",
      kind: "revenue",
      fundingSource: "STP transformation funding (example)",
    },
    mh2017Months,
  );

  // ---- Milestones and products ---------------------------------------------------------------
  const mh = ws("mental-health");
  await createMilestone(tx, pid, {
    workstreamId: mh,
    planId: mh2017.id,
    title: "Mental health workstream and governance established (example)",
    baselineOn: "2017-06-30",
    actualOn: "2017-07-14",
    status: "complete",
    isExample: true,
    position: 0,
  });
  await createMilestone(tx, pid, {
    workstreamId: mh,
    planId: mh2017.id,
    title: "Crisis care pathway review completed (example)",
    baselineOn: "2018-01-31",
    actualOn: "2018-02-16",
    status: "complete",
    isExample: true,
    position: 1,
  });
  await createMilestone(tx, pid, {
    workstreamId: mh,
    planId: mh2017.id,
    title: "‘Better Together’ stakeholder conference held",
    description: "Maidstone, Tuesday 13 March 2018.",
    baselineOn: "2018-03-13",
    forecastOn: "2018-03-13",
    actualOn: "2018-03-13",
    status: "complete",
    position: 2,
  });
  await createMilestone(tx, pid, {
    workstreamId: mh,
    title: "Kent and Medway mental health strategy agreed (example)",
    baselineOn: "2018-06-30",
    forecastOn: "2018-09-28",
    status: "late",
    isExample: true,
    position: 3,
  });
  await createProduct(tx, pid, {
    workstreamId: mh,
    title: "‘Better Together – A Collective Conversation Transforming Mental Health and Wellbeing’ conference",
    description: "A conference for key stakeholders, in Maidstone on Tuesday 13 March 2018.",
    status: "delivered",
    plannedOn: "2018-03-13",
    deliveredOn: "2018-03-13",
  });
  await createProduct(tx, pid, {
    workstreamId: mh,
    title: "Crisis care pathway review report (example)",
    status: "delivered",
    plannedOn: "2018-01-31",
    deliveredOn: "2018-02-16",
    isExample: true,
  });

  const estates = ws("estates");
  await createMilestone(tx, pid, {
    workstreamId: estates,
    title: "Estates workbook completed",
    description:
      "Sets out how the STP’s organisations will deploy capital together, maximise the sharing of assets and dispose of unused or underutilised estate; ready for NHS England’s estates planning guidance, expected in the spring of 2018. Dates are examples.",
    baselineOn: "2018-04-30",
    forecastOn: "2018-05-31",
    status: "at_risk",
    isExample: true,
    position: 0,
  });
  await createProduct(tx, pid, { workstreamId: estates, title: "Estates workbook", status: "planned", plannedOn: "2018-05-31", isExample: true });
  await createMilestone(tx, pid, {
    workstreamId: ws("stroke"),
    title: "Formal public consultation on hyper acute stroke unit options launched (example date)",
    baselineOn: "2018-02-28",
    forecastOn: "2018-04-30",
    status: "late",
    isExample: true,
  });
  await createMilestone(tx, pid, {
    workstreamId: ws("children"),
    title: "Children’s Leadership Group established",
    baselineOn: "2018-01-31",
    actualOn: "2018-02-19",
    status: "complete",
    isExample: true,
  });
  await createMilestone(tx, pid, {
    workstreamId: ws("workforce"),
    title: "STP response to the national workforce strategy consultation submitted",
    description: "The consultation closed on 23 March 2018.",
    baselineOn: "2018-03-23",
    actualOn: "2018-03-23",
    status: "complete",
    isExample: true,
  });
  await createMilestone(tx, pid, {
    workstreamId: ws("finance"),
    title: "Memorandum of Understanding signed by all partner organisations (example)",
    baselineOn: "2018-03-31",
    forecastOn: "2018-06-30",
    status: "at_risk",
    isExample: true,
  });
  await createMilestone(tx, pid, {
    workstreamId: ws("local-care"),
    title: "Local care model implementation plans agreed in every area (example)",
    baselineOn: "2018-06-30",
    forecastOn: "2018-06-30",
    status: "on_track",
    isExample: true,
  });

  // ---- Risks and issues (examples) -----------------------------------------------------------
  let reference = 0;
  const owner = (slug: string) => personByName.get((WORKSTREAMS.find((w) => w.slug === slug)!.sro as { name: string }).name ?? "") ?? null;
  const risk = async (slug: string | null, values: Omit<Parameters<typeof createRisk>[2], "reference">) =>
    createRisk(tx, pid, { reference: ++reference, workstreamId: slug ? ws(slug) : null, isExample: true, published: true, ...values });
  const mhWorkforceRisk = await risk("mental-health", {
    title: "Mental health workforce shortages (example)",
    cause: "national shortages of mental health nurses and psychiatrists",
    event: "services cannot recruit the staff the new pathways need",
    effect: "delays to crisis care improvements and continued out-of-area placements",
    category: "Workforce",
    ownerPersonId: owner("mental-health"),
    inherentLikelihood: 4,
    inherentConsequence: 4,
    currentLikelihood: 4,
    currentConsequence: 3,
    targetLikelihood: 2,
    targetConsequence: 3,
    controls: "Joint recruitment campaign with the Local Workforce Action Board (example).",
    assurances: "Monthly workforce report to the workstream board (example).",
    reviewOn: "2018-04-30",
  });
  await createRiskReview(tx, pid, {
    riskId: mhWorkforceRisk.id,
    reviewedOn: "2018-01-15",
    likelihood: 4,
    consequence: 4,
    note: "Initial assessment (example).",
  });
  await createRiskReview(tx, pid, {
    riskId: mhWorkforceRisk.id,
    reviewedOn: "2018-02-26",
    likelihood: 4,
    consequence: 3,
    note: "Joint recruitment campaign under way (example).",
  });
  await risk("mental-health", {
    title: "Stakeholder engagement does not reach people with lived experience (example)",
    cause: "engagement so far has involved mainly professionals",
    event: "service users and carers are not heard",
    effect: "the strategy does not reflect what matters to them",
    category: "Engagement",
    ownerPersonId: owner("mental-health"),
    inherentLikelihood: 3,
    inherentConsequence: 3,
    currentLikelihood: 2,
    currentConsequence: 3,
    targetLikelihood: 1,
    targetConsequence: 3,
    controls: "The ‘Better Together’ conference for key stakeholders, including service users and carers (example).",
  });
  await risk("estates", {
    title: "Capital allocation missed without a compelling estates and capital plan (example)",
    cause: "national prioritisation of the extra £345m of public capital from the 2017 Budget",
    event: "Kent and Medway’s plan is not ready or not aligned with the service strategy",
    effect: "the STP is not considered for investment",
    category: "Finance",
    ownerPersonId: owner("estates"),
    inherentLikelihood: 3,
    inherentConsequence: 5,
    currentLikelihood: 2,
    currentConsequence: 5,
    targetLikelihood: 1,
    targetConsequence: 5,
    controls: "The estates workbook, developed to meet the planning requirements.",
    reviewOn: "2018-05-31",
  });
  const strokeRisk = await risk("stroke", {
    title: "Legal challenge to the stroke consultation (example)",
    cause: "strong local feeling about the location of hyper acute stroke units",
    event: "a judicial review of the consultation process",
    effect: "delay to the Joint Committee’s decision",
    category: "Legal",
    ownerPersonId: personByName.get("Robin Example") ?? null,
    inherentLikelihood: 4,
    inherentConsequence: 5,
    currentLikelihood: 3,
    currentConsequence: 5,
    targetLikelihood: 2,
    targetConsequence: 4,
    controls: "Consultation planned with legal advice; extensive engagement with patients, the public and clinicians (example).",
    escalatedToBodyId: programmeBoardId,
  });
  await risk("finance", {
    title: "Partners do not sign the Memorandum of Understanding (example)",
    cause: "differing statutory duties and financial positions",
    event: "one or more partners decline the financial principles",
    effect: "system-wide plans cannot be delivered",
    category: "Finance",
    ownerPersonId: owner("finance"),
    inherentLikelihood: 3,
    inherentConsequence: 4,
    currentLikelihood: 2,
    currentConsequence: 4,
    targetLikelihood: 1,
    targetConsequence: 4,
  });
  await risk("local-care", {
    title: "Uneven readiness for the local care model (example)",
    cause: "most organisations rate themselves ‘emerging’ on the maturity matrix",
    event: "the model is implemented inconsistently",
    effect: "unequal access to care closer to home",
    category: "Delivery",
    ownerPersonId: owner("local-care"),
    inherentLikelihood: 4,
    inherentConsequence: 3,
    currentLikelihood: 3,
    currentConsequence: 3,
    targetLikelihood: 2,
    targetConsequence: 2,
    controls: "Learning from the Whitstable vanguard shared across areas (example).",
  });
  await risk(null, {
    title: "STP-wide financial gap not closed in 2018/19 (example)",
    cause: "rising demand and cost pressures",
    event: "the system ends the year in deficit",
    effect: "regulatory intervention and less money for transformation",
    category: "Finance",
    ownerPersonId: personByName.get("Glenn Douglas") ?? null,
    inherentLikelihood: 4,
    inherentConsequence: 5,
    currentLikelihood: 4,
    currentConsequence: 4,
    targetLikelihood: 3,
    targetConsequence: 4,
  });
  await createProgrammeIssue(tx, pid, {
    reference: 1,
    workstreamId: ws("stroke"),
    title: "Consultation launch later than planned (example)",
    description: "The formal public consultation, hoped for early 2018, needs more preparation (example).",
    impact: "The Joint Committee’s decision on unit locations moves later (example).",
    priority: "high",
    ownerPersonId: personByName.get("Robin Example") ?? null,
    raisedOn: "2018-02-28",
    published: true,
    isExample: true,
  });
  void strokeRisk;

  // ---- Highlight reports: January and February 2018, reviewed (examples) ---------------------
  for (const w of WORKSTREAMS) {
    for (const month of ["2018-01-01", "2018-02-01"]) {
      const amber = (w.slug === "estates" || w.slug === "stroke") && month === "2018-02-01";
      await createHighlightReport(tx, pid, {
        workstreamId: ws(w.slug),
        month,
        status: "reviewed",
        isExample: true,
        overallRag: amber ? "amber" : "green",
        overallReason: amber ? "A key milestone is forecast to slip (example)." : null,
        scheduleRag: amber ? "amber" : "green",
        scheduleReason: amber ? "Forecast date later than baseline (example)." : null,
        financeRag: "green",
        riskRag: w.slug === "stroke" ? "amber" : "green",
        riskReason: w.slug === "stroke" ? "High risk of legal challenge to the consultation (example)." : null,
        achievements: `Progress in line with the plan (example).`,
        nextPeriod: `Continue delivery; report to the Programme Board (example).`,
        submittedAt: new Date(`${month.slice(0, 8)}25T12:00:00Z`),
        submittedByName: "Workstream lead (example)",
        reviewedAt: new Date(`${month.slice(0, 8)}28T12:00:00Z`),
        reviewedByName: "STP Programme Office (example)",
      });
    }
  }

  // ---- Local care readiness maturity matrix ---------------------------------------------------
  const matrix = await createMaturityFramework(tx, pid, {
    title: "Local care readiness maturity matrix",
    description:
      "Readiness to implement the local care model in different parts of Kent and Medway, developed with input from all health and care organisations. Most organisations consider they are still at an ‘emerging’ state of readiness; the vanguard in Whitstable has made further progress in many areas. Dimensions and individual ratings are examples.",
    workstreamId: ws("local-care"),
    published: true,
    dimensions: [
      "Multidisciplinary teams (example)",
      "Care coordination (example)",
      "Shared care records (example)",
      "Workforce (example)",
      "Estates (example)",
    ],
    levels: ["Emerging", "Developing", "Maturing", "Thriving"],
  });
  const [emerging, developing, maturing] = matrix.levels;
  const rateAll = (level: { id: string }, overrides: Record<number, { id: string }> = {}) =>
    Object.fromEntries(matrix.dimensions.map((d, i) => [d.id, (overrides[i] ?? level).id]));
  const subjects: [string, Record<string, string>, Record<string, string> | null][] = [
    ["EKHUFT", rateAll(emerging!), null],
    ["MTW", rateAll(emerging!, { 0: developing! }), rateAll(emerging!)],
    ["DGT", rateAll(emerging!), null],
    ["MFT", rateAll(emerging!), null],
    ["KCHFT", rateAll(emerging!, { 0: developing!, 1: developing! }), rateAll(emerging!, { 0: developing! })],
    ["KMPT", rateAll(emerging!), null],
    ["KCC", rateAll(emerging!, { 1: developing! }), null],
    ["Medway Council", rateAll(emerging!), null],
  ];
  for (const [shortName, latest, previous] of subjects) {
    const organisationId = orgByShortName.get(shortName);
    if (!organisationId) continue;
    if (previous)
      await createMaturityAssessment(
        tx,
        pid,
        { frameworkId: matrix.framework.id, organisationId, assessedOn: "2017-09-29", assessorName: "Self-assessment (example)", isExample: true },
        previous,
      );
    await createMaturityAssessment(
      tx,
      pid,
      { frameworkId: matrix.framework.id, organisationId, assessedOn: "2017-11-24", assessorName: "Self-assessment (example)", isExample: true },
      latest,
    );
  }
  const vanguard = orgByShortName.get("Encompass");
  if (vanguard) {
    await createMaturityAssessment(
      tx,
      pid,
      { frameworkId: matrix.framework.id, organisationId: vanguard, assessedOn: "2017-09-29", assessorName: "Self-assessment (example)", isExample: true },
      rateAll(developing!),
    );
    await createMaturityAssessment(
      tx,
      pid,
      {
        frameworkId: matrix.framework.id,
        organisationId: vanguard,
        assessedOn: "2017-11-24",
        assessorName: "Self-assessment (example)",
        notes: "The Whitstable vanguard has made further progress in many areas, providing useful learning.",
        isExample: true,
      },
      rateAll(maturing!, { 3: developing!, 4: developing! }),
    );
  }
  return ids;
}
