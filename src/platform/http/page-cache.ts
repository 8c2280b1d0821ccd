import type { PreparedBody } from './respond.ts';
import { prepareBody } from './respond.ts';

/**
 * Public pages change only when staff edit content, so each is rendered and
 * compressed once per content version and then served from memory. Small
 * shared lookups (settings, topics) are kept the same way with `value()`.
 *
 * The version lives in the database. This process asks for it at most once
 * per `checkEveryMs`, so an edit made through another app process behind the
 * same load balancer shows within that interval; an edit made through this
 * process calls invalidate() and shows at once. The least recently used
 * entries make room when the cache is full, so a flood of distinct searches
 * cannot grow memory.
 */
export class PageCache {
  private version = Number.NaN;
  private checkedAt = 0;
  private checking: Promise<void> | undefined;
  private readonly pages = new Map<string, Promise<PreparedBody>>();
  private readonly values = new Map<string, Promise<unknown>>();

  constructor(
    private readonly readVersion: () => Promise<number>,
    private readonly checkEveryMs: number,
    private readonly maxEntries = 2000,
  ) {}

  /**
   * The prepared page for `key`, rendering it on a miss. Pages served often
   * are worth the best compression; one-off ones (searches) get a quick one.
   */
  async get(key: string, render: () => Promise<string>, effort: 'high' | 'low' = 'high'): Promise<PreparedBody> {
    return this.remember(this.pages, key, () => render().then((html) => prepareBody(html, 'text/html; charset=utf-8', effort)));
  }

  /** Any value derived from content only, loaded once per content version. */
  async value<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.remember(this.values, key, load) as Promise<T>;
  }

  /** Forget everything now; called after this process writes content. */
  invalidate(): void {
    this.pages.clear();
    this.values.clear();
    this.checkedAt = 0;
  }

  private async remember<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    await this.refreshVersion();
    const hit = map.get(key);
    if (hit) {
      // Move to the back: Map keeps insertion order, so the front is least recently used.
      map.delete(key);
      map.set(key, hit);
      return hit;
    }
    const version = this.version;
    const pending = load();
    map.set(key, pending);
    if (map.size > this.maxEntries) map.delete(map.keys().next().value!);
    pending.then(
      // If the content changed while loading, do not keep what was loaded from the old version.
      () => {
        if (this.version !== version && map.get(key) === pending) map.delete(key);
      },
      // A failure is not remembered; the next request tries again.
      () => {
        if (map.get(key) === pending) map.delete(key);
      },
    );
    return pending;
  }

  private async refreshVersion(): Promise<void> {
    if (performance.now() - this.checkedAt < this.checkEveryMs && !Number.isNaN(this.version)) return;
    this.checking ??= this.readVersion()
      .then(
        (v) => {
          if (v !== this.version) {
            this.pages.clear();
            this.values.clear();
            this.version = v;
          }
          this.checkedAt = performance.now();
        },
        (error: unknown) => {
          // With the database briefly away, keep serving what we have rather than failing.
          if (Number.isNaN(this.version)) throw error;
          this.checkedAt = performance.now();
        },
      )
      .finally(() => {
        this.checking = undefined;
      });
    await this.checking;
  }
}
