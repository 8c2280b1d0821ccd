import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { Secrets } from '../../platform/crypto.ts';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser } from '../../../test/support/staff.ts';
import { emailOutbox } from '../email/schema.ts';
import { supporters } from './schema.ts';
import { bulkAudience, confirmSignup, preferencesToken, requestSignup, subscriptionsOf, supporterFromToken, timelineOf } from './service.ts';

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

  it('signs tokens that cannot be forged for another person', () => {
    const token = preferencesToken(secrets, 42);
    expect(supporterFromToken(secrets, token)).toBe(42);
    expect(supporterFromToken(secrets, token.replace(/^42/, '43'))).toBeUndefined();
    expect(supporterFromToken(secrets, '42.short')).toBeUndefined();
  });

  it('unsubscribes everything with one POST of List-Unsubscribe=One-Click, no session and no CSRF token, at once', async () => {
    const id = await subscribed('oneclick@example.org', ['newsletter', 'events']);
    expect((await bulkAudience(db(), 'newsletter')).map((a) => a.email)).toContain('oneclick@example.org');
    const res = await app.request(`/unsubscribe/${preferencesToken(secrets, id)}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(await subscriptionsOf(db(), 'oneclick@example.org')).toEqual({ newsletter: 'unsubscribed', events: 'unsubscribed' });
    expect((await bulkAudience(db(), 'newsletter')).map((a) => a.email)).not.toContain('oneclick@example.org');
    expect((await timelineOf(db(), 'oneclick@example.org')).at(-1)?.kind).toBe('unsubscribed');
    // A forged token changes nothing.
    expect((await app.request(`/unsubscribe/${id}.${'x'.repeat(32)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(404);
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
    expect(await subscriptionsOf(db(), 'prefs@example.org')).toEqual({ newsletter: 'subscribed', 'action-alerts': 'unsubscribed' });
    const all = await b.post(path, { intent: 'unsubscribe-all' }, { from: path });
    expect(await all.text()).toContain('Te diste de baja de todo');
    expect(await subscriptionsOf(db(), 'prefs@example.org')).toEqual({ newsletter: 'unsubscribed', 'action-alerts': 'unsubscribed' });
    expect((await b.request('/preferences/1.' + 'y'.repeat(32))).status).toBe(404);
  });
});
