import { prepareBody, type PreparedBody } from '../../platform/http/respond.ts';

/**
 * Pages whose numbers move every second (a petition's count) cannot wait for
 * a content edit to be re-rendered, as the site's page cache does; nor can
 * they be rendered per request during a spike. So each is rendered at most
 * once per `maxAgeMs` and served from memory in between. When it is older,
 * the next request starts one new render and everyone keeps getting the
 * previous version until it is ready: nobody waits, and what they see is
 * never more than `maxAgeMs` plus one render old. Missing pages (null) are
 * not kept.
 */
export class LivePages {
  private readonly kept = new Map<string, { body: PreparedBody; at: number }>();
  private readonly rendering = new Map<string, Promise<PreparedBody | null>>();

  constructor(
    private readonly maxAgeMs = 1000,
    private readonly maxEntries = 500,
  ) {}

  async get(key: string, render: () => Promise<string | null>): Promise<PreparedBody | null> {
    const started = performance.now();
    const hit = this.kept.get(key);
    if (hit && started - hit.at < this.maxAgeMs) return hit.body;
    let pending = this.rendering.get(key);
    if (!pending) {
      // Rendered each second: a quick compression, not the best one.
      pending = render().then((html) => (html === null ? null : prepareBody(html, 'text/html; charset=utf-8', 'low')));
      this.rendering.set(key, pending);
      pending
        .then(
          (body) => {
            if (body === null) this.kept.delete(key);
            else this.keep(key, body, started);
          },
          () => {},
        )
        .finally(() => this.rendering.delete(key));
    }
    if (hit) return hit.body;
    return pending;
  }

  /** Drops a page so the next request renders it afresh (after this process confirmed a signature on it). */
  forget(prefix: string): void {
    for (const key of this.kept.keys()) if (key.startsWith(prefix)) this.kept.delete(key);
  }

  private keep(key: string, body: PreparedBody, at: number): void {
    this.kept.delete(key);
    this.kept.set(key, { body, at });
    if (this.kept.size > this.maxEntries) this.kept.delete(this.kept.keys().next().value!);
  }
}

/** A value per key loaded at most once per `maxAgeMs`; concurrent readers share one load, and failures are not kept. */
export class Recent<V> {
  private readonly kept = new Map<string, { value: Promise<V>; at: number }>();
  constructor(
    private readonly load: (key: string) => Promise<V>,
    private readonly maxAgeMs = 1000,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string): Promise<V> {
    const now = performance.now();
    const hit = this.kept.get(key);
    if (hit && now - hit.at < this.maxAgeMs) return hit.value;
    const value = this.load(key);
    this.kept.set(key, { value, at: now });
    if (this.kept.size > this.maxEntries) this.kept.delete(this.kept.keys().next().value!);
    value.catch(() => {
      if (this.kept.get(key)?.value === value) this.kept.delete(key);
    });
    return value;
  }

  forget(key: string): void {
    this.kept.delete(key);
  }
}
