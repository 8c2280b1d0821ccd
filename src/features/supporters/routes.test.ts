import { eq } from 'drizzle-orm';
import * as fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser } from '../../../test/support/staff.ts';
import { emailOutbox } from '../email/schema.ts';
import { supporters } from './schema.ts';
import { subscriptionsOf } from './service.ts';

describeEachDatabase('newsletter sign-up over HTTP', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  const db = () => database().db;
  beforeAll(() => {
    app = createTestApp(database()).app;
  });

  const join = (b: ReturnType<typeof browser>, fields: Record<string, string>, path = '/join') => b.post(path, fields, { from: path });

  it('signs up in Spanish, confirms only by the POST button, and answers the same for a known address', async () => {
    const b = browser(app);
    const res = await join(b, { givenName: 'Marisol', email: 'marisol@example.org', zip: '97204', language: 'es', 'topic-newsletter': 'on' }, '/es/join');
    expect(res.status).toBe(200);
    const answer = await res.text();
    expect(answer).toContain('Revisa tu correo');
    const [queued] = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'marisol@example.org'));
    expect(queued).toMatchObject({ template: 'signup-confirm', locale: 'es' });
    const token = String(queued!.data.token);

    // A mail scanner fetching the link changes nothing.
    const look = await b.request(`/es/confirm/${token}`);
    expect(look.status).toBe(200);
    expect(await look.text()).toContain('Confirmar');
    expect(await subscriptionsOf(db(), 'marisol@example.org')).toEqual({ newsletter: 'pending' });
    const confirmed = await b.post(`/es/confirm/${token}`, {}, { from: `/es/confirm/${token}` });
    expect(confirmed.status).toBe(200);
    expect(await subscriptionsOf(db(), 'marisol@example.org')).toEqual({ newsletter: 'subscribed' });

    const again = await join(browser(app), { givenName: 'Marisol', email: 'MARISOL@example.org', language: 'es', 'topic-newsletter': 'on' }, '/es/join');
    expect(again.status).toBe(200);
    const body = await again.text();
    // Same words for a subscribed address as for a new one: nobody learns who is on the list.
    expect(body.slice(body.indexOf('<main'))).toBe(answer.slice(answer.indexOf('<main')));
  });

  it('keeps what was typed and says what is wrong next to each field, with 400', async () => {
    const res = await join(browser(app), { givenName: '', email: 'not an email', zip: '9720', language: 'en' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<title>Error:');
    expect(html).toContain('value="not an email"');
    expect(html).toContain('value="9720"');
    for (const message of ['Enter your first name', 'Enter an email address like name@example.org', 'Enter a 5-digit ZIP code', 'Choose at least one kind of email']) {
      expect(html).toContain(message);
    }
  });

  it('gives a bot that fills the trap field the same answer and keeps nothing', async () => {
    const res = await join(browser(app), { givenName: 'Bot', email: 'bot@example.org', language: 'en', 'topic-newsletter': 'on', website: 'http://spam.example' });
    expect(res.status).toBe(200);
    expect(await db().select().from(supporters).where(eq(supporters.email, 'bot@example.org'))).toHaveLength(0);
  });

  it('refuses a sign-up without a CSRF token', async () => {
    const res = await browser(app).post('/join', { givenName: 'X', email: 'x@example.org', 'topic-newsletter': 'on' }, { csrf: false });
    expect(res.status).toBe(403);
  });

  it('takes the footer form from cached pages without a token when the browser says it comes from this site', async () => {
    const home = await (await app.request('/es', { headers: { cookie: 'lang=es' } })).text();
    expect(home).toContain('action="/es/join"');
    const post = (headers: Record<string, string>) =>
      app.request('/es/join', {
        method: 'POST',
        body: new URLSearchParams({ givenName: 'Pie', email: 'footer@example.org', language: 'es', 'topic-newsletter': 'on' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect(await subscriptionsOf(db(), 'footer@example.org')).toEqual({});
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post({ origin: 'http://localhost:3000' })).status).toBe(200);
    expect(await subscriptionsOf(db(), 'footer@example.org')).toEqual({ newsletter: 'pending' });
    // Staff forms never accept the browser's word alone.
    const staff = await app.request('/admin/sign-in', {
      method: 'POST',
      body: new URLSearchParams({ email: 'a@b.example', password: 'x' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    });
    expect(staff.status).toBe(403);
  });

  it('never answers the sign-up form with a 5xx, and never half-writes a supporter', async () => {
    const b = browser(app);
    const text = fc.string({ maxLength: 120 });
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { givenName: text, familyName: text, email: fc.oneof(text, fc.emailAddress()), zip: fc.oneof(text, fc.stringMatching(/^\d{5}$/)), language: text, 'topic-newsletter': fc.constantFrom('on', '', 'x'), website: fc.constantFrom('', '', 'x') },
          { requiredKeys: [] },
        ),
        fc.boolean(),
        async (form, spanish) => {
          const res = await join(b, form as Record<string, string>, spanish ? '/es/join' : '/join');
          expect([200, 400]).toContain(res.status);
        },
      ),
      { numRuns: 150 },
    );
    const people = await db().select().from(supporters);
    expect(people.every((p) => p.email.includes('@') && p.givenName.trim() !== '')).toBe(true);
  }, 120_000);
});
