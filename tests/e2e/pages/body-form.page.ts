import type { Page } from "playwright-core";
import { selectOptionContaining } from "./controls.ts";
import { submitAndWait } from "./sign-in.page.ts";

/** The add / edit body form. */
export class BodyFormPage {
  constructor(private readonly page: Page) {}

  async fill(values: { name: string; shortName?: string; kind: string; reportsTo?: string; purpose?: string; meetsInPublic: boolean }): Promise<void> {
    await this.page.getByLabel("Name", { exact: true }).fill(values.name);
    if (values.shortName !== undefined) await this.page.getByLabel(/^Short name/).fill(values.shortName);
    await this.page.getByLabel("Kind", { exact: true }).selectOption({ label: values.kind });
    if (values.reportsTo !== undefined) await selectOptionContaining(this.page.getByLabel("Reports to"), values.reportsTo);
    if (values.purpose !== undefined) await this.page.getByLabel("Purpose").fill(values.purpose);
    await this.page
      .getByRole("group", { name: /meet in public/ })
      .getByLabel(values.meetsInPublic ? "Yes" : "No", { exact: true })
      .check();
  }

  submit(): Promise<number> {
    return submitAndWait(this.page, () => this.page.getByRole("button", { name: /^(Add body|Save changes)$/ }).click());
  }
}
