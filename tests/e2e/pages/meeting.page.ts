import type { Locator } from "playwright-core";
import { RecordPage } from "./record.page.ts";
import { submitAndWait } from "./sign-in.page.ts";

/** A meeting's page: its details, the agenda with its numbered items, and the buttons that move it on. */
export class MeetingPage extends RecordPage {
  /** The agenda section. */
  agenda(): Locator {
    return this.page.getByRole("region", { name: "Agenda" });
  }

  /** The agenda's items as their headings read, in order, e.g. ["1 Welcome and apologies", "2 STP budget"]. */
  async agendaHeadings(): Promise<string[]> {
    const texts = await this.agenda().getByRole("heading", { level: 3 }).allTextContents();
    return texts.map((t) => t.replace(/\s+/g, " ").trim());
  }

  /** One agenda entry (its list item), found by its title. */
  agendaEntry(title: string): Locator {
    return this.agenda()
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("heading", { name: title }) });
  }

  /** Presses a button of the page (a form's submit button) by its accessible name; returns the new page's status. */
  press(name: string | RegExp): Promise<number> {
    return submitAndWait(this.page, () => this.page.getByRole("button", { name, exact: typeof name === "string" }).click());
  }
}
