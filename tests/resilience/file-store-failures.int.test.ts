/**
 * Resilience (issue 6, point 6): a paper uploaded when the file store cannot write. Whatever the
 * reason (the disk is full, read-only, not writable, not a folder, or a store reports ENOSPC),
 * the upload — a new paper or a new version, through the API or the form — gets a clear 503 that
 * names the problem, and nothing is half-written: no paper or version row, no audit event, no
 * file or temporary file in the store, and the earlier version still downloads.
 *
 * How each failure is made, so that it is real wherever the tests run:
 *  - a really full disk and a really read-only filesystem are tiny tmpfs mounts (256 KB; the
 *    second remounted read-only). Mounting needs root with CAP_SYS_ADMIN (as in CI here); where
 *    it is not allowed those cases are skipped with a notice and the others still run.
 *  - a folder without write permission (chmod 0555) refuses only non-root users: root ignores
 *    permission bits, so as root that case is skipped (detected by trying to write).
 *  - a store whose folder is a file fails with ENOTDIR for everyone, root included.
 *  - a FileStore (the seam every store implements) whose put fails with ENOSPC, as any store, or
 *    any other disk write, may report it.
 */
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.ts";
import { LocalFileStore, type FileStore } from "../../src/platform/files/file-store.ts";
import { createAgendaItem, createBody, createMeeting } from "../factories/index.ts";
import { createTestApp, type Session, type TestApp } from "../setup/app.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-resilience-files-"));
const mounts: string[] = [];
let t: TestApp;
let secretary: Session;
let token: string;
let itemUrl: string;
let earlier: { id: string; pdf: Buffer };

/** A real PDF of about `bytes` bytes (an incompressible attachment makes up the size). */
async function pdf(title: string, bytes = 2_000): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(title, { x: 50, y: 700, size: 14, font });
  if (bytes > 2_000) await doc.attach(randomBytes(bytes), "appendix.bin", { mimeType: "application/octet-stream" });
  return Buffer.from(await doc.save());
}

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = `----QuorumResilience${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  chunks.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function uploadApi(app: FastifyInstance, url: string, fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const body = multipart(fields, file);
  return app.inject({
    method: "POST",
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}`, "content-type": body.contentType },
    payload: body.payload,
  });
}

function uploadForm(app: FastifyInstance, url: string, fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const body = multipart(fields, file);
  return app.inject({
    method: "POST",
    url: `${url}?_csrf=${encodeURIComponent(secretary.csrf)}`,
    headers: { cookie: secretary.cookie, "content-type": body.contentType },
    payload: body.payload,
  });
}

async function counts() {
  const { rows } = await t.database.pool.query<{ papers: string; versions: string; audit: string }>(
    `select (select count(*) from papers where partnership_id = $1) as papers,
            (select count(*) from paper_versions where partnership_id = $1) as versions,
            (select count(*) from audit_events where partnership_id = $1) as audit`,
    [t.partnership.id],
  );
  return rows[0];
}

/** Every file under a folder (none if it is not a folder). */
function filesUnder(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
  } catch {
    return [];
  }
}

/** Mounts a tmpfs of `size` at a new folder; undefined where mounting is not allowed. */
function tmpfs(size: string): string | undefined {
  const dir = fs.mkdtempSync(path.join(work, "mnt-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0755`, "tmpfs", dir], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  mounts.push(dir);
  return dir;
}

const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = tmpfs("16k");
  return probe !== undefined;
})();

/** True when permission bits stop this process writing (false for root). */
const permissionsBind = (() => {
  const dir = fs.mkdtempSync(path.join(work, "perm-"));
  fs.chmodSync(dir, 0o555);
  try {
    fs.writeFileSync(path.join(dir, "probe"), "x");
    return false;
  } catch {
    return true;
  } finally {
    fs.chmodSync(dir, 0o755);
  }
})();

if (!canMount)
  console.warn("[file-store-failures] cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): the full-disk and read-only-filesystem cases are skipped");

/** An errno error exactly as node:fs raises it. */
function errnoError(code: string, errno: number, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}, write`), { code, errno: -errno, syscall: "write" });
}

/** A FileStore that reads through a working store but cannot store anything new: put reports ENOSPC. */
class FullFileStore implements FileStore {
  constructor(private readonly inner: FileStore) {}
  put(): Promise<{ sha256: string; sizeBytes: number }> {
    return Promise.reject(errnoError("ENOSPC", 28, "no space left on device"));
  }
  read(sha256: string) {
    return this.inner.read(sha256);
  }
  stream(sha256: string) {
    return this.inner.stream(sha256);
  }
  has(sha256: string) {
    return this.inner.has(sha256);
  }
}

interface Scenario {
  name: string;
  available: boolean;
  /** The broken store, and the folder whose files must not change. */
  make(): { store: FileStore; dir: string };
  /** The words the error must use. */
  says: RegExp;
}

const scenarios: Scenario[] = [
  {
    name: "the disk is full (a 256 KB tmpfs with 16 KB left)",
    available: canMount,
    make() {
      const dir = tmpfs("256k")!;
      // Fill it to 16 KB short: the paper (about 64 KB) fails mid-write, after part of it is written.
      fs.writeFileSync(path.join(dir, "filler"), Buffer.alloc(256 * 1024 - 16 * 1024));
      return { store: new LocalFileStore(path.join(dir, "files")), dir };
    },
    says: /file store is full/,
  },
  {
    name: "the filesystem is read-only (a tmpfs remounted read-only)",
    available: canMount,
    make() {
      const dir = tmpfs("256k")!;
      execFileSync("mount", ["-o", "remount,ro", dir], { stdio: "ignore" });
      return { store: new LocalFileStore(path.join(dir, "files")), dir };
    },
    says: /file store is read-only/,
  },
  {
    name: "the folder does not allow writing (chmod 0555)",
    available: permissionsBind,
    make() {
      const dir = fs.mkdtempSync(path.join(work, "ro-"));
      fs.chmodSync(dir, 0o555);
      return { store: new LocalFileStore(path.join(dir, "files")), dir };
    },
    says: /does not allow writing/,
  },
  {
    name: "the store's folder is a file (ENOTDIR)",
    available: true,
    make() {
      const dir = fs.mkdtempSync(path.join(work, "notdir-"));
      fs.writeFileSync(path.join(dir, "files"), "not a folder");
      return { store: new LocalFileStore(path.join(dir, "files")), dir };
    },
    says: /not a folder/,
  },
  {
    name: "a store reports ENOSPC (a FileStore whose put fails)",
    available: true,
    make() {
      return { store: new FullFileStore(t.fileStore), dir: t.fileStore.root };
    },
    says: /full/,
  },
];

beforeAll(async () => {
  t = await createTestApp();
  secretary = await t.signIn("secretary");
  token = await t.token("secretary", "write");
  const db = t.database.db;
  const pid = t.partnership.id;
  const body = await createBody(db, pid, { name: "Resilience Programme Board", kind: "programme_board" });
  const meeting = await createMeeting(db, pid, { bodyId: body.id, status: "agenda_published", agendaPublishedAt: new Date("2018-02-26T09:00:00Z") });
  const item = await createAgendaItem(db, pid, { meetingId: meeting.id, title: "Local care deep dive", position: 1 });
  itemUrl = `/meetings/${meeting.id}/items/${item.id}/papers`;
  // A paper stored while the disk was fine: its bytes must survive every failed upload after it.
  const first = await pdf("Local care: the first version");
  const res = await uploadApi(t.app, itemUrl, { title: "Local care update" }, { name: "local-care.pdf", content: first });
  expect(res.statusCode, res.body).toBe(201);
  earlier = { id: res.json<{ id: string }>().id, pdf: first };
}, 120_000);

afterAll(async () => {
  await t?.close();
  for (const dir of mounts.reverse()) {
    try {
      execFileSync("umount", [dir], { stdio: "ignore" });
    } catch {
      execFileSync("umount", ["-l", dir], { stdio: "ignore" });
    }
  }
  for (const entry of fs.readdirSync(work)) fs.chmodSync(path.join(work, entry), 0o755);
  fs.rmSync(work, { recursive: true, force: true });
});

describe("uploading a paper when the file store cannot write", () => {
  for (const scenario of scenarios) {
    it.skipIf(!scenario.available)(`${scenario.name}: a clear 503 and nothing half-written`, async () => {
      const { store, dir } = scenario.make();
      const app = await buildApp({ config: t.config, database: t.database, logger: false, fileStore: store });
      try {
        const before = await counts();
        const filesBefore = filesUnder(dir);
        const content = await pdf("Local care: a new version", 64 * 1024);

        // The API: a new paper, then a new version of the earlier one.
        for (const [url, fields] of [
          [itemUrl, { title: "Stroke services update" }],
          [`/papers/${earlier.id}/versions`, { version: "1" }],
        ] as const) {
          const res = await uploadApi(app, url, fields, { name: "update.pdf", content });
          expect(res.statusCode, res.body).toBe(503);
          expect(res.headers["retry-after"]).toBeDefined();
          const error = res.json<{ error: { code: string; message: string } }>().error;
          expect(error.code).toBe("service_unavailable");
          expect(error.message).toMatch(scenario.says);
        }

        // The form: the same, said on the page.
        const page = await uploadForm(app, itemUrl, { title: "Stroke services update" }, { name: "update.pdf", content });
        expect(page.statusCode).toBe(503);
        expect(page.headers["content-type"]).toContain("text/html");
        expect(page.body.replaceAll("&#x27;", "'")).toMatch(scenario.says);

        // Nothing half-written: no rows, no audit events, no file or temporary file.
        expect(await counts()).toEqual(before);
        expect(filesUnder(dir)).toEqual(filesBefore);
        // The earlier version is intact and still downloads.
        const fromWorkingStore = await t.app.inject({
          method: "GET",
          url: `/api/v1/papers/${earlier.id}/download`,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(fromWorkingStore.rawPayload).toEqual(earlier.pdf);
      } finally {
        await app.close();
      }
    });
  }
});
