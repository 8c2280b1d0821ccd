import { LoadingCache } from '../../platform/cache.ts';
import { prepareBody, type PreparedBody } from '../../platform/http/respond.ts';

/**
 * Pages whose numbers move every second (a petition's count) cannot wait for
 * a content edit to be re-rendered, as the site's page cache does; nor can
 * they be rendered per request during a spike. So each is rendered at most
 * once per `maxAgeMs` and served from memory in between. When it is older,
 * the next request starts one new render and everyone keeps getting the
 * previous version until it is ready: nobody waits, and what they see is
 * never more than `maxAgeMs` plus one render old. A missing page (null) is
 * kept like any other, for as briefly: a flood of requests for a petition
 * that does not exist costs one render a second.
 */
export class LivePages {
  private readonly kept: LoadingCache<string, PreparedBody | null>;

  constructor(maxAgeMs = 1000, maxEntries = 500) {
    this.kept = new LoadingCache({ max: maxEntries, freshMs: maxAgeMs, serveStale: true });
  }

  get(key: string, render: () => Promise<string | null>): Promise<PreparedBody | null> {
    // Rendered each second: a quick compression, not the best one.
    return this.kept.get(key, async () => {
      const html = await render();
      return html === null ? null : prepareBody(html, 'text/html; charset=utf-8', 'low');
    });
  }

  /** Drops pages so the next request renders them afresh (after this process confirmed a signature on one). */
  forget(prefix: string): void {
    this.kept.forgetWhere((key) => key.startsWith(prefix));
  }
}

/** A value per key loaded at most once per `maxAgeMs`; concurrent readers share one load, and failures are not kept. */
export class Recent<V> {
  private readonly kept: LoadingCache<string, V>;
  constructor(
    private readonly load: (key: string) => Promise<V>,
    maxAgeMs = 1000,
    maxEntries = 1000,
  ) {
    this.kept = new LoadingCache({ max: maxEntries, freshMs: maxAgeMs });
  }

  get(key: string): Promise<V> {
    return this.kept.get(key, () => this.load(key));
  }

  forget(key: string): void {
    this.kept.forget(key);
  }
}
