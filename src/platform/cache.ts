import { LRUCache } from 'lru-cache';

export type LoadingCacheOptions = {
  /** Entries kept at most; the least recently used make room, so no flood of distinct keys grows memory. */
  max: number;
  /**
   * How long a loaded value stays fresh, in milliseconds: a number, or one
   * worked out from how long the load took. Absent: until evicted or forgotten.
   */
  freshMs?: number | ((loadMs: number) => number);
  /** Once a value is stale, its readers get it at once while one reload runs: no reader waits on a refresh. */
  serveStale?: boolean;
  /** For tests: the clock freshness is measured by (performance.now() by default). */
  clock?: { now(): number };
};

type Load<V> = () => Promise<V>;

/**
 * Values loaded by key and kept in this process, through lru-cache (ADR 032):
 * readers of one key share a single load, a failed load is not kept (the next
 * reader tries again), and every cache is bounded by `max`. Values may be
 * undefined or null, which lru-cache itself cannot store, so each is boxed.
 */
export class LoadingCache<K extends string | number, V> {
  readonly #lru: LRUCache<K, { value: V }, Load<V>>;

  constructor(options: LoadingCacheOptions) {
    const { max, freshMs, serveStale = false, clock } = options;
    const fixedTtl = typeof freshMs === 'number' ? freshMs : undefined;
    if (fixedTtl !== undefined && !(fixedTtl > 0)) throw new RangeError('freshMs must be positive');
    this.#lru = new LRUCache<K, { value: V }, Load<V>>({
      max,
      ...(fixedTtl !== undefined ? { ttl: fixedTtl } : {}),
      allowStale: serveStale,
      // A stale value stays until its reload replaces it, so the next reader still gets it.
      noDeleteOnStaleGet: serveStale,
      // A key forgotten or evicted while loading: its waiting readers still get what was loaded, which is not kept.
      ignoreFetchAbort: true,
      // A custom clock is read on every check: lru-cache's 1 ms debounce of now() would hide a test's jump in time.
      ...(clock ? { perf: clock, ttlResolution: 0 } : {}),
      fetchMethod: async (_key, _stale, { options: set, context: load }) => {
        const started = (clock ?? performance).now();
        const value = await load();
        if (typeof freshMs === 'function') set.ttl = Math.max(1, freshMs((clock ?? performance).now() - started));
        return { value };
      },
    });
  }

  /** The value for `key`, from `load` when it is missing or (unless stale values are served) expired. */
  async get(key: K, load: Load<V>): Promise<V> {
    const box = await this.#lru.fetch(key, { context: load });
    // fetchMethod always returns a box; undefined here would mean lru-cache broke its contract.
    if (!box) throw new Error('lru-cache returned no value for a fetch');
    return box.value;
  }

  /** Forgets `key`, so the next reader loads it afresh (and waits for it). */
  forget(key: K): void {
    this.#lru.delete(key);
  }

  /** Forgets every key that `matches`. */
  forgetWhere(matches: (key: K) => boolean): void {
    for (const key of [...this.#lru.keys()]) if (matches(key)) this.#lru.delete(key);
  }

  clear(): void {
    this.#lru.clear();
  }

  get size(): number {
    return this.#lru.size;
  }
}
