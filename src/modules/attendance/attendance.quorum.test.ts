import { describe, expect, it } from "vitest";
import { evaluateQuorum } from "../bodies/quorum.ts";
import { presentForQuorum, type AttendanceFact, type Seat } from "./attendance.quorum.ts";

const seats: Seat[] = [
  { personId: "gp", voting: true, categories: ["clinician"], organisationKind: "ccg_icb" },
  { personId: "cllr", voting: true, categories: [], organisationKind: "local_authority" },
  { personId: "ceo", voting: true, categories: [], organisationKind: "nhs_trust" },
  { personId: "adviser", voting: false, categories: ["clinician"], organisationKind: "nhs_trust" },
];
const rule = {
  minimumVotingMembers: 3,
  representation: [
    { description: "At least one clinician", minimum: 1, criterion: { type: "memberCategory" as const, category: "clinician" } },
    { description: "At least one council member", minimum: 1, criterion: { type: "organisationKind" as const, kind: "local_authority" } },
  ],
};
const fact = (personId: string, status: AttendanceFact["status"], extra: Partial<AttendanceFact> = {}): AttendanceFact => ({
  personId,
  status,
  deputyForPersonId: null,
  organisationKind: null,
  ...extra,
});

describe("who counts towards quorum", () => {
  it("counts members present with their seats, and deputies with the seat they fill", () => {
    const present = presentForQuorum(
      [
        fact("gp", "present"),
        fact("ceo", "present"),
        fact("cllr", "apologies"),
        fact("dep", "deputy", { deputyForPersonId: "cllr", organisationKind: "nhs_trust" }),
      ],
      seats,
    );
    expect(present).toEqual([
      { personId: "gp", voting: true, categories: ["clinician"], organisationKind: "ccg_icb" },
      { personId: "ceo", voting: true, categories: [], organisationKind: "nhs_trust" },
      { personId: "dep", voting: true, categories: [], organisationKind: "local_authority" },
    ]);
    expect(evaluateQuorum(rule, present).quorate).toBe(true);
  });

  it("never counts apologies, absences, guests, non-voting members or people recorded present without a seat", () => {
    const present = presentForQuorum(
      [fact("gp", "apologies"), fact("cllr", "absent"), fact("guest", "in_attendance"), fact("adviser", "present"), fact("stranger", "present")],
      seats,
    );
    const result = evaluateQuorum(rule, present);
    expect(result).toEqual({
      quorate: false,
      votingPresent: 0,
      required: 3,
      shortfalls: [
        "Needs at least 3 voting members present: none present",
        "Needs at least one clinician: none present",
        "Needs at least one council member: none present",
      ],
    });
  });

  it("leaves out those who left an item, deputies included", () => {
    const facts = [fact("gp", "present"), fact("ceo", "present"), fact("dep", "deputy", { deputyForPersonId: "cllr" })];
    expect(evaluateQuorum(rule, presentForQuorum(facts, seats)).quorate).toBe(true);
    const withoutDeputy = evaluateQuorum(rule, presentForQuorum(facts, seats, new Set(["dep"])));
    expect(withoutDeputy.quorate).toBe(false);
    expect(withoutDeputy.shortfalls).toContain("Needs at least one council member: none present");
  });

  it("a deputy for a non-voting member does not vote, and uses their own organisation only when the seat has none", () => {
    const present = presentForQuorum([fact("dep", "deputy", { deputyForPersonId: "adviser" })], seats);
    expect(present).toEqual([{ personId: "dep", voting: false, categories: ["clinician"], organisationKind: "nhs_trust" }]);
    const noKind = presentForQuorum(
      [fact("dep", "deputy", { deputyForPersonId: "x", organisationKind: "local_authority" })],
      [{ personId: "x", voting: true, categories: [], organisationKind: null }],
    );
    expect(noKind[0]?.organisationKind).toBe("local_authority");
  });
});
