import type { Page } from "playwright-core";
import { fillDate, selectOptionContaining } from "./controls.ts";
import { submitAndWait } from "./sign-in.page.ts";

/** The "add a member" form of a body. */
export class MemberFormPage {
  constructor(private readonly page: Page) {}

  async fill(values: { person: string; role: string; voting: boolean; startsOn: { day: number; month: number; year: number } }): Promise<void> {
    await selectOptionContaining(this.page.getByLabel("Person", { exact: true }), values.person);
    await this.page.getByLabel("Role", { exact: true }).selectOption({ label: values.role });
    await this.page
      .getByRole("group", { name: /vote/ })
      .getByLabel(values.voting ? "Yes" : "No", { exact: true })
      .check();
    await fillDate(this.page, "Start date", values.startsOn);
  }

  submit(): Promise<number> {
    return submitAndWait(this.page, () => this.page.getByRole("button", { name: "Add member" }).click());
  }
}
