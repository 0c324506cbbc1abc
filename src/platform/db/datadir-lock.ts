import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * An exclusive claim on a Quorum data directory by this process.
 *
 * The lock is a file `quorum.lock` in the data directory. Its first line is the owner's PID (so
 * an operator can `cat` it); further lines carry a random token and, on Linux, the owner's boot
 * id and start time, so a PID reused by an unrelated process is not mistaken for a live owner.
 */
export interface DataDirLock {
  /** The data directory, absolute and with symlinks resolved. */
  readonly dataDir: string;
  /** The lock file. */
  readonly path: string;
  /** Removes the lock file if it is still ours; safe to call more than once. */
  release(): Promise<void>;
  /** Synchronous release for `process.on("exit")`, where asynchronous work never runs. */
  releaseSync(): void;
}

/** Thrown when another live process holds the data directory. */
export class DataDirLockedError extends Error {
  override readonly name = "DataDirLockedError";
  /** PID of the process holding the lock. */
  readonly pid: number;
  /** The data directory, absolute. */
  readonly dataDir: string;

  constructor(pid: number, dataDir: string) {
    super(
      pid === process.pid
        ? `This process already holds the lock on the data directory ${dataDir}.`
        : `Another Quorum (PID ${pid}) is already using the data directory ${dataDir}. Stop it first, or set QUORUM_DATA_DIR to a different directory.`,
    );
    this.pid = pid;
    this.dataDir = dataDir;
  }
}

export const LOCK_FILE_NAME = "quorum.lock";

// A lock file with no complete content is being written by its creator (between the exclusive
// open and the write); only if it stays that way this long did the creator die in between.
const INCOMPLETE_GRACE_MS = 2_000;
// Bounds the retry loops (well past INCOMPLETE_GRACE_MS); reaching it means something keeps
// recreating the file, not a real race.
const GIVE_UP_AFTER_MS = 10_000;
// Breaking a stale breaker recursively only happens if breakers themselves crash mid-way.
const MAX_BREAK_DEPTH = 8;

// Lock files held (or being acquired) by this process, by real path. A lock file naming our own
// PID that is not in here is left over from an earlier process that had the same PID (common for
// PID 1 in a container restarted after a crash), so it is stale.
const heldByThisProcess = new Set<string>();

/** Takes the exclusive lock on `dataDir` (created if missing), recovering a stale lock left by a dead process. */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  await fsp.mkdir(path.resolve(dataDir), { recursive: true });
  // Key by real path so two spellings of one directory (symlinks) are the same lock.
  const dir = await fsp.realpath(path.resolve(dataDir));
  const lockPath = path.join(dir, LOCK_FILE_NAME);

  // Synchronous check-and-set: two concurrent acquisitions in this process cannot both pass.
  if (heldByThisProcess.has(lockPath)) throw new DataDirLockedError(process.pid, dir);
  heldByThisProcess.add(lockPath);

  try {
    const content = describeOwner(process.pid, randomBytes(16).toString("hex"));
    for (const deadline = Date.now() + GIVE_UP_AFTER_MS; Date.now() < deadline;) {
      if (await createExclusive(lockPath, content)) return heldLock(dir, lockPath, content);

      const existing = await readIfExists(lockPath);
      if (existing === undefined) continue; // released between our attempt and the read
      const owner = parseOwner(existing);
      if (owner === undefined) {
        if (await isYoung(lockPath)) {
          await sleep(10);
          continue;
        }
      } else if (isAlive(owner)) {
        throw new DataDirLockedError(owner.pid, dir);
      }
      await removeIfUnchanged(lockPath, existing, 0);
    }
    throw new Error(`Could not lock the data directory ${dir}: ${lockPath} kept changing. Is something else creating it?`);
  } catch (err) {
    heldByThisProcess.delete(lockPath);
    throw err;
  }
}

function heldLock(dataDir: string, lockPath: string, content: string): DataDirLock {
  let released = false;
  return {
    dataDir,
    path: lockPath,
    async release() {
      if (released) return;
      released = true;
      try {
        // Only our exact content (PID and token) is ours to remove; nobody else can replace it while we
        // live, because a lock is only broken once its owner is dead.
        if ((await readIfExists(lockPath)) === content) await unlinkIfExists(lockPath);
      } finally {
        heldByThisProcess.delete(lockPath);
      }
    },
    releaseSync() {
      if (released) return;
      released = true;
      try {
        let current: string | undefined;
        try {
          current = fs.readFileSync(lockPath, "utf8");
        } catch (err) {
          if (!isErrno(err, "ENOENT")) throw err;
        }
        if (current === content) {
          try {
            fs.unlinkSync(lockPath);
          } catch (err) {
            if (!isErrno(err, "ENOENT")) throw err;
          }
        }
      } finally {
        heldByThisProcess.delete(lockPath);
      }
    },
  };
}

/**
 * Deletes `target` only if it still holds `staleContent`, safely against other processes doing the same.
 *
 * Reading, deciding and unlinking are separate steps, so two processes that both saw the same stale
 * lock could otherwise interleave as: A unlinks it, A creates its own lock, B unlinks A's lock, B
 * creates its own, and both believe they hold it. A breaker mutex named after the stale content
 * serialises the breakers; inside it the content is re-checked, and a stale lock cannot change
 * under us (its owner is dead and only the mutex holder may remove it), so the check stays true
 * until the unlink. A breaker that died holding its mutex leaves a stale mutex, broken the same way.
 */
async function removeIfUnchanged(target: string, staleContent: string, depth: number): Promise<void> {
  if (depth > MAX_BREAK_DEPTH) {
    throw new Error(`Could not remove the stale lock ${target}: too many abandoned lock breakers. Remove ${target}* by hand.`);
  }
  const hash = createHash("sha256").update(staleContent).digest("hex").slice(0, 16);
  const mutex = `${target}.break-${hash}`;
  const mutexContent = describeOwner(process.pid, randomBytes(16).toString("hex"));

  for (const deadline = Date.now() + GIVE_UP_AFTER_MS; Date.now() < deadline;) {
    if (await createExclusive(mutex, mutexContent)) {
      try {
        if ((await readIfExists(target)) === staleContent) await unlinkIfExists(target);
      } finally {
        await unlinkIfExists(mutex);
      }
      return;
    }
    // Someone else is breaking the same stale lock. Once they are done, the target has changed.
    if ((await readIfExists(target)) !== staleContent) return;
    const breaker = await readIfExists(mutex);
    if (breaker === undefined) continue;
    const breakerOwner = parseOwner(breaker);
    if ((breakerOwner === undefined && (await isYoung(mutex))) || (breakerOwner !== undefined && isAlive(breakerOwner))) {
      await sleep(5);
      continue;
    }
    await removeIfUnchanged(mutex, breaker, depth + 1);
  }
  throw new Error(`Could not remove the stale lock ${target}: it stayed contended.`);
}

interface Owner {
  pid: number;
  /** `<boot id>/<start time in clock ticks>` on Linux; absent where /proc is unavailable. */
  identity: string | undefined;
}

function describeOwner(pid: number, token: string): string {
  const identity = processIdentity(pid);
  // The final "end" line marks the content complete, so a reader can tell a half-written file apart.
  return `${pid}\ntoken=${token}\n${identity === undefined ? "" : `process=${identity}\n`}end\n`;
}

function parseOwner(content: string): Owner | undefined {
  if (!content.endsWith("end\n")) return undefined;
  const [first, ...rest] = content.split("\n");
  const pid = Number(first);
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  const identity = rest.find((line) => line.startsWith("process="))?.slice("process=".length);
  return { pid, identity };
}

function isAlive(owner: Owner): boolean {
  // Locks this process holds are tracked in memory, so a file naming our PID is an earlier process's.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to another user, so it is alive.
    if (!isErrno(err, "EPERM")) return false;
  }
  const now = processIdentity(owner.pid);
  // A zombie has exited and only awaits its parent; it holds nothing.
  if (now === "zombie") return false;
  // A different boot or start time means the PID now belongs to another process.
  if (owner.identity !== undefined && now !== undefined && now !== owner.identity) return false;
  return true;
}

let bootId: string | null | undefined;

/** `<boot id>/<start time>` for a live, non-zombie process on Linux; `"zombie"` for a zombie; undefined elsewhere. */
function processIdentity(pid: number): string | undefined {
  if (bootId === undefined) {
    try {
      bootId = fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    } catch {
      bootId = null;
    }
  }
  if (bootId === null) return undefined;
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const startTime = fields[19]; // field 22 of /proc/<pid>/stat
  if (state === "Z" || state === "X") return "zombie";
  return startTime === undefined ? undefined : `${bootId}/${startTime}`;
}

async function createExclusive(file: string, content: string): Promise<boolean> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, "wx", 0o644);
  } catch (err) {
    if (isErrno(err, "EEXIST")) return false;
    throw err;
  }
  try {
    await handle.writeFile(content, "utf8");
  } finally {
    await handle.close();
  }
  return true;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(file, "utf8");
  } catch (err) {
    if (isErrno(err, "ENOENT")) return undefined;
    throw err;
  }
}

async function unlinkIfExists(file: string): Promise<void> {
  try {
    await fsp.unlink(file);
  } catch (err) {
    if (!isErrno(err, "ENOENT")) throw err;
  }
}

async function isYoung(file: string): Promise<boolean> {
  try {
    const stat = await fsp.stat(file);
    return Date.now() - stat.mtimeMs < INCOMPLETE_GRACE_MS;
  } catch (err) {
    if (isErrno(err, "ENOENT")) return true; // gone already: retrying is right
    throw err;
  }
}

function isErrno(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && (err as NodeJS.ErrnoException).code === code;
}
