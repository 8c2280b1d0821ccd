import cluster, { type Worker } from 'node:cluster';
import { join } from 'node:path';
import { placeDemoHeroImage, seedDemoContent } from './features/content/seed/index.ts';
import { seedDemoNews } from './features/news/seed/index.ts';
import { seedDemoEvents } from './features/events/seed/index.ts';
import { seedDemoLetters } from './features/letters/seed/index.ts';
import { seedDemoImages } from './features/media/service.ts';
import { seedDemoPetition } from './features/petitions/seed.ts';
import { seedDemoAgenda } from './features/legislators/service.ts';
import { checkReferenceData } from './features/reference/demo.ts';
import { announceDemoAdmin, ensureDemoAdmin } from './features/staff/cli.ts';
import { createEmailRuntime } from './email-runtime.ts';
import { listenForAdminCommandsHere } from './admin-commands.ts';
import { boot, fail } from './platform/boot.ts';
import { openStoryVault, StoryKeyError } from './features/stories/service.ts';
import { logsAreReadable } from './platform/logger.ts';
import { LocalFileStore } from './platform/storage.ts';
import { startUpLines, type StartUpFacts } from './start-up-report.ts';
import { startWebServer } from './web-server.ts';

/**
 * `npm start`. One process by default: it prepares the database, serves the
 * site and (EMAIL_WORKER=inline) sends mail. With WEB_PROCESSES above 1
 * (PostgreSQL only) this first process prepares the database, sends mail
 * and supervises that many web processes sharing the port (node:cluster):
 * it restarts one that dies, and stops them all in order on SIGTERM.
 */

/** Messages a web process sends the supervisor, which runs the email worker. */
type WebProcessMessage = 'listening' | 'email-queued' | 'broadcast-scheduled';

const runningUrl = (config: { publicUrl: string }, port: number) =>
  process.env.PUBLIC_URL ? config.publicUrl : `http://localhost:${port}`;

/**
 * `fn` once at the end of each `ms` in which it was asked for: a spike of signatures, each asking for the email
 * worker to be woken, becomes one message to the supervisor every 20 ms instead of one per request.
 */
function coalesced(fn: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
}

async function webProcess() {
  const { config, logger, database } = await boot({ migrate: false });
  const tell = (message: WebProcessMessage) => process.send?.(message);
  const emailQueued = coalesced(() => tell('email-queued'), 20);
  const web = startWebServer({
    config,
    database,
    logger,
    emailQueued,
    broadcastScheduled: () => tell('broadcast-scheduled'),
    onListening: () => tell('listening'),
  });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await web.stop();
    await database.close();
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

async function main() {
  const { config, logger, database } = await boot();
  // A missing, damaged or foreign stories key file stops the start with one line, before anything seals (ADR 063).
  try {
    await openStoryVault(database.db, config.storiesKeyFile);
  } catch (error) {
    if (error instanceof StoryKeyError) fail(`Stories key error: ${error.message}`);
    throw error;
  }

  // A person at a terminal reads a few plain lines once the site is up (start-up-report.ts), instead of the
  // log lines that would say the same: the demo sign-in, what is missing, the address.
  const readable = logsAreReadable(config);
  let demoAdmin: StartUpFacts['demoAdmin'];
  if (config.seedDemo) {
    const { seeded } = await seedDemoContent(database.db);
    if (seeded) logger.info('demo content added to the empty database');
    if ((await seedDemoPetition(database.db)).seeded) logger.info('demo petition added');
    if ((await seedDemoNews(database.db)).seeded) logger.info('demo news posts added');
    if ((await seedDemoEvents(database.db)).seeded) logger.info('demo events added');
    if ((await seedDemoLetters(database.db)).seeded) logger.info('demo letter campaign added');
    // In the folder the app serves uploads from (app.tsx).
    const uploads = new LocalFileStore(join(config.dataDir, 'uploads'));
    const images = await seedDemoImages(database.db, uploads);
    if (images.seeded && images.ids[0] !== undefined) {
      await placeDemoHeroImage(database.db, images.ids[0]);
      logger.info('demo images added');
    }
    if ((await seedDemoAgenda(database.db)).seeded) logger.info('demo agenda bill and scorecard added');
    // A demo admin only on a demo start, never in production.
    demoAdmin = config.nodeEnv === 'production' ? undefined : await ensureDemoAdmin(database.db);
    if (demoAdmin && !readable) announceDemoAdmin(demoAdmin, logger);
  }

  // Districts and legislators: a demo loads ../shared/data once; otherwise one line says how to load them.
  const referenceLoaded = await checkReferenceData(database.db, logger, {
    demo: config.seedDemo,
    sayWhatIsMissing: !readable,
  });
  const announce = (port: number, fields: Record<string, unknown>, suffix = '') => {
    const url = runningUrl(config, port);
    if (!readable)
      return logger.info({ url, database: database.kind, ...fields }, `Groundswell is running at ${url}${suffix}`);
    const lines = startUpLines({ url, demoAdmin, referenceLoaded, smtpConfigured: Boolean(config.smtpUrl) });
    process.stdout.write(lines.join('\n'));
  };

  // The email worker and broadcast scheduler run here by default (EMAIL_WORKER=inline),
  // or in their own processes with `npm run worker` (EMAIL_WORKER=separate).
  if (config.email.worker === 'separate' && database.kind === 'pglite') {
    fail(
      'Configuration error: EMAIL_WORKER=separate needs DATABASE_URL (PostgreSQL); ' +
        'with the embedded database the worker runs inside npm start',
    );
  }
  const email = config.email.worker === 'inline' ? createEmailRuntime({ config, database, logger }) : undefined;
  email?.start();
  const emailQueued = () => email?.worker.poke();
  const broadcastScheduled = () => void email?.scheduler.runOnce();

  let stopWeb: () => Promise<void>;
  if (config.webProcesses === 1) {
    const web = startWebServer({
      config,
      database,
      logger,
      emailQueued,
      broadcastScheduled,
      onListening: (port) => announce(port, {}),
    });
    stopWeb = () => web.stop();
  } else {
    stopWeb = superviseWebProcesses(config.webProcesses, {
      onMessage: (message) =>
        message === 'email-queued'
          ? emailQueued()
          : message === 'broadcast-scheduled'
            ? broadcastScheduled()
            : undefined,
      onAllListening: () =>
        announce(config.port, { webProcesses: config.webProcesses }, ` in ${config.webProcesses} web processes`),
      onDied: (code, restarting) =>
        logger.error(
          { code, restarting },
          restarting ? 'a web process died; starting another' : 'web processes keep dying; stopping',
        ),
      onGiveUp: () => void shutdown('web processes failing'),
    });
  }

  // On the embedded database, admin commands (npm run cli) reach the database through this process.
  const adminCommands =
    database.kind === 'pglite' ? await listenForAdminCommandsHere({ config, logger, database }) : undefined;

  let stopping = false;
  async function shutdown(reason: string) {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    await adminCommands?.close();
    await stopWeb();
    await email?.stop();
    await database.close();
    logger.info('stopped');
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    process.exit(reason === 'web processes failing' ? 1 : 0);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * Forks `count` web processes and keeps that many running: one that dies is
 * replaced after a second, unless five have died within a minute (then
 * something is wrong that restarting will not fix). Returns the stop.
 */
function superviseWebProcesses(
  count: number,
  events: {
    onMessage(message: WebProcessMessage): void;
    onAllListening(): void;
    onDied(code: number | null, restarting: boolean): void;
    onGiveUp(): void;
  },
): () => Promise<void> {
  let stopping = false;
  let listening = 0;
  const deaths: number[] = [];
  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: WebProcessMessage) => {
      if (message === 'listening' && ++listening === count) events.onAllListening();
      else events.onMessage(message);
    });
  };
  cluster.on('exit', (_worker: Worker, code: number | null) => {
    if (stopping) return;
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && deaths[0]! < now - 60_000) deaths.shift();
    const restarting = deaths.length < 5;
    events.onDied(code, restarting);
    if (restarting) setTimeout(fork, 1000);
    else events.onGiveUp();
  });
  for (let i = 0; i < count; i++) fork();
  return async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  };
}

if (cluster.isWorker) await webProcess();
else await main();
