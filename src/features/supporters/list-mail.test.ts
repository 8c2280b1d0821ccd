import { eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.ts';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { startSmtpSink } from '../../../test/support/smtp-sink.ts';
import { emailOutbox } from '../email/schema.ts';
import {
  EmailWorker,
  enqueueEmail,
  localized,
  signupTemplates,
  SmtpTransport,
  templateRenderer,
  type RenderEmail,
} from '../email/service.ts';
import { supporterListLinks } from './list-links.ts';
import { supporters } from './schema.ts';
import { bulkAudience, confirmSignup, requestSignup, subscriptionsOf } from './service.ts';

const ctx = { method: 'web-form' as const, wordingVersion: 'test', emailDomain: 'psj.example' };
const publicUrl = 'http://localhost:3000';
const logger = createLogger({ level: 'silent', pretty: false });

// A stand-in for a broadcast: list mail whose body the layout wraps.
const news = localized({
  en: () => ({ subject: 'News for you', bodyHtml: '<p>Something happened.</p>', bodyText: 'Something happened.' }),
  es: () => ({ subject: 'Noticias para ti', bodyHtml: '<p>Pasó algo.</p>', bodyText: 'Pasó algo.' }),
});

const header = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((h) => h.key === name)
    ?.line.replace(/^[^:]+:\s*/, '')
    .replace(/\r?\n\s+/g, ' ');

describeEachDatabase('list mail through a real SMTP server and the real app', (database) => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let transport: SmtpTransport;
  let app: ReturnType<typeof createTestApp>['app'];
  let render: RenderEmail;
  const db = () => database().db;

  beforeAll(async () => {
    sink = await startSmtpSink();
    transport = new SmtpTransport(sink.url);
    const made = createTestApp(database());
    app = made.app;
    // Composed as the email runtime composes it.
    render = templateRenderer({
      sender: async () => ({ name: 'PSJ', address: 'news@psj.example', postalAddress: '100 Main St', publicUrl }),
      templates: { ...signupTemplates, news },
      listLinks: supporterListLinks({ secrets: made.secrets, publicUrl, unsubscribeMailbox: 'hello@psj.example' }),
    });
  });
  afterAll(async () => {
    await transport.close();
    await sink.close();
  });

  async function deliver() {
    await new EmailWorker({ db: db(), transport, render, logger, messagesPerSecond: 1000 }).runOnce();
  }
  const mailTo = (to: string, subject: string) =>
    sink.received.find((m) => m.subject === subject && m.to && !Array.isArray(m.to) && m.to.text === to);

  it('sends the confirmation without list headers; its link opens the confirm page', async () => {
    await requestSignup(db(), { givenName: 'Lu', email: 'lu@example.org', locale: 'es', topics: ['newsletter'] }, ctx);
    await deliver();
    const mail = mailTo('lu@example.org', 'Confirma tu suscripción, por favor')!;
    expect(header(mail, 'list-unsubscribe')).toBeUndefined();
    expect(header(mail, 'list-unsubscribe-post')).toBeUndefined();
    expect(mail.html).toContain('<html lang="es"');
    const link = /http:\/\/localhost:3000(\/es\/confirm\/\S+)/.exec(mail.text ?? '')![1]!;
    expect(mail.html).toContain(`href="${publicUrl}${link}"`);
    expect((await app.request(link)).status).toBe(200);
  });

  it('sends list mail: its one-click header unsubscribes at once when POSTed, its preferences link opens', async () => {
    await requestSignup(
      db(),
      { givenName: 'Kim', email: 'kim@example.org', locale: 'en', topics: ['newsletter', 'events'] },
      ctx,
    );
    const [confirm] = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'kim@example.org'));
    await confirmSignup(db(), String(confirm!.data.token), ctx);
    const [kim] = await db().select().from(supporters).where(eq(supporters.email, 'kim@example.org'));
    await enqueueEmail(
      db(),
      {
        idempotencyKey: 'news:kim',
        to: 'kim@example.org',
        kind: 'bulk',
        template: 'news',
        locale: 'en',
        data: { supporterId: kim!.id },
      },
      { domain: 'psj.example' },
    );
    await deliver();

    const mail = mailTo('kim@example.org', 'News for you')!;
    expect(mail.html).toContain('<p>Something happened.</p>');
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const listUnsubscribe = header(mail, 'list-unsubscribe')!;
    expect(listUnsubscribe).toMatch(
      /^<http:\/\/localhost:3000\/unsubscribe\/[^>]+>, <mailto:hello@psj\.example\?subject=unsubscribe%20[^>]+>$/,
    );

    const preferences = /(\/preferences\/[^\s"]+)/.exec(mail.text ?? '')![1]!;
    expect((await app.request(preferences)).status).toBe(200);

    const oneClick = new URL(/^<([^>]+)>/.exec(listUnsubscribe)![1]!);
    expect(oneClick.origin).toBe(publicUrl);
    expect((await bulkAudience(db(), 'newsletter')).map((p) => p.email)).toContain('kim@example.org');
    const res = await app.request(oneClick.pathname, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(await subscriptionsOf(db(), 'kim@example.org')).toEqual({
      newsletter: 'unsubscribed',
      events: 'unsubscribed',
    });
    expect((await bulkAudience(db(), 'newsletter')).map((p) => p.email)).not.toContain('kim@example.org');
  });

  it('refuses to send list mail that could not carry an unsubscribe link', async () => {
    await enqueueEmail(
      db(),
      { idempotencyKey: 'news:nobody', to: 'nobody@example.org', kind: 'bulk', template: 'news', locale: 'en' },
      { domain: 'psj.example' },
    );
    await deliver();
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, 'news:nobody'));
    expect(row).toMatchObject({ status: 'failed' });
    expect(row!.lastError).toContain('no supporterId');
    expect(mailTo('nobody@example.org', 'News for you')).toBeUndefined();
  });
});
