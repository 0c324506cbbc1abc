/**
 * Summarises V8 .cpuprofile files (from `node --cpu-prof`): self time by function and by package
 * or source area. `npx tsx bench/profile-summary.ts <dir-or-file> [top]`.
 */
import fs from "node:fs/promises";
import path from "node:path";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

function area(url: string): string {
  if (!url) return "(native / V8)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return url;
  const src = url.indexOf("/src/");
  if (src >= 0)
    return url
      .slice(src + 1)
      .split("/")
      .slice(0, 3)
      .join("/");
  return path.basename(url);
}

export async function summariseProfiles(target: string, top = 25, skipSeconds = 0): Promise<string> {
  const stat = await fs.stat(target);
  const files = stat.isDirectory() ? (await fs.readdir(target)).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(target, f)) : [target];
  if (files.length === 0) return "(no .cpuprofile written)";
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const file of files) {
    const p = JSON.parse(await fs.readFile(file, "utf8")) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    // Time per sample from timeDeltas (µs); fall back to hitCount when absent.
    const time = new Map<number, number>();
    if (p.samples && p.timeDeltas) {
      // Skip start-up (module loading, compiling TypeScript): only samples after skipSeconds count.
      let at = 0;
      for (let i = 0; i < p.samples.length; i++) {
        at += p.timeDeltas[i] ?? 0;
        if (at < skipSeconds * 1e6) continue;
        time.set(p.samples[i]!, (time.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
      }
    } else for (const n of p.nodes) time.set(n.id, n.hitCount ?? 0);
    for (const [id, t] of time) {
      const n = byId.get(id);
      if (!n) continue;
      const fn = n.callFrame.functionName || "(anonymous)";
      total += t;
      if (fn === "(idle)" || fn === "(program)" || fn === "(garbage collector)") {
        if (fn === "(idle)") idle += t;
        const key = fn;
        self.set(key, (self.get(key) ?? 0) + t);
        areas.set(key, (areas.get(key) ?? 0) + t);
        continue;
      }
      const key = `${fn}  ${area(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ""}`;
      self.set(key, (self.get(key) ?? 0) + t);
      const a = area(n.callFrame.url);
      areas.set(a, (areas.get(a) ?? 0) + t);
    }
  }
  const busy = total - idle;
  const pct = (t: number) => `${((t / busy) * 100).toFixed(1)}%`;
  const lines = [
    `Busy (non-idle) time ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled; shares below are of busy time.`,
    "",
    "By area (self time):",
  ];
  for (const [k, t] of [...areas]
    .filter(([k]) => k !== "(idle)")
    .sort((x, y) => y[1] - x[1])
    .slice(0, 15))
    lines.push(`  ${pct(t).padStart(6)}  ${k}`);
  lines.push("", "Top functions (self time):");
  for (const [k, t] of [...self]
    .filter(([k]) => k !== "(idle)")
    .sort((x, y) => y[1] - x[1])
    .slice(0, top))
    lines.push(`  ${pct(t).padStart(6)}  ${k}`);
  return lines.join("\n");
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const [target, top, skip] = process.argv.slice(2);
  if (!target) {
    console.error("usage: tsx bench/profile-summary.ts <dir-or-file> [top]");
    process.exit(2);
  }
  void summariseProfiles(target, Number(top ?? 25), Number(skip ?? 0)).then((s) => console.log(s));
}
