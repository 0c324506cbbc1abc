import type { Page } from "playwright-core";
import { fillDate } from "./controls.ts";
import { submitAndWait } from "./sign-in.page.ts";

/** The schedule / edit meeting form. */
export class MeetingFormPage {
  constructor(private readonly page: Page) {}

  async fill(values: {
    body?: string;
    title?: string;
    date: { day: number; month: number; year: number };
    startTime?: string;
    endTime?: string;
    venue?: string;
    privateSession?: boolean;
  }): Promise<void> {
    if (values.body !== undefined) await this.page.getByLabel("Body", { exact: true }).selectOption({ label: values.body });
    if (values.title !== undefined) await this.page.getByLabel("Title (optional)").fill(values.title);
    await fillDate(this.page, "Date", values.date);
    if (values.startTime !== undefined) await this.page.getByLabel("Start time").fill(values.startTime);
    if (values.endTime !== undefined) await this.page.getByLabel("End time").fill(values.endTime);
    if (values.venue !== undefined) await this.page.getByLabel("Venue (optional)").fill(values.venue);
    if (values.privateSession !== undefined) {
      const box = this.page.getByRole("group", { name: "Sessions" }).getByLabel(/^A private session/);
      await (values.privateSession ? box.check() : box.uncheck());
    }
  }

  /** Presses "Schedule the meeting" or "Save changes"; returns the resulting status. */
  submit(): Promise<number> {
    return submitAndWait(this.page, () => this.page.getByRole("button", { name: /^(Schedule the meeting|Save changes)$/ }).click());
  }
}
