/** The load scenarios (issue 6), shared by run.ts, soak.ts and peer.ts. */
import autocannon from "autocannon";
import type { BenchInfo } from "./lib.ts";

export interface Scenario {
  id: string;
  title: string;
  method: "GET" | "POST";
  path: string;
  auth: "read" | "write" | "session" | "anon";
  headers: Record<string, string>;
  body?: string;
  /** Checked once before measuring: the response must satisfy it. */
  check?: (status: number, body: string) => string | null;
}

export const SCENARIO_IDS = ["a", "b", "c", "d", "d2", "e", "f", "g"] as const;

/** Which path the search scenario uses: the search module's API or page when present, else the decision log's filter. */
export async function pickSearchPath(baseUrl: string, info: BenchInfo): Promise<{ path: string; note: string }> {
  const q = encodeURIComponent(info.searchWord);
  for (const candidate of [`/api/v1/search?q=${q}`, `/search?q=${q}`]) {
    const res = await fetch(baseUrl + candidate, { headers: { accept: candidate.startsWith("/api") ? "application/json" : "text/html" } }).catch(
      () => undefined,
    );
    if (res) await res.arrayBuffer();
    if (res && res.status === 200) return { path: candidate, note: `search module (${candidate.split("?")[0]})` };
  }
  return { path: `/decisions?q=${q}`, note: "search module not present when run: fell back to /decisions?q=" };
}

export function scenarios(info: BenchInfo, searchPath: string): Scenario[] {
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  const json = (status: number, body: string) => (status === 200 && body.startsWith("{") ? null : `expected 200 JSON, got ${status}: ${body.slice(0, 200)}`);
  const rowsOf = (body: string) => (JSON.parse(body) as { data?: unknown[] }).data?.length;
  const html = (status: number, body: string) => (status === 200 && body.includes("<html") ? null : `expected 200 HTML, got ${status}: ${body.slice(0, 200)}`);
  return [
    {
      id: "a",
      title: "API: open actions of one workstream, 25 per page",
      method: "GET",
      path: `/api/v1/workstreams/${info.workstreamId}/actions?status=open&limit=25`,
      auth: "read",
      headers: bearer(info.readToken),
      check: (s, b) => json(s, b) ?? (rowsOf(b) === 25 ? null : "expected 25 rows"),
    },
    {
      id: "b",
      title: "API: 100 outstanding actions across the partnership, by due date",
      method: "GET",
      path: `/api/v1/actions?status=outstanding&limit=100&sort=due`,
      auth: "read",
      headers: bearer(info.readToken),
      check: (s, b) => json(s, b) ?? (rowsOf(b) === 100 ? null : "expected 100 rows"),
    },
    {
      id: "c",
      title: "API: one action",
      method: "GET",
      path: `/api/v1/actions/${info.actionId}`,
      auth: "read",
      headers: bearer(info.readToken),
      check: json,
    },
    {
      id: "d",
      title: "HTML: action log of one workstream, signed in",
      method: "GET",
      path: `/workstreams/${info.workstreamSlug}/actions?status=open`,
      auth: "session",
      headers: { cookie: `quorum_session=${info.sessionToken}` },
      check: (s, b) => html(s, b) ?? (b.includes("Sign out") ? null : "not signed in (no Sign out link)"),
    },
    {
      id: "d2",
      title: "HTML: public decision log, anonymous",
      method: "GET",
      path: `/decisions`,
      auth: "anon",
      headers: {},
      check: html,
    },
    {
      id: "e",
      title: "API: create an action",
      method: "POST",
      path: `/api/v1/actions`,
      auth: "write",
      headers: { ...bearer(info.writeToken), "content-type": "application/json" },
      body: JSON.stringify({
        description: "Bench POST: follow up the stroke pathway review",
        ownerPersonId: info.ownerPersonId,
        dueOn: "2027-01-31",
        bodyId: info.bodyId,
      }),
      check: (s, b) => (s === 201 ? null : `expected 201, got ${s}: ${b.slice(0, 300)}`),
    },
    {
      id: "f",
      title: "HTML: public meeting page, 20 items with papers, anonymous",
      method: "GET",
      path: `/meetings/${info.publicMeetingId}`,
      auth: "anon",
      headers: {},
      check: (s, b) => html(s, b) ?? (b.includes("paper-20.pdf") || b.includes("Paper 20") ? null : "papers not shown"),
    },
    {
      id: "g",
      title: "Full-text search across decisions and minutes",
      method: "GET",
      path: searchPath,
      auth: searchPath.startsWith("/api") ? "read" : "anon",
      headers: searchPath.startsWith("/api") ? bearer(info.readToken) : {},
      check: (s) => (s === 200 ? null : `expected 200, got ${s}`),
    },
  ];
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  mean_ms: number;
  max_ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  ok_2xx: number;
  duration_s: number;
}

/** One autocannon run against a scenario. */
export async function load(baseUrl: string, s: Scenario, opts: { connections: number; duration: number }): Promise<LoadResult> {
  const r = await autocannon({
    url: baseUrl + s.path,
    method: s.method,
    headers: s.headers,
    ...(s.body === undefined ? {} : { body: s.body }),
    connections: opts.connections,
    duration: opts.duration,
  });
  return {
    requests: r.requests.total,
    rps: r.requests.average,
    p50_ms: r.latency.p50,
    p90_ms: r.latency.p90,
    p99_ms: r.latency.p99,
    mean_ms: r.latency.mean,
    max_ms: r.latency.max,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    ok_2xx: r["2xx"],
    duration_s: r.duration,
  };
}

/** One request, checked. */
export async function probe(baseUrl: string, s: Scenario): Promise<{ ok: boolean; message: string | null; status: number }> {
  const res = await fetch(baseUrl + s.path, { method: s.method, headers: s.headers, ...(s.body === undefined ? {} : { body: s.body }) });
  const text = await res.text();
  const message = s.check ? s.check(res.status, text) : null;
  return { ok: message === null, message, status: res.status };
}
