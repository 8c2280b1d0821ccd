import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/client.ts';
import { fail } from './platform/boot.ts';
import { createApp } from './app/app.tsx';

// Requests in flight get this long to finish once the socket closes, before connections are cut.
const SHUTDOWN_GRACE_MS = 7000;

/**
 * One web process's HTTP server: the app on PORT, and its orderly stop.
 * `npm start` runs one in its own process, or several under node:cluster
 * (WEB_PROCESSES), which then share the port.
 */
export function startWebServer(options: {
  config: Config;
  database: Database;
  logger: Logger;
  emailQueued: () => void;
  broadcastScheduled: () => void;
  onListening: (port: number) => void;
}) {
  const { config, database, logger } = options;
  const lifecycle = { draining: false };
  const { app } = createApp({
    config,
    database,
    logger,
    lifecycle,
    emailQueued: options.emailQueued,
    broadcastScheduled: options.broadcastScheduled,
  });
  const server = serve(
    {
      fetch: app.fetch,
      port: config.port,
      hostname: config.host,
      // A body nobody read is dropped by Node itself, and a refused one by limitBodySize, as long as the request
      // may take. @hono/node-server's own clean-up cuts the connection half a second after the answer, so
      // that a client still sending (a slow upload refused with 413) got a reset instead of the answer.
      autoCleanupIncoming: false,
      serverOptions: {
        headersTimeout: config.http.headersTimeoutMs,
        requestTimeout: config.http.requestTimeoutMs,
        keepAliveTimeout: config.http.keepAliveTimeoutMs,
        // How often Node looks for requests past their time: by default every 30 s, which let a slow client stay that
        // much longer.
        connectionsCheckingInterval: 1000,
      },
    },
    (info) => options.onListening(info.port),
  );
  // Past this, new connections are closed at once: slow clients use up sockets and memory, not the process.
  server.maxConnections = config.http.maxConnections;
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      fail(`Configuration error: PORT ${config.port} is already in use by another program`);
    if (error.code === 'EACCES')
      fail(`Configuration error: PORT ${config.port} needs privileges this process does not have`);
    fail(`Server error: ${error.message}`);
  });

  return {
    /**
     * First drain: keep serving while /healthz says 503, so the load balancer stops sending before
     * the listening socket closes and nothing already on its way is refused. Then finish what is in flight.
     */
    async stop(): Promise<void> {
      lifecycle.draining = true;
      logger.info({ drainMs: config.shutdownDrainMs }, 'stopping: draining, then no new connections');
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
    },
  };
}
