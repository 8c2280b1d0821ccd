import type { Db } from '../../platform/db/client.ts';
import { markManySent } from './outbox.ts';

type Pending = { id: number; providerMessageId: string; done: () => void; failed: (error: unknown) => void };

/**
 * Records "sent" as soon as the relay accepts each message, without one
 * database round trip per message: while one UPDATE is in flight, the
 * messages accepted meanwhile wait and go together in the next (a group
 * commit). Nothing waits on a timer, so the time between the relay's yes
 * and our record (the window in which a crash causes a repeat, ADR 016) is
 * never longer than it would be one by one; under load the statements
 * simply grow.
 */
export class SentRecorder {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly db: Db, private readonly maxBatch = 500) {}

  record(id: number, providerMessageId: string): Promise<void> {
    return new Promise((done, failed) => {
      this.queue.push({ id, providerMessageId, done, failed });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await markManySent(this.db, batch);
        for (const p of batch) p.done();
      } catch (error) {
        for (const p of batch) p.failed(error);
      }
    }
    this.flushing = false;
  }
}
