import type { Page } from "playwright-core";

/** The sign-in page, driven as a person would: by its labels and button. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto("/sign-in");
    return this;
  }

  /** Fills and submits the form; returns the status of the page it leads to. */
  async signIn(email: string, password: string): Promise<number> {
    await this.page.getByLabel("Email address").fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    return submitAndWait(this.page, () => this.page.getByRole("button", { name: "Sign in" }).click());
  }

  errorSummary() {
    return this.page.locator(".nhsuk-error-summary");
  }
}

/**
 * Runs an action that submits a form and waits for the resulting page; returns its status
 * (the final one, after any redirect).
 */
export async function submitAndWait(page: Page, action: () => Promise<unknown>): Promise<number> {
  const response = page.waitForResponse(
    (r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400),
  );
  await action();
  const final = await response;
  await page.waitForLoadState("load");
  return final.status();
}
