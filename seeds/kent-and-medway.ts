/**
 * The demo partnership: Kent and Medway Sustainability and Transformation Partnership, as its
 * public Programme Board updates of 4 December 2017 and 5 March 2018 describe it
 * (../shared/seeds/). Organisations, people and bodies the updates name are real; everything else
 * (councils and trusts of the area, representatives, e-mails, ODS codes of example records, the
 * text of terms of reference) is example data, flagged with isExample or marked "(example)".
 */
import type { Database } from "../src/platform/db/client.ts";
import { accountsService } from "../src/modules/accounts/accounts.service.ts";
import type { OrganisationKind } from "../src/modules/organisations/organisations.tables.ts";
import {
  STP_OBJECTIVES,
  createBody,
  createMembership,
  createObjectives,
  createOrganisation,
  createPartnership,
  createPerson,
  createTermsOfReference,
} from "../tests/factories/index.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-users.ts";
import { seedDemoBoardUpdates } from "./kent-and-medway-board-updates.ts";
import { seedDemoPortfolio } from "./kent-and-medway-portfolio.ts";
import { seedDemoMeetings } from "./kent-and-medway-meetings.ts";

const KENT_AND_MEDWAY_CCGS = [
  ["NHS Ashford Clinical Commissioning Group", "Ashford CCG"],
  ["NHS Canterbury and Coastal Clinical Commissioning Group", "Canterbury and Coastal CCG"],
  ["NHS Dartford, Gravesham and Swanley Clinical Commissioning Group", "DGS CCG"],
  ["NHS Medway Clinical Commissioning Group", "Medway CCG"],
  ["NHS South Kent Coast Clinical Commissioning Group", "South Kent Coast CCG"],
  ["NHS Swale Clinical Commissioning Group", "Swale CCG"],
  ["NHS Thanet Clinical Commissioning Group", "Thanet CCG"],
  ["NHS West Kent Clinical Commissioning Group", "West Kent CCG"],
] as const;

const OTHER_NAMED: [string, string, OrganisationKind][] = [
  ["NHS Bexley Clinical Commissioning Group", "Bexley CCG", "ccg_icb"],
  ["NHS High Weald Lewes Havens Clinical Commissioning Group", "HWLH CCG", "ccg_icb"],
  ["Health Education England", "HEE", "national_body"],
  ["Skills for Care", "Skills for Care", "national_body"],
  ["NHS England", "NHSE", "national_body"],
  ["NHS Improvement", "NHSI", "national_body"],
];

/** Councils and providers of the area, as example data. */
const EXAMPLE_ORGANISATIONS: [string, string, OrganisationKind, string | null][] = [
  ["Kent County Council", "KCC", "local_authority", null],
  ["Medway Council", "Medway Council", "local_authority", null],
  ["East Kent Hospitals University NHS Foundation Trust", "EKHUFT", "foundation_trust", "RVV"],
  ["Maidstone and Tunbridge Wells NHS Trust", "MTW", "nhs_trust", "RWF"],
  ["Dartford and Gravesham NHS Trust", "DGT", "nhs_trust", "RN7"],
  ["Medway NHS Foundation Trust", "MFT", "foundation_trust", "RPA"],
  ["Kent Community Health NHS Foundation Trust", "KCHFT", "foundation_trust", "RYY"],
  ["Kent and Medway NHS and Social Care Partnership Trust", "KMPT", "nhs_trust", "RXY"],
  ["South East Coast Ambulance Service NHS Foundation Trust", "SECAmb", "foundation_trust", "RYD"],
  ["Whitstable Medical Practice (Encompass Vanguard)", "Encompass", "primary_care_network", null],
  ["Healthwatch Kent", "Healthwatch Kent", "voluntary_sector", null],
];

/** Loads the Kent and Medway demo partnership, with one sign-in per role. */
export async function seedDemoPartnership(db: Database): Promise<string> {
  const partnershipId = await db.transaction(async (tx) => {
    const partnership = await createPartnership(tx, {
      slug: "kent-and-medway",
      name: "Kent and Medway Sustainability and Transformation Partnership",
      shortName: "Kent and Medway STP",
      financialYearStartMonth: 4,
    });
    const pid = partnership.id;
    await createObjectives(tx, pid, STP_OBJECTIVES);

    const ccgs = [];
    for (const [name, shortName] of KENT_AND_MEDWAY_CCGS) ccgs.push(await createOrganisation(tx, pid, { name, shortName, kind: "ccg_icb" }));
    const named = new Map<string, Awaited<ReturnType<typeof createOrganisation>>>();
    for (const [name, shortName, kind] of OTHER_NAMED) named.set(shortName, await createOrganisation(tx, pid, { name, shortName, kind }));
    const examples = new Map<string, Awaited<ReturnType<typeof createOrganisation>>>();
    for (const [name, shortName, kind, odsCode] of EXAMPLE_ORGANISATIONS) {
      examples.set(shortName, await createOrganisation(tx, pid, { name, shortName, kind, odsCode, isExample: true }));
    }

    // People the updates name.
    const glenn = await createPerson(tx, pid, { name: "Glenn Douglas", jobTitle: "STP Chief Executive and Chair of the Programme Board" });
    const hazel = await createPerson(tx, pid, { name: "Hazel Smith", jobTitle: "Introduced the children's paper, December 2017" });
    // Example people for the roles the updates mention without naming.
    const example = (name: string, jobTitle: string, organisationId?: string) =>
      createPerson(tx, pid, { name, jobTitle, organisationId: organisationId ?? null, isExample: true, email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.org` });
    const cpbClinicalCoChair = await example("Dr Alex Example", "Co-Chair, Clinical and Professional Board (example)", examples.get("EKHUFT")?.id);
    const cpbNursingCoChair = await example("Sam Example", "Co-Chair, Clinical and Professional Board; Director of Nursing (example)", examples.get("KCHFT")?.id);
    const patientRep = await example("Jo Example", "Patient representative (example)", examples.get("Healthwatch Kent")?.id);
    const kccDirector = await example("Chris Example", "Corporate Director, Kent County Council (example)", examples.get("KCC")?.id);
    const medwayDirector = await example("Pat Example", "Director of Children and Adults, Medway Council (example)", examples.get("Medway Council")?.id);
    const workforceLead = await example("Morgan Example", "Chair, Local Workforce Action Board (example)", named.get("HEE")?.id);
    const strokeLead = await example("Robin Example", "Senior Responsible Officer, Stroke Programme (example)", ccgs[7]?.id);
    const secretary = await example("Taylor Example", "STP Programme Office, Board Secretary (example)");

    // Bodies.
    const programmeBoard = await createBody(tx, pid, {
      name: "Kent and Medway STP Programme Board",
      shortName: "Programme Board",
      kind: "programme_board",
      slug: "programme-board",
      purpose: "Leads the Kent and Medway Sustainability and Transformation Partnership and holds every workstream to account for closing the three gaps.",
      meetsInPublic: true,
    });
    const cpb = await createBody(tx, pid, {
      name: "Clinical and Professional Board",
      shortName: "CPB",
      slug: "clinical-and-professional-board",
      kind: "sub_board",
      parentBodyId: programmeBoard.id,
      purpose: "Clinical and professional leadership for the STP: develops the shared clinical vision for Kent and Medway.",
    });
    const lwab = await createBody(tx, pid, {
      name: "Kent and Medway Local Workforce Action Board",
      shortName: "LWAB",
      slug: "local-workforce-action-board",
      kind: "sub_board",
      parentBodyId: programmeBoard.id,
      purpose: "Leads workforce planning and development; drafted the STP's response to the national workforce strategy consultation.",
    });
    const clg = await createBody(tx, pid, {
      name: "Kent and Medway Children's Leadership Group",
      shortName: "CLG",
      slug: "childrens-leadership-group",
      kind: "working_group",
      parentBodyId: programmeBoard.id,
      establishedOn: "2017-12-04",
      purpose: "Spearheads the children's agenda: an integrated strategy and vision for the health and care of children, and children's representation across STP workstreams.",
    });
    const jointCommittee = await createBody(tx, pid, {
      name: "Joint Committee of Clinical Commissioning Groups",
      shortName: "JCCCGs",
      slug: "joint-committee-of-ccgs",
      kind: "joint_committee",
      purpose: "The decision-making body for the Kent and Medway stroke review: the eight Kent and Medway CCGs with Bexley CCG and High Weald Lewes Havens CCG.",
    });
    const strokeBoard = await createBody(tx, pid, {
      name: "Stroke Programme Board",
      slug: "stroke-programme-board",
      kind: "sub_board",
      parentBodyId: jointCommittee.id,
      purpose: "Runs the Kent and Medway stroke review and makes recommendations to the Joint Committee of CCGs.",
    });

    // Terms of reference: the CPB's revised terms, ratified by the Programme Board on 4 December 2017.
    await createTermsOfReference(tx, pid, {
      bodyId: cpb.id,
      versionLabel: "1.0",
      status: "superseded",
      text: "Original terms of reference of the Clinical and Professional Board (example text).",
      ratifiedByBodyId: programmeBoard.id,
      ratifiedOn: "2017-04-03",
      quorumMinimumVotingMembers: 4,
      quorumRepresentation: [{ description: "At least one of the co-chairs", minimum: 1, criterion: { type: "memberCategory", category: "co-chair" } }],
    });
    await createTermsOfReference(tx, pid, {
      bodyId: cpb.id,
      versionLabel: "2.0",
      status: "ratified",
      text:
        "Revised to reflect the increased membership from nursing and allied health professionals and patient representatives. " +
        "The Board is co-chaired and reports to the STP Programme Board. (Example text: the full terms are held by the STP programme office.)",
      ratifiedByBodyId: programmeBoard.id,
      ratifiedOn: "2017-12-04",
      quorumMinimumVotingMembers: 5,
      quorumRepresentation: [
        { description: "At least one of the co-chairs", minimum: 1, criterion: { type: "memberCategory", category: "co-chair" } },
        { description: "At least one nurse or allied health professional", minimum: 1, criterion: { type: "memberCategory", category: "nursing-ahp" } },
        { description: "At least one patient representative", minimum: 1, criterion: { type: "memberCategory", category: "patient-representative" } },
      ],
    });
    await createTermsOfReference(tx, pid, {
      bodyId: programmeBoard.id,
      versionLabel: "1.0",
      status: "ratified",
      text: "Terms of reference of the STP Programme Board (example text).",
      ratifiedByBodyId: programmeBoard.id,
      ratifiedOn: "2017-04-03",
      quorumMinimumVotingMembers: 6,
      quorumRepresentation: [
        { description: "At least one clinician", minimum: 1, criterion: { type: "memberCategory", category: "clinician" } },
        { description: "At least one local-authority member", minimum: 1, criterion: { type: "organisationKind", kind: "local_authority" } },
      ],
    });
    await createTermsOfReference(tx, pid, {
      bodyId: jointCommittee.id,
      versionLabel: "1.0",
      status: "ratified",
      text: "Joint committee of the eight Kent and Medway CCGs plus Bexley CCG and High Weald Lewes Havens CCG (example text).",
      ratifiedByBodyId: jointCommittee.id,
      ratifiedOn: "2017-11-01",
      quorumMinimumVotingMembers: 7,
      quorumRepresentation: [{ description: "Commissioners only", minimum: 7, criterion: { type: "organisationKind", kind: "ccg_icb" } }],
    });

    // Memberships.
    const from = "2017-04-01";
    await createMembership(tx, pid, { bodyId: programmeBoard.id, personId: glenn.id, role: "chair", voting: true, startsOn: from });
    await createMembership(tx, pid, { bodyId: programmeBoard.id, personId: cpbClinicalCoChair.id, role: "member", voting: true, categories: ["clinician"], startsOn: from });
    await createMembership(tx, pid, { bodyId: programmeBoard.id, personId: kccDirector.id, role: "member", voting: true, startsOn: from });
    await createMembership(tx, pid, { bodyId: programmeBoard.id, personId: medwayDirector.id, role: "member", voting: true, startsOn: from });
    await createMembership(tx, pid, { bodyId: programmeBoard.id, personId: hazel.id, role: "in_attendance", voting: false, startsOn: "2017-12-04", endsOn: "2017-12-04", endReason: "Attended for the children's item" });
    await createMembership(tx, pid, { bodyId: programmeBoard.id, personId: secretary.id, role: "secretary", voting: false, startsOn: from });
    await createMembership(tx, pid, { bodyId: cpb.id, personId: cpbClinicalCoChair.id, role: "co_chair", voting: true, categories: ["clinician", "co-chair"], startsOn: from });
    await createMembership(tx, pid, { bodyId: cpb.id, personId: cpbNursingCoChair.id, role: "co_chair", voting: true, categories: ["clinician", "co-chair", "nursing-ahp"], startsOn: from });
    await createMembership(tx, pid, { bodyId: cpb.id, personId: patientRep.id, role: "member", voting: true, categories: ["patient-representative"], representing: "Patients and the public", startsOn: "2017-12-04" });
    await createMembership(tx, pid, { bodyId: lwab.id, personId: workforceLead.id, role: "chair", voting: true, startsOn: from });
    await createMembership(tx, pid, { bodyId: clg.id, personId: medwayDirector.id, role: "member", voting: true, startsOn: "2017-12-04" });
    await createMembership(tx, pid, { bodyId: strokeBoard.id, personId: strokeLead.id, role: "chair", voting: true, startsOn: from });
    // Further voting members of the Programme Board (example), so that its quorum of six can be met.
    const trustChief = await example("Lee Example", "Chief Executive, Medway NHS Foundation Trust (example)", examples.get("MFT")?.id);
    const commissioner = await example("Kim Example", "Accountable Officer, Kent and Medway CCGs (example)", ccgs[3]?.id);
    const communityChief = await example("Ash Example", "Chief Executive, Kent Community Health NHS Foundation Trust (example)", examples.get("KCHFT")?.id);
    for (const person of [trustChief, commissioner, communityChief]) {
      await createMembership(tx, pid, { bodyId: programmeBoard.id, personId: person.id, role: "member", voting: true, startsOn: from });
    }

    for (const ccg of [...ccgs, named.get("Bexley CCG"), named.get("HWLH CCG")]) {
      if (!ccg) continue;
      const rep = await example(`Representative of ${ccg.shortName ?? ccg.name}`, `Accountable officer's representative, ${ccg.name} (example)`, ccg.id);
      await createMembership(tx, pid, { bodyId: jointCommittee.id, personId: rep.id, role: "member", voting: true, representing: ccg.name, startsOn: "2017-11-01" });
    }
    const org = (m: Map<string, { id: string }>, key: string) => {
      const found = m.get(key);
      if (!found) throw new Error(`demo organisation ${key} missing`);
      return found.id;
    };
    const demoMeetings = await seedDemoMeetings(tx, pid, {
      programmeBoardId: programmeBoard.id,
      cpbId: cpb.id,
      lwabId: lwab.id,
      clgId: clg.id,
      jointCommitteeId: jointCommittee.id,
      strokeBoardId: strokeBoard.id,
      glenn,
      hazel,
      cpbClinicalCoChair,
      cpbNursingCoChair,
      secretary,
      votingMembers: [glenn, cpbClinicalCoChair, kccDirector, medwayDirector, trustChief, commissioner, communityChief],
      workforceLead,
      strokeLead,
      organisationIds: {
        hee: org(named, "HEE"),
        skillsForCare: org(named, "Skills for Care"),
        nhse: org(named, "NHSE"),
        nhsi: org(named, "NHSI"),
        kcc: org(examples, "KCC"),
        medway: org(examples, "Medway Council"),
      },
    });
    await seedDemoPortfolio(tx, pid);
    await seedDemoBoardUpdates(tx, pid, demoMeetings);
    return pid;
  });

  const accounts = accountsService({ db });
  for (const u of DEMO_USERS) await accounts.createUserWithPassword({ partnershipId, name: u.name, email: u.email, password: DEMO_PASSWORD, role: u.role });
  return partnershipId;
}
