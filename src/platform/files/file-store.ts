import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { createReadStream } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { NotFound, ServiceUnavailable } from "../http/errors.ts";

/** Where uploaded files live, addressed by the SHA-256 of their content. */
export interface FileStore {
  /** Stores the bytes (once, however often they are put) and returns their address. */
  put(content: Buffer): Promise<{ sha256: string; sizeBytes: number }>;
  /** Reads stored bytes back; NotFound if the address holds nothing. */
  read(sha256: string): Promise<Buffer>;
  /** Streams stored bytes, for downloads. */
  stream(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The disk or its permissions refused a write: the upload fails clearly and nothing half-written remains. */
export class StorageUnavailable extends ServiceUnavailable {
  constructor(reason: string) {
    super(`The file could not be saved: ${reason}. Nothing was changed; try again later or tell the administrator.`);
  }
}

function storageReason(err: unknown): string | undefined {
  switch ((err as NodeJS.ErrnoException).code) {
    case "ENOSPC":
    case "EDQUOT":
      return "the file store is full";
    case "EROFS":
      return "the file store is read-only";
    case "EACCES":
    case "EPERM":
      return "the file store does not allow writing";
    case "ENOTDIR":
      return "the file store's folder is not a folder";
    default:
      return undefined;
  }
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir reports ENOENT, not EROFS, when a
 * missing folder cannot be made on a read-only filesystem, which would hide the real problem.
 */
async function makeDirectories(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return; // a file there fails clearly (ENOTDIR) when it is written into
    if (code !== "ENOENT" || path.dirname(dir) === dir) throw err;
    await makeDirectories(path.dirname(dir));
    await fs.mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== "EEXIST") throw again;
    });
  }
}

/**
 * Content-addressed files on local disk (`<root>/ab/cd/<sha256>`): written to a temporary file,
 * flushed and renamed into place, so a crash or a full disk never leaves a partial file under
 * a real address. The default store; S3-compatible storage is the multi-node alternative.
 */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new NotFound("File not found");
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Buffer): Promise<{ sha256: string; sizeBytes: number }> {
    const sha256 = createHash("sha256").update(content).digest("hex");
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return { sha256, sizeBytes: content.length };
    const temp = path.join(path.dirname(target), `.tmp-${randomBytes(8).toString("hex")}`);
    try {
      await makeDirectories(path.dirname(target));
      const handle = await fs.open(temp, "wx", 0o640);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => {});
      const reason = storageReason(err);
      if (reason) throw new StorageUnavailable(reason);
      throw err;
    }
    return { sha256, sizeBytes: content.length };
  }

  async read(sha256: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new NotFound("File not found");
      throw err;
    }
  }

  async stream(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    if (!(await this.has(sha256))) throw new NotFound("File not found");
    return createReadStream(file);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }
}
