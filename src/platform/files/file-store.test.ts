import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalFileStore, StorageUnavailable } from "./file-store.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-files-"));
afterAll(() => {
  fs.chmodSync(root, 0o755);
  fs.rmSync(root, { recursive: true, force: true });
});

describe("LocalFileStore", () => {
  it("stores content once under its SHA-256 and reads it back", async () => {
    const store = new LocalFileStore(path.join(root, "a"));
    const first = await store.put(Buffer.from("Programme Board papers"));
    const again = await store.put(Buffer.from("Programme Board papers"));
    expect(first).toEqual({ sha256: createHash("sha256").update("Programme Board papers").digest("hex"), sizeBytes: 22 });
    expect(again).toEqual(first);
    expect((await store.read(first.sha256)).toString()).toBe("Programme Board papers");
    expect(fs.readdirSync(path.join(root, "a", first.sha256.slice(0, 2), first.sha256.slice(2, 4)))).toEqual([first.sha256]);
  });

  it("refuses addresses that are not hashes, so no path can escape the store", async () => {
    const store = new LocalFileStore(path.join(root, "b"));
    await expect(store.read("../../etc/passwd")).rejects.toThrow("File not found");
  });

  it("gives a clear error on a read-only store and leaves nothing half-written", async () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; a file where a directory must go makes the write fail the same way.
      const dir = path.join(root, "c");
      fs.writeFileSync(dir, "not a directory");
      const store = new LocalFileStore(dir);
      await expect(store.put(Buffer.from("x"))).rejects.toBeInstanceOf(StorageUnavailable);
      expect(fs.readFileSync(dir, "utf8")).toBe("not a directory");
      return;
    }
    const dir = path.join(root, "d");
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o555);
    const store = new LocalFileStore(dir);
    await expect(store.put(Buffer.from("x"))).rejects.toBeInstanceOf(StorageUnavailable);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
