import { describe, expect, it } from "vitest";
import type { Principal } from "../../platform/auth/principal.ts";
import type { Role } from "../accounts/accounts.tables.ts";
import { mayReadDiscussion, maySeeAgenda, maySeeItem, maySeeMinutes, maySeeOutcomes, maySeePart2 } from "./confidentiality.ts";

const anonymous: Principal = { kind: "anonymous" };
const as = (role: Role): Principal => ({ kind: "user", userId: "u", name: "U", email: "u@example.org", role, via: "session", scope: "write" });

describe("confidentiality", () => {
  it("lets only admins, the board office and members see Part II", () => {
    expect([anonymous, as("viewer"), as("contributor"), as("member"), as("secretary"), as("admin")].map(maySeePart2)).toEqual([false, false, false, true, true, true]);
    const meeting = { status: "held" as const, agendaPublishedAt: new Date() };
    expect(maySeeItem(as("viewer"), meeting, { confidentiality: "part_2" })).toBe(false);
    expect(maySeeItem(as("member"), meeting, { confidentiality: "part_2" })).toBe(true);
    expect(maySeeItem(anonymous, meeting, { confidentiality: "part_1" })).toBe(true);
  });

  it("shows the public the agenda once published, outcomes once held, minutes once approved", () => {
    expect(maySeeAgenda(anonymous, { status: "planned", agendaPublishedAt: null })).toBe(false);
    expect(maySeeAgenda(as("viewer"), { status: "planned", agendaPublishedAt: null })).toBe(true);
    expect(maySeeAgenda(anonymous, { status: "agenda_published", agendaPublishedAt: new Date() })).toBe(true);
    expect(maySeeOutcomes(anonymous, { status: "agenda_published" })).toBe(false);
    expect(maySeeOutcomes(anonymous, { status: "held" })).toBe(true);
    expect(maySeeMinutes(anonymous, { minutesStatus: "circulated" })).toBe(false);
    expect(maySeeMinutes(anonymous, { minutesStatus: "approved" })).toBe(true);
    expect(mayReadDiscussion(anonymous)).toBe(false);
  });
});
