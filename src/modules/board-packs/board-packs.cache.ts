/**
 * A small in-memory LRU of built packs: one entry per partnership, meeting and kind (public or
 * full), valid while its fingerprint (a hash of everything the pack is made from, paper versions
 * included) is unchanged. Each app process keeps its own; a pack is cheap to rebuild, so nothing is
 * shared between instances. Builds of the same pack already under way are shared, not repeated.
 */
export class PackCache<T extends { pdf: Uint8Array }> {
  private readonly entries = new Map<string, { fingerprint: string; value: T }>();
  private readonly building = new Map<string, Promise<T>>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 16,
    private readonly maxBytes = 128 * 1024 * 1024,
  ) {}

  /** The cached pack if its fingerprint still matches; otherwise builds it (once, however many ask at the same time). */
  async get(key: string, fingerprint: string, build: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.fingerprint === fingerprint) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const flightKey = `${key}\u0000${fingerprint}`;
    const inFlight = this.building.get(flightKey);
    if (inFlight) return inFlight;
    const promise = build().then(
      (value) => {
        this.building.delete(flightKey);
        this.put(key, fingerprint, value);
        return value;
      },
      (err: unknown) => {
        this.building.delete(flightKey);
        throw err;
      },
    );
    this.building.set(flightKey, promise);
    return promise;
  }

  /** The cached pack for this key and fingerprint, without building it. */
  peek(key: string, fingerprint: string): T | undefined {
    const hit = this.entries.get(key);
    return hit && hit.fingerprint === fingerprint ? hit.value : undefined;
  }

  private put(key: string, fingerprint: string, value: T): void {
    this.remove(key);
    if (value.pdf.byteLength > this.maxBytes) return;
    this.entries.set(key, { fingerprint, value });
    this.bytes += value.pdf.byteLength;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.bytes -= old.value.pdf.byteLength;
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
