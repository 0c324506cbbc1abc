import type { Locator, Page } from "playwright-core";
import { submitAndWait } from "./sign-in.page.ts";

/** A meeting's minutes page: a section (and, for the board office, a form) per agenda item. */
export class MinutesPage {
  constructor(private readonly page: Page) {}

  /** The section of one item, found by its heading, e.g. "2. STP budget". */
  item(number: string, title: string): Locator {
    return this.page.getByRole("region", { name: `${number}. ${title}` });
  }

  startDrafting(): Promise<number> {
    return submitAndWait(this.page, () => this.page.getByRole("button", { name: "Start drafting the minutes" }).click());
  }

  async write(number: string, title: string, values: { discussion?: string; publicSummary?: string; outcome?: string }): Promise<void> {
    const section = this.item(number, title);
    if (values.discussion !== undefined) await section.getByLabel("Discussion", { exact: true }).fill(values.discussion);
    if (values.publicSummary !== undefined) await section.getByLabel("Public summary", { exact: true }).fill(values.publicSummary);
    if (values.outcome !== undefined) await section.getByLabel("Outcome", { exact: true }).fill(values.outcome);
  }

  save(number: string, title: string): Promise<number> {
    return submitAndWait(this.page, () =>
      this.item(number, title)
        .getByRole("button", { name: `Save minutes of item ${number}` })
        .click(),
    );
  }
}
