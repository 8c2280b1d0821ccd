import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.ts';

describe('page cache', () => {
  it('renders once per content version', async () => {
    let version = 1;
    let renders = 0;
    const cache = new PageCache(async () => version, 0);
    const render = async () => `<p>v${version} render ${++renders}</p>`;
    const first = await cache.get('home', render);
    await cache.get('home', render);
    expect(renders).toBe(1);
    version = 2;
    const second = await cache.get('home', render);
    expect(renders).toBe(2);
    expect(second.etag).not.toBe(first.etag);
  });

  it('renders once for many simultaneous requests', async () => {
    let renders = 0;
    const cache = new PageCache(async () => 1, 0);
    await Promise.all(Array.from({ length: 50 }, () => cache.get('k', async () => `x${++renders}`)));
    expect(renders).toBe(1);
  });

  it('does not remember a failed render', async () => {
    const cache = new PageCache(async () => 1, 0);
    await expect(cache.get('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.get('k', async () => 'ok')).identity.toString()).toBe('ok');
  });

  it('keeps serving cached pages while the database is briefly away', async () => {
    let up = true;
    const cache = new PageCache(async () => {
      if (!up) throw new Error('down');
      return 1;
    }, 0);
    await cache.get('k', async () => 'cached');
    up = false;
    expect((await cache.get('k', async () => 'fresh')).identity.toString()).toBe('cached');
  });
});

describe('page cache limits', () => {
  it('evicts the least recently used page when full', async () => {
    const cache = new PageCache(async () => 1, 0, 2);
    let renders = 0;
    const render = async () => `r${++renders}`;
    await cache.get('a', render);
    await cache.get('b', render);
    await cache.get('a', render); // a is now the most recent
    await cache.get('c', render); // evicts b
    expect(renders).toBe(3);
    await cache.get('a', render);
    expect(renders).toBe(3);
    await cache.get('b', render);
    expect(renders).toBe(4);
  });

  it('keeps values per content version', async () => {
    let version = 1;
    let loads = 0;
    const cache = new PageCache(async () => version, 0);
    expect(await cache.value('topics', async () => ++loads)).toBe(1);
    expect(await cache.value('topics', async () => ++loads)).toBe(1);
    version = 2;
    expect(await cache.value('topics', async () => ++loads)).toBe(2);
  });

  it('gives a page rendered from an old version to its waiters, and does not keep it', async () => {
    let version = 1;
    const cache = new PageCache(async () => version, 0);
    let finish: (html: string) => void = () => {};
    const waiting = cache.get('k', () => new Promise<string>((resolve) => (finish = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    version = 2;
    // This request sees the new version, which drops everything from the old one.
    const fresh = cache.get('k', async () => 'v2');
    finish('v1');
    expect((await waiting).identity.toString()).toBe('v1');
    expect((await fresh).identity.toString()).toBe('v2');
    expect((await cache.get('k', async () => 'again')).identity.toString()).toBe('v2');
  });

  it('never holds more pages than its bound', async () => {
    const cache = new PageCache(async () => 1, 0, 3);
    let renders = 0;
    for (let i = 0; i < 50; i++) await cache.get(`search:${i}`, async () => `r${++renders}`);
    // Only the three most recent are still there: asking for the first again renders it.
    await cache.get('search:49', async () => `r${++renders}`);
    expect(renders).toBe(50);
    await cache.get('search:0', async () => `r${++renders}`);
    expect(renders).toBe(51);
  });
});
