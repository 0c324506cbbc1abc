import type { Page } from "playwright-core";
import { selectOptionContaining } from "./controls.ts";
import { submitAndWait } from "./sign-in.page.ts";

/** The add / edit agenda item form. */
export class AgendaItemFormPage {
  constructor(private readonly page: Page) {}

  async fill(values: {
    title: string;
    kind: string;
    purpose?: string;
    minutesAllowed?: number;
    /** People by (part of) their name as the picker lists them, with the role the agenda gives them. */
    presenters?: { person: string; role?: string }[];
    recommendation?: string;
  }): Promise<void> {
    await this.page.getByLabel("Title", { exact: true }).fill(values.title);
    await this.page.getByLabel("Kind of item").selectOption({ label: values.kind });
    if (values.purpose !== undefined) await this.page.getByLabel("Purpose (optional)").selectOption({ label: values.purpose });
    if (values.minutesAllowed !== undefined) await this.page.getByLabel("Time allowed in minutes (optional)").fill(String(values.minutesAllowed));
    for (const [i, presenter] of (values.presenters ?? []).entries()) {
      await selectOptionContaining(this.page.getByLabel(`Presenter ${i + 1}`, { exact: true }), presenter.person);
      if (presenter.role !== undefined) await this.page.getByLabel(`Presenter ${i + 1}: role (optional)`).fill(presenter.role);
    }
    if (values.recommendation !== undefined) await this.page.getByLabel("Recommendation (optional)").fill(values.recommendation);
  }

  submit(): Promise<number> {
    return submitAndWait(this.page, () => this.page.getByRole("button", { name: /^(Add the item|Save changes)$/ }).click());
  }
}
