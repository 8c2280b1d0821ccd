import type { Logger } from 'pino';
import type { Db } from '../../platform/db/client.ts';
import { finishBroadcasts, startDueBroadcasts } from './service.ts';

/**
 * Starts broadcasts when their time comes and marks finished ones sent. It
 * runs wherever the email worker runs; with several worker processes each
 * runs one, and SKIP LOCKED keeps them from starting a broadcast twice.
 */
export class BroadcastScheduler {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;

  constructor(
    private readonly options: { db: Db; logger: Logger; domain: string; intervalMs?: number; onStarted?: () => void },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs ?? 1000);
    this.timer.unref();
  }

  /** Checks now (after "send now"), without waiting for the next tick. */
  runOnce(): Promise<void> {
    this.pass ??= this.check().finally(() => (this.pass = undefined));
    return this.pass;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pass;
  }

  private async check(): Promise<void> {
    try {
      const started = await startDueBroadcasts(this.options.db, { domain: this.options.domain });
      if (started.length > 0) {
        this.options.logger.info({ broadcasts: started }, 'broadcast started: recipients written and queued');
        this.options.onStarted?.();
      }
      const finished = await finishBroadcasts(this.options.db);
      if (finished > 0) this.options.logger.info({ finished }, 'broadcast finished');
    } catch (error) {
      this.options.logger.error({ err: error }, 'broadcast scheduler pass failed');
    }
  }
}
