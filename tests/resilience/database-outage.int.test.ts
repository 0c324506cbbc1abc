/**
 * Resilience (issue 6, point 6): PostgreSQL stopped under load, then started again. Quorum runs as
 * a real process against a PostgreSQL server of the test's own (DATABASE_URL, a fixed port), which
 * the test stops and starts while clients keep reading pages and the API and writing through it.
 * While the database is down every request gets a clear 503 at once (the NHS error page "Sorry,
 * the service is unavailable" for pages, `{ error: { code: "service_unavailable" } }` for the API,
 * 503 from /health): never a hang, never a 500. Once PostgreSQL is back, Quorum serves again by
 * itself (its pool reconnects), without a restart. Played twice: a fast shutdown (sessions are
 * told, 57P01) and an immediate one (a crash; PostgreSQL recovers from its log at the next start).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, killAllQuorums, PostgresServer, startQuorum, type QuorumProcess } from "./support.ts";

const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-resilience-outage-"));
let server: PostgresServer;
let quorum: QuorumProcess;
let url = "";
let token = "";

/** Longer than this is a hang: a refused connection is answered at once, a lost one within the pool's 5 s connect timeout. */
const HANG_MS = 8_000;

beforeAll(async () => {
  server = await PostgresServer.create();
  await server.start();
  await server.createDatabase("quorum");
  quorum = startQuorum({ DATABASE_URL: server.url("quorum"), QUORUM_DATA_DIR: filesDir });
  url = await quorum.ready;
  token = await adminToken(server.url("quorum"));
}, 120_000);

afterAll(async () => {
  await killAllQuorums();
  await server?.destroy();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

type Kind = "page" | "api-read" | "api-write" | "health";
interface Answer {
  kind: Kind;
  startedAt: number;
  ms: number;
  status: number;
  contentType: string;
  body: string;
}

let counter = 0;
/** One request of a kind, as a browser or API client makes it; a timeout is recorded as status 0. */
async function request(kind: Kind): Promise<Answer> {
  const startedAt = Date.now();
  const init: RequestInit = { signal: AbortSignal.timeout(HANG_MS * 2) };
  let target = `${url}/`;
  if (kind === "health") target = `${url}/health`;
  if (kind === "api-read") target = `${url}/api/v1/organisations`;
  if (kind === "api-write") {
    target = `${url}/api/v1/organisations`;
    init.method = "POST";
    init.headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    init.body = JSON.stringify({ name: `Outage test organisation ${++counter}`, kind: "voluntary_sector" });
  }
  try {
    const res = await fetch(target, init);
    return { kind, startedAt, ms: Date.now() - startedAt, status: res.status, contentType: res.headers.get("content-type") ?? "", body: await res.text() };
  } catch (err) {
    return { kind, startedAt, ms: Date.now() - startedAt, status: 0, contentType: "", body: String(err) };
  }
}

const KINDS: Kind[] = ["page", "api-read", "api-write", "health"];

/** Clients that keep requesting every kind until stopped. */
function load(clients = 6): { answers: Answer[]; stop(): Promise<void> } {
  const answers: Answer[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async (_, c) => {
    for (let i = c; running; i++) answers.push(await request(KINDS[i % KINDS.length]!));
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** What is wrong with an answer given while the database was down, or null. */
function wrongWhileDown(a: Answer): string | null {
  if (a.status === 0) return `no answer within ${HANG_MS * 2} ms (${a.body})`;
  if (a.ms > HANG_MS) return `took ${a.ms} ms`;
  if (a.status !== 503) return `status ${a.status}: ${a.body.slice(0, 200)}`;
  if (a.kind === "page") {
    if (!a.contentType.includes("text/html")) return `page answered as ${a.contentType}`;
    if (!a.body.includes("Sorry, the service is unavailable")) return "page does not say the service is unavailable";
    return null;
  }
  if (a.kind === "health") return a.body.includes('"database":"down"') ? null : `health said ${a.body}`;
  const parsed = JSON.parse(a.body) as { error?: { code?: string; message?: string } };
  return parsed.error?.code === "service_unavailable" && parsed.error.message ? null : `API said ${a.body.slice(0, 200)}`;
}

function describeAll(answers: Answer[], wrong: (a: Answer) => string | null): string[] {
  return answers.flatMap((a) => {
    const w = wrong(a);
    return w ? [`${a.kind}: ${w}`] : [];
  });
}

async function outage(mode: "fast" | "immediate") {
  const traffic = load();
  await sleep(1_500);
  const up = traffic.answers.length;
  expect(up, "no requests were answered before the outage").toBeGreaterThan(0);
  expect(describeAll(traffic.answers.slice(0, up), (a) => (a.status >= 200 && a.status < 300 ? null : `status ${a.status}: ${a.body.slice(0, 200)}`))).toEqual(
    [],
  );

  await server.stop(mode);
  const downSince = Date.now();
  await sleep(3_000);
  const downUntil = Date.now();
  await server.start();
  const upAgain = Date.now();

  // Quorum notices by itself: the next requests after PostgreSQL is back succeed (the pool makes new connections).
  let recoveredAt = 0;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(100)) {
    const health = await request("health");
    if (health.status === 200) {
      recoveredAt = Date.now();
      break;
    }
  }
  await sleep(1_000);
  await traffic.stop();

  expect(quorum.child.exitCode, `Quorum exited during the outage:\n${quorum.output().slice(-3000)}`).toBeNull();
  expect(recoveredAt, "Quorum did not recover within 30 s of PostgreSQL starting again").toBeGreaterThan(0);

  // Requests made entirely while PostgreSQL was down: a clear 503, at once.
  const whileDown = traffic.answers.filter((a) => a.startedAt >= downSince && a.startedAt + a.ms <= downUntil);
  expect(whileDown.length, "no requests were made while the database was down").toBeGreaterThan(10);
  for (const kind of KINDS)
    expect(
      whileDown.some((a) => a.kind === kind),
      `no ${kind} request while down`,
    ).toBe(true);
  expect(describeAll(whileDown, wrongWhileDown)).toEqual([]);

  // Around the edges (in flight as it stopped or started): a success or a clear 503, never a 500 or a hang.
  const edges = traffic.answers.filter((a) => !whileDown.includes(a));
  expect(
    describeAll(edges, (a) =>
      a.status === 0 || a.ms > HANG_MS ? `hung (${a.ms} ms)` : a.status >= 500 && a.status !== 503 ? `status ${a.status}: ${a.body.slice(0, 200)}` : null,
    ),
  ).toEqual([]);

  // After recovery everything works again, without a restart.
  const after = await Promise.all(KINDS.map((k) => request(k)));
  expect(after.map((a) => `${a.kind} ${a.status}`)).toEqual(["page 200", "api-read 200", "api-write 201", "health 200"]);
  return { whileDown: whileDown.length, recoveredAfterMs: recoveredAt - upAgain };
}

describe("PostgreSQL stopped under load and started again", () => {
  it("answers 503 while it is down after a fast shutdown, and recovers by itself", async () => {
    const pid = quorum.child.pid;
    await outage("fast");
    expect(quorum.child.pid).toBe(pid);
  }, 120_000);

  it("answers 503 while it is down after a crash (immediate shutdown), and recovers by itself", async () => {
    const pid = quorum.child.pid;
    await outage("immediate");
    expect(quorum.child.pid).toBe(pid);
  }, 120_000);
});
