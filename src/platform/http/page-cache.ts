import type { PreparedBody } from './respond.ts';
import { prepareBody } from './respond.ts';

/**
 * Public pages change only when staff edit content, so each is rendered and
 * compressed once per content version and then served from memory.
 *
 * The version lives in the database. This process asks for it at most once
 * per `checkEveryMs`, so an edit made through another app process behind the
 * same load balancer shows within that interval; an edit made through this
 * process calls invalidate() and shows at once.
 */
export class PageCache {
  private version = Number.NaN;
  private checkedAt = 0;
  private checking: Promise<void> | undefined;
  private readonly entries = new Map<string, Promise<PreparedBody>>();

  constructor(
    private readonly readVersion: () => Promise<number>,
    private readonly checkEveryMs: number,
    private readonly maxEntries = 1000,
  ) {}

  async get(key: string, render: () => Promise<string>): Promise<PreparedBody> {
    await this.refreshVersion();
    const cached = this.entries.get(key);
    if (cached) return cached;
    const version = this.version;
    const pending = render().then((html) => prepareBody(html, 'text/html; charset=utf-8', 'high'));
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, pending);
    // A failed render is not remembered; the next request tries again.
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    // If the content changed while rendering, do not keep the stale page.
    pending.then(() => {
      if (this.version !== version && this.entries.get(key) === pending) this.entries.delete(key);
    }, () => {});
    return pending;
  }

  /** Forget everything now; called after this process writes content. */
  invalidate(): void {
    this.entries.clear();
    this.checkedAt = 0;
  }

  private async refreshVersion(): Promise<void> {
    if (performance.now() - this.checkedAt < this.checkEveryMs && !Number.isNaN(this.version)) return;
    this.checking ??= this.readVersion()
      .then(
        (v) => {
          if (v !== this.version) {
            this.entries.clear();
            this.version = v;
          }
          this.checkedAt = performance.now();
        },
        (error: unknown) => {
          // With the database briefly away, keep serving the pages we have rather than failing them.
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
