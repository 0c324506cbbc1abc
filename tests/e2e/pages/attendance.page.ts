import type { Locator, Page } from "playwright-core";
import { submitAndWait } from "./sign-in.page.ts";

export type MemberAttendance = "Present" | "Apologies" | "Absent" | "Not recorded";

/** A meeting's attendance page: one radio group per member of the body, and the quorum statement. */
export class AttendancePage {
  constructor(private readonly page: Page) {}

  /** Chooses each member's attendance; members are named as the legends of their radio groups. */
  async choose(choices: Record<string, MemberAttendance>): Promise<void> {
    for (const [member, status] of Object.entries(choices)) {
      await this.page.getByRole("group", { name: member, exact: true }).getByLabel(status, { exact: true }).check();
    }
  }

  /** The radio chosen for a member, or null. */
  async chosen(member: string): Promise<string | null> {
    const group = this.page.getByRole("group", { name: member, exact: true });
    for (const status of ["Present", "Apologies", "Absent", "Not recorded"] as const) {
      if (await group.getByLabel(status, { exact: true }).isChecked()) return status;
    }
    return null;
  }

  save(): Promise<number> {
    return submitAndWait(this.page, () => this.page.getByRole("button", { name: "Save attendance" }).click());
  }

  /** The "Quorum" section: the result, the rule and any shortfall. */
  quorum(): Locator {
    return this.page.getByRole("region", { name: "Quorum" });
  }
}
