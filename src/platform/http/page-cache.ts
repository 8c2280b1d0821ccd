import { LoadingCache } from '../cache.ts';
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
  private readonly pages: LoadingCache<string, PreparedBody>;
  private readonly values: LoadingCache<string, unknown>;

  constructor(
    private readonly readVersion: () => Promise<number>,
    private readonly checkEveryMs: number,
    maxEntries = 2000,
  ) {
    // No freshness limit: an entry lives until the content version moves or it is the least recently used.
    this.pages = new LoadingCache({ max: maxEntries });
    this.values = new LoadingCache({ max: maxEntries });
  }

  /**
   * The prepared page for `key`, rendering it on a miss. Pages served often
   * are worth the best compression; one-off ones (searches) get a quick one.
   */
  async get(key: string, render: () => Promise<string>, effort: 'high' | 'low' = 'high'): Promise<PreparedBody> {
    await this.refreshVersion();
    return this.pages.get(key, () => render().then((html) => prepareBody(html, 'text/html; charset=utf-8', effort)));
  }

  /** Any value derived from content only, loaded once per content version. */
  async value<T>(key: string, load: () => Promise<T>): Promise<T> {
    await this.refreshVersion();
    return this.values.get(key, load) as Promise<T>;
  }

  /**
   * Forget everything now; called after this process writes content. A page
   * still rendering from the old version goes to those already waiting for
   * it, and is not kept.
   */
  invalidate(): void {
    this.pages.clear();
    this.values.clear();
    this.checkedAt = 0;
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
