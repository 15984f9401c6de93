/**
 * A bounded cache of answers computed asynchronously: an answer is served for `ttlMs` after
 * it was computed, callers asking while it is being computed share that computation, and at
 * most `maxEntries` answers are kept, the least recently asked leaving first. A computation
 * that throws is not kept.
 */
export class TtlCache<V> {
  private readonly entries = new Map<
    string,
    { value: Promise<V>; expiresAt: number }
  >();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
    },
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const now = (this.options.now ?? Date.now)();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && hit.expiresAt > now) {
      // Re-inserted last: Map order is the recency order.
      this.entries.set(key, hit);
      return hit.value;
    }
    const entry = {
      value: compute(),
      // Until it settles, the computation itself is shared; its TTL starts when it does.
      expiresAt: Number.POSITIVE_INFINITY,
    };
    entry.value.then(
      () => {
        entry.expiresAt = (this.options.now ?? Date.now)() + this.options.ttlMs;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entry.value;
  }
}
