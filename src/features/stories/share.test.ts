import { and, eq, like } from 'drizzle-orm';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig } from '../../../test/support/app.ts';
import { createApp } from '../../app/app.tsx';
import { createLogger } from '../../platform/logger.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { quickExitScript } from '../../platform/web/quick-exit.tsx';
import { auditLog } from '../audit/schema.ts';
import { emailOutbox } from '../email/schema.ts';
import { askForConsentAgain } from './consent.ts';
import { MemoryKeyRing, StoryVault } from './keys.ts';
import { stories } from './schema.ts';
import { storyConsentEmail, storyReceivedEmail, storyTemplates } from './story-emails.ts';
import { STORY_CONSENT_WORDING_VERSION } from './story-inputs.ts';
import { openStory } from './story-records.ts';

const vault = new StoryVault(new MemoryKeyRing());
const staff = { staffId: null, email: 'moderator@example.org', ip: '127.0.0.1' };
let address = 0;

/** A post as a browser on this site sends it: same origin, its own address (the no-JavaScript limit is per address). */
const post = (
  app: { request: (p: string, i: RequestInit) => Response | Promise<Response> },
  path: string,
  form: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  address += 1;
  return app.request(path, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
      'x-forwarded-for': `10.9.${Math.floor(address / 250)}.${address % 250}`,
      ...headers,
    },
  });
};

/** A token page's form posted back with its CSRF cookie and token. */
async function postWithToken(app: ReturnType<typeof createTestApp>['app'], path: string, form: Record<string, string>) {
  const opened = await app.request(path);
  const html = await opened.text();
  const cookie = opened.headers.getSetCookie().find((c) => c.startsWith('csrf') || c.includes('csrf'));
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return app.request(path, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: token, ...form }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: (cookie ?? '').split(';')[0]! },
  });
}

const story = 'It happened in Salem on a Tuesday. Marisol Quintero-Vance was there.';
const deletionLink = (html: string) => /\/share-your-story\/delete\/([A-Za-z0-9_-]{20,100})/.exec(html)?.[1];

describeEachDatabase('sharing a story', (database) => {
  const db = () => database().db;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(() => {
    app = createTestApp(database(), {}, { storyVault: vault }).app;
  });

  it('keeps a story sealed, queues a confirmation without its words, and shows the deletion link once', async () => {
    const res = await post(app, '/share-your-story', {
      story,
      name: 'Marisol',
      email: 'marisol.teller@example.org',
      phone: '503-555-0143',
      county: 'Marion',
      kinds: ['survivor', 'family'],
      topics: ['healing'],
      contentNotes: 'mentions violence',
      publishConsent: 'anonymous',
      testimonyConsent: 'on',
      contactBeforePublishing: 'on',
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html).toContain('Thank you for sharing your story');
    const token = deletionLink(html)!;
    expect(token).toBeDefined();

    const [row] = await db()
      .select()
      .from(stories)
      .where(eq(stories.emailHash, vault.lookupHash('marisol.teller@example.org')));
    expect(row).toMatchObject({
      status: 'new',
      locale: 'en',
      publishConsent: 'anonymous',
      testimonyConsent: true,
      contactBeforePublishing: true,
      consentWordingVersion: STORY_CONSENT_WORDING_VERSION,
    });
    // Nothing the teller wrote or told is in the row in the clear, nor the deletion link.
    const stored = JSON.stringify(row);
    for (const secret of ['Salem', 'Marisol', 'marisol.teller', '555-0143', 'Marion', 'mentions violence', token])
      expect(stored).not.toContain(secret);
    const opened = openStory(vault, row!);
    expect(opened.original).toBe(story);
    expect(opened.teller).toEqual({
      name: 'Marisol',
      email: 'marisol.teller@example.org',
      phone: '503-555-0143',
      county: 'Marion',
      kinds: ['survivor', 'family'],
      topics: ['healing'],
      contentNotes: 'mentions violence',
    });

    const [mail] = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.idempotencyKey, `story:${row!.publicId}:received`));
    expect(mail).toMatchObject({
      template: 'story-received',
      toAddress: 'marisol.teller@example.org',
      forgetWhenSent: true,
    });
    expect(JSON.stringify(mail!.data)).not.toMatch(/Salem|Marisol/);
    const content = await storyTemplates()['story-received']!.render(mail!, {
      locale: 'en',
      sender: { name: 'PSJ', address: 'a@b.org', postalAddress: '', publicUrl: 'https://psj.example' },
      link: (path) => `https://psj.example${path}`,
    });
    expect(content.action?.url).toBe(`https://psj.example/share-your-story/delete/${token}`);
    expect(content.bodyText + content.subject).not.toMatch(/Salem|Marisol/);
  });

  it('deletes by the teller link after asking, then says the link no longer works', async () => {
    const html = await (
      await post(app, '/share-your-story', { story: 'A short one.', publishConsent: 'staff-only' })
    ).text();
    const token = deletionLink(html)!;
    const path = `/share-your-story/delete/${token}`;
    const confirm = await app.request(path);
    const page = await confirm.text();
    expect(confirm.status).toBe(200);
    expect(confirm.headers.get('cache-control')).toBe('no-store');
    expect(page).toContain('<meta name="robots" content="noindex"/>');
    expect(page).toContain('Yes, delete my story');
    expect(await db().select().from(stories).where(like(stories.deletionTokenHash, '%'))).not.toHaveLength(0);
    const notConfirmed = await postWithToken(app, path, {});
    expect(notConfirmed.status).toBe(400);
    const done = await postWithToken(app, path, { confirmed: 'yes' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Your story is deleted');
    const again = await app.request(path);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('may already be deleted');
    expect((await app.request('/share-your-story/delete/' + 'x'.repeat(43))).status).toBe(404);
  });

  it('asks for consent again by email; the teller chooses without seeing the story; the link works once', async () => {
    await post(app, '/share-your-story', {
      story: 'Consent story: the words stay private.',
      email: 'consent.teller@example.org',
      publishConsent: 'first-name',
    });
    const [row] = await db()
      .select()
      .from(stories)
      .where(eq(stories.emailHash, vault.lookupHash('consent.teller@example.org')));
    expect(await askForConsentAgain({ db: db(), vault, publicUrl: 'http://localhost:3000' }, row!.id, staff)).toBe(
      'asked',
    );
    const [asked] = await db().select().from(stories).where(eq(stories.id, row!.id));
    expect(asked).toMatchObject({ status: 'consent-asked' });
    const [mail] = await db()
      .select()
      .from(emailOutbox)
      .where(like(emailOutbox.idempotencyKey, `story:${row!.publicId}:consent:%`));
    expect(mail).toMatchObject({ template: 'story-consent' });
    const token = String(mail!.data.token);
    const path = `/es/share-your-story/consent/${token}`;
    const page = await app.request(path);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Elige de nuevo');
    expect(html).not.toContain('Consent story');

    const missing = await postWithToken(app, path, {});
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Elige quién puede leer tu historia');
    const saved = await postWithToken(app, path, { publishConsent: 'anonymous' });
    expect(saved.status).toBe(200);
    const [after] = await db().select().from(stories).where(eq(stories.id, row!.id));
    expect(after).toMatchObject({
      status: 'new',
      publishConsent: 'anonymous',
      testimonyConsent: false,
      consentTokenHash: null,
    });
    expect(after!.consentedAt.getTime()).toBeGreaterThanOrEqual(asked!.updatedAt.getTime());
    const entries = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'story'), eq(auditLog.subjectId, String(row!.id))));
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ['story.ask-consent', null],
      ['story.consent', null],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Consent story|consent\.teller/);
    expect((await app.request(path)).status).toBe(404);

    const [quiet] = await db()
      .insert(stories)
      .values({
        publicId: 'no-email-story',
        locale: 'en',
        originalSealed: vault.seal('x'),
        tellerSealed: vault.sealJson({
          name: '',
          email: '',
          phone: '',
          county: '',
          kinds: [],
          topics: [],
          contentNotes: '',
        }),
        publishConsent: 'staff-only',
        consentWordingVersion: STORY_CONSENT_WORDING_VERSION,
      })
      .returning({ id: stories.id });
    expect(await askForConsentAgain({ db: db(), vault, publicUrl: 'http://localhost:3000' }, quiet!.id, staff)).toBe(
      'no-email',
    );
    expect(await askForConsentAgain({ db: db(), vault, publicUrl: 'http://localhost:3000' }, 99_999_999, staff)).toBe(
      'gone',
    );
  });

  it('logs no story, name, address or link token, whatever the teller does', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = createApp({
      config: testConfig({ LOG_LEVEL: 'trace' }),
      database: database(),
      logger: createLogger({ level: 'trace', destination }),
      storyVault: vault,
    }).app;
    const words = 'Zanzibar-Quillon happened to Theodora';
    const sent = await (
      await post(logged, '/share-your-story', {
        story: words,
        name: 'Theodora',
        email: 'theodora.q@example.org',
        publishConsent: 'anonymous',
      })
    ).text();
    const token = deletionLink(sent)!;
    await post(logged, '/share-your-story', {
      story: words,
      email: 'theodora.q@example',
      contactBeforePublishing: 'on',
    });
    await logged.request(`/share-your-story/delete/${token}`);
    await postWithToken(logged, `/share-your-story/delete/${token}`, { confirmed: 'yes' });
    await logged.request(`/es/share-your-story/consent/${token}`);
    expect(lines.length).toBeGreaterThan(3);
    const log = lines.join('');
    for (const secret of ['Zanzibar', 'Theodora', 'theodora.q', token]) expect(log).not.toContain(secret);
  });

  it('speaks Spanish, keeps what was typed on a refusal, and carries the quick exit and its script', async () => {
    const page = await app.request('/es/share-your-story');
    const html = await page.text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain('Comparte tu historia');
    expect(html).toContain('Salir de esta página');
    expect(html).toContain(`src="${quickExitScript.path}"`);
    const refused = await post(app, '/es/share-your-story', {
      story: 'Mi historia, tal como la escribí.',
      contactBeforePublishing: 'on',
      publishConsent: 'nadie',
    });
    const body = await refused.text();
    expect(refused.status).toBe(400);
    expect(body).toContain('<title>Error:');
    expect(body).toContain('Mi historia, tal como la escribí.');
    expect(body).toContain('escribe arriba un correo o un teléfono');
    expect(body).toContain('Elige quién puede leer tu historia');
    const script = await app.request(quickExitScript.path);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('location.replace');
  });
});

describe('the emails about a story', () => {
  it('are forgotten once sent, keyed by the story', () => {
    const received = storyReceivedEmail({ to: 'a@example.org', publicId: 'p1', token: 't', locale: 'es' });
    const consent = storyConsentEmail({ to: 'a@example.org', publicId: 'p1', token: 't', locale: 'en', asked: 7 });
    expect([received.idempotencyKey, received.forgetWhenSent]).toEqual(['story:p1:received', true]);
    expect([consent.idempotencyKey, consent.forgetWhenSent]).toEqual(['story:p1:consent:7', true]);
  });
});

describe('the story form body limit', () => {
  it('is large enough for the longest story in any script', async () => {
    const { STORY_FORM_MAX_BYTES } = await import('./share-routes.tsx');
    const encoded = new URLSearchParams({ story: '中'.repeat(20_000), more: 'x'.repeat(2_000) }).toString();
    expect(Buffer.byteLength(encoded)).toBeLessThan(STORY_FORM_MAX_BYTES);
  });
});
