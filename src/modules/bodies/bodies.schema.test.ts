import { describe, expect, it } from "vitest";
import { parseForm } from "../../platform/http/forms.ts";
import { bodyInput, dateFromParts, fieldIdFor, isHttpsUrl, membershipForm, termsOfReferenceForm } from "./bodies.schema.ts";

describe("dateFromParts", () => {
  it("reads day, month and year as an ISO date, and nothing as null", () => {
    expect(dateFromParts({ day: "4", month: "12", year: "2017" }, "start date")).toEqual({ ok: true, value: "2017-12-04" });
    expect(dateFromParts({ day: "", month: "", year: "" }, "start date")).toEqual({ ok: true, value: null });
  });

  it("explains what is wrong in the NHS pattern", () => {
    expect(dateFromParts({ day: "4", month: "", year: "2017" }, "start date")).toEqual({ ok: false, message: "Start date must include a month" });
    expect(dateFromParts({ day: "", month: "", year: "2017" }, "start date")).toEqual({ ok: false, message: "Start date must include a day and a month" });
    expect(dateFromParts({ day: "29", month: "2", year: "2018" }, "start date")).toEqual({ ok: false, message: "Start date must be a real date" });
    expect(dateFromParts({ day: "4", month: "12", year: "17" }, "start date")).toEqual({ ok: false, message: "Start date must be a real date" });
    expect(dateFromParts({ day: "1", month: "1", year: "1066" }, "start date")).toEqual({ ok: false, message: "Start date must be between 1900 and 2100" });
    expect(dateFromParts({ day: "29", month: "2", year: "2016" }, "start date")).toEqual({ ok: true, value: "2016-02-29" });
  });
});

describe("isHttpsUrl", () => {
  it("accepts only absolute https addresses without credentials", () => {
    expect(isHttpsUrl("https://www.kentandmedway.nhs.uk/tor.pdf")).toBe(true);
    for (const bad of ["http://example.org", "javascript:alert(1)", "//example.org", "https://user:pass@example.org", "example.org", ""])
      expect(isHttpsUrl(bad), bad).toBe(false);
  });
});

describe("bodyInput", () => {
  it("rejects unknown fields and defaults the optional ones", () => {
    expect(bodyInput.safeParse({ name: "CPB", kind: "sub_board", colour: "red" }).success).toBe(false);
    expect(bodyInput.parse({ name: " Clinical and Professional Board ", kind: "sub_board" })).toEqual({
      name: "Clinical and Professional Board",
      shortName: null,
      kind: "sub_board",
      parentBodyId: null,
      purpose: "",
      meetsInPublic: true,
      establishedOn: null,
    });
  });
});

describe("membershipForm", () => {
  it("merges ticked and typed categories, normalised and without repeats", () => {
    const result = parseForm(membershipForm, {
      personId: "01a20304-3137-7664-96d3-f85796e744e3",
      role: "member",
      voting: "no",
      categories: ["clinician", "co-chair"],
      otherCategories: "Patient Representative, clinician",
      representing: "",
      "startsOn-day": "1",
      "startsOn-month": "4",
      "startsOn-year": "2017",
    });
    expect(result).toEqual({
      ok: true,
      value: {
        personId: "01a20304-3137-7664-96d3-f85796e744e3",
        role: "member",
        voting: false,
        categories: ["clinician", "co-chair", "patient-representative"],
        representing: null,
        startsOn: "2017-04-01",
      },
    });
  });
});

describe("termsOfReferenceForm", () => {
  const base = { versionLabel: "2.0", text: "Terms", documentUrl: "", quorumMinimumVotingMembers: "5" };

  it("ignores blank representation rows, wherever they are", () => {
    const result = parseForm(termsOfReferenceForm, {
      ...base,
      "representation-1-description": "At least one local-authority member",
      "representation-1-minimum": "1",
      "representation-1-criterion": "organisationKind:local_authority",
      "representation-1-category": "",
    });
    expect(result.ok && result.value.quorum).toEqual({
      minimumVotingMembers: 5,
      representation: [{ description: "At least one local-authority member", minimum: 1, criterion: { type: "organisationKind", kind: "local_authority" } }],
    });
  });

  it("reports errors against the row and field that need correcting", () => {
    const result = parseForm(termsOfReferenceForm, {
      ...base,
      "representation-3-description": "At least one GP",
      "representation-3-minimum": "0",
      "representation-3-criterion": "",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["representation.3.criterion", "representation.3.minimum"]);
    expect(fieldIdFor("representation.3.minimum")).toBe("representation-3-minimum");
    expect(fieldIdFor("startsOn")).toBe("startsOn-day");
  });
});
