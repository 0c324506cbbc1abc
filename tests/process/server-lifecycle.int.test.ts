import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stopOrphanedPostgres } from "../../src/platform/db/embedded.ts";

// These tests start Quorum the way a user does (embedded PostgreSQL, a data directory), as real
// processes, and check what the issue promises of start-up, the data-dir lock and shutdown.

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-lifecycle-"));
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startQuorum(): { child: ChildProcess; ready: Promise<Started>; exited: Promise<number | null>; output: () => string } {
  // As `npm start` does: build the server bundle and run it (scripts/start.ts).
  const child = spawn(process.execPath, ["scripts/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, QUORUM_DATA_DIR: dataDir, PORT: "0", DATABASE_URL: "", NODE_ENV: "development", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<Started>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Quorum is running at (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearInterval(timer);
        resolve({ child, url: match[1], output: () => out });
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`Quorum exited with ${code} before it was ready:\n${out}`));
    });
  });
  return { child, ready, exited, output: () => out };
}

function postgresRunningOn(dir: string): boolean {
  try {
    return execFileSync("pgrep", ["-f", `postgres -D ${dir}`]).toString().trim().length > 0;
  } catch {
    return false;
  }
}

/** Signs in as the demo secretary and adds an organisation through the HTML form, as a browser would. */
async function addOrganisation(url: string, name: string): Promise<void> {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair!.split("=");
      jar.set(k!, v ?? "");
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? decodeURIComponent(/_csrf=([^"&]+)/.exec(html)?.[1] ?? "");
  const signInPage = await fetch(`${url}/sign-in`);
  remember(signInPage);
  const signedIn = await fetch(`${url}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf(await signInPage.text()), email: "secretary@example.org", password: "quorum-demo-2017" }),
  });
  expect(signedIn.status).toBe(303);
  remember(signedIn);
  const formPage = await fetch(`${url}/organisations/new`, { headers: { cookie: cookie() } });
  remember(formPage);
  const created = await fetch(`${url}/organisations`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf(await formPage.text()), name, kind: "voluntary_sector", active: "yes" }),
  });
  expect(created.status).toBe(303);
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  // A Quorum killed by a failing test leaves its detached PostgreSQL behind; stop it before deleting its files.
  await stopOrphanedPostgres(dataDir, () => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start with the embedded PostgreSQL", () => {
  it("serves the demo, refuses a second Quorum on the same data dir, stops cleanly on SIGTERM and keeps the data", async () => {
    const first = startQuorum();
    const { url } = await first.ready;
    expect(first.output()).toContain("Loaded the Kent and Medway demo partnership");
    expect(first.output()).toContain("secretary@example.org");
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const home = await (await fetch(`${url}/`)).text();
    expect(home).toContain("Kent and Medway Sustainability and Transformation Partnership");
    expect(home).toContain("Kent and Medway STP Programme Board");
    // The bundle finds the stylesheets and scripts it links to (its own and nhsuk-frontend's).
    for (const asset of [...home.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"))) {
      expect((await fetch(`${url}${asset}`)).status, asset).toBe(200);
    }
    expect(home).toContain("/assets/app/app.css");

    // A second Quorum on the same directory exits at once, naming the PID that holds it...
    const second = startQuorum();
    second.ready.catch(() => {}); // it is expected never to become ready
    const code = await second.exited;
    expect(code).toBe(1);
    expect(second.output()).toContain(`PID ${first.child.pid}`);
    expect(second.output()).toContain(dataDir);
    // ...and the first keeps working.
    expect((await fetch(`${url}/health`)).status).toBe(200);

    await addOrganisation(url, "Lifecycle Test Charity");

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(postgresRunningOn(dataDir)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "quorum.lock"))).toBe(false);

    // The next start finds everything, and does not load the demo again.
    const again = startQuorum();
    const restarted = await again.ready;
    expect(again.output()).not.toContain("Loaded the Kent and Medway demo partnership");
    const list = (await (await fetch(`${restarted.url}/api/v1/organisations?q=Lifecycle`)).json()) as { data: { name: string }[] };
    expect(list.data.map((o) => o.name)).toEqual(["Lifecycle Test Charity"]);
    again.child.kill("SIGINT");
    expect(await again.exited).toBe(0);
    expect(postgresRunningOn(dataDir)).toBe(false);
  }, 120_000);

  it("recovers after being killed with SIGKILL: stale lock and orphaned PostgreSQL", async () => {
    const first = startQuorum();
    await first.ready;
    first.child.kill("SIGKILL");
    await first.exited;
    const again = startQuorum();
    const { url } = await again.ready;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
    expect(postgresRunningOn(dataDir)).toBe(false);
  }, 120_000);
});
