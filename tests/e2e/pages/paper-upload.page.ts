import type { Page } from "playwright-core";
import { submitAndWait } from "./sign-in.page.ts";

/** The "upload a paper" form of an agenda item (a multipart form). */
export class PaperUploadPage {
  constructor(private readonly page: Page) {}

  async fill(values: { title: string; file: string }): Promise<void> {
    await this.page.getByLabel("Title", { exact: true }).fill(values.title);
    await this.page.getByLabel("File", { exact: true }).setInputFiles(values.file);
  }

  submit(): Promise<number> {
    return submitAndWait(this.page, () => this.page.getByRole("button", { name: "Upload paper" }).click());
  }
}
