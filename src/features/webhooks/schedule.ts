import { recurring } from '../../platform/recurring.ts';
import { captureChanges } from './capture.ts';
import type { WebhookSource } from './events.ts';
import { sendDueDeliveries, type SendDeps } from './sending.ts';

/** How often each pass runs: changes reach receivers within seconds, and an idle pass is one small query. */
export const CAPTURE_EVERY_MS = 5_000;
export const SEND_EVERY_MS = 2_000;

/**
 * The two passes, run in the worker (`npm start` and `npm run worker`): reading the sources into deliveries, and
 * sending what is due. Their state is in the database, so several processes may run them side by side.
 */
export function webhookSchedule(deps: SendDeps & { sources: readonly WebhookSource[] }) {
  const stopping = new AbortController();
  const onError = (what: string) => (error: unknown) =>
    deps.logger.error({ err: error }, `webhook ${what} pass failed`);
  const capture = recurring({
    run: () => captureChanges(deps.db, deps.sources),
    delayMs: () => CAPTURE_EVERY_MS,
    onError: onError('capture'),
  });
  const send = recurring({
    run: () => sendDueDeliveries(deps, { stopping: stopping.signal }),
    delayMs: () => SEND_EVERY_MS,
    onError: onError('sending'),
  });
  return {
    start() {
      capture.start();
      send.start();
    },
    async stop() {
      // Requests in flight are cut short and their deliveries handed back, rather than holding the stop for 10 s.
      stopping.abort();
      await Promise.all([capture.stop(), send.stop()]);
    },
  };
}
