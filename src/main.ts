import { serve } from '@hono/node-server';
import { seedDemoContent } from './features/content/seed/index.ts';
import { seedDemoPetition } from './features/petitions/seed.ts';
import { checkReferenceData } from './features/reference/demo.ts';
import { ensureDemoAdmin } from './features/staff/cli.ts';
import { createEmailRuntime } from './email-runtime.ts';
import { boot, fail } from './platform/boot.ts';
import { createApp } from './platform/http/app.tsx';

// Requests in flight get this long to finish once the socket closes, before connections are cut.
const SHUTDOWN_GRACE_MS = 7000;

const { config, logger, database } = await boot();

if (config.seedDemo) {
  const { seeded } = await seedDemoContent(database.db);
  if (seeded) logger.info('demo content added to the empty database');
  if ((await seedDemoPetition(database.db)).seeded) logger.info('demo petition added');
  // A demo admin only on a demo start, never in production.
  const demoAdmin = config.nodeEnv === 'production' ? undefined : await ensureDemoAdmin(database.db);
  if (demoAdmin) {
    logger.info({ demoAdmin: { login: demoAdmin.email, password: demoAdmin.password } }, `Demo admin created: sign in at /admin as ${demoAdmin.email} with password ${demoAdmin.password} (shown once)`);
  }
}

// Districts and legislators: a demo loads ../shared/data once; otherwise one line says how to load them.
await checkReferenceData(database.db, logger, { demo: config.seedDemo });

// The email worker and broadcast scheduler run inside the server by default (EMAIL_WORKER=inline),
// or in their own processes with `npm run worker` (EMAIL_WORKER=separate).
if (config.email.worker === 'separate' && database.kind === 'pglite') {
  fail('Configuration error: EMAIL_WORKER=separate needs DATABASE_URL (PostgreSQL); with the embedded database the worker runs inside npm start');
}
const email = config.email.worker === 'inline' ? createEmailRuntime({ config, database, logger }) : undefined;
email?.start();

const lifecycle = { draining: false };
const { app } = createApp({ config, database, logger, lifecycle, emailQueued: () => email?.worker.poke(), broadcastScheduled: () => void email?.scheduler.runOnce() });

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const url = process.env.PUBLIC_URL ? config.publicUrl : `http://localhost:${info.port}`;
  logger.info({ url, database: database.kind }, `Groundswell is running at ${url}`);
});

server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') fail(`Configuration error: PORT ${config.port} is already in use by another program`);
  if (error.code === 'EACCES') fail(`Configuration error: PORT ${config.port} needs privileges this process does not have`);
  fail(`Server error: ${error.message}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  // First drain: keep serving while /healthz says 503, so the load balancer stops sending
  // before the listening socket closes and nothing already on its way is refused.
  lifecycle.draining = true;
  logger.info({ signal, drainMs: config.shutdownDrainMs }, 'stopping: draining, then no new connections');
  await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
  logger.info('finishing requests in flight');
  const forceClose = setTimeout(() => {
    logger.warn('requests still open after the grace period; closing their connections');
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  }, SHUTDOWN_GRACE_MS);
  forceClose.unref();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  });
  clearTimeout(forceClose);
  await email?.stop();
  await database.close();
  logger.info('stopped');
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
