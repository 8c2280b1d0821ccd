import type { Logger } from 'pino';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/client.ts';
import { BroadcastScheduler } from './features/broadcasts/scheduler.ts';
import { BroadcastContentCache, mergeFields } from './features/broadcasts/content.ts';
import { unwantedBroadcastMessages } from './features/broadcasts/service.ts';
import { getSiteSettings } from './features/content/service.ts';
import { EmailWorker, MailboxTransport, SmtpTransport, templateRenderer, type MailTransport, type RenderEmail } from './features/email/service.ts';

/**
 * The sending side, composed once for both ways of running it: inside the
 * web server (`npm start`, the default) or on its own (`npm run worker`).
 */
export function createEmailRuntime(options: { config: Config; database: Database; logger: Logger; transport?: MailTransport }) {
  const { config, database, logger } = options;
  const db = database.db;
  const domain = new URL(config.publicUrl).hostname;
  // Without SMTP_URL mail is kept in the demo mailbox.
  const transport = options.transport ?? (config.smtpUrl ? new SmtpTransport(config.smtpUrl, { dkim: config.email.dkim, maxConnections: config.email.concurrency }) : new MailboxTransport(db, logger));

  let senderCache: { at: number; value: Promise<{ name: string; address: string; postalAddress: string; publicUrl: string }> } | undefined;
  // Site settings change rarely; a send to 100,000 reads them once a minute, not per message.
  const sender = () => {
    if (!senderCache || Date.now() - senderCache.at > 60_000) {
      senderCache = {
        at: Date.now(),
        value: getSiteSettings(db).then((site) => ({ name: site.name, address: config.email.from, postalAddress: site.postalAddress, publicUrl: config.publicUrl })),
      };
    }
    return senderCache.value;
  };
  const transactional = templateRenderer(sender);
  const broadcastContent = new BroadcastContentCache(db, config.publicUrl);
  const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

  const render: RenderEmail = async (row) => {
    if (row.template !== 'broadcast') return transactional(row);
    const content = await broadcastContent.get(Number(row.data.broadcastId), row.locale);
    if (!content) throw new Error('the broadcast no longer exists');
    const s = await sender();
    const fields = { givenName: String(row.data.givenName ?? '') };
    const prefix = row.data.test ? '[Test] ' : '';
    return {
      from: `${s.name} <${s.address}>`,
      subject: prefix + mergeFields(content.subject, fields),
      text: mergeFields(content.bodyText, fields),
      html: `<!doctype html><html lang="${content.locale}"><body>${mergeFields(content.bodyHtml, fields, escapeHtml)}</body></html>`,
      headers: {},
    };
  };

  const worker = new EmailWorker({
    db,
    transport,
    logger,
    render,
    messagesPerSecond: config.email.messagesPerSecond,
    concurrency: config.email.concurrency,
    leaseMs: config.email.leaseMs,
    unwanted: (rows) => unwantedBroadcastMessages(db, rows.filter((r) => r.broadcastId !== null).map((r) => r.id)),
  });
  const scheduler = new BroadcastScheduler({ db, logger, domain, onStarted: () => worker.poke() });

  return {
    worker,
    scheduler,
    transport,
    start() {
      worker.start();
      scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await worker.stop();
      await transport.close();
    },
  };
}
