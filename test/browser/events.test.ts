import { desc, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMailbox } from '../../src/features/email/schema.ts';
import { EmailWorker, MailboxTransport, templateRenderer } from '../../src/features/email/service.ts';
import { eventRsvps, eventSessions, eventTranslations, events } from '../../src/features/events/schema.ts';
import { seedDemoEvents } from '../../src/features/events/seed/index.ts';
import { rsvpTemplates } from '../../src/features/events/service.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { expectNoAxeViolations, launchChromium, recordedVisitor, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

describe.skipIf(!available.ok)('RSVP to an event in a real browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let worker: EmailWorker;
  let sessionId: number;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    const db = site.database.db;
    await seedDemoEvents(db);
    // One seat: the first person takes it, the second waits.
    // On the hour: calendar files keep whole seconds.
    const startsAt = new Date(Math.ceil((Date.now() + 20 * 86_400_000) / 3_600_000) * 3_600_000);
    const [event] = await db
      .insert(events)
      .values({
        slug: 'un-lugar',
        status: 'published',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        venue: 'Centro comunitario',
        address: '100 Main St, Salem, OR 97301',
        capacity: 1,
      })
      .returning({ id: events.id });
    await db.insert(eventTranslations).values([
      { eventId: event!.id, locale: 'en', title: 'One seat left', summary: 'A small gathering.' },
      { eventId: event!.id, locale: 'es', title: 'Queda un lugar', summary: 'Un encuentro pequeño.' },
    ]);
    [{ id: sessionId }] = (await db
      .insert(eventSessions)
      .values({
        eventId: event!.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        titleEn: 'Welcome',
        titleEs: 'Bienvenida',
      })
      .returning({ id: eventSessions.id })) as [{ id: number }];
    // The real worker, templates and demo mailbox: what `npm start` runs without SMTP_URL.
    const sender = {
      name: 'Partnership for Safety and Justice',
      address: 'no-reply@psj.example',
      postalAddress: 'Portland, Oregon',
      publicUrl: site.url,
    };
    worker = new EmailWorker({
      db,
      transport: new MailboxTransport(db),
      render: templateRenderer({
        sender: async () => sender,
        templates: rsvpTemplates(db),
        listLinks: () => {
          throw new Error('RSVP emails are transactional: no list links');
        },
      }),
      logger: createLogger({ level: 'silent', pretty: false }),
    });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  /** Delivers what the outbox holds to the demo mailbox, and returns the newest message to `to`. */
  async function newestMailTo(to: string) {
    while ((await worker.runOnce()) > 0);
    const [mail] = await site.database.db
      .select()
      .from(emailMailbox)
      .where(eq(emailMailbox.toAddress, to))
      .orderBy(desc(emailMailbox.id))
      .limit(1);
    expect(mail, `a message to ${to}`).toBeDefined();
    return mail!;
  }

  /**
   * axe runs in the page, so it needs JavaScript: the page a visitor without it sees is written into a page of the
   * same site, at the same width, with JavaScript on, and checked there.
   */
  async function expectNoViolationsWithoutScript(page: Page, label: string) {
    const html = await page.content();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-US' });
    const checker = await context.newPage();
    await checker.goto(`${site.url}/es/events`);
    await checker.setContent(html);
    await expectNoAxeViolations(checker, label);
    await context.close();
  }

  /** Fills the Spanish RSVP form on the event's page and sends it, without JavaScript: a plain form post. */
  async function rsvp(page: Page, person: { givenName: string; email: string }) {
    await page.goto(`${site.url}/es/events/un-lugar`);
    await page.locator('#givenName').fill(person.givenName);
    await page.locator('#familyName').fill('Prueba');
    await page.locator('#email').fill(person.email);
    await page.locator('#zip').fill('97301');
    await page.locator(`#sessions-${sessionId}`).check();
    await page.locator('#interpretation-spanish').check();
    await Promise.all([page.waitForNavigation(), page.locator('form.rsvp-form button[type="submit"]').click()]);
  }

  it('in Spanish without JavaScript: the last seat, the waitlist, the emailed .ics, cancelling, the next promoted', async () => {
    const a = await recordedVisitor(browser, 'es', { javaScriptEnabled: false });
    await a.page.goto(`${site.url}/es/events`);
    expect(await a.page.locator('h1').textContent()).toBe('Eventos');
    await expectNoViolationsWithoutScript(a.page, 'events');
    await a.page.goto(`${site.url}/es/events/sample-advocacy-day`);
    await expectNoViolationsWithoutScript(a.page, 'advocacy day');

    // Sent empty: the page again, an error summary first, a message by each field, and a 400.
    await a.page.goto(`${site.url}/es/events/un-lugar`);
    expect(await a.page.locator('#rsvp-heading').textContent()).toBe('Confirma tu asistencia');
    await expectNoViolationsWithoutScript(a.page, 'event');
    const [refused] = await Promise.all([
      a.page.waitForNavigation(),
      a.page.locator('form.rsvp-form button[type="submit"]').click(),
    ]);
    expect(refused!.status()).toBe(400);
    expect(await a.page.title()).toMatch(/^Error: Queda un lugar/);
    expect(await a.page.locator('.error-summary li').count()).toBeGreaterThanOrEqual(5);
    expect(await a.page.locator('#zip-error').textContent()).toContain('código postal');
    await expectNoViolationsWithoutScript(a.page, 'form with errors');

    await rsvp(a.page, { givenName: 'Marisol', email: 'persona-a@example.org' });
    expect(await a.page.locator('h1').textContent()).toBe('Vienes: tu lugar está confirmado');
    await expectNoViolationsWithoutScript(a.page, 'confirmed');

    const b = await recordedVisitor(browser, 'es', { javaScriptEnabled: false });
    await b.page.goto(`${site.url}/es/events/un-lugar`);
    expect(await b.page.locator('#rsvp-heading').textContent()).toBe('Anótate en la lista de espera');
    await rsvp(b.page, { givenName: 'Tomás', email: 'persona-b@example.org' });
    expect(await b.page.locator('h1').textContent()).toBe('Estás en la lista de espera');
    expect(await b.page.locator('main').textContent()).toContain('eres el número 1 de la lista de espera');
    await expectNoViolationsWithoutScript(b.page, 'waitlisted');

    // A's confirmation, in Spanish, with a calendar file an iCalendar parser reads back.
    const confirmation = await newestMailTo('persona-a@example.org');
    expect(confirmation.subject).toBe('Tu lugar está confirmado: Queda un lugar');
    const file = confirmation.attachments.find((f) => f.filename === 'un-lugar.ics');
    expect(file?.contentType).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(file!.content));
    const [vevent] = calendar.getAllSubcomponents('vevent');
    const event = new ICAL.Event(vevent!);
    expect(event.summary).toBe('Queda un lugar');
    expect(event.location).toContain('Centro comunitario');
    expect(event.startDate.toJSDate().getTime()).toBe(
      (await site.database.db.select().from(events).where(eq(events.slug, 'un-lugar')))[0]!.startsAt.getTime(),
    );
    const link = new RegExp(`${site.url}/es/events/rsvp/[A-Za-z0-9_-]+`).exec(confirmation.text)?.[0];
    expect(link, 'the link to change or cancel, in the email').toBeDefined();
    expect((await newestMailTo('persona-b@example.org')).subject).toContain('lista de espera, número 1');

    // A cancels from the link: the page, the question, the answer.
    const manage = await a.page.goto(link!);
    expect(manage!.headers()['referrer-policy']).toBe('no-referrer');
    expect(manage!.headers()['cache-control']).toBe('no-store');
    expect(await a.page.locator('main').textContent()).toContain('Tu lugar está confirmado.');
    expect(await a.page.locator('#interpretation-spanish').isChecked()).toBe(true);
    await expectNoViolationsWithoutScript(a.page, 'manage');
    await Promise.all([
      a.page.waitForNavigation(),
      a.page.getByRole('link', { name: 'Cancelar mi confirmación' }).click(),
    ]);
    expect(await a.page.locator('h1').textContent()).toBe('¿Cancelar tu confirmación?');
    await expectNoViolationsWithoutScript(a.page, 'cancel');
    await Promise.all([
      a.page.waitForNavigation(),
      a.page.getByRole('button', { name: 'Sí, cancelar mi confirmación' }).click(),
    ]);
    expect(await a.page.locator('h1').textContent()).toBe('Tu confirmación está cancelada');
    await expectNoViolationsWithoutScript(a.page, 'cancelled');

    // B, first on the waitlist, now holds the seat and is told so, with the calendar file.
    const rows = await site.database.db.select().from(eventRsvps).orderBy(eventRsvps.id);
    expect(rows.slice(-2).map((r) => r.status)).toEqual(['cancelled', 'confirmed']);
    const promoted = await newestMailTo('persona-b@example.org');
    expect(promoted.subject).toBe('Se abrió un lugar para ti: Queda un lugar');
    expect(promoted.attachments.map((f) => f.filename)).toEqual(['un-lugar.ics']);

    // Nothing came from another host, and nothing broke the CSP.
    for (const visitor of [a, b]) {
      expect(visitor.requested.filter((u) => !u.startsWith(`${site.url}/`))).toEqual([]);
      expect(visitor.refused).toEqual([]);
      await visitor.context.close();
    }
  }, 180_000);

  it('passes axe on a wide screen too, and holds at 390 px without sideways scrolling', async () => {
    const wide = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await wide.newPage();
    for (const path of ['/events', '/events/sample-advocacy-day', '/events/sample-training-telling-your-story']) {
      await page.goto(site.url + path);
      await expectNoAxeViolations(page, `wide ${path}`);
    }
    await wide.close();
    const narrow = await recordedVisitor(browser, 'en');
    for (const path of ['/events', '/events/sample-advocacy-day', '/es/events/sample-advocacy-day']) {
      await narrow.page.goto(site.url + path);
      const width = await narrow.page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width, path).toBeLessThanOrEqual(390);
    }
    await expectNoAxeViolations(narrow.page, 'narrow advocacy day');
    await narrow.context.close();
  }, 90_000);
});
