import type { Db } from '../../platform/db/client.ts';
import { GroupCommit } from '../../platform/db/group-commit.ts';
import { markManySent } from './outbox.ts';

/**
 * Records "sent" as soon as the relay accepts each message, without one
 * database round trip per message: while one UPDATE is in flight, the
 * messages accepted meanwhile wait and go together in the next (a group
 * commit). Nothing waits on a timer (no window), so the time between the
 * relay's yes and our record (the window in which a crash causes a repeat,
 * ADR 016) is never longer than it would be one by one; under load the
 * statements simply grow.
 */
export class SentRecorder {
  private readonly batches: GroupCommit<{ id: number; providerMessageId: string }, undefined>;

  constructor(db: Db, maxBatch = 500) {
    this.batches = new GroupCommit({
      maxItems: maxBatch,
      windowMs: 0,
      write: async (sent) => {
        await markManySent(db, sent);
        return sent.map(() => undefined);
      },
    });
  }

  record(id: number, providerMessageId: string): Promise<void> {
    return this.batches.add({ id, providerMessageId });
  }
}
