import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { RepresentationRequirement } from "./bodies.tables.ts";
import { describeQuorumRule, evaluateQuorum, meetsCriterion, normaliseCategory, type PresentMember, type QuorumRule } from "./quorum.ts";

let next = 0;
const member = (overrides: Partial<PresentMember> = {}): PresentMember => ({
  personId: `person-${++next}`,
  voting: true,
  categories: [],
  organisationKind: null,
  ...overrides,
});
const voters = (n: number, overrides: Partial<PresentMember> = {}) => Array.from({ length: n }, () => member(overrides));

const clinician: RepresentationRequirement = {
  description: "At least one clinician",
  minimum: 1,
  criterion: { type: "memberCategory", category: "clinician" },
};
const localAuthority: RepresentationRequirement = {
  description: "At least one local-authority member",
  minimum: 1,
  criterion: { type: "organisationKind", kind: "local_authority" },
};
const patientRep: RepresentationRequirement = {
  description: "At least one patient representative",
  minimum: 1,
  criterion: { type: "memberCategory", category: "patient-representative" },
};

// The Programme Board's rule in the demo partnership.
const programmeBoard: QuorumRule = { minimumVotingMembers: 6, representation: [clinician, localAuthority] };

describe("evaluateQuorum", () => {
  it("is quorate when the minimum and every representation are met", () => {
    const present = [...voters(4), member({ categories: ["clinician"] }), member({ organisationKind: "local_authority" })];
    expect(evaluateQuorum(programmeBoard, present)).toEqual({ quorate: true, votingPresent: 6, required: 6, shortfalls: [] });
  });

  it("reports too few voting members in a sentence", () => {
    const present = [member({ categories: ["clinician"] }), member({ organisationKind: "local_authority" }), ...voters(2)];
    const result = evaluateQuorum(programmeBoard, present);
    expect(result.quorate).toBe(false);
    expect(result.votingPresent).toBe(4);
    expect(result.required).toBe(6);
    expect(result.shortfalls).toEqual(["Needs at least 6 voting members present: 4 present"]);
  });

  it("reports missing representation even when there are enough voting members", () => {
    const result = evaluateQuorum({ minimumVotingMembers: 3, representation: [patientRep] }, voters(5));
    expect(result.quorate).toBe(false);
    expect(result.shortfalls).toEqual(["Needs at least one patient representative: none present"]);
  });

  it("lists every shortfall, the minimum first, then representation in the rule's order", () => {
    const result = evaluateQuorum(programmeBoard, []);
    expect(result).toEqual({
      quorate: false,
      votingPresent: 0,
      required: 6,
      shortfalls: [
        "Needs at least 6 voting members present: none present",
        "Needs at least one clinician: none present",
        "Needs at least one local-authority member: none present",
      ],
    });
  });

  it("does not count members who cannot vote, towards the minimum or representation", () => {
    const present = [...voters(5), member({ voting: false, categories: ["clinician"] }), member({ voting: false, organisationKind: "local_authority" })];
    const result = evaluateQuorum(programmeBoard, present);
    expect(result.votingPresent).toBe(5);
    expect(result.shortfalls).toEqual([
      "Needs at least 6 voting members present: 5 present",
      "Needs at least one clinician: none present",
      "Needs at least one local-authority member: none present",
    ]);
  });

  it("counts each person once, however often they are listed", () => {
    const twice = member({ categories: ["clinician"] });
    const result = evaluateQuorum({ minimumVotingMembers: 2, representation: [{ ...clinician, minimum: 2 }] }, [twice, { ...twice }]);
    expect(result.votingPresent).toBe(1);
    expect(result.shortfalls).toEqual(["Needs at least 2 voting members present: 1 present", "Needs at least one clinician: 1 present"]);
  });

  it("merges one person's entries: voting if any seat votes, with the categories and organisations of all", () => {
    const id = "person-with-two-seats";
    const present = [
      { personId: id, voting: false, categories: ["clinician"], organisationKind: null },
      { personId: id, voting: true, categories: ["co-chair"], organisationKind: "foundation_trust" },
    ];
    const coChair: RepresentationRequirement = {
      description: "At least one of the co-chairs",
      minimum: 1,
      criterion: { type: "memberCategory", category: "co-chair" },
    };
    expect(evaluateQuorum({ minimumVotingMembers: 1, representation: [clinician, coChair] }, present)).toMatchObject({ quorate: true, votingPresent: 1 });
  });

  it("needs the stated number for a requirement with a minimum above one", () => {
    const commissioners: RepresentationRequirement = {
      description: "Commissioners only",
      minimum: 7,
      criterion: { type: "organisationKind", kind: "ccg_icb" },
    };
    const rule = { minimumVotingMembers: 7, representation: [commissioners] };
    const present = [...voters(6, { organisationKind: "ccg_icb" }), member({ organisationKind: "nhs_trust" })];
    const result = evaluateQuorum(rule, present);
    expect(result.votingPresent).toBe(7);
    expect(result.shortfalls).toEqual(["Needs at least 7 voting members for “Commissioners only”: 6 present"]);
    expect(evaluateQuorum(rule, voters(7, { organisationKind: "ccg_icb" })).quorate).toBe(true);
  });

  it("matches categories regardless of case and spacing", () => {
    const rule = { minimumVotingMembers: 1, representation: [patientRep] };
    expect(evaluateQuorum(rule, [member({ categories: ["Patient Representative"] })]).quorate).toBe(true);
    expect(evaluateQuorum(rule, [member({ categories: ["patient"] })]).quorate).toBe(false);
  });

  it("treats a criterion it does not know as unmet rather than failing", () => {
    const unknown = { description: "At least one governor", minimum: 1, criterion: { type: "governorOf", body: "x" } } as unknown as RepresentationRequirement;
    expect(evaluateQuorum({ minimumVotingMembers: 1, representation: [unknown] }, voters(3)).shortfalls).toEqual(["Needs at least one governor: none present"]);
  });

  it("is quorate with nobody present only when the rule asks for nobody", () => {
    expect(evaluateQuorum({ minimumVotingMembers: 0, representation: [] }, [])).toEqual({ quorate: true, votingPresent: 0, required: 0, shortfalls: [] });
  });

  it("refuses a rule whose minimum is not a whole, non-negative number", () => {
    expect(() => evaluateQuorum({ minimumVotingMembers: -1, representation: [] }, [])).toThrow(RangeError);
    expect(() => evaluateQuorum({ minimumVotingMembers: 2.5, representation: [] }, [])).toThrow(RangeError);
    expect(() => evaluateQuorum({ minimumVotingMembers: Number.NaN, representation: [] }, [])).toThrow(RangeError);
  });

  it("does not change its inputs", () => {
    const present = Object.freeze([Object.freeze(member({ categories: Object.freeze(["clinician"]) }))]);
    const rule = Object.freeze({ minimumVotingMembers: 1, representation: Object.freeze([clinician]) });
    expect(evaluateQuorum(rule, present).quorate).toBe(true);
  });

  describe("properties", () => {
    const presentArb = fc.array(
      fc.record({
        personId: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"),
        voting: fc.boolean(),
        categories: fc.subarray(["clinician", "co-chair", "patient-representative", "nursing-ahp"]),
        organisationKind: fc.constantFrom(null, "local_authority", "ccg_icb", "nhs_trust"),
      }),
      { maxLength: 20 },
    );
    const requirementArb: fc.Arbitrary<RepresentationRequirement> = fc.oneof(
      fc.record({
        description: fc.constant("At least one clinician"),
        minimum: fc.integer({ min: 1, max: 4 }),
        criterion: fc.record({ type: fc.constant("memberCategory" as const), category: fc.constantFrom("clinician", "co-chair", "patient-representative") }),
      }),
      fc.record({
        description: fc.constant("Council members"),
        minimum: fc.integer({ min: 1, max: 4 }),
        criterion: fc.record({ type: fc.constant("organisationKind" as const), kind: fc.constantFrom("local_authority", "ccg_icb") }),
      }),
    );
    const ruleArb = fc.record({ minimumVotingMembers: fc.integer({ min: 0, max: 8 }), representation: fc.array(requirementArb, { maxLength: 4 }) });

    it("is quorate exactly when there are no shortfalls, and counts distinct voters", () => {
      fc.assert(
        fc.property(ruleArb, presentArb, (rule, present) => {
          const result = evaluateQuorum(rule, present);
          expect(result.quorate).toBe(result.shortfalls.length === 0);
          expect(result.required).toBe(rule.minimumVotingMembers);
          const distinctVoters = new Set(present.filter((p) => p.voting).map((p) => p.personId));
          expect(result.votingPresent).toBe(distinctVoters.size);
          expect(result.shortfalls.length).toBeLessThanOrEqual(rule.representation.length + 1);
        }),
      );
    });

    it("never loses quorum when another voting member arrives", () => {
      fc.assert(
        fc.property(ruleArb, presentArb, fc.subarray(["clinician", "co-chair"]), (rule, present, categories) => {
          const before = evaluateQuorum(rule, present);
          const after = evaluateQuorum(rule, [...present, { personId: "newcomer", voting: true, categories, organisationKind: "local_authority" }]);
          if (before.quorate) expect(after.quorate).toBe(true);
          expect(after.shortfalls.length).toBeLessThanOrEqual(before.shortfalls.length);
        }),
      );
    });

    it("ignores the order in which people are listed", () => {
      fc.assert(
        fc.property(ruleArb, presentArb, (rule, present) => {
          expect(evaluateQuorum(rule, [...present].reverse())).toEqual(evaluateQuorum(rule, present));
        }),
      );
    });
  });
});

describe("meetsCriterion", () => {
  it("matches a member category or an organisation kind", () => {
    expect(meetsCriterion({ categories: ["clinician"], organisationKind: null }, clinician)).toBe(true);
    expect(meetsCriterion({ categories: [], organisationKind: "local_authority" }, localAuthority)).toBe(true);
    expect(meetsCriterion({ categories: ["local_authority"], organisationKind: null }, localAuthority)).toBe(false);
  });
});

describe("normaliseCategory", () => {
  it("lower-cases, trims and hyphenates", () => {
    expect(normaliseCategory("  Patient   Representative ")).toBe("patient-representative");
  });
});

describe("describeQuorumRule", () => {
  it("reads as a sentence", () => {
    expect(describeQuorumRule(programmeBoard)).toBe(
      "At least 6 voting members present, including at least one clinician; at least one local-authority member.",
    );
    expect(describeQuorumRule({ minimumVotingMembers: 1, representation: [] })).toBe("At least 1 voting member present.");
  });
});
