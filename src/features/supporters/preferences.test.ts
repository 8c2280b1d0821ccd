import { eq } from 'drizzle-orm';
import * as fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { Secrets } from '../../platform/crypto.ts';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser } from '../../../test/support/staff.ts';
import { auditLog } from '../audit/schema.ts';
import { emailOutbox } from '../email/schema.ts';
import { subscriptions, supporters } from './schema.ts';
import { FRESH_LINKS_PER_DAY, readPreferencesLink } from './links.ts';
import {
  bulkAudience,
  confirmSignup,
  preferencesToken,
  requestSignup,
  subscriptionsOf,
  timelineOf,
} from './service.ts';

const ctx = { method: 'web-form' as const, wordingVersion: 'test', emailDomain: 'psj.example' };

describeEachDatabase('preferences and one-click unsubscribe', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let secrets: Secrets;
  const db = () => database().db;

  async function subscribed(email: string, topics: ('newsletter' | 'events' | 'action-alerts')[]): Promise<number> {
    await requestSignup(db(), { givenName: 'Sam', email, topics }, ctx);
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    await confirmSignup(db(), String(row!.data.token), ctx);
    const [person] = await db().select().from(supporters).where(eq(supporters.email, email));
    return person!.id;
  }

  beforeAll(() => {
    const made = createTestApp(database());
    app = made.app;
    secrets = made.secrets;
  });

  it('signs tokens that cannot be forged for another person or another time', () => {
    const issuedAt = new Date('2026-12-01T10:00:00Z');
    const token = preferencesToken(secrets, 42, issuedAt);
    expect(token).toMatch(/^42\.[A-Za-z0-9_-]{32}$/);
    expect(readPreferencesLink(secrets, token)).toEqual({ supporterId: 42, issuedAt });
    expect(readPreferencesLink(secrets, token.replace(/^42/, '43'))).toBeUndefined();
    const later = preferencesToken(secrets, 42, new Date('2027-12-01T10:00:00Z'));
    // Another time's stamp with this token's HMAC.
    expect(readPreferencesLink(secrets, `${later.slice(0, 10)}${token.slice(10)}`)).toBeUndefined();
    expect(readPreferencesLink(secrets, '42.short')).toBeUndefined();
  });

  it('unsubscribes from all at once on a List-Unsubscribe=One-Click POST, without session or token', async () => {
    const id = await subscribed('oneclick@example.org', ['newsletter', 'events']);
    expect((await bulkAudience(db(), 'newsletter')).map((a) => a.email)).toContain('oneclick@example.org');
    const res = await app.request(`/unsubscribe/${preferencesToken(secrets, id)}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(await subscriptionsOf(db(), 'oneclick@example.org')).toEqual({
      newsletter: 'unsubscribed',
      events: 'unsubscribed',
    });
    expect((await bulkAudience(db(), 'newsletter')).map((a) => a.email)).not.toContain('oneclick@example.org');
    expect((await timelineOf(db(), 'oneclick@example.org')).at(-1)?.kind).toBe('unsubscribed');
    // A forged token changes nothing.
    expect(
      (
        await app.request(`/unsubscribe/${id}.${'x'.repeat(32)}`, {
          method: 'POST',
          body: 'List-Unsubscribe=One-Click',
        })
      ).status,
    ).toBe(404);
  });

  it('answers a GET of the unsubscribe URL (a link scanner) with the preferences page, changing nothing', async () => {
    const id = await subscribed('opened@example.org', ['newsletter']);
    await db().update(supporters).set({ locale: 'es' }).where(eq(supporters.id, id));
    const token = preferencesToken(secrets, id);
    const res = await app.request(`/unsubscribe/${token}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/es/preferences/${token}`);
    expect(await subscriptionsOf(db(), 'opened@example.org')).toEqual({ newsletter: 'subscribed' });
    expect((await app.request(`/unsubscribe/${id}.${'x'.repeat(32)}`)).status).toBe(404);
  });

  it('lets a person change topics and language from the emailed link, in Spanish', async () => {
    const id = await subscribed('prefs@example.org', ['newsletter', 'action-alerts']);
    const b = browser(app);
    const path = `/es/preferences/${preferencesToken(secrets, id)}`;
    const page = await b.request(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Tus preferencias de correo');
    const saved = await b.post(path, { 'topic-newsletter': 'on', language: 'es' }, { from: path });
    expect(saved.status).toBe(200);
    expect(await subscriptionsOf(db(), 'prefs@example.org')).toEqual({
      newsletter: 'subscribed',
      'action-alerts': 'unsubscribed',
    });
    const all = await b.post(path, { intent: 'unsubscribe-all' }, { from: path });
    expect(await all.text()).toContain('Te diste de baja de todo');
    expect(await subscriptionsOf(db(), 'prefs@example.org')).toEqual({
      newsletter: 'unsubscribed',
      'action-alerts': 'unsubscribed',
    });
    expect((await b.request('/preferences/1.' + 'y'.repeat(32))).status).toBe(404);
  });

  it('lets a person download their data and delete it all, in Spanish; old links then answer kindly', async () => {
    const id = await subscribed('rights@example.org', ['newsletter']);
    const token = preferencesToken(secrets, id);
    const path = `/es/preferences/${token}`;
    const b = browser(app);
    const prefs = await (await b.request(path)).text();
    expect(prefs).toContain('Descargar mis datos');
    expect(prefs).toContain(`href="${path}/delete"`);

    const file = await b.post(`${path}/export`, {}, { from: path });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="mis-datos.json"');
    expect(file.headers.get('cache-control')).toBe('no-store');
    const data = JSON.parse(await file.text());
    expect(data.supporter).toMatchObject({ id, email: 'rights@example.org', givenName: 'Sam' });
    expect(data.consents).toHaveLength(1);
    expect((await b.post(`${path}/export`, {}, { csrf: false })).status).toBe(403);

    const confirm = await b.request(`${path}/delete`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('¿Borramos todo lo que guardamos sobre ti?');
    const unpressed = await b.post(`${path}/delete`, {}, { from: `${path}/delete` });
    expect(unpressed.status).toBe(400);
    expect(await unpressed.text()).toContain('<title>Error:');
    expect(await db().select().from(supporters).where(eq(supporters.id, id))).toHaveLength(1);

    const done = await b.post(`${path}/delete`, { confirm: 'yes' }, { from: `${path}/delete` });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Tus datos están borrados');
    expect(await db().select().from(supporters).where(eq(supporters.id, id))).toEqual([]);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'rights@example.org'))).toEqual([]);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(id)));
    expect(entry).toMatchObject({ action: 'supporter.erase', subjectType: 'supporter', actorId: null });

    // Mail already sent still carries these links: they answer, and nothing breaks.
    const oneClick = await app.request(`/unsubscribe/${token}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toBe('Nothing to unsubscribe\n');
    const gone = await b.request(path);
    expect(gone.status).toBe(200);
    expect(await gone.text()).toContain('Ya no guardamos nada sobre ti');
    expect((await b.request(`${path}/delete`)).status).toBe(200);
  });

  it('says the same in English', async () => {
    const id = await subscribed('rights-en@example.org', ['events']);
    const path = `/preferences/${preferencesToken(secrets, id)}`;
    const b = browser(app);
    expect(await (await b.request(`${path}/delete`)).text()).toContain('Delete everything we hold about you?');
    const file = await b.post(`${path}/export`, {}, { from: path });
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="my-data.json"');
    const done = await b.post(`${path}/delete`, { confirm: 'yes' }, { from: `${path}/delete` });
    expect(await done.text()).toContain('Your data is deleted');
    expect((await b.request(`/preferences/${id}.${'z'.repeat(32)}/delete`)).status).toBe(404);
  });

  it('never answers the export and delete forms with a 5xx, whatever the link and the body', async () => {
    const live = await subscribed('fuzz@example.org', ['newsletter']);
    const erased = await subscribed('fuzz-gone@example.org', ['newsletter']);
    await browser(app).post(
      `/preferences/${preferencesToken(secrets, erased)}/delete`,
      { confirm: 'yes' },
      { from: `/preferences/${preferencesToken(secrets, erased)}` },
    );
    const b = browser(app);
    const csrf = await b.csrf(`/preferences/${preferencesToken(secrets, live)}`);
    const token = fc.oneof(
      fc.constant(preferencesToken(secrets, live)),
      fc.constant(preferencesToken(secrets, erased)),
      fc.tuple(fc.nat(), fc.stringMatching(/^[A-Za-z0-9_-]{32}$/)).map(([n, mac]) => `${n}.${mac}`),
      fc.string({ maxLength: 60 }).map(encodeURIComponent),
    );
    const body = fc.dictionary(
      fc.oneof(fc.constantFrom('confirm', 'intent', 'topic-newsletter'), fc.string({ maxLength: 20 })),
      fc.oneof(fc.constantFrom('yes', 'on', ''), fc.string({ maxLength: 80 })),
      { maxKeys: 5 },
    );
    await fc.assert(
      fc.asyncProperty(
        token,
        fc.constantFrom('export', 'delete'),
        fc.boolean(),
        body,
        fc.boolean(),
        async (t, action, spanish, fields, withToken) => {
          const form = new URLSearchParams(fields);
          if (withToken) form.set('_csrf', csrf);
          else form.delete('_csrf');
          const res = await b.request(`${spanish ? '/es' : ''}/preferences/${t}/${action}`, {
            method: 'POST',
            body: form,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          });
          expect([200, 400, 403, 404]).toContain(res.status);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  const days = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000);
  const linksSentTo = async (email: string) =>
    (await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)))
      .filter((r) => r.template === 'preferences-link')
      .map((r) => String(r.data.token));

  it('downloads or deletes data only from a link emailed within the hour, and emails one on request', async () => {
    const id = await subscribed('fresh@example.org', ['newsletter']);
    const old = `/preferences/${preferencesToken(secrets, id, new Date(Date.now() - 2 * 60 * 60 * 1000))}`;
    const b = browser(app);
    const page = await (await b.request(old)).text();
    expect(page).toContain('Your email preferences');
    expect(page).not.toContain('Download my data');
    expect(page).toContain('we first email you a new link');

    const refused = await b.post(`${old}/export`, {}, { from: old });
    expect(refused.status).toBe(200);
    expect(refused.headers.get('content-disposition')).toBeNull();
    expect(await refused.text()).not.toContain('fresh@example.org');
    expect(await (await b.request(`${old}/delete`)).text()).not.toContain('Yes, delete everything');
    await b.post(`${old}/delete`, { confirm: 'yes' }, { from: old });
    expect(await db().select().from(supporters).where(eq(supporters.id, id))).toHaveLength(1);

    const asked = await b.post(`${old}/new-link`, {}, { from: old });
    expect(await asked.text()).toContain('Check your email');
    const [token] = await linksSentTo('fresh@example.org');
    const fresh = `/preferences/${token}`;
    const file = await b.post(`${fresh}/export`, {}, { from: fresh });
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="my-data.json"');

    // At most three a day, however often the button is pressed.
    for (let i = 0; i < FRESH_LINKS_PER_DAY + 2; i++) await b.post(`${old}/new-link`, {}, { from: old });
    expect(await linksSentTo('fresh@example.org')).toHaveLength(FRESH_LINKS_PER_DAY);
  });

  it('opens the page for 90 days; unsubscribes for a year, and from mail older than link lifetimes', async () => {
    const id = await subscribed('aged@example.org', ['newsletter']);
    const b = browser(app);
    const stale = `/preferences/${preferencesToken(secrets, id, days(91))}`;
    const page = await b.request(stale);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('This link no longer works');
    expect(html).not.toContain('aged@example.org');
    expect((await b.post(stale, { language: 'es' }, { from: stale })).status).toBe(200);
    expect((await db().select().from(supporters).where(eq(supporters.id, id)))[0]!.locale).toBe('en');
    // It still stops the mail, as the one-click header would; a link over a year old does not.
    expect(
      await (
        await b.post(
          `/preferences/${preferencesToken(secrets, id, days(366))}`,
          { intent: 'unsubscribe-all' },
          { from: stale },
        )
      ).text(),
    ).not.toContain('You are unsubscribed');
    expect(await subscriptionsOf(db(), 'aged@example.org')).toEqual({ newsletter: 'subscribed' });
    expect(html).toContain('value="unsubscribe-all"');
    expect(await (await b.post(stale, { intent: 'unsubscribe-all' }, { from: stale })).text()).toContain(
      'You are unsubscribed from everything',
    );
    expect(await subscriptionsOf(db(), 'aged@example.org')).toEqual({ newsletter: 'unsubscribed' });
    await db().update(subscriptions).set({ status: 'subscribed' }).where(eq(subscriptions.supporterId, id));

    const oneClick = (token: string) =>
      app.request(`/unsubscribe/${token}`, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await oneClick(preferencesToken(secrets, id, days(366)))).status).toBe(410);
    expect(await subscriptionsOf(db(), 'aged@example.org')).toEqual({ newsletter: 'subscribed' });
    expect((await oneClick(preferencesToken(secrets, id, days(300)))).status).toBe(200);
    expect(await subscriptionsOf(db(), 'aged@example.org')).toEqual({ newsletter: 'unsubscribed' });

    const legacyId = await subscribed('legacy@example.org', ['newsletter']);
    const legacy = `${legacyId}.${secrets.hmac('links', `preferences:${legacyId}`).slice(0, 32)}`;
    expect(await (await b.request(`/preferences/${legacy}`)).text()).toContain('This link no longer works');
    expect((await oneClick(legacy)).status).toBe(200);
    expect(await subscriptionsOf(db(), 'legacy@example.org')).toEqual({ newsletter: 'unsubscribed' });
  });

  it('lets a person stop every link already emailed from opening their page, and sends them a new one', async () => {
    const id = await subscribed('revoke@example.org', ['newsletter']);
    const b = browser(app);
    const mailed = `/es/preferences/${preferencesToken(secrets, id, days(3))}`;
    expect(await (await b.request(mailed)).text()).toContain('Desactivar los enlaces anteriores');
    const stopped = await b.post(`${mailed}/stop-older`, {}, { from: mailed });
    expect(await stopped.text()).toContain('Enlaces anteriores desactivados');

    const after = await (await b.request(mailed)).text();
    expect(after).toContain('Este enlace ya no funciona');
    expect(after).not.toContain('revoke@example.org');
    expect((await timelineOf(db(), 'revoke@example.org')).map((e) => e.kind)).toContain('links-stopped');

    const [token] = await linksSentTo('revoke@example.org');
    const renewed = await (await b.request(`/es/preferences/${token}`)).text();
    expect(renewed).toContain('Descargar mis datos');
    // Unsubscribing from the older mail still works: it only ever sends less.
    const oneClick = await app.request(`/unsubscribe/${mailed.split('/').at(-1)}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
  });
});
