import { readFile } from 'node:fs/promises';
import { desc, eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMailbox } from '../../src/features/email/schema.ts';
import { EmailWorker, MailboxTransport, signupTemplates, templateRenderer } from '../../src/features/email/service.ts';
import { petitionTemplates } from '../../src/features/email/templates/petition.ts';
import { signatures } from '../../src/features/petitions/schema.ts';
import { confirmSignature, readCount, signatureToken, writeSignatures } from '../../src/features/petitions/service.ts';
import { makeOpenPetition, pendingSignature } from '../../src/features/petitions/test-support.ts';
import { privacyRequests } from '../../src/features/privacy/schema.ts';
import { privacyTemplates } from '../../src/features/privacy/service.ts';
import { supporters } from '../../src/features/supporters/schema.ts';
import { requestSignup } from '../../src/features/supporters/service.ts';
import { Secrets } from '../../src/platform/crypto.ts';
import { rowsOf } from '../../src/platform/db/client.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { expectNoAxeViolations, launchChromium, recordedVisitor, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';
import { expectNoOverflow, staffPage } from '../support/workspace-browser.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

// The person, with details found nowhere else in the demo site, so that any trace of them left anywhere is found.
const person = {
  email: 'zelo.quillfeather@example.org',
  givenName: 'Zelophehad',
  familyName: 'Quillfeather',
  phone: '503-555-0199',
  zip: '97486',
  street: '1234 Larkspur Hollow Lane',
  comment: 'Saffron-orchard testimony',
};
const traces = Object.values(person);

describe.skipIf(!available.ok)('a privacy request in a real browser: ask, confirm, copy, then delete', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let worker: EmailWorker;
  let checker: Page | undefined;
  const db = () => site.database.db;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    const sender = { name: 'PSJ', address: 'no-reply@psj.example', postalAddress: 'Portland', publicUrl: site.url };
    worker = new EmailWorker({
      db: db(),
      transport: new MailboxTransport(db()),
      render: templateRenderer({
        sender: async () => sender,
        templates: { ...signupTemplates, ...petitionTemplates, ...privacyTemplates() },
        listLinks: () => ({ preferencesUrl: site.url, unsubscribeUrl: site.url }),
      }),
      logger: createLogger({ level: 'silent', pretty: false }),
    });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  /** Every table of the database, read as text row by row: where any of the person's details still appear. */
  async function tracesLeft(): Promise<string[]> {
    const tables = await rowsOf<{ name: string }>(
      db(),
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    const found: string[] = [];
    for (const { name } of tables) {
      for (const trace of traces) {
        const [hit] = await rowsOf<{ n: number }>(
          db(),
          sql`select count(*)::int as n from ${sql.identifier(name)} as t where t::text ilike ${`%${trace}%`}`,
        );
        if (hit!.n > 0) found.push(`${name}: ${trace}`);
      }
    }
    return found;
  }

  /** Delivers the outbox to the demo mailbox, and returns the newest message with this subject. */
  async function newestMail(subject: string) {
    while ((await worker.runOnce()) > 0);
    const [mail] = await db()
      .select()
      .from(emailMailbox)
      .where(eq(emailMailbox.subject, subject))
      .orderBy(desc(emailMailbox.id))
      .limit(1);
    expect(mail, `a message "${subject}"`).toBeDefined();
    return mail!;
  }

  /** axe runs as a script, which a page without JavaScript cannot: its HTML is checked in a page with it. */
  async function axeWithoutScript(page: Page, label: string) {
    const html = await page.content();
    checker ??= await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await checker.goto(`${site.url}/no-such-page`);
    await checker.setContent(html, { waitUntil: 'domcontentloaded' });
    await expectNoAxeViolations(checker, label);
    await expectNoOverflow(checker, label);
  }

  async function ask(page: Page, prefix: '' | '/es', kind: 'copy' | 'deletion', label: string) {
    await page.goto(`${site.url}${prefix}/privacy/request`);
    await axeWithoutScript(page, `${label}: the form`);
    // Sent empty first: errors by each field, the page titled "Error:".
    await page.click('main button[type=submit]');
    expect(await page.title()).toMatch(/^Error: /);
    await axeWithoutScript(page, `${label}: the form with errors`);
    await page.check(`#kind-${kind}`);
    await page.fill('#email', person.email.toUpperCase());
    await page.click('main button[type=submit]');
    await page.locator('h1').waitFor();
    await axeWithoutScript(page, `${label}: check your email`);
  }

  it('keeps no trace of the person anywhere once they asked for their copy and then their deletion', async () => {
    // Nothing of theirs is in the demo site before they come.
    expect(await tracesLeft()).toEqual([]);
    const secrets = new Secrets('test-secret-key-that-is-long-enough-0123456789');
    await requestSignup(
      db(),
      {
        givenName: person.givenName,
        familyName: person.familyName,
        email: person.email,
        zip: person.zip,
        topics: ['newsletter'],
      },
      { method: 'web-form', wordingVersion: 't', emailDomain: 'localhost' },
    );
    await db().update(supporters).set({ phone: person.phone }).where(eq(supporters.email, person.email));
    const petition = await makeOpenPetition(db(), 'privacy-walk');
    await writeSignatures(
      db(),
      [pendingSignature(petition, person.email, { ...person, street: person.street, comment: person.comment })],
      { secrets, emailDomain: 'localhost' },
    );
    const [signature] = await db().select().from(signatures).where(eq(signatures.petitionId, petition.id));
    await confirmSignature(db(), signatureToken(secrets, signature!.tokenNonce!));
    expect(await readCount(db(), petition.id)).toBe(1);
    expect((await tracesLeft()).length).toBeGreaterThan(traces.length);

    // 1. A copy, asked in English without JavaScript, confirmed by the emailed link.
    const { context, page } = await recordedVisitor(browser, 'en', { javaScriptEnabled: false });
    await ask(page, '', 'copy', 'copy');
    expect(await page.locator('h1').textContent()).toBe('Check your email');
    const confirm = await newestMail('Confirm your privacy request');
    // The mail forgot the address once sent (ADR 064); the demo mailbox's copy names nobody.
    expect(confirm.toAddress).not.toContain('quillfeather');
    const link = /https?:\/\/\S+\/privacy\/confirm\/[A-Za-z0-9_-]{43}/.exec(confirm.text)![0];
    await page.goto(link);
    await axeWithoutScript(page, 'copy: confirm');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/privacy\/copy\/[A-Za-z0-9_-]{43}$/);
    await axeWithoutScript(page, 'copy: download page');
    const download = async (label: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.click(`button:has-text("${label}")`)]);
      return readFile((await file.path())!, 'utf8');
    };
    const json = JSON.parse(await download('Download as JSON'));
    expect(json.supporter).toMatchObject({ givenName: person.givenName, phone: person.phone, zip: person.zip });
    expect(json.signatures[0]).toMatchObject({ street: person.street, comment: person.comment });
    await page.reload();
    expect(await page.locator('main').textContent()).toContain('Already downloaded');
    const html = await download('Download as a web page');
    expect(html).toContain(person.familyName);
    expect(html).toContain(person.street);
    // Both taken: the link opens nothing more.
    await page.reload();
    expect(await page.locator('main').textContent()).toContain('expired');
    await axeWithoutScript(page, 'copy: the link used up');

    // 2. Deletion, asked in Spanish.
    await ask(page, '/es', 'deletion', 'deletion (es)');
    expect(await page.locator('h1').textContent()).toBe('Revisa tu correo');
    const deletion = await newestMail('Confirma tu solicitud de privacidad');
    await page.goto(/https?:\/\/\S+\/privacy\/confirm\/[A-Za-z0-9_-]{43}/.exec(deletion.text)![0]);
    await axeWithoutScript(page, 'deletion: confirm');
    await page.click('main button[type=submit]');
    await page.locator('h1', { hasText: 'Tus datos están borrados' }).waitFor();
    await axeWithoutScript(page, 'deletion: done');
    await newestMail('Tus datos están borrados');
    await context.close();

    // Nothing of the person anywhere, in any table; the petition keeps only its count.
    expect(await tracesLeft()).toEqual([]);
    expect(await readCount(db(), petition.id)).toBe(1);
    const log = await db().select().from(privacyRequests);
    expect(log.map((r) => [r.kind, r.status, r.email])).toEqual([
      ['copy', 'completed', null],
      ['deletion', 'completed', null],
    ]);
  }, 240_000);

  it('shows the Global Privacy Control signal on the privacy page, in both languages, with no axe violations', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      extraHTTPHeaders: { 'Sec-GPC': '1' },
    });
    const page = await context.newPage();
    for (const [path, words] of [
      ['/privacy', 'Your browser sent the Global Privacy Control signal'],
      ['/es/privacy', 'Tu navegador envió la señal Global Privacy Control'],
      ['/es/privacy/request', 'Tu navegador envió la señal Global Privacy Control'],
    ] as const) {
      await page.goto(`${site.url}${path}`);
      expect(await page.locator('.privacy-signal').textContent()).toContain(words);
      await expectNoAxeViolations(page, path);
    }
    await context.close();
  }, 60_000);

  it('the staff screens: the list with its deadlines and one request, with no axe violations at 390 px', async () => {
    const page = await staffPage(browser, site, { role: 'admin', displayName: 'Privacy Officer' });
    // An open correction, so the screen shows its decision form too.
    const [request] = await db()
      .insert(privacyRequests)
      .values({
        kind: 'correction',
        status: 'open',
        locale: 'en',
        emailHash: 'staff-screens',
        email: 'someone@example.org',
        details: 'My name is misspelt',
        requestedAt: new Date(Date.now() - 50 * 24 * 60 * 60 * 1000),
        confirmedAt: new Date(Date.now() - 49 * 24 * 60 * 60 * 1000),
        dueAt: new Date(Date.now() - 4 * 24 * 60 * 60 * 1000),
      })
      .returning();
    for (const path of ['/admin/privacy?status=all', `/admin/privacy/${request!.id}`]) {
      await page.goto(`${site.url}${path}`);
      await expectNoAxeViolations(page, path);
      await expectNoOverflow(page, path);
    }
    await page.goto(`${site.url}/admin/privacy?status=all`);
    expect(await page.locator('table').textContent()).toContain('Overdue by 4 days');
  }, 60_000);
});
