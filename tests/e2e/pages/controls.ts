import type { Locator, Page } from "playwright-core";
import type { DomControl } from "../support/dom.ts";

/** Chooses the first option whose text contains `text` (pickers label people with their job too). */
export async function selectOptionContaining(select: Locator, text: string): Promise<void> {
  const value = await select.evaluate(
    (el, wanted) => Array.from((el as unknown as DomControl).options).find((o) => o.text.includes(wanted))?.value ?? null,
    text,
  );
  if (value === null) throw new Error(`no option containing “${text}”`);
  await select.selectOption(value);
}

/** Fills an NHS date input (Day, Month, Year inside a fieldset) found by its legend. */
export async function fillDate(page: Page, legend: string, date: { day: number; month: number; year: number }): Promise<void> {
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(String(date.day));
  await group.getByLabel("Month").fill(String(date.month));
  await group.getByLabel("Year").fill(String(date.year));
}
