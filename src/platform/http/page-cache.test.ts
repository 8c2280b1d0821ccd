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
});
