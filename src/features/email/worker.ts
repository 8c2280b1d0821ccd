import type { Logger } from 'pino';
import type { Db } from '../../platform/db/client.ts';
import { claimDue, markFailedAttempt, markSuppressed, type OutboxRow } from './outbox.ts';
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
 * Sends what the outbox holds. Each message is marked sent on its own as
 * soon as the relay accepts it, so a crash can repeat at most the few that
 * were on the wire at that moment (ADR 016).
 */
export class EmailWorker {
  private running = false;
  private stopped: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly o: Required<Omit<WorkerOptions, 'db' | 'transport' | 'render' | 'logger' | 'unwanted'>>;

  private readonly sent: SentRecorder;

  constructor(private readonly options: WorkerOptions) {
    this.sent = new SentRecorder(options.db);
    this.o = {
      batchSize: options.batchSize ?? 200,
      leaseMs: options.leaseMs ?? 60_000,
      messagesPerSecond: options.messagesPerSecond ?? 50,
      concurrency: options.concurrency ?? 10,
      idleWaitMs: options.idleWaitMs ?? 1000,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = this.loop();
  }

  /** Finishes the messages in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.stopped;
  }

  /** Checks the outbox now instead of after the idle wait (after queuing something urgent). */
  poke(): void {
    this.wake?.();
  }

  /** One pass: claim a batch and send it. Returns how many messages it handled. */
  async runOnce(): Promise<number> {
    const claimed = await claimDue(this.options.db, this.o.batchSize, this.o.leaseMs);
    if (claimed.length === 0) return 0;
    const batch = await this.withoutUnwanted(claimed);
    const gapMs = 1000 / this.o.messagesPerSecond;
    let next = performance.now();
    let index = 0;
    const lane = async () => {
      while (index < batch.length && (this.running || this.stopped === undefined)) {
        const row = batch[index++]!;
        // Pace sends across lanes to the configured rate.
        const wait = next - performance.now();
        next = Math.max(next, performance.now()) + gapMs;
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await this.deliver(row);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, batch.length) }, lane));
    return claimed.length;
  }

  private async withoutUnwanted(rows: OutboxRow[]): Promise<OutboxRow[]> {
    const bulk = rows.filter((r) => r.kind === 'bulk');
    if (!this.options.unwanted || bulk.length === 0) return rows;
    const skip = await this.options.unwanted(bulk);
    for (const id of skip) await markSuppressed(this.options.db, id, 'no longer subscribed');
    return rows.filter((r) => !skip.has(r.id));
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { db, transport, render, logger } = this.options;
    let providerMessageId: string;
    try {
      const rendered = await render(row);
      ({ providerMessageId } = await transport.send({ ...rendered, outboxId: row.id, messageId: row.messageId, to: row.toAddress }));
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError((error as Error).message ?? String(error), false);
      const outcome = await markFailedAttempt(db, row, failure);
      // The id and template only: never the address.
      logger.warn({ outboxId: row.id, template: row.template, attempts: row.attempts, outcome }, 'email not delivered');
      return;
    }
    try {
      await this.sent.record(row.id, providerMessageId);
    } catch (error) {
      // Sent but not recorded: the row stays leased, and after the lease it is sent again with the same Message-ID, as after a crash.
      logger.error({ err: error, outboxId: row.id }, 'email sent but not recorded');
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.runOnce();
      } catch (error) {
        this.options.logger.error({ err: error }, 'email worker pass failed');
      }
      if (handled === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.o.idleWaitMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }
}
