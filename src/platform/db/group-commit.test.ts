import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { propertyRuns } from '../../../test/support/property-runs.ts';
import { GroupCommit, ItemFailure } from './group-commit.ts';

/** A write that records each batch and finishes only when the test says so. */
function heldWrites<Item>() {
  const batches: Item[][] = [];
  const pending: (() => void)[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const write = async (items: Item[]) => {
    batches.push([...items]);
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise<void>((resolve) => pending.push(resolve));
    inFlight -= 1;
    return items.map((item) => `written ${String(item)}`);
  };
  /** Lets the oldest write finish, then lets the batcher react. */
  const finishOne = async () => {
    pending.shift()!();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { write, batches, finishOne, stats: () => ({ inFlight, mostInFlight, waiting: pending.length }) };
}

describe('group commit', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers each caller with its own result, in the order they came, after its batch is written', async () => {
    const written: number[][] = [];
    const write = async (items: number[]) => (written.push([...items]), items.map((n) => `#${n}`));
    const commit = new GroupCommit<number, string>({ maxItems: 100, windowMs: 3, write });
    const answers = [5, 3, 9, 1].map((n) => commit.add(n));
    await vi.advanceTimersByTimeAsync(3);
    expect(await Promise.all(answers)).toEqual(['#5', '#3', '#9', '#1']);
    expect(written).toEqual([[5, 3, 9, 1]]);
  });

  it('waits one window from the first item, and not a moment before the write has committed', async () => {
    const { write, batches, finishOne } = heldWrites<string>();
    const commit = new GroupCommit({ maxItems: 100, windowMs: 5, write });
    let answered = false;
    const first = commit.add('a').then((r) => {
      answered = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(3);
    void commit.add('b');
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    // Five milliseconds after the first, not after the last.
    expect(batches).toEqual([['a', 'b']]);
    expect(answered).toBe(false);
    await finishOne();
    expect(await first).toBe('written a');
  });

  it('starts a batch at once when it is full, without waiting for the window', async () => {
    const { write, batches } = heldWrites<number>();
    const commit = new GroupCommit({ maxItems: 3, windowMs: 1000, maxInFlight: 4, write });
    for (let i = 0; i < 7; i++) void commit.add(i);
    await Promise.resolve();
    expect(batches).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches.at(-1)).toEqual([6]);
  });

  it('writes at most maxInFlight batches side by side, and the next one grows meanwhile', async () => {
    const { write, batches, finishOne, stats } = heldWrites<number>();
    const commit = new GroupCommit({ maxItems: 100, windowMs: 2, maxInFlight: 2, write });
    const answers = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 3; i++) answers.push(commit.add(round * 10 + i));
      await vi.advanceTimersByTimeAsync(2);
    }
    expect(stats()).toMatchObject({ inFlight: 2, waiting: 2 });
    expect(batches).toEqual([
      [0, 1, 2],
      [10, 11, 12],
    ]);
    // A slot frees: everything that gathered goes together at once, without another window.
    await finishOne();
    expect(batches.at(-1)).toEqual([20, 21, 22, 30, 31, 32]);
    while (stats().waiting > 0) await finishOne();
    expect(await Promise.all(answers)).toHaveLength(12);
    expect(stats().mostInFlight).toBe(2);
  });

  it('with no window, writes the first item at once and gathers the rest while it is in flight', async () => {
    const { write, batches, finishOne, stats } = heldWrites<string>();
    const commit = new GroupCommit({ maxItems: 2, windowMs: 0, write });
    const answers = ['a', 'b', 'c', 'd'].map((item) => commit.add(item));
    expect(batches).toEqual([['a']]);
    expect(vi.getTimerCount()).toBe(0);
    await finishOne();
    expect(batches).toEqual([['a'], ['b', 'c']]);
    await finishOne();
    await finishOne();
    expect(batches).toEqual([['a'], ['b', 'c'], ['d']]);
    expect(await Promise.all(answers)).toEqual(['written a', 'written b', 'written c', 'written d']);
    expect(stats().mostInFlight).toBe(1);
  });

  it('keeps items with the same key in separate batches, each in its turn', async () => {
    const written: string[][] = [];
    const commit = new GroupCommit<string, string>({
      maxItems: 10,
      windowMs: 1,
      apart: (item) => item[0],
      write: async (items) => (written.push([...items]), items),
    });
    const answers = ['a1', 'b1', 'a2', 'c1', 'a3', 'b2'].map((item) => commit.add(item));
    await vi.advanceTimersByTimeAsync(10);
    expect(await Promise.all(answers)).toEqual(['a1', 'b1', 'a2', 'c1', 'a3', 'b2']);
    expect(written).toEqual([['a1', 'b1', 'c1'], ['a2', 'b2'], ['a3']]);
  });

  it('rejects every caller of a batch whose write fails or throws while it is built, and goes on', async () => {
    let attempt = 0;
    const commit = new GroupCommit<number, number>({
      maxItems: 10,
      windowMs: 1,
      write: (items) => {
        attempt += 1;
        if (attempt === 1) throw new Error('could not build');
        if (attempt === 2) return Promise.reject(new Error('database gone'));
        return Promise.resolve(items);
      },
    });
    const first = Promise.allSettled([1, 2].map((n) => commit.add(n)));
    await vi.advanceTimersByTimeAsync(1);
    const second = Promise.allSettled([3, 4].map((n) => commit.add(n)));
    await vi.advanceTimersByTimeAsync(1);
    const reasons = (results: PromiseSettledResult<number>[]) =>
      results.map((r) => r.status === 'rejected' && String(r.reason));
    expect(reasons(await first)).toEqual(['Error: could not build', 'Error: could not build']);
    expect(reasons(await second)).toEqual(['Error: database gone', 'Error: database gone']);
    const third = commit.add(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(await third).toBe(5);
  });

  it('fails only the items a write answers with an ItemFailure, as when it retried them one by one', async () => {
    const tried: number[][] = [];
    const write = async (items: number[]): Promise<(number | ItemFailure)[]> => {
      tried.push([...items]);
      if (items.includes(13) && items.length > 1) {
        const alone = [];
        for (const item of items) alone.push((await write([item]))[0]!);
        return alone;
      }
      return items.map((n) => (n === 13 ? new ItemFailure(new Error('unlucky')) : n * 2));
    };
    const commit = new GroupCommit({ maxItems: 10, windowMs: 1, write });
    const answers = Promise.allSettled([12, 13, 14].map((n) => commit.add(n)));
    await vi.advanceTimersByTimeAsync(1);
    const results = (await answers).map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)));
    expect(results).toEqual([24, 'Error: unlucky', 28]);
    expect(tried).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('rejects the whole batch when a write answers for the wrong number of items', async () => {
    const write = async (items: number[]) => items.slice(1);
    const commit = new GroupCommit<number, number>({ maxItems: 10, windowMs: 1, write });
    const answers = Promise.allSettled([1, 2].map((n) => commit.add(n)));
    await vi.advanceTimersByTimeAsync(1);
    expect((await answers).map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('drains: resolves once everything added so far is written', async () => {
    const { write, finishOne, stats } = heldWrites<number>();
    const commit = new GroupCommit({ maxItems: 2, windowMs: 50, write });
    const answers = [1, 2, 3].map((n) => commit.add(n));
    let drained = false;
    const draining = commit.drain().then(() => (drained = true));
    await finishOne();
    expect(drained).toBe(false);
    await finishOne();
    await draining;
    expect(stats().waiting).toBe(0);
    expect(await Promise.all(answers)).toEqual(['written 1', 'written 2', 'written 3']);
    await commit.drain();
  });

  it('refuses settings that could never write anything', () => {
    const write = async (items: number[]) => items;
    expect(() => new GroupCommit({ maxItems: 0, windowMs: 1, write })).toThrow(RangeError);
    expect(() => new GroupCommit({ maxItems: 1, windowMs: -1, write })).toThrow(RangeError);
    expect(() => new GroupCommit({ maxItems: 1, windowMs: 1, maxInFlight: 0, write })).toThrow(RangeError);
  });
});

describe('group commit, whatever the timing', () => {
  it('answers every caller with its own result; no batch is too big, too many at once, or shares a key', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    vi.useFakeTimers();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            maxItems: fc.integer({ min: 1, max: 6 }),
            windowMs: fc.integer({ min: 0, max: 3 }),
            maxInFlight: fc.integer({ min: 1, max: 3 }),
            // Each item: its key (for apart), the pause before the next is added, and whether its write fails.
            items: fc.array(
              fc.record({
                key: fc.integer({ min: 0, max: 4 }),
                pauseMs: fc.integer({ min: 0, max: 3 }),
                fails: fc.boolean(),
              }),
              { maxLength: 30 },
            ),
            writeMs: fc.integer({ min: 0, max: 4 }),
            failing: fc.constantFrom('item', 'batch'),
          }),
          async ({ maxItems, windowMs, maxInFlight, items, writeMs, failing }) => {
            let inFlight = 0;
            let tooMany = false;
            const problems: string[] = [];
            const commit = new GroupCommit<number, number>({
              maxItems,
              windowMs,
              maxInFlight,
              apart: (i) => items[i]!.key,
              write: async (batch) => {
                inFlight += 1;
                tooMany ||= inFlight > maxInFlight;
                if (batch.length > maxItems) problems.push(`batch of ${batch.length}`);
                if (new Set(batch.map((i) => items[i]!.key)).size !== batch.length) problems.push('shared key');
                await new Promise((resolve) => setTimeout(resolve, writeMs));
                inFlight -= 1;
                if (failing === 'batch' && batch.some((i) => items[i]!.fails)) throw new Error('batch failed');
                return batch.map((i) => (items[i]!.fails ? new ItemFailure(new Error(`item ${i} failed`)) : i * 10));
              },
            });
            const answers: Promise<number>[] = [];
            const adding = (async () => {
              for (const [i, item] of items.entries()) {
                const answer = commit.add(i);
                // Read below; handled here so that only a rejection the batcher itself leaves unhandled is counted.
                answer.catch(() => {});
                answers.push(answer);
                if (item.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, item.pauseMs));
              }
            })();
            await vi.runAllTimersAsync();
            await adding;
            const draining = commit.drain();
            await vi.runAllTimersAsync();
            await draining;
            const settled = await Promise.allSettled(answers);
            expect(problems).toEqual([]);
            expect(tooMany).toBe(false);
            for (const [i, result] of settled.entries()) {
              if (result.status === 'fulfilled') expect(result.value).toBe(i * 10);
              else if (failing === 'item') expect(String(result.reason)).toBe(`Error: item ${i} failed`);
              else expect(String(result.reason)).toBe('Error: batch failed');
              if (!items[i]!.fails && failing === 'item') expect(result.status).toBe('fulfilled');
              if (items[i]!.fails) expect(result.status).toBe('rejected');
            }
          },
        ),
        { numRuns: propertyRuns(1000, 100) },
      );
      vi.useRealTimers();
      // Let any stray rejection surface before looking.
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      vi.useRealTimers();
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
