import type { Logger } from 'pino';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/client.ts';
import { BroadcastScheduler } from './features/broadcasts/scheduler.ts';
import { BroadcastContentCache, broadcastTemplate } from './features/broadcasts/content.ts';
import { unwantedBroadcastMessages } from './features/broadcasts/service.ts';
import { getSiteSettings } from './features/content/service.ts';
import {
  cancellationTemplate,
  EVENT_CANCELLED_TEMPLATE,
  eventReminderSchedule,
  eventReminderTemplates,
  rsvpManageToken,
  rsvpTemplates,
} from './features/events/service.ts';
import {
  EmailWorker,
  MailboxTransport,
  signupTemplates,
  SmtpTransport,
  staffTemplates,
  templateRenderer,
  type MailTransport,
  type Sender,
} from './features/email/service.ts';
import { letterDigestSchedule, letterTemplates } from './features/letters/service.ts';
import { storyTemplates } from './features/stories/service.ts';
import { privacyTemplates } from './features/privacy/service.ts';
import { supporterListLinks } from './features/supporters/list-links.ts';
import { petitionTemplates } from './features/email/templates/petition.ts';
import { nightlyRecount } from './features/petitions/service.ts';
import { passwordLinkToken } from './features/staff/service.ts';
import { Secrets } from './platform/crypto.ts';
import { privacyPurgeSchedule } from './privacy-purge.ts';
import { webhookSchedule, webhookTemplates } from './features/webhooks/service.ts';
import { webhookSources } from './app/webhook-sources.ts';

/**
 * The sending side, composed once for both ways of running it: inside the
 * web server (`npm start`, the default) or on its own (`npm run worker`).
 */
export function createEmailRuntime(options: {
  config: Config;
  database: Database;
  logger: Logger;
  transport?: MailTransport;
}) {
  const { config, database, logger } = options;
  const db = database.db;
  const domain = new URL(config.publicUrl).hostname;
  // Without SMTP_URL mail is kept in the demo mailbox.
  const transport =
    options.transport ??
    (config.smtpUrl
      ? new SmtpTransport(config.smtpUrl, { dkim: config.email.dkim, maxConnections: config.email.concurrency })
      : new MailboxTransport(db, logger));

  // Where mailto: unsubscribe requests go: the organisation's contact address, read with the sender.
  let contactEmail = '';
  const sender = async (): Promise<Sender> => {
    const site = await getSiteSettings(db);
    contactEmail = site.contactEmail;
    return {
      name: site.name,
      address: config.email.from,
      postalAddress: site.postalAddress,
      publicUrl: config.publicUrl,
    };
  };
  const secrets = new Secrets(config.secretKey);
  let links = { mailbox: '', of: supporterListLinks({ secrets, publicUrl: config.publicUrl }) };
  const linksFor = (mailbox: string) => {
    if (links.mailbox !== mailbox)
      links = {
        mailbox,
        of: supporterListLinks({ secrets, publicUrl: config.publicUrl, unsubscribeMailbox: mailbox || undefined }),
      };
    return links.of;
  };
  const render = templateRenderer({
    // The renderer keeps the sender for 10 s: a send to 100,000 reads the settings a handful of times.
    sender,
    templates: {
      ...signupTemplates,
      ...petitionTemplates,
      ...staffTemplates((nonce) => passwordLinkToken(secrets, nonce)),
      broadcast: broadcastTemplate(new BroadcastContentCache(db, config.publicUrl)),
      // An RSVP's confirmation, waitlist place, promotion and cancellation, each read from the event when sent.
      ...rsvpTemplates(db),
      // Everyone coming or waiting, told when staff cancel the event.
      [EVENT_CANCELLED_TEMPLATE]: cancellationTemplate(db),
      // Reminders a week and a day before, with the confirmation's manage link made again from the RSVP's nonce.
      ...eventReminderTemplates({ db, manageToken: (nonce) => rsvpManageToken(secrets, nonce) }),
      // Letters to legislators' offices (or the review address), the writer's copy, and the daily digests (issue 16).
      ...letterTemplates(db),
      // stories: a teller's confirmation (with the deletion link) and staff's request to choose consent again.
      ...storyTemplates(),
      // Privacy requests: the confirmation link, "we hold nothing under this address", and "your data is deleted".
      ...privacyTemplates(),
      // Webhooks: the admins' notice that a failing endpoint was paused.
      ...webhookTemplates(),
    },
    listLinks: (row) => linksFor(contactEmail)(row),
  });

  const worker = new EmailWorker({
    db,
    transport,
    logger,
    render,
    messagesPerSecond: config.email.messagesPerSecond,
    concurrency: config.email.concurrency,
    leaseMs: config.email.leaseMs,
    unwanted: (rows) => unwantedBroadcastMessages(db, rows),
  });
  const scheduler = new BroadcastScheduler({ db, logger, domain, onStarted: () => worker.poke() });
  // Petition counts are checked against their signatures once a night, and drift repaired (issue 5).
  const recount = nightlyRecount({ db, logger });
  // What the privacy notice says is deleted after a time is deleted on time (ADR 030).
  const purge = privacyPurgeSchedule({ db, logger, dataDir: config.dataDir });
  // Event reminders a week and a day before: a pass a minute, its state the ledger in the database (issue 15).
  const reminders = eventReminderSchedule({ db, logger, domain, onQueued: () => worker.poke() });

  // A digest a day per legislator per campaign, for the days that ended in the organisation's zone (issue 16).
  const digests = letterDigestSchedule({
    db,
    logger,
    domain,
    timeZone: async () => (await getSiteSettings(db)).timeZone,
    onQueued: () => worker.poke(),
  });

  // Webhooks (issue 20): each event's changes read into deliveries, and due deliveries sent, a pass every few seconds.
  const webhooks = webhookSchedule({
    db,
    secrets,
    logger,
    domain,
    sources: webhookSources(config.publicUrl),
    onEmailQueued: () => worker.poke(),
  });

  return {
    worker,
    scheduler,
    transport,
    start() {
      worker.start();
      scheduler.start();
      recount.start();
      purge.start();
      reminders.start();
      digests.start();
      webhooks.start();
    },
    async stop() {
      await webhooks.stop();
      await digests.stop();
      await reminders.stop();
      await purge.stop();
      await recount.stop();
      await scheduler.stop();
      await worker.stop();
      await transport.close();
    },
  };
}
