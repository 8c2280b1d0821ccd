import { createEmailRuntime } from './email-runtime.ts';
import { boot, fail } from './platform/boot.ts';

/**
 * The email worker on its own, for sending at scale: run one or more of
 * these beside web processes started with EMAIL_WORKER=separate. They share
 * the outbox through PostgreSQL (SKIP LOCKED), so any number can run.
 */
const { config, logger, database } = await boot();
if (database.kind === 'pglite') {
  fail(
    'Configuration error: npm run worker needs DATABASE_URL (PostgreSQL). ' +
      'The embedded database serves one process: with it, the worker runs inside npm start.',
  );
}
const email = createEmailRuntime({ config, database, logger });
email.start();
logger.info(
  {
    messagesPerSecond: config.email.messagesPerSecond,
    concurrency: config.email.concurrency,
    transport: email.transport.name,
  },
  'email worker running',
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'email worker stopping: finishing the messages in hand');
  await email.stop();
  await database.close();
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
