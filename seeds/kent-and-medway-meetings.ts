/**
 * The two Programme Board meetings the seed documents report (4 December 2017 and 5 March 2018),
 * entered in full: every item as headed there (and the children and stroke items the December
 * update reports without a heading), who presented, every decision and follow-up stated, and the
 * dates given. Start times, attendance, the opening items and action due dates are not in the
 * updates: they are example data.
 */
import type { Executor } from "../src/platform/db/client.ts";
import { londonDateTime } from "../src/platform/time.ts";
import {
  createAction,
  createActionUpdate,
  createAgendaItem,
  createAttendance,
  createDecision,
  createItemMinutes,
  createMeeting,
} from "../tests/factories/index.ts";
import { meetings } from "../src/modules/meetings/meetings.tables.ts";
import { and, eq } from "drizzle-orm";

/** Public summaries: the seed updates' own words (Markdown; bullets where the updates have them). */
export const SEED_TEXT = {
  dec_ceo: "Glenn Douglas, STP Chief executive and Chair of the Programme Board, updated colleagues on the following areas:\n\n- Winter planning – work is underway across Kent and Medway to anticipate and respond to seasonal pressures at both STP and local level.\n- Workstream progress – an overview of the progress made by individual workstreams including local care, stroke, finance, workforce and productivity (more detail on individual workstreams can be found later in this update).\n- Forward planning – a look ahead at the areas of focus for Programme Board meetings in 2018.",
  dec_cpb: "Revised Terms of Reference for the Clinical and Professional Board have been developed to reflect the increased membership from nursing and allied health professionals and patient representatives. The Co-Chairs of the Clinical and Professional Board asked the Programme Board to ratify these Terms of Reference and gave an update on the development of a shared, overarching ‘clinical vision’ for Kent and Medway of what health care should look like in five years. This emerging vision, building on work to date across Kent and Medway, is being developed following a series of engagement sessions with health and social care organisations, clinicians and professionals and patients from across the region.  The Board was asked to approve an emerging draft vision to allow wider engagement on it with stakeholder groups across Kent and Medway.",
  dec_localcare: "The Board received an update on work to take forward the development and implementation of the local care model across Kent and Medway. The Board heard that a ‘maturity matrix’ – showing readiness to implement the model in different parts of Kent and Medway – has been developed with input from all health and care organisations. This matrix shows that while there are pockets of good practice across the whole of Kent and Medway, most organisations consider they are still at an ‘emerging’ state of readiness.  As expected the Vanguard in Whitstable has made further progress in many areas, providing useful learning.  The local care model needs to be implemented consistently and at pace.",
  dec_children: "Hazel Smith introduced a paper outlining a renewed focus on children as part of the STP. While childhood itself is not a ‘health condition’, it is recognised that children are different from adults and warrant a separate focus from adult health and care, as childhood is a time-limited period of development. The Kent and Medway STP is an ideal opportunity to improve the health outcomes and life chances of children across the region and the Programme Board was asked to agree to the establishment of a Kent and Medway Children’s Leadership Group to spearhead the Children’s agenda and develop an integrated strategy and vision for the health and care of children for the future and review STP workstreams to ensure that children are appropriately represented within these areas.  It was acknowledged that whilst local authorities had clear statutory duties in this area health partners could do more to coordinate with and support their LA colleagues, and next steps were set out for this.",
  dec_finance: "The Board gave the go-ahead for a set of working principles to underpin the workstreams and projects governed by the STP. A Memorandum of Understanding for all partner organisations to agree and adhere to as work continues to implement plans across the Kent and Medway area was proposed.",
  dec_stroke: "Extensive engagement work has been taking place with patients, the public, clinicians and stakeholders as part of the Kent and Medway stroke review. Modelling work has led to potential site options being developed for three hyper acute stroke units in Kent and Medway. A joint committee of the eight Kent and Medway CCGs plus Bexley CCG and High Weald, Lewes and Haven CCG has been established and will be the key decision-making group for the work, receiving recommendations from the Stroke Programme Board.\n\nThe location of those units will be determined by the Joint Committee once they have conducted a formal public consultation which is hoped to take place in early 2018, and examined the response to that together with all the other evidence they have. Planning for this public consultation is underway and the Board was asked to review and comment on proposed consultation activity and identify internal support to assist with the consultation process.",
  mar_mh: "The Programme Board’s meeting structure allows for occasional ‘deep dives’ – lengthier discussion and more detailed scrutiny of key subjects. At this meeting, the Board had a ‘deep dive’ session on mental health, the purpose of which was to give Board members an in-depth understanding of progress to date, milestones achieved and products delivered, key risks and issues, and how these are being managed.\n\nThe Board noted that among the key outputs from the work stream was a conference for key stakeholders entitled ‘Better Together – A Collective Conversation Transforming Mental Health and Wellbeing’. The conference took place in Maidstone on Tuesday 13 March 2018.",
  mar_workforce: "Health Education England and partners have produced a draft national Workforce Strategy for consultation in response to the NHS Five Year Forward View. The consultation closes on 23 March 2018. The document is predominately health-based and a further consultation is being undertaken by Skills for Care on social care to include in a combined national workforce strategy for health and social care to be published in June/ July 2018. The Board received a draft response from the STP for their consideration. The response was developed by the Kent and Medway Local Workforce Action Board (LWAB).",
  mar_vision: "The Board received an update from the Clinical and Professional Board (CPB) on the development of an overarching clinical vision for Kent and Medway. Over the last two months, the draft vision has been widely socialised amongst key clinical audiences, individuals and stakeholders and the feedback and views given on it will be used to further develop and refine the vision. The CPB recommended that there should be further engagement with both the wider public and within organisations on the next iteration of the vision, as engagement so far has been limited to those involved in the STP. The Board approved this plan of action and more details on further engagement on the clinical vision will be given in due course.",
  mar_planning: "One of the guiding principles for all STP planning is that every part of the programme should be aiming to close the three Five Year Forward View gaps: health and wellbeing, care and quality, and finance and efficiency; and will be held to account on this basis. The Board received detailed plans from all STP workstreams setting out their detailed plans and budgets for the 18/19 period. The Board approved these plans and budgets and will receive regular detailed updates on progress.",
  mar_estates: "NHS England and NHS Improvement are working to prioritise the allocation of additional capital for STPs as provided in the 2017 Budget when an extra £345m of public capital was provided for property and estates investment. STPs need to have a compelling estates and capital plan that aligns with the STP’s wider overarching strategy for service transformation and financial sustainability if they are to be considered for investment.\n\nIn Kent and Medway, the estates workstream is developing an ‘estates workbook’ to meet the planning requirements and, once completed, will set out how the individual organisations in the STP will work together to deploy capital funding to support integrated service models, maximise the sharing of assets and dispose of unused or underutilised estate. New estates planning guidance is expected from NHS England later in the spring and the workstream believe that the planning and development of the ‘workbook’ means that the STP is in a good position to meet any formal guidelines once they are announced.",
  mar_ceo: "Glenn Douglas, STP Chief Executive and Chair of the Programme Board, led colleagues in discussion on the following areas:\n\n- Workstream progress – an overview of all other workstreams not already covered within the meeting including local care, digital, prevention, workforce and productivity.\n- Forward planning – a look ahead at the areas of focus for the partnership over the coming months.",} as const;

interface Person {
  id: string;
  name: string;
}

export interface DemoMeetingCast {
  programmeBoardId: string;
  cpbId: string;
  lwabId: string;
  clgId: string;
  jointCommitteeId: string;
  strokeBoardId: string;
  cpbTermsId?: string;
  glenn: Person;
  hazel: Person;
  cpbClinicalCoChair: Person;
  cpbNursingCoChair: Person;
  secretary: Person;
  votingMembers: Person[];
  workforceLead: Person;
  strokeLead: Person;
  organisationIds: { hee: string; skillsForCare: string; nhse: string; nhsi: string; kcc: string; medway: string };
}

const CEO_ROLE = "STP Chief Executive and Chair of the Programme Board";

/** Loads both meetings of the Programme Board with their agendas, attendance, minutes, decisions and actions. */
export async function seedDemoMeetings(tx: Executor, pid: string, cast: DemoMeetingCast): Promise<{ decemberId: string; marchId: string }> {
  const pb = cast.programmeBoardId;

  // ---- 4 December 2017 ---------------------------------------------------------------------
  const december = await createMeeting(tx, pid, {
    bodyId: pb,
    title: "Programme Board",
    startsAt: londonDateTime("2017-12-04", "10:00"),
    endsAt: londonDateTime("2017-12-04", "12:30"),
    venue: "Kent and Medway STP offices, Maidstone (example venue)",
    hasPublicSession: true,
    hasPrivateSession: false,
    status: "held",
    agendaPublishedAt: londonDateTime("2017-11-27", "09:00"),
  });
  let position = 0;
  const dItem = (title: string, kind: Parameters<typeof createAgendaItem>[2]["kind"], extra: Partial<Parameters<typeof createAgendaItem>[2]> = {}) =>
    createAgendaItem(tx, pid, { meetingId: december.id, title, kind, position: position++, ...extra });

  await dItem("Welcome and apologies", "welcome_and_apologies", { durationMinutes: 5 });
  await dItem("Declarations of interest", "declarations_of_interest", { durationMinutes: 5 });
  const dCeo = await dItem("Chief Executive’s update", "update", {
    purpose: "for_information",
    durationMinutes: 20,
    presenters: [{ personId: cast.glenn.id, roleLabel: "STP Chief executive and Chair of the Programme Board" }],
  });
  const dCpb = await dItem("Clinical and Professional Board – update", "ratification", {
    purpose: "for_decision",
    durationMinutes: 25,
    recommendation: "Ratify the revised terms of reference of the Clinical and Professional Board and approve the emerging draft clinical vision for wider engagement.",
    presenters: [
      { personId: cast.cpbClinicalCoChair.id, roleLabel: "Co-Chair of the Clinical and Professional Board" },
      { personId: cast.cpbNursingCoChair.id, roleLabel: "Co-Chair of the Clinical and Professional Board" },
    ],
    bodyIds: [cast.cpbId],
  });
  const dLocalCare = await dItem("Local care – update", "update", { purpose: "for_assurance", durationMinutes: 20 });
  const dChildren = await dItem("Children’s health and care", "decision", {
    purpose: "for_decision",
    durationMinutes: 20,
    recommendation: "Agree to establish a Kent and Medway Children’s Leadership Group.",
    presenters: [{ personId: cast.hazel.id, roleLabel: null }],
    bodyIds: [cast.clgId],
    organisationIds: [cast.organisationIds.kcc, cast.organisationIds.medway],
  });
  const dFinance = await dItem("Financial principles", "decision", {
    purpose: "for_decision",
    durationMinutes: 20,
    recommendation: "Give the go-ahead to the working principles and the proposed Memorandum of Understanding.",
  });
  const dStroke = await dItem("Kent and Medway stroke review", "consultation_response", {
    purpose: "for_discussion",
    durationMinutes: 20,
    bodyIds: [cast.jointCommitteeId, cast.strokeBoardId],
  });
  await dItem("Any other business", "any_other_business", { durationMinutes: 5 });

  await minutes(tx, pid, dCeo.id, SEED_TEXT.dec_ceo);
  await minutes(tx, pid, dCpb.id, SEED_TEXT.dec_cpb);
  await minutes(tx, pid, dLocalCare.id, SEED_TEXT.dec_localcare);
  await minutes(tx, pid, dChildren.id, SEED_TEXT.dec_children);
  await minutes(tx, pid, dFinance.id, SEED_TEXT.dec_finance);
  await minutes(tx, pid, dStroke.id, SEED_TEXT.dec_stroke);

  await attend(tx, pid, december.id, cast);
  const on = "2017-12-04";
  const decided = (agendaItemId: string, kind: Parameters<typeof createDecision>[2]["kind"], text: string, position: number) =>
    createDecision(tx, pid, { bodyId: pb, meetingId: december.id, agendaItemId, decidedOn: on, kind, text, position });
  await decided(dCeo.id, "noted", "Noted the Chief Executive’s update on winter planning, workstream progress and forward planning for 2018.", 0);
  await decided(dCpb.id, "ratified", "Ratified the revised terms of reference of the Clinical and Professional Board.", 0);
  await decided(dCpb.id, "approved", "Approved the emerging draft clinical vision for Kent and Medway to allow wider engagement on it with stakeholder groups.", 1);
  await decided(dLocalCare.id, "noted", "Noted the local care maturity matrix, which shows most organisations at an ‘emerging’ state of readiness, and that the local care model needs to be implemented consistently and at pace.", 0);
  const childrenDecision = await decided(dChildren.id, "agreed", "Agreed to establish a Kent and Medway Children’s Leadership Group to spearhead the children’s agenda and develop an integrated strategy and vision for the health and care of children.", 0);
  await decided(dFinance.id, "approved_in_principle", "Gave the go-ahead for a set of working principles to underpin the workstreams and projects governed by the STP.", 0);
  await decided(dStroke.id, "noted", "Reviewed and commented on the proposed public consultation activity for the stroke review.", 0);

  const childrenAction = await createAction(tx, pid, {
    bodyId: pb,
    ownerPersonId: cast.hazel.id,
    description: "Review STP workstreams to ensure that children are appropriately represented within them.",
    dueOn: "2018-06-04",
    sourceMeetingId: december.id,
    sourceAgendaItemId: dChildren.id,
    decisionId: childrenDecision.id,
    status: "in_progress",
  });
  await createActionUpdate(tx, pid, { actionId: childrenAction.id, notedOn: "2018-02-19", text: "Children’s Leadership Group met for the first time; workstream review under way (example).", authorName: cast.hazel.name });
  const strokeAction = await createAction(tx, pid, {
    bodyId: pb,
    ownerPersonId: cast.strokeLead.id,
    description: "Identify internal support to assist with the stroke consultation process.",
    dueOn: "2018-01-15",
    sourceMeetingId: december.id,
    sourceAgendaItemId: dStroke.id,
    status: "done",
    completedOn: "2018-01-12",
  });
  await createActionUpdate(tx, pid, { actionId: strokeAction.id, notedOn: "2018-01-12", text: "Communications and engagement leads from partner organisations identified to support the consultation (example).", authorName: cast.strokeLead.name });
  await createAction(tx, pid, {
    bodyId: pb,
    ownerPersonId: cast.glenn.id,
    description: "Circulate the proposed Memorandum of Understanding on the financial principles for all partner organisations to agree.",
    dueOn: "2018-02-05",
    sourceMeetingId: december.id,
    sourceAgendaItemId: dFinance.id,
  });

  // ---- 5 March 2018 ------------------------------------------------------------------------
  const march = await createMeeting(tx, pid, {
    bodyId: pb,
    title: "Programme Board",
    startsAt: londonDateTime("2018-03-05", "10:00"),
    endsAt: londonDateTime("2018-03-05", "13:00"),
    venue: "Kent and Medway STP offices, Maidstone (example venue)",
    hasPublicSession: true,
    hasPrivateSession: false,
    status: "held",
    minutesStatus: "circulated",
    agendaPublishedAt: londonDateTime("2018-02-26", "09:00"),
  });
  position = 0;
  const mItem = (title: string, kind: Parameters<typeof createAgendaItem>[2]["kind"], extra: Partial<Parameters<typeof createAgendaItem>[2]> = {}) =>
    createAgendaItem(tx, pid, { meetingId: march.id, title, kind, position: position++, ...extra });
  await mItem("Welcome and apologies", "welcome_and_apologies", { durationMinutes: 5 });
  await mItem("Declarations of interest", "declarations_of_interest", { durationMinutes: 5 });
  const mMinutes = await mItem("Minutes of the meeting held on 4 December 2017", "minutes_of_last_meeting", { purpose: "for_decision", durationMinutes: 5 });
  await mItem("Matters arising and action log", "matters_arising", { purpose: "for_assurance", durationMinutes: 10 });
  const mDeepDive = await mItem("Mental health ‘deep dive’", "deep_dive", { purpose: "for_assurance", durationMinutes: 45 });
  const mWorkforce = await mItem("Kent and Medway response to the national workforce strategy consultation", "consultation_response", {
    purpose: "for_discussion",
    durationMinutes: 20,
    bodyIds: [cast.lwabId],
    organisationIds: [cast.organisationIds.hee, cast.organisationIds.skillsForCare],
    presenters: [{ personId: cast.workforceLead.id, roleLabel: "Chair, Local Workforce Action Board (example)" }],
  });
  const mVision = await mItem("Clinical strategy update – clinical vision", "decision", {
    purpose: "for_decision",
    durationMinutes: 20,
    bodyIds: [cast.cpbId],
    recommendation: "Approve further engagement on the next iteration of the clinical vision with the wider public and within organisations.",
    presenters: [
      { personId: cast.cpbClinicalCoChair.id, roleLabel: "Co-Chair of the Clinical and Professional Board" },
      { personId: cast.cpbNursingCoChair.id, roleLabel: "Co-Chair of the Clinical and Professional Board" },
    ],
  });
  const mPlanning = await mItem("STP planning and budget 2018/19", "decision", {
    purpose: "for_decision",
    durationMinutes: 30,
    recommendation: "Approve the workstream plans and budgets for 2018/19.",
  });
  const mEstates = await mItem("Estates and Capital Plan – update", "update", {
    purpose: "for_information",
    durationMinutes: 15,
    organisationIds: [cast.organisationIds.nhse, cast.organisationIds.nhsi],
  });
  const mCeo = await mItem("Chief Executive’s update", "update", {
    purpose: "for_information",
    durationMinutes: 15,
    presenters: [{ personId: cast.glenn.id, roleLabel: CEO_ROLE }],
  });
  await mItem("Any other business", "any_other_business", { durationMinutes: 5 });

  await minutes(tx, pid, mMinutes.id, "The minutes of the meeting held on 4 December 2017 were agreed as a correct record.");
  await minutes(tx, pid, mDeepDive.id, SEED_TEXT.mar_mh);
  await minutes(tx, pid, mWorkforce.id, SEED_TEXT.mar_workforce);
  await minutes(tx, pid, mVision.id, SEED_TEXT.mar_vision);
  await minutes(tx, pid, mPlanning.id, SEED_TEXT.mar_planning);
  await minutes(tx, pid, mEstates.id, SEED_TEXT.mar_estates);
  await minutes(tx, pid, mCeo.id, SEED_TEXT.mar_ceo);

  await attend(tx, pid, march.id, cast);
  const mOn = "2018-03-05";
  const mDecided = (agendaItemId: string, kind: Parameters<typeof createDecision>[2]["kind"], text: string, extra: Partial<Parameters<typeof createDecision>[2]> = {}) =>
    createDecision(tx, pid, { bodyId: pb, meetingId: march.id, agendaItemId, decidedOn: mOn, kind, text, ...extra });
  const minutesDecision = await mDecided(mMinutes.id, "approved", "Approved the minutes of the meeting held on 4 December 2017 as a correct record.");
  await tx
    .update(meetings)
    .set({ minutesStatus: "approved", minutesApprovedByDecisionId: minutesDecision.id, status: "minutes_approved" })
    .where(and(eq(meetings.partnershipId, pid), eq(meetings.id, december.id)));
  await mDecided(mDeepDive.id, "noted", "Noted the progress of the mental health workstream, its milestones achieved and products delivered, its key risks and issues and how they are managed, including the ‘Better Together’ stakeholder conference in Maidstone on 13 March 2018.");
  await mDecided(mWorkforce.id, "noted", "Received the draft Kent and Medway response to the national workforce strategy consultation, developed by the Local Workforce Action Board, before the consultation closes on 23 March 2018.");
  await mDecided(mVision.id, "approved", "Approved the Clinical and Professional Board’s plan for further engagement on the clinical vision with the wider public and within organisations.");
  const plansDecision = await mDecided(mPlanning.id, "approved", "Approved the detailed plans and budgets of all STP workstreams for 2018/19.");
  await mDecided(mEstates.id, "noted", "Noted the development of the estates workbook to meet the planning requirements for capital investment.");
  await mDecided(mCeo.id, "noted", "Noted the Chief Executive’s update on workstream progress and forward planning.");

  await createAction(tx, pid, {
    bodyId: pb,
    ownerPersonId: cast.secretary.id,
    description: "Bring regular detailed updates on progress against the 2018/19 workstream plans and budgets to the Board.",
    dueOn: "2018-06-04",
    sourceMeetingId: march.id,
    sourceAgendaItemId: mPlanning.id,
    decisionId: plansDecision.id,
  });
  await createAction(tx, pid, {
    bodyId: pb,
    ownerPersonId: cast.cpbClinicalCoChair.id,
    description: "Give the Board more details of the further engagement on the clinical vision in due course.",
    dueOn: "2018-05-08",
    sourceMeetingId: march.id,
    sourceAgendaItemId: mVision.id,
  });

  return { decemberId: december.id, marchId: march.id };
}

async function minutes(tx: Executor, pid: string, agendaItemId: string, publicSummary: string) {
  await createItemMinutes(tx, pid, { agendaItemId, publicSummary, discussion: publicSummary, outcome: "" });
}

/** Example attendance: the Board's voting members present, the office and presenters in attendance. */
async function attend(tx: Executor, pid: string, meetingId: string, cast: DemoMeetingCast) {
  for (const person of cast.votingMembers) await createAttendance(tx, pid, { meetingId, personId: person.id, status: "present" });
  await createAttendance(tx, pid, { meetingId, personId: cast.secretary.id, status: "in_attendance", note: "Board secretary" });
}
