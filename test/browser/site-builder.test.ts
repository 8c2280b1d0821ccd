import { parseFeed } from '@rowanmanning/feed-parser';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPageDraft } from '../../src/features/content/service.ts';
import { createStaff } from '../../src/features/staff/service.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const email = 'site-builder@psj.example';
const password = 'a lantern left on the porch';
const slug = 'sample-gathering';

/** A photo-like image made for the test: a gradient with some noise, as a camera's would have. */
async function samplePhoto(): Promise<Buffer> {
  const width = 1200;
  const height = 800;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const grain = ((x * 7919 + y * 104729) % 23) - 11;
      pixels[i] = Math.max(0, Math.min(255, (x / width) * 200 + grain));
      pixels[i + 1] = Math.max(0, Math.min(255, (y / height) * 160 + 40 + grain));
      pixels[i + 2] = Math.max(0, Math.min(255, 120 + grain));
    }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/**
 * Issue 14's walk: an editor runs the site without code. They change the organisation's name and
 * contact, upload an image with alt text in both languages, make a page of three kinds of section
 * (text, figure, image) in both languages, put it in the main menu, move a home page section up,
 * and publish a news post. Then a visitor with JavaScript off sees every change in English and
 * Spanish, finds the post through /search and in the Atom feed, read back with a feed parser.
 */
describe.skipIf(!available.ok)('an editor builds the site, and a visitor without JavaScript sees it', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let editor: Page;
  let visitor: Page;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    await createStaff(site.database.db, { email, displayName: 'Site builder', role: 'editor', password });
    editor = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await editor.goto(`${site.url}/admin/sign-in`);
    await editor.getByLabel('Email address').fill(email);
    await editor.getByLabel('Password').fill(password);
    await Promise.all([editor.waitForURL(`${site.url}/admin`), editor.getByLabel('Password').press('Enter')]);
    visitor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  const submit = async (page: Page, name: string | RegExp) =>
    Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name, exact: typeof name === 'string' }).click(),
    ]);
  const visit = async (path: string) => {
    const res = await visitor.goto(`${site.url}${path}`);
    expect(res?.status(), path).toBe(200);
    return visitor.content();
  };

  it('changes the organisation’s name and contact', async () => {
    await editor.goto(`${site.url}/admin/settings`);
    await editor.getByLabel('Name', { exact: true }).fill('Sample Safety Partnership');
    await editor.getByLabel('Contact email (optional)').fill('hello@sample-partnership.example');
    await editor.getByLabel('Phone (optional)').fill('503-555-0100');
    await submit(editor, 'Save settings');
    for (const path of ['/', '/es']) {
      const html = await visit(path);
      expect(html, path).toContain('Sample Safety Partnership');
      expect(html, path).toContain('href="mailto:hello@sample-partnership.example"');
      expect(html, path).toContain('503-555-0100');
    }
  }, 60_000);

  it('makes a page of three kinds of section with an image, in both languages, and adds it to the menu', async () => {
    // The image, with its words in both languages: only then can it be placed.
    await editor.goto(`${site.url}/admin/media/new`);
    await editor
      .locator('#file')
      .setInputFiles({ name: 'capitol.jpg', mimeType: 'image/jpeg', buffer: await samplePhoto() });
    await editor.locator('#altEn').fill('Sample photo: people on the Capitol steps in Salem');
    await editor.locator('#altEs').fill('Foto de muestra: personas en las escaleras del Capitolio en Salem');
    await submit(editor, 'Upload');
    const imageId = /\/admin\/media\/(\d+)/.exec(editor.url())?.[1];
    expect(imageId, editor.url()).toBeDefined();

    await editor.goto(`${site.url}/admin/content/pages/new`);
    await editor.getByLabel('Address').fill(slug);
    await editor.getByLabel('Title').fill('Advocacy Day, a sample');
    await editor.getByLabel('Description').fill('A sample page made in the browser test.');
    await submit(editor, 'Add page');

    const sections = `${site.url}/admin/content/pages/${slug}/en/sections`;
    const addSection = async (kind: string, fill: () => Promise<void>) => {
      await editor.goto(`${sections}/new?kind=${kind}`);
      await fill();
      await submit(editor, 'Add section');
    };
    await addSection('text', async () => {
      await editor.getByLabel('Heading').fill('Why we go to the Capitol');
      await editor.getByLabel('Text', { exact: true }).fill('Lawmakers listen when they meet the people they serve.');
    });
    await addSection('figure', async () => {
      await editor.getByLabel('Figure', { exact: true }).fill('36 counties');
      await editor.getByLabel('What the figure counts').fill('in Oregon, each with people to speak up (a sample)');
    });
    await addSection('image', async () => {
      await editor.getByLabel('Image', { exact: true }).selectOption(imageId!);
    });
    const draft = await getPageDraft(site.database.db, slug, 'en');
    expect(draft!.sections.map((s) => s.kind)).toEqual(['text', 'figure', 'image']);

    await editor.goto(`${site.url}/admin/content/pages/${slug}`);
    await submit(editor, 'Publish English');
    await submit(editor, 'Add Spanish version');
    await editor.getByLabel('Title').fill('Día de Incidencia, una muestra');
    await submit(editor, /^Save/);
    await editor.goto(`${site.url}/admin/content/pages/${slug}`);
    await submit(editor, 'Publish Spanish');

    await editor.goto(`${site.url}/admin/navigation/new?menu=main`);
    await editor.getByLabel('Words people see (English)').fill('Advocacy Day');
    await editor.getByLabel('Words people see (Spanish)').fill('Día de Incidencia');
    await editor.getByLabel('Leads to').selectOption(`page:${slug}`);
    await submit(editor, /^Add/);

    for (const [home, page, label, title, alt] of [
      ['/', `/${slug}`, 'Advocacy Day', 'Advocacy Day, a sample', 'Sample photo: people on the Capitol steps'],
      ['/es', `/es/${slug}`, 'Día de Incidencia', 'Día de Incidencia, una muestra', 'Foto de muestra: personas'],
    ] as const) {
      expect(await visit(home)).toContain(`<a href="${page}">${label}</a>`);
      const html = await visit(page);
      expect(html).toContain(title);
      expect(html).toContain('36 counties');
      expect(html).toContain(alt);
      // The image comes from our own origin, in a modern format, sized so nothing shifts.
      const img = visitor.locator('main picture img');
      expect(await img.getAttribute('width')).toMatch(/^\d+$/);
      expect(await img.getAttribute('height')).toMatch(/^\d+$/);
      expect(await visitor.locator('main picture source[type="image/avif"]').count()).toBe(1);
      const src = (await img.getAttribute('src'))!;
      const file = await fetch(`${site.url}${src}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('cache-control')).toContain('immutable');
      expect((await file.arrayBuffer()).byteLength).toBeLessThanOrEqual(150 * 1024);
    }
  }, 180_000);

  it('moves a home page section up', async () => {
    const order = async () => (await getPageDraft(site.database.db, 'home', 'en'))!.sections.map((s) => s.key);
    const before = await order();
    await editor.goto(`${site.url}/admin/content/pages/home/en/sections`);
    const moved = before[3]!;
    await submit(editor, /^Move up: Better outcomes/);
    expect(await order()).toEqual([...before.slice(0, 2), moved, before[2], ...before.slice(4)]);
    const html = await visit('/');
    expect(html.indexOf('Better outcomes')).toBeLessThan(html.indexOf('How we drive change'));
  }, 60_000);

  it('publishes a news post that the visitor finds in the list, through search and in the feed', async () => {
    await editor.goto(`${site.url}/admin/news/new`);
    await editor.getByLabel('Address').fill('sample-capitol-visit');
    await editor.getByLabel('Author').fill('Sample Safety Partnership');
    await editor.getByLabel('Title').fill('Sample news: a quilt of letters reaches the Capitol');
    await editor.getByLabel('Summary').fill('A sample post about supporters writing to their lawmakers.');
    await editor.getByLabel('Text', { exact: true }).fill('Supporters from every corner of the state wrote letters.');
    await submit(editor, 'Add post');
    await submit(editor, 'Publish');

    for (const [prefix, searchWord] of [
      ['', 'quilts'],
      ['/es', 'quilt'],
    ] as const) {
      expect(await visit(`${prefix}/news`)).toContain('a quilt of letters reaches the Capitol');
      const results = await visit(`${prefix}/search?q=${searchWord}`);
      expect(results).toContain(`href="${prefix}/news/sample-capitol-visit"`);
    }
    // Search from the header's own field, as a visitor types.
    await visitor.goto(`${site.url}/`);
    await visitor.getByRole('searchbox').fill('quilt');
    await Promise.all([visitor.waitForNavigation(), visitor.getByRole('searchbox').press('Enter')]);
    expect(await visitor.content()).toContain('href="/news/sample-capitol-visit"');

    const feed = parseFeed(await (await fetch(`${site.url}/news/feed.xml`)).text());
    const item = feed.items.find((i) => i.title === 'Sample news: a quilt of letters reaches the Capitol');
    expect(item?.url).toBe(`${site.url}/news/sample-capitol-visit`);
  }, 120_000);

  it('has no axe violations on what the editor made, on a phone, in both languages', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    for (const path of [`/${slug}`, `/es/${slug}`, '/news/sample-capitol-visit', '/search?q=quilt']) {
      await phone.goto(`${site.url}${path}`);
      await expectNoAxeViolations(phone, path);
      const overflow = Number(await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  }, 120_000);
});
