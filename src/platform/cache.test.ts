import { describe, expect, it } from 'vitest';
import { LoadingCache } from './cache.ts';

function fakeClock() {
  let now = 1000;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** A load that stays pending until `finish` is called, counting how often it started. */
function gate<V>() {
  let started = 0;
  let finish: (value: V) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const load = () => {
    started++;
    return new Promise<V>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { load, started: () => started, finish: (v: V) => finish(v), fail: (e: Error) => fail(e) };
}

describe('loading cache', () => {
  it('shares one load among concurrent readers of a key', async () => {
    const cache = new LoadingCache<string, number>({ max: 10 });
    const g = gate<number>();
    const readers = Array.from({ length: 20 }, () => cache.get('k', g.load));
    g.finish(7);
    expect(await Promise.all(readers)).toEqual(Array(20).fill(7));
    expect(g.started()).toBe(1);
  });

  it('keeps undefined and null values like any other', async () => {
    const cache = new LoadingCache<string, string | null | undefined>({ max: 10 });
    let loads = 0;
    expect(await cache.get('u', async () => (loads++, undefined))).toBeUndefined();
    expect(await cache.get('u', async () => (loads++, 'other'))).toBeUndefined();
    expect(await cache.get('n', async () => (loads++, null))).toBeNull();
    expect(await cache.get('n', async () => (loads++, 'other'))).toBeNull();
    expect(loads).toBe(2);
  });

  it('does not keep a failed load', async () => {
    const cache = new LoadingCache<string, string>({ max: 10 });
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
  });

  it('never holds more than max entries, dropping the least recently used', async () => {
    const cache = new LoadingCache<number, number>({ max: 3 });
    let loads = 0;
    const load = (n: number) => async () => (loads++, n);
    for (const n of [1, 2, 3]) await cache.get(n, load(n));
    await cache.get(1, load(1)); // 1 is now the most recent
    await cache.get(4, load(4)); // so 2 makes room
    expect(cache.size).toBe(3);
    expect(loads).toBe(4);
    await cache.get(1, load(1));
    expect(loads).toBe(4);
    await cache.get(2, load(2));
    expect(loads).toBe(5);
    for (let n = 10; n < 100; n++) await cache.get(n, load(n));
    expect(cache.size).toBe(3);
  });

  it('reloads once a value is older than freshMs', async () => {
    const clock = fakeClock();
    const cache = new LoadingCache<string, number>({ max: 10, freshMs: 1000, clock });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    clock.advance(999);
    expect(await cache.get('k', load)).toBe(1);
    clock.advance(2);
    expect(await cache.get('k', load)).toBe(2);
  });

  it('serves the stale value at once while one reload runs, then the reloaded one', async () => {
    const clock = fakeClock();
    const cache = new LoadingCache<string, number>({ max: 10, freshMs: 1000, serveStale: true, clock });
    expect(await cache.get('k', async () => 1)).toBe(1);
    clock.advance(1001);
    const g = gate<number>();
    // Nobody waits: every reader gets the old value while the one reload is pending.
    const readers = [cache.get('k', g.load), cache.get('k', g.load), cache.get('k', g.load)];
    expect(await Promise.all(readers)).toEqual([1, 1, 1]);
    expect(g.started()).toBe(1);
    g.finish(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', g.load)).toBe(2);
    expect(g.started()).toBe(1);
  });

  it('drops a stale value whose reload failed, so the next reader loads again', async () => {
    const clock = fakeClock();
    const cache = new LoadingCache<string, number>({ max: 10, freshMs: 1000, serveStale: true, clock });
    await cache.get('k', async () => 1);
    clock.advance(1001);
    const g = gate<number>();
    expect(await cache.get('k', g.load)).toBe(1);
    g.fail(new Error('down'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', async () => 3)).toBe(3);
  });

  it('keeps a value for as long as its load says', async () => {
    const clock = fakeClock();
    const cache = new LoadingCache<string, number>({ max: 10, freshMs: (loadMs) => loadMs * 20, clock });
    let loads = 0;
    const slowLoad = async () => {
      clock.advance(100);
      return ++loads;
    };
    await cache.get('k', slowLoad); // took 100 ms: fresh for 2000 ms
    clock.advance(1999);
    expect(await cache.get('k', slowLoad)).toBe(1);
    clock.advance(2);
    expect(await cache.get('k', slowLoad)).toBe(2);
  });

  it('gives readers of a key forgotten mid-load what was loaded, without keeping it', async () => {
    const cache = new LoadingCache<string, string>({ max: 10 });
    const g = gate<string>();
    const waiting = cache.get('k', g.load);
    cache.forget('k');
    g.finish('old');
    expect(await waiting).toBe('old');
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('forgets the keys that match', async () => {
    const cache = new LoadingCache<string, string>({ max: 10 });
    for (const key of ['page:a:en', 'page:a:es', 'page:b:en']) await cache.get(key, async () => key);
    cache.forgetWhere((key) => key.startsWith('page:a:'));
    expect(await cache.get('page:a:en', async () => 'again')).toBe('again');
    expect(await cache.get('page:b:en', async () => 'again')).toBe('page:b:en');
  });
});
