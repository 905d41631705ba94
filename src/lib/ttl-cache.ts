/**
 * One value per database handle (a `WeakMap` keyed by the app's `Db`): per-node caches that one
 * process serving several databases — as the test suite does — must never mix (docs/decisions/0015).
 */
export function perDatabase<T>(make: () => T): { of(db: object): T; forget(db: object): void } {
  const values = new WeakMap<object, T>();
  return {
    of(db) {
      let value = values.get(db);
      if (value === undefined) {
        value = make();
        values.set(db, value);
      }
      return value;
    },
    forget: (db) => values.delete(db),
  };
}

/**
 * A small in-process cache with a time-to-live and a size bound (oldest entries go first). Used only
 * where a few seconds of staleness across app nodes is acceptable and documented.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    // Read at each call, not captured at construction: a test that moves the clock reaches every cache.
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
