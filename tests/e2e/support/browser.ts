import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium; browser tests never download a browser of their own. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** True when Chromium is installed; without it the browser tests are skipped, loudly. */
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

// Without the background-networking flags Chromium keeps calling out to Google's services, which
// this machine's closed network refuses; --no-sandbox because CI runs as root.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Prints, once per test file, that the browser tests did not run and why; never a silent skip. */
export function warnIfChromiumMissing(suite: string): void {
  if (chromiumAvailable) return;
  const line = "!".repeat(100);
  console.warn(
    [
      "",
      line,
      `!!! BROWSER TESTS SKIPPED (${suite}): ${CHROMIUM_PATH} is not installed.`,
      "!!! Accessibility (axe), the journeys and the no-JavaScript checks did NOT run.",
      "!!! Install Debian's Chromium to run them:  apt-get install -y chromium",
      line,
      "",
    ].join("\n"),
  );
}

/**
 * Starts headless Chromium. Playwright gives every launch a new, empty profile directory
 * (its own --user-data-dir in the temp dir) and deletes it on close.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS, timeout: 60_000 });
}
