import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser, signedInAs, type Browser } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { formFields, postForm, tinyPdf } from './admin-test-support.ts';
import { checkBrandColour, profileLabel } from './brand.ts';
import { seedDemoContent } from './seed/index.ts';
import { getContentVersion, getSiteSettings, listVersions } from './service.ts';

const english = { cookie: 'lang=en' };
const spanish = { cookie: 'lang=es' };

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 18, g: 78, b: 102, alpha: 1 } } })
    .png()
    .toBuffer();

describe('brand colours and profile names', () => {
  it('refuses a colour white text cannot be read on, naming the ratio, and accepts a dark one', () => {
    expect(checkBrandColour('#ffcc00')).toEqual({
      error: 'White text on #ffcc00 has a contrast of 1.5:1; it needs at least 4.5:1. Choose a darker colour.',
    });
    // 4.5:1 on white but not on the footer's pale wash: refused for that pairing.
    expect(checkBrandColour('#767676')).toMatchObject({ error: expect.stringContaining('pale background') });
    expect(checkBrandColour('#124E66')).toEqual({ hex: '#124e66' });
    expect(checkBrandColour('0b3445')).toEqual({ hex: '#0b3445' });
    expect(checkBrandColour('')).toEqual({ hex: '' });
    expect(checkBrandColour('teal')).toMatchObject({ error: expect.stringContaining('hex code') });
  });

  it('names a profile by its network, else by its host', () => {
    expect(profileLabel('https://www.facebook.com/psj')).toBe('Facebook');
    expect(profileLabel('https://bsky.app/profile/psj.example')).toBe('Bluesky');
    expect(profileLabel('https://mastodon.social/@psj')).toBe('Mastodon');
    expect(profileLabel('https://youtu.be/x')).toBe('YouTube');
    expect(profileLabel('https://www.example.org/us')).toBe('example.org');
  });
});

describeEachDatabase('the settings screen', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let dataDir: string;
  let admin: Browser & { staffId: number };
  let token: string;

  beforeAll(async () => {
    await seedDemoContent(database().db);
    dataDir = mkdtempSync(join(tmpdir(), 'groundswell-settings-'));
    ({ app } = createTestApp(database(), { DATA_DIR: dataDir, UPLOAD_MAX_MB: '1' }));
    admin = await signedInAs(app, database(), 'admin');
    token = await admin.csrf('/admin/settings');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const uploads = () => {
    try {
      return readdirSync(join(dataDir, 'uploads')).filter((f) => !f.endsWith('.type'));
    } catch {
      return [];
    }
  };

  /** The form as the screen fills it, with these changes, sent as the browser would (multipart). */
  async function send(changes: Record<string, string | Blob>) {
    const fields = formFields(await (await admin.request('/admin/settings')).text(), '/admin/settings');
    return postForm(admin, '/admin/settings', token, { ...fields, ...changes });
  }

  it('shows a change on public pages in both languages at once, versioned and audited', async () => {
    const res = await send({
      name: 'Safety and Justice Oregon',
      legalName: 'Safety and Justice Oregon Inc.',
      contactEmail: 'team@safety.example',
      phone: '+1 503 555 0100',
      donateUrl: 'https://pay.example/give',
      profiles: 'https://www.instagram.com/sample\nhttps://bsky.app/profile/sample.example',
      'description.es': 'Una descripción breve.',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/settings?notice=saved');
    for (const [path, headers, donate] of [
      ['/', english, 'Donate'],
      ['/es', spanish, 'Donar'],
    ] as const) {
      const html = await (await app.request(path, { headers })).text();
      expect(html).toContain('Safety and Justice Oregon</a>');
      expect(html).toContain('(Safety and Justice Oregon Inc.)');
      expect(html).toContain('href="mailto:team@safety.example"');
      expect(html).toContain('href="tel:+15035550100"');
      expect(html).toMatch(new RegExp(`<a class="button donate" href="https://pay.example/give">${donate}<span`));
      expect(html).toContain('<a href="https://www.instagram.com/sample">Instagram</a>');
      expect(html).toContain('<a href="https://bsky.app/profile/sample.example">Bluesky</a>');
      const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
      expect(jsonLd.sameAs).toEqual(['https://www.instagram.com/sample', 'https://bsky.app/profile/sample.example']);
      expect(jsonLd.name).toBe('Safety and Justice Oregon');
      // The organisation's description in the page's language.
      expect(jsonLd.description).toBe(
        path === '/es'
          ? 'Una descripción breve.'
          : 'Safety and justice for survivors of crime, people convicted of crime, and the families of both.',
      );
    }
    const [entry] = (await listAudit(database().db, { action: 'settings.update' })).rows;
    expect(entry).toMatchObject({ subjectType: 'settings', subjectId: 'site', actorId: admin.staffId });
    expect(entry!.summary.before).toMatchObject({
      name: 'Partnership for Safety and Justice',
      donateUrl: 'https://donate.safetyandjustice.example/',
    });
    expect(entry!.summary.after).toMatchObject({ name: 'Safety and Justice Oregon' });
    expect(await listVersions(database().db, 'settings', 'site')).toHaveLength(1);
  });

  it('refuses an unreadable colour by its field with the ratio, keeping the form, saving nothing', async () => {
    const version = await getContentVersion(database().db);
    const res = await send({ brandColour: '#ffcc00', phone: '+1 503 555 0199', donateUrl: 'http://pay.example' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<title>Error: Settings');
    expect(html).toContain('White text on #ffcc00 has a contrast of 1.5:1; it needs at least 4.5:1');
    expect(html).toContain('id="donateUrl-error"');
    expect(html).toContain('value="+1 503 555 0199"');
    expect(await getContentVersion(database().db)).toBe(version);
  });

  it('applies good colours with a stylesheet of our own, cached for a year', async () => {
    expect((await send({ brandColour: '#5a2d82', brandDarkColour: '#2b1640' })).status).toBe(303);
    const html = await (await app.request('/', { headers: english })).text();
    const path = /<link rel="stylesheet" href="(\/theme-[a-f0-9]{12}\.css)"/.exec(html)?.[1];
    expect(path).toBeDefined();
    expect(html).toContain('<meta name="theme-color" content="#2b1640"/>');
    const css = await app.request(path!);
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toBe(':root { --brand: #5a2d82; --brand-dark: #2b1640; }\n');
    expect((await app.request('/theme-000000000000.css')).status).toBe(404);
  });

  it('makes a logo and icons from uploads, refuses other bytes, and takes them off', async () => {
    const before = uploads().length;
    const bad = await send({ logo: new Blob([tinyPdf], { type: 'image/png' }) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('The file must be a PNG, JPEG or WebP image');
    const thin = await send({ favicon: new Blob([await png(300, 40)], { type: 'image/png' }) });
    expect(thin.status).toBe(400);
    expect(await thin.text()).toContain('The icon must be about square');
    expect(uploads()).toHaveLength(before);

    const res = await send({
      logo: new Blob([await png(600, 200)], { type: 'image/png' }),
      favicon: new Blob([await png(256, 256)], { type: 'image/png' }),
    });
    expect(res.status).toBe(303);
    const { logo, favicon } = await getSiteSettings(database().db);
    // 600 × 200 is made 288 × 96 and shown at half that: 144 × 48.
    expect(logo).toMatchObject({ width: 144, height: 48 });
    const html = await (await app.request('/', { headers: english })).text();
    expect(html).toContain(`<img src="/brand/${logo!.key}" width="144" height="48" alt="Safety and Justice Oregon"/>`);
    expect(html).toContain(`<link rel="icon" href="/brand/${favicon!.small}" type="image/png" sizes="32x32"/>`);
    expect(html).toContain(`<link rel="apple-touch-icon" href="/brand/${favicon!.large}"/>`);
    const served = await app.request(`/brand/${logo!.key}`);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({ width: 288, height: 96 });
    const icon = await sharp(
      Buffer.from(await (await app.request(`/brand/${favicon!.large}`)).arrayBuffer()),
    ).metadata();
    expect(icon).toMatchObject({ width: 180, height: 180, format: 'png' });

    expect((await send({ removeLogo: 'on', removeFavicon: 'on' })).status).toBe(303);
    const after = await (await app.request('/', { headers: english })).text();
    expect(after).not.toContain('/brand/');
    expect(after).toContain('<link rel="icon" href="/favicon.svg"');
    // Not the settings' any more: no longer served (an earlier version's come back with a restore).
    expect((await app.request(`/brand/${logo!.key}`)).status).toBe(404);
  });

  it('restores an earlier version from the history, itself recorded and audited', async () => {
    expect((await send({ name: 'A name to undo' })).status).toBe(303);
    const [latest] = await listVersions(database().db, 'settings', 'site');
    const history = await (await admin.request('/admin/content/history/settings/site')).text();
    expect(history).toContain(`/admin/content/history/settings/site/${latest!.id}`);
    const compare = await (await admin.request(`/admin/content/history/settings/site/${latest!.id}`)).text();
    expect(compare).toContain('A name to undo');
    const res = await postForm(admin, `/admin/content/history/settings/site/${latest!.id}/restore`, token, {});
    expect(res.status).toBe(303);
    expect((await getSiteSettings(database().db)).name).toBe('Safety and Justice Oregon');
    expect((await getSiteSettings(database().db)).demo).toBe(true);
    expect(await (await app.request('/', { headers: english })).text()).toContain('Safety and Justice Oregon</a>');
    const [entry] = (await listAudit(database().db, { action: 'settings.restore' })).rows;
    expect(entry!.summary.after).toMatchObject({ name: 'Safety and Justice Oregon' });
  });

  it('moves the workspace’s times to a new time zone at once', async () => {
    expect(await (await admin.request('/admin')).text()).not.toContain('Hawaii');
    expect((await send({ timeZone: 'Pacific/Honolulu' })).status).toBe(303);
    expect(await (await admin.request('/admin')).text()).toContain('Times are Hawaii-Aleutian');
    expect((await send({ timeZone: 'Mars/Olympus' })).status).toBe(400);
  });

  it('sends a first-time visitor with no preference to the default language', async () => {
    expect((await app.request('/tips')).status).toBe(200);
    expect((await send({ defaultLanguage: 'es' })).status).toBe(303);
    const res = await app.request('/tips');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/es/tips');
    expect((await app.request('/tips', { headers: { 'accept-language': 'en-US' } })).status).toBe(200);
    expect(await (await app.request('/tips', { headers: english })).text()).toContain(
      'hreflang="x-default" href="http://localhost:3000/es/tips"',
    );
    expect((await send({ defaultLanguage: 'en' })).status).toBe(303);
  });

  it('is for content writers: an editor changes it, a viewer is refused the screen, the post and the history', async () => {
    const editor = await signedInAs(app, database(), 'editor');
    expect((await editor.request('/admin/settings')).status).toBe(200);
    expect(await (await editor.request('/admin')).text()).toContain('href="/admin/settings"');
    const viewer = await signedInAs(app, database(), 'viewer');
    expect((await viewer.request('/admin/settings')).status).toBe(403);
    expect((await viewer.post('/admin/settings', { name: 'Taken over' }, { from: '/admin' })).status).toBe(403);
    expect((await viewer.request('/admin/content/history/settings/site')).status).toBe(403);
    expect(await (await viewer.request('/admin')).text()).not.toContain('href="/admin/settings"');
    expect((await browser(app).request('/admin/settings')).status).toBe(303);
  });
});
