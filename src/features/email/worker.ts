import type { Logger } from 'pino';
import type { Db } from '../../platform/db/client.ts';
import { claimDue, markFailedAttempt, markSuppressed, releaseClaimed, type OutboxRow } from './outbox.ts';
import { SentRecorder } from './sent-recorder.ts';
import { DeliveryError, type MailTransport, type OutgoingEmail } from './transport.ts';

export type RenderEmail = (row: OutboxRow) => Promise<Omit<OutgoingEmail, 'outboxId' | 'messageId' | 'to'>>;

export type WorkerOptions = {
  db: Db;
  transport: MailTransport;
  render: RenderEmail;
  logger: Logger;
  batchSize?: number;
  /** How long a claimed message is this worker's before another may take it over. */
  leaseMs?: number;
  /** The relay's limit: at most this many messages a second from this worker. */
  messagesPerSecond?: number;
  /** How many messages are on the wire at once. */
  concurrency?: number;
  idleWaitMs?: number;
  /**
   * Of a claimed batch's bulk messages, those not to send after all (the
   * person unsubscribed or bounced since it was queued). One call per batch.
   */
  unwanted?: (rows: OutboxRow[]) => Promise<Set<number>>;
};

/**
 * Sends what the outbox holds. `concurrency` lanes take messages from a
 * local queue that is refilled from the outbox before it runs dry, so the
 * wire never waits on the database. Each message is recorded as sent as
 * soon as the relay accepts it (grouped with others accepted meanwhile), so
 * a crash can repeat at most the few on the wire at that moment (ADR 016).
 */
export class EmailWorker {
  private running = false;
  private stopped: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly o: Required<Omit<WorkerOptions, 'db' | 'transport' | 'render' | 'logger' | 'unwanted'>>;
  private readonly sent: SentRecorder;
  /** Claimed and wanted, not yet sent. */
  private queue: OutboxRow[] = [];
  /**
   * Ids queued or on the wire here. A lease can run out while its message still waits in this queue (a slow
   * machine, a slow relay); claiming it again must not send it a second time from this same process.
   */
  private readonly held = new Set<number>();
  private refilling: Promise<number> | undefined;
  /** When the next message may start, to keep to messagesPerSecond. */
  private nextSlot = 0;

  constructor(private readonly options: WorkerOptions) {
    this.sent = new SentRecorder(options.db);
    const messagesPerSecond = options.messagesPerSecond ?? 50;
    const leaseMs = options.leaseMs ?? 60_000;
    this.o = {
      // Never claim more than can be sent in a quarter of the lease, or claims would expire in the queue.
      batchSize: Math.max(1, Math.min(options.batchSize ?? 500, Math.floor((messagesPerSecond * leaseMs) / 4000))),
      leaseMs,
      messagesPerSecond,
      concurrency: options.concurrency ?? 10,
      idleWaitMs: options.idleWaitMs ?? 1000,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = this.loop();
  }

  /** Finishes the messages on the wire, hands back the ones only claimed, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.stopped;
  }

  /** Checks the outbox now instead of after the idle wait (after queuing something urgent). */
  poke(): void {
    this.wake?.();
  }

  /** Claims one batch and sends all of it; for tests and one-off runs. Returns how many messages it handled. */
  async runOnce(): Promise<number> {
    const claimed = await this.refill();
    const lanes = Array.from({ length: Math.min(this.o.concurrency, this.queue.length) }, async () => {
      for (let row = this.queue.shift(); row; row = this.queue.shift()) await this.deliver(row);
    });
    await Promise.all(lanes);
    return claimed;
  }

  /** Tops the local queue up from the outbox; one refill at a time. Returns how many rows it claimed. */
  private refill(): Promise<number> {
    this.refilling ??= (async () => {
      try {
        const claimed = await claimDue(this.options.db, this.o.batchSize, this.o.leaseMs);
        const wanted = await this.withoutUnwanted(claimed.filter((row) => !this.held.has(row.id)));
        for (const row of wanted) this.held.add(row.id);
        this.queue.push(...wanted);
        return claimed.length;
      } finally {
        this.refilling = undefined;
      }
    })();
    return this.refilling;
  }

  private async withoutUnwanted(rows: OutboxRow[]): Promise<OutboxRow[]> {
    const bulk = rows.filter((r) => r.kind === 'bulk');
    if (!this.options.unwanted || bulk.length === 0) return rows;
    const skip = await this.options.unwanted(bulk);
    await markSuppressed(this.options.db, [...skip], 'no longer subscribed');
    return rows.filter((r) => !skip.has(r.id));
  }

  /** Waits for this message's turn under the rate cap. Short waits are not worth a timer. */
  private async pace(): Promise<void> {
    const now = performance.now();
    this.nextSlot = Math.max(this.nextSlot, now - 50) + 1000 / this.o.messagesPerSecond;
    const wait = this.nextSlot - now;
    if (wait >= 2) await new Promise((r) => setTimeout(r, wait));
  }

  private async deliver(row: OutboxRow): Promise<void> {
    try {
      await this.deliverHeld(row);
    } finally {
      this.held.delete(row.id);
    }
  }

  private async deliverHeld(row: OutboxRow): Promise<void> {
    const { db, transport, render, logger } = this.options;
    await this.pace();
    let providerMessageId: string;
    try {
      const rendered = await render(row);
      ({ providerMessageId } = await transport.send({
        ...rendered,
        outboxId: row.id,
        messageId: row.messageId,
        to: row.toAddress,
        forgetAddress: row.forgetWhenSent,
      }));
    } catch (error) {
      const failure =
        error instanceof DeliveryError ? error : new DeliveryError((error as Error).message ?? String(error), false);
      const outcome = await markFailedAttempt(db, row, failure);
      // The id and template only: never the address.
      logger.warn({ outboxId: row.id, template: row.template, attempts: row.attempts, outcome }, 'email not delivered');
      return;
    }
    try {
      await this.sent.record(row.id, providerMessageId);
    } catch (error) {
      // Sent but not recorded: the row stays leased, and after the lease it is sent again with the same Message-ID, as
      // after a crash.
      logger.error({ err: error, outboxId: row.id }, 'email sent but not recorded');
    }
  }

  private async lane(): Promise<void> {
    while (this.running) {
      // Refill before the queue runs dry, so lanes rarely wait on the database.
      if (this.queue.length < this.o.concurrency * 2 && this.refilling === undefined)
        void this.refill().catch((error) =>
          this.options.logger.error({ err: error }, 'email worker could not claim messages'),
        );
      const row = this.queue.shift();
      if (row) {
        try {
          await this.deliver(row);
        } catch (error) {
          // The database failed while recording a failure: the lease brings the message back later.
          this.options.logger.error({ err: error, outboxId: row.id }, 'email worker could not record an attempt');
          await this.idle();
        }
        continue;
      }
      const claimed = await (this.refilling ?? Promise.resolve(0)).catch(() => 0);
      if (claimed === 0 && this.queue.length === 0 && this.running) await this.idle();
    }
  }

  /** Sleeps until poked or the idle wait passes; every idle lane shares one wake-up. */
  private idling: Promise<void> | undefined;
  private idle(): Promise<void> {
    this.idling ??= new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.o.idleWaitMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => {
      this.idling = undefined;
      this.wake = undefined;
    });
    return this.idling;
  }

  private async loop(): Promise<void> {
    await Promise.all(Array.from({ length: this.o.concurrency }, () => this.lane()));
    await this.refilling?.catch(() => 0);
    // What was claimed but not sent goes back at once, instead of waiting out its lease.
    const unsent = this.queue.splice(0);
    for (const row of unsent) this.held.delete(row.id);
    if (unsent.length > 0)
      await releaseClaimed(
        this.options.db,
        unsent.map((r) => r.id),
      ).catch((error) =>
        this.options.logger.error({ err: error }, 'email worker could not hand back claimed messages'),
      );
  }
}
