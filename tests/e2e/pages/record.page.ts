import type { Locator, Page } from "playwright-core";
import { submitAndWait } from "./sign-in.page.ts";

/** What every record page (organisation, person, body) shares: heading, flash message, history. */
export class RecordPage {
  constructor(protected readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  /** The one-off message after a change, e.g. "Your changes have been saved". */
  flash(): Locator {
    return this.page.locator(".app-flash");
  }

  /** The rows of the audit history table, newest first. */
  historyRows(): Locator {
    return this.page.locator("section[aria-labelledby='history-heading'] tbody tr");
  }

  /** Follows a link (NHS "button" links included) by its accessible name; returns the new page's status. */
  follow(name: string | RegExp): Promise<number> {
    return submitAndWait(this.page, () => this.page.getByRole("button", { name }).or(this.page.getByRole("link", { name })).first().click());
  }
}
