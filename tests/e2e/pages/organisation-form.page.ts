import type { Page } from "playwright-core";
import { submitAndWait } from "./sign-in.page.ts";

/** The add / edit organisation form. */
export class OrganisationFormPage {
  constructor(private readonly page: Page) {}

  async openNew(): Promise<this> {
    await this.page.goto("/organisations/new");
    return this;
  }

  async fill(values: { name?: string; shortName?: string; kind?: string; odsCode?: string }): Promise<void> {
    if (values.name !== undefined) await this.page.getByLabel("Name", { exact: true }).fill(values.name);
    if (values.shortName !== undefined) await this.page.getByLabel(/^Short name/).fill(values.shortName);
    if (values.kind !== undefined) await this.page.getByLabel("Kind", { exact: true }).selectOption({ label: values.kind });
    if (values.odsCode !== undefined) await this.page.getByLabel(/^ODS code/).fill(values.odsCode);
  }

  /** Presses the form's main button ("Add organisation" or "Save changes"); returns the resulting status. */
  submit(): Promise<number> {
    return submitAndWait(this.page, () => this.page.getByRole("button", { name: /^(Add organisation|Save changes)$/ }).click());
  }

  errorSummary() {
    return this.page.locator(".nhsuk-error-summary");
  }
}
