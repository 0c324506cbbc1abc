/**
 * Resilience (issue 6, point 6): Quorum killed with SIGKILL in the middle of a stream of writes.
 * Quorum runs as `npm start` runs it (src/server.ts, its embedded PostgreSQL in a data dir); eight
 * API clients create organisations as fast as they can; Quorum is killed mid-stream (and, the
 * second time, its PostgreSQL too, as a power cut would); after a restart, every write that was
 * acknowledged (201 received) is there, with its audit event, and nothing is there that was never
 * sent.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { stopOrphanedPostgres } from "../../src/platform/db/embedded.ts";
import { adminToken, embeddedDatabaseUrl, embeddedPostgresPid, killAllQuorums, startQuorum } from "./support.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-resilience-crash-"));
const WRITERS = 8;
const KILL_AFTER_ACKNOWLEDGED = 120;

afterAll(async () => {
  await killAllQuorums();
  await stopOrphanedPostgres(dataDir, () => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Stream {
  /** Names sent, whether or not an answer came. */
  sent: Set<string>;
  /** id → name of every organisation whose 201 arrived. */
  acknowledged: Map<string, string>;
  /** Resolves when every writer has stopped (its connection refused or reset). */
  done: Promise<void>;
}

/** Writers that create organisations one after another until Quorum stops answering. */
function writeUntilKilled(url: string, token: string, label: string): Stream {
  const sent = new Set<string>();
  const acknowledged = new Map<string, string>();
  let counter = 0;
  const writer = async (w: number) => {
    for (;;) {
      const name = `${label} writer ${w} organisation ${++counter}`;
      sent.add(name);
      let res: Response;
      try {
        res = await fetch(`${url}/api/v1/organisations`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ name, kind: "voluntary_sector" }),
          signal: AbortSignal.timeout(20_000),
        });
      } catch {
        return; // the process is gone: this write may or may not have been committed
      }
      // A PostgreSQL killed a moment before Quorum: the write was refused, and said so.
      if (res.status === 503) return;
      if (res.status !== 201) throw new Error(`a write was refused before the kill: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { id: string; name: string };
      acknowledged.set(body.id, body.name);
    }
  };
  const done = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))).then(() => undefined);
  return { sent, acknowledged, done };
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Checks, on the restarted Quorum and in its database, that every acknowledged write survived and nothing else appeared. */
async function verify(url: string, token: string, label: string, stream: Stream): Promise<void> {
  for (const [id, name] of stream.acknowledged) {
    const res = await fetch(`${url}/api/v1/organisations/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, `acknowledged organisation ${name} (${id}) is missing after the restart`).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe(name);
  }
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(dataDir) });
  await client.connect();
  try {
    const stored = await client.query<{ id: string; name: string; audited: boolean }>(
      `select o.id, o.name, exists (select 1 from audit_events a where a.partnership_id = o.partnership_id and a.record_id = o.id) as audited
         from organisations o where o.name like $1`,
      [`${label} %`],
    );
    const unknown = stored.rows.filter((r) => !stream.sent.has(r.name));
    expect(unknown, "organisations that were never sent").toEqual([]);
    expect(
      stored.rows.filter((r) => !r.audited).map((r) => r.name),
      "organisations stored without their audit event",
    ).toEqual([]);
    // At most one write per writer was in flight at the kill: committed or not, it was never acknowledged.
    expect(stored.rows.length).toBeGreaterThanOrEqual(stream.acknowledged.size);
    expect(stored.rows.length).toBeLessThanOrEqual(stream.acknowledged.size + WRITERS);
  } finally {
    await client.end();
  }
}

describe("kill -9 during a stream of writes", () => {
  let token = "";

  it("keeps every acknowledged write when Quorum is killed", async () => {
    const first = startQuorum({ QUORUM_DATA_DIR: dataDir });
    const url = await first.ready;
    token = await adminToken(embeddedDatabaseUrl(dataDir));

    const stream = writeUntilKilled(url, token, "Crash one");
    await waitUntil(() => stream.acknowledged.size >= KILL_AFTER_ACKNOWLEDGED, 60_000);
    first.child.kill("SIGKILL");
    await first.exited;
    await stream.done;
    expect(stream.acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);

    // The embedded PostgreSQL outlived its Quorum; the next start stops it and takes over the data dir.
    const again = startQuorum({ QUORUM_DATA_DIR: dataDir });
    const restarted = await again.ready;
    await verify(restarted, token, "Crash one", stream);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  }, 120_000);

  it("keeps every acknowledged write when Quorum and its PostgreSQL are both killed", async () => {
    const first = startQuorum({ QUORUM_DATA_DIR: dataDir });
    const url = await first.ready;

    const stream = writeUntilKilled(url, token, "Crash two");
    await waitUntil(() => stream.acknowledged.size >= KILL_AFTER_ACKNOWLEDGED, 60_000);
    const postgresPid = embeddedPostgresPid(dataDir);
    expect(postgresPid).toBeDefined();
    // Everything at once, as a power cut would: PostgreSQL's whole process group, then Quorum.
    process.kill(-postgresPid!, "SIGKILL");
    first.child.kill("SIGKILL");
    await first.exited;
    await stream.done;

    // PostgreSQL replays its write-ahead log at the next start: committed means kept.
    const again = startQuorum({ QUORUM_DATA_DIR: dataDir });
    const restarted = await again.ready;
    await verify(restarted, token, "Crash two", stream);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  }, 120_000);
});
