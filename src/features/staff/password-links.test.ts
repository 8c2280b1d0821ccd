import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { desc, eq, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../app/app.tsx';
import { createEmailRuntime } from '../../email-runtime.ts';
import { sha256 } from '../../platform/crypto.ts';
import { createLogger } from '../../platform/logger.ts';
import { testConfig } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { startSmtpSink } from '../../../test/support/smtp-sink.ts';
import { browser, signedInAs, TEST_PASSWORD, type Browser } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { emailMailbox, emailOutbox } from '../email/schema.ts';
import { SmtpTransport } from '../email/service.ts';
import { staffPasswordLinks, staffSessions, staffUsers } from './schema.ts';
import { resetPasswordFromCli } from './cli.ts';
import { createStaff, enableTotp } from './service.ts';

const uniqueEmail = (what: string) => `${what}-${randomBytes(4).toString('hex')}@staff.example`;

/**
 * Invitations and password resets from end to end: the form, the outbox, the
 * worker, a real SMTP server (or, without one, the demo Mailbox), the message
 * parsed as a mail client parses it, the link followed, a password chosen,
 * and a sign-in with it. The log is watched throughout for tokens and addresses.
 */
describeEachDatabase('staff links through the outbox', (database) => {
  const lines: string[] = [];
  let app: ReturnType<typeof createApp>['app'];
  let smtp: ReturnType<typeof createEmailRuntime>;
  let mailbox: ReturnType<typeof createEmailRuntime>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const db = () => database().db;
  const tokens: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'trace', destination });
    const config = testConfig({ LOG_LEVEL: 'trace' });
    app = createApp({ config, database: database(), logger }).app;
    sink = await startSmtpSink();
    smtp = createEmailRuntime({ config, database: database(), logger, transport: new SmtpTransport(sink.url) });
    mailbox = createEmailRuntime({ config, database: database(), logger });
  });
  afterAll(async () => {
    await smtp.stop();
    await mailbox.stop();
    await sink.close();
  });

  /** Delivers what is queued over SMTP and returns the newest message to `to`, as a mail client parsed it. */
  async function receivedBy(to: string): Promise<ParsedMail> {
    while ((await smtp.worker.runOnce()) > 0);
    const mail = sink.received.findLast((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === to);
    expect(mail, `a message to ${to}`).toBeDefined();
    return mail!;
  }

  /** The link's path, from the plain text and the HTML alike (they must agree); its token is remembered. */
  function linkIn(mail: { text?: string | undefined; html?: string | false }): string {
    const inText = /http:\/\/localhost:3000(\/admin\/password\/[\w-]+)/.exec(mail.text ?? '')?.[1];
    const inHtml = /href="http:\/\/localhost:3000(\/admin\/password\/[\w-]+)"/.exec(String(mail.html))?.[1];
    expect(inText).toBeDefined();
    expect(inHtml).toBe(inText);
    tokens.push(inText!.split('/').at(-1)!);
    return inText!;
  }

  const choose = (b: Browser, link: string, password: string) =>
    b.post(link, { password }, { from: '/admin/forgot-password' });

  it('invites by email: the message, the link, a chosen password, then a sign-in', async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const email = uniqueEmail('invited');
    const invited = await admin.post(
      '/admin/staff',
      { displayName: 'Rosa Martinez', email, role: 'organizer' },
      { from: '/admin/staff/new' },
    );
    expect(invited.status).toBe(303);
    const [member] = await db().select().from(staffUsers).where(eq(staffUsers.email, email));
    expect(member!.role).toBe('organizer');
    // No password yet: nothing signs in, and the answer is the one any wrong password gets.
    const early = await browser(app).post('/admin/sign-in', { email, password: '' });
    expect(early.status).toBe(400);
    expect((await admin.request(`/admin/staff/${member!.id}`)).status).toBe(200);
    expect(await (await admin.request('/admin/staff')).text()).toContain('Invited');

    const mail = await receivedBy(email);
    expect(mail.subject).toMatch(/^You are invited to the .+ workspace$/);
    expect(mail.text).toContain('Hello Rosa Martinez,');
    expect(mail.text).toContain('Test admin invited you');
    expect(mail.text).toContain('72 hours');
    expect(mail.headers.has('list-unsubscribe')).toBe(false);
    const link = linkIn(mail);
    const token = link.split('/').at(-1)!;

    // Stored as a hash; the outbox holds a nonce, never the token.
    const [stored] = await db().select().from(staffPasswordLinks).where(eq(staffPasswordLinks.staffId, member!.id));
    expect(stored!.tokenHash).toBe(sha256(token));
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(72 * 60 * 60 * 1000);
    const outbox = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(JSON.stringify(outbox.map((r) => r.data))).not.toContain(token);

    const person = browser(app);
    const page = await person.request(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('Choose your password');
    const weak = await choose(person, link, 'password1234');
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('too common');
    const chosen = await choose(person, link, 'a lantern over the river 7');
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get('location')).toBe('/admin/sign-in?notice=welcome');
    expect(await (await person.request('/admin/sign-in?notice=welcome')).text()).toContain('Your password is set');
    const signedIn = await person.post('/admin/sign-in', { email, password: 'a lantern over the river 7' });
    expect(signedIn.headers.get('location')).toBe('/admin');
    expect((await person.request('/admin')).status).toBe(200);

    // Single use: the same link again is refused with a page that says so.
    const again = await person.request(link);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('This link has already been used');
    expect((await choose(browser(app), link, 'another fine passphrase 8')).status).toBe(410);

    const actions = (await listAudit(db(), { perPage: 200 })).rows
      .filter((r) => r.subjectId === String(member!.id))
      .map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.invited', 'staff.invitation-accepted', 'staff.sign-in']));
  });

  it(
    'resets a forgotten password: ' + 'the same answer for anyone, a link for an account, its other sessions ended',
    async () => {
      const email = uniqueEmail('forgot');
      const member = await createStaff(db(), {
        email,
        displayName: 'Forgetful',
        role: 'editor',
        password: TEST_PASSWORD,
      });
      const elsewhere = browser(app);
      await elsewhere.post('/admin/sign-in', { email, password: TEST_PASSWORD });
      expect((await elsewhere.request('/admin')).status).toBe(200);

      const signInPage = await (await browser(app).request('/admin/sign-in')).text();
      expect(signInPage).toContain('href="/admin/forgot-password"');
      expect(signInPage).not.toContain('command line');

      const person = browser(app);
      const queuedBefore = (await db().select().from(emailOutbox)).length;
      const stranger = await person.post(
        '/admin/forgot-password',
        { email: uniqueEmail('nobody') },
        { from: '/admin/forgot-password' },
      );
      const known = await person.post('/admin/forgot-password', { email }, { from: '/admin/forgot-password' });
      expect(stranger.status).toBe(303);
      expect(known.status).toBe(303);
      expect(stranger.headers.get('location')).toBe(known.headers.get('location'));
      expect((await db().select().from(emailOutbox)).length).toBe(queuedBefore + 1);

      // Without SMTP the message lands in the Mailbox, as other mail does.
      while ((await mailbox.worker.runOnce()) > 0);
      const [kept] = await db()
        .select()
        .from(emailMailbox)
        .where(eq(emailMailbox.toAddress, email))
        .orderBy(desc(emailMailbox.id));
      expect(kept!.subject).toBe('Reset your workspace password');
      const link = linkIn(kept!);
      const [stored] = await db().select().from(staffPasswordLinks).where(eq(staffPasswordLinks.staffId, member.id));
      expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(60 * 60 * 1000);

      const chosen = await choose(person, link, 'a new and better passphrase');
      expect(chosen.headers.get('location')).toBe('/admin/sign-in?notice=password-reset');
      expect((await elsewhere.request('/admin')).status).toBe(303);
      expect(await db().select().from(staffSessions).where(eq(staffSessions.staffId, member.id))).toEqual([]);
      expect((await browser(app).post('/admin/sign-in', { email, password: TEST_PASSWORD })).status).toBe(400);
      const signedIn = await person.post('/admin/sign-in', { email, password: 'a new and better passphrase' });
      expect(signedIn.headers.get('location')).toBe('/admin');

      const audit = (await listAudit(db(), { perPage: 200 })).rows.filter((r) => r.subjectId === String(member.id));
      expect(audit.map((r) => r.action)).toEqual(
        expect.arrayContaining(['staff.reset-requested', 'staff.password-reset']),
      );
      const unknown = await listAudit(db(), { action: 'staff.reset-requested', perPage: 200 });
      expect(unknown.rows.some((r) => r.subjectType === 'sign-in-email')).toBe(true);
    },
  );

  it('still asks for the second step after a reset', async () => {
    const email = uniqueEmail('two-step');
    const member = await createStaff(db(), { email, displayName: 'Careful', role: 'viewer', password: TEST_PASSWORD });
    const secret = new Secret({ size: 20 }).base32;
    const { secrets } = createApp({
      config: testConfig(),
      database: database(),
      logger: createLogger({ level: 'silent' }),
    });
    const code = (ms: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });
    await enableTotp(db(), secrets, member.id, secret, code(Date.now() - 30_000), Date.now() - 30_000);
    const person = browser(app);
    await person.post('/admin/forgot-password', { email }, { from: '/admin/forgot-password' });
    const link = linkIn(await receivedBy(email));
    expect((await choose(person, link, 'quiet mountains hold snow')).status).toBe(303);
    const signedIn = await person.post('/admin/sign-in', { email, password: 'quiet mountains hold snow' });
    expect(signedIn.headers.get('location')).toBe('/admin/sign-in/two-step');
    expect((await person.request('/admin')).status).toBe(303);
  });

  it('refuses expired, reused and unknown links with a page that says what to do, 4xx', async () => {
    const email = uniqueEmail('expired');
    const member = await createStaff(db(), { email, displayName: 'Late', role: 'viewer', password: TEST_PASSWORD });
    const person = browser(app);
    await person.post('/admin/forgot-password', { email }, { from: '/admin/forgot-password' });
    const link = linkIn(await receivedBy(email));
    await db()
      .update(staffPasswordLinks)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(staffPasswordLinks.staffId, member.id));
    const expired = await person.request(link);
    expect(expired.status).toBe(410);
    const html = await expired.text();
    expect(html).toContain('This link has expired');
    expect(html).toContain('href="/admin/forgot-password"');
    const posted = await choose(person, link, 'too late for this one 3');
    expect(posted.status).toBe(410);
    expect((await browser(app).post('/admin/sign-in', { email, password: 'too late for this one 3' })).status).toBe(
      400,
    );

    const unknown = await person.request(`/admin/password/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('This link does not work');
    expect((await person.request('/admin/password/short')).status).toBe(404);
  });

  it('keeps the command line reset working, and a link sent before it stops working', async () => {
    const email = uniqueEmail('cli');
    await createStaff(db(), { email, displayName: 'Cli', role: 'viewer', password: TEST_PASSWORD });
    await browser(app).post('/admin/forgot-password', { email }, { from: '/admin/forgot-password' });
    const link = linkIn(await receivedBy(email));
    expect(await resetPasswordFromCli(db(), { email }, 'set at the terminal 2026')).toContain('New password set');
    expect((await browser(app).request(link)).status).toBe(410);
    const signedIn = await browser(app).post('/admin/sign-in', { email, password: 'set at the terminal 2026' });
    expect(signedIn.headers.get('location')).toBe('/admin');
  });

  it('never writes a token, an email or a name to the log', () => {
    const log = lines.join('');
    expect(tokens.length).toBeGreaterThan(3);
    for (const token of tokens) expect(log).not.toContain(token);
    expect(log).not.toContain('Rosa Martinez');
    expect(log).not.toMatch(/(invited|forgot|two-step|expired|cli)-[0-9a-f]{8}@staff\.example/);
  });
});
