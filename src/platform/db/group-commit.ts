/**
 * Group commit: many callers' small writes made as one statement (or one
 * transaction), each caller answered only once the write holding theirs has
 * committed, so an answer always means "kept". Under a spike a write costs
 * mostly round trips, so a hundred rows in one write cost little more than
 * one row alone.
 *
 * A batch starts when `maxItems` are waiting, or `windowMs` after the first
 * of them arrived (with no window, as soon as a batch may start). Up to
 * `maxInFlight` batches are written side by side; while they are, the next
 * one keeps filling and starts the moment one finishes, so under load
 * batches grow instead of queueing.
 *
 * `write` gets the items in the order they were added and returns one
 * result per item, in the same order. An item it could not write is
 * answered with `new ItemFailure(error)`, which rejects that caller alone: a
 * write may retry a failed batch item by item and fail only the ones that
 * fail again. Anything `write` throws, while building its statement or
 * running it, rejects every caller waiting on that batch; nothing is thrown
 * where no one waits (a timer), so no failure can stop the process.
 *
 * Signing puts every signature through here, so an item costs only its
 * caller's promise (made with one executor) and three array slots: no
 * timer, wrapper object or further closure. The item is handed to `write`
 * as given.
 */
export class GroupCommit<Item, Result> {
  private items: Item[] = [];
  private resolves: Resolve<Result>[] = [];
  private rejects: Reject[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private readonly write: (items: Item[]) => Promise<readonly (Result | ItemFailure)[]>;
  private readonly maxItems: number;
  private readonly windowMs: number;
  private readonly maxInFlight: number;
  private readonly apart: ((item: Item) => unknown) | undefined;

  constructor(options: {
    write: (items: Item[]) => Promise<readonly (Result | ItemFailure)[]>;
    /** A batch holds at most this many items, and starts at once when it has them. */
    maxItems: number;
    /** How long the first item waits for others. 0: no waiting; items gather only while every slot is busy. */
    windowMs: number;
    /** Batches written side by side (1 unless the database has connections to spare). */
    maxInFlight?: number;
    /** Items with the same key never share a batch: the later one waits for the next (in add order among its kind). */
    apart?: (item: Item) => unknown;
  }) {
    if (!(options.maxItems >= 1 && options.windowMs >= 0 && (options.maxInFlight ?? 1) >= 1)) {
      throw new RangeError('group commit: maxItems and maxInFlight at least 1, windowMs at least 0');
    }
    this.write = options.write;
    this.maxItems = options.maxItems;
    this.windowMs = options.windowMs;
    this.maxInFlight = options.maxInFlight ?? 1;
    this.apart = options.apart;
  }

  /** Settles once the batch holding `item` has been written: with its result, or with why it was not. */
  add(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.items.push(item);
      this.resolves.push(resolve);
      this.rejects.push(reject);
      if (this.items.length >= this.maxItems || this.windowMs === 0) this.flush();
      else this.timer ??= setTimeout(this.flush, this.windowMs);
    });
  }

  /** Resolves once everything added so far has been written (for a graceful stop, and tests). */
  async drain(): Promise<void> {
    this.flush();
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /** Starts as many batches as there are free slots and items to fill them; what is left waits its window. */
  private readonly flush = (): void => {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.inFlight < this.maxInFlight && this.items.length > 0) {
      void this.run(...this.take());
      // A remainder short of a batch waits out a window of its own: under load it is still filling.
      if (this.windowMs > 0 && this.items.length < this.maxItems) break;
    }
    if (this.items.length > 0 && this.inFlight < this.maxInFlight) this.timer = setTimeout(this.flush, this.windowMs);
  };

  /** The next batch, in add order: up to maxItems, skipping (for later) any whose key is already in it. */
  private take(): [Item[], Resolve<Result>[], Reject[]] {
    const { items, resolves, rejects, apart } = this;
    if (!apart && items.length <= this.maxItems) {
      this.items = [];
      this.resolves = [];
      this.rejects = [];
      return [items, resolves, rejects];
    }
    const max = this.maxItems;
    if (!apart) return [items.splice(0, max), resolves.splice(0, max), rejects.splice(0, max)];
    const batch: [Item[], Resolve<Result>[], Reject[]] = [[], [], []];
    this.items = [];
    this.resolves = [];
    this.rejects = [];
    const keys = new Set<unknown>();
    for (let i = 0; i < items.length; i++) {
      // A full batch takes no more, so the rest need no key.
      const room = batch[0].length < max;
      const key = room ? keyOf(apart, items[i]!) : undefined;
      if (room && !keys.has(key)) {
        keys.add(key);
        batch[0].push(items[i]!);
        batch[1].push(resolves[i]!);
        batch[2].push(rejects[i]!);
      } else {
        this.items.push(items[i]!);
        this.resolves.push(resolves[i]!);
        this.rejects.push(rejects[i]!);
      }
    }
    return batch;
  }

  private async run(items: Item[], resolves: Resolve<Result>[], rejects: Reject[]): Promise<void> {
    this.inFlight += 1;
    try {
      const results = await this.write(items);
      if (results.length !== items.length) {
        throw new Error(`group commit: ${results.length} results for a batch of ${items.length}`);
      }
      for (let i = 0; i < items.length; i++) {
        const result = results[i];
        if (result instanceof ItemFailure) rejects[i]!(result.error);
        else resolves[i]!(result as Result);
      }
    } catch (error) {
      for (const reject of rejects) reject(error);
    } finally {
      this.inFlight -= 1;
      if (this.items.length > 0) this.flush();
      else if (this.inFlight === 0) for (const done of this.idle.splice(0)) done();
    }
  }
}

type Resolve<Result> = (result: Result) => void;
type Reject = (error: unknown) => void;

/** An item whose key cannot be read is like no other: it is batched, and `write` meets whatever is wrong with it. */
function keyOf<Item>(apart: (item: Item) => unknown, item: Item): unknown {
  try {
    return apart(item);
  } catch {
    return Symbol();
  }
}

/** One item's failure in a batch `write` answered: that caller's promise rejects with `error`, the others' do not. */
export class ItemFailure {
  constructor(readonly error: unknown) {}
}
