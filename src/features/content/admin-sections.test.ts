import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import type { ImageLibrary, PlacedImage } from '../../platform/web/images.tsx';
import { listAudit } from '../audit/service.ts';
import { postForm } from './admin-test-support.ts';
import { seedDemoPetition } from '../petitions/seed.ts';
import { seedDemoContent } from './seed/index.ts';
import { getContentVersion, getPageDraft, listVersions } from './service.ts';

const english = { cookie: 'lang=en' };

/** A media library of one placeable image, standing in for the media feature. */
const photo: PlacedImage = {
  id: 7,
  alt: 'People at the Capitol on Advocacy Day',
  caption: 'Advocacy Day',
  credit: 'Sample photo',
  lang: 'en',
  width: 1600,
  height: 900,
  src: '/media/7-1600.jpg',
  srcset: '/media/7-800.jpg 800w, /media/7-1600.jpg 1600w',
  sources: [{ type: 'image/avif', srcset: '/media/7-800.avif 800w' }],
};
const images: ImageLibrary = {
  choices: async () => [{ id: 7, label: 'Advocacy Day', thumbnail: '/media/7-200.jpg' }],
  find: async (ids) => new Map(ids.includes(7) ? [[7, photo]] : []),
};

describeEachDatabase('building a page from sections in the workspace', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let editor: Browser;
  let token: string;
  const sections = '/admin/content/pages/campaign/en/sections';
  const keys = async (locale: 'en' | 'es' = 'en') =>
    (await getPageDraft(database().db, 'campaign', locale))!.sections.map(
      (s) => `${s.key}${s.hidden ? ' (hidden)' : ''}`,
    );
  const publicPage = async (path = '/campaign') => (await app.request(path, { headers: english })).text();

  beforeAll(async () => {
    await seedDemoContent(database().db);
    ({ app } = createTestApp(database(), {}, { images }));
    editor = await signedInAs(app, database(), 'editor');
    token = await editor.csrf('/admin/account');
    const made = await postForm(editor, '/admin/content/pages/new', token, {
      slug: 'campaign',
      locale: 'en',
      title: 'Our campaign',
      description: 'What we are working for',
      bodyMd: 'The page’s own words come first.',
    });
    expect(made.status).toBe(303);
  });

  it('adds sections of three kinds, an image among them, chosen kind by kind', async () => {
    const choose = await editor.request(`${sections}/new`);
    expect(await choose.text()).toContain('Kind of section');
    const form = await (await editor.request(`${sections}/new?kind=image`)).text();
    expect(form).toContain('<option value="7">Advocacy Day</option>');
    const add = (kind: string, fields: Record<string, string>) =>
      postForm(editor, `${sections}/new?kind=${kind}`, token, fields);
    expect(
      (
        await add('text', { heading: 'Why it matters', bodyMd: 'Because **safety** matters.', style: 'plain' })
      ).headers.get('location'),
    ).toBe(`${sections}?notice=added`);
    expect((await add('image', { imageId: '7' })).status).toBe(303);
    expect((await add('quote', { bodyMd: 'Words someone said.', attribution: '' })).status).toBe(303);
    expect(await keys()).toEqual(['text', 'image', 'quote']);
    const list = await (await editor.request(sections)).text();
    expect(list).toContain('aria-label="Move down: Why it matters"');
    expect((await listAudit(database().db, { action: 'page.section-add' })).total).toBe(3);
  });

  it('gives the form back with what was typed and a message by each refused field', async () => {
    const res = await postForm(editor, `${sections}/new?kind=text`, token, {
      heading: 'Kept <as> typed',
      bodyMd: '',
      link: 'url',
      url: 'not an address',
      linkLabel: '',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('value="Kept &lt;as&gt; typed"');
    expect(html).toContain('id="bodyMd-error"');
    expect(html).toContain('id="url-error"');
    expect(html).toContain('id="linkLabel-error"');
    const image = await postForm(editor, `${sections}/new?kind=image`, token, { imageId: '8' });
    expect(image.status).toBe(400);
    expect(await image.text()).toContain('Choose an image from the list');
    expect(await keys()).toEqual(['text', 'image', 'quote']);
  });

  it('refuses to publish while a visible quote has no attribution, naming the section', async () => {
    const refused = await postForm(editor, '/admin/content/pages/campaign/en/publish', token, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('The quote in section 3 (“quote”) has no attribution');
    expect((await app.request('/campaign', { headers: english })).status).toBe(404);
    const fixed = await postForm(editor, `${sections}/quote/edit`, token, {
      bodyMd: 'Words someone said.',
      attribution: 'Rosa M., volunteer',
    });
    expect(fixed.status).toBe(303);
    expect((await postForm(editor, '/admin/content/pages/campaign/en/publish', token, {})).status).toBe(303);
    // Published now: taking the attribution away again is refused by the field.
    const again = await postForm(editor, `${sections}/quote/edit`, token, {
      bodyMd: 'Words someone said.',
      attribution: ' ',
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toMatch(/id="attribution-error"[\s\S]*has no attribution/);
  });

  it('reorders, hides and shows, and the public page follows at once, without JavaScript', async () => {
    const version = await getContentVersion(database().db);
    expect((await postForm(editor, `${sections}/image/up`, token, {})).headers.get('location')).toBe(
      `${sections}?notice=moved#section-image`,
    );
    expect(await getContentVersion(database().db)).toBeGreaterThan(version);
    expect(await keys()).toEqual(['image', 'text', 'quote']);
    let html = await publicPage();
    expect(html.indexOf('The page’s own words')).toBeLessThan(html.indexOf('People at the Capitol'));
    expect(html.indexOf('People at the Capitol')).toBeLessThan(html.indexOf('Why it matters'));
    expect(html).toContain('<figcaption>— Rosa M., volunteer</figcaption>');
    // The first image on the page loads at once; it has its size, so nothing shifts.
    expect(html).toMatch(/<img src="\/media\/7-1600.jpg"[^>]*width="1600" height="900"[^>]*decoding="async"/);
    expect(html).not.toMatch(/7-1600.jpg[^>]*loading="lazy"/);

    await postForm(editor, `${sections}/text/hide`, token, {});
    expect(await keys()).toEqual(['image', 'text (hidden)', 'quote']);
    html = await publicPage();
    expect(html).not.toContain('Why it matters');
    await postForm(editor, `${sections}/text/show`, token, {});
    expect(await publicPage()).toContain('Why it matters');
    const moves = await listAudit(database().db, { action: 'page.section-move' });
    expect(moves.rows[0]!.summary.after).toMatchObject({ sections: 'image (image)\ntext (text)\nquote (quote)' });
  });

  it('asks before removing, and the history puts the section back', async () => {
    const ask = await editor.request(`${sections}/text/remove`);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('Remove the section “Why it matters” from the English page?');
    // A post without the confirmation only asks again.
    expect((await postForm(editor, `${sections}/text/remove`, token, {})).status).toBe(200);
    expect(await keys()).toEqual(['image', 'text', 'quote']);
    expect((await postForm(editor, `${sections}/text/remove`, token, { confirmed: 'yes' })).status).toBe(303);
    expect(await keys()).toEqual(['image', 'quote']);
    expect(await publicPage()).not.toContain('Why it matters');

    const [last] = await listVersions(database().db, 'page', 'campaign.en');
    const diff = await (await editor.request(`/admin/content/history/page/campaign.en/${last!.id}`)).text();
    expect(diff).toContain('Why it matters');
    const restored = await postForm(editor, `/admin/content/history/page/campaign.en/${last!.id}/restore`, token, {});
    expect(restored.status).toBe(303);
    expect(await keys()).toEqual(['image', 'text', 'quote']);
    expect(await publicPage()).toContain('Why it matters');
  });

  it('shows a petition’s progress, chosen from the public petitions, as a bar with its count in words', async () => {
    const form = `${sections}/new?kind=petition-progress`;
    expect((await postForm(editor, form, token, { petition: 'safety-for-all' })).status).toBe(400);
    await seedDemoPetition(database().db);
    expect(await (await editor.request(form)).text()).toContain('<option value="safety-for-all">');
    expect((await postForm(editor, form, token, { petition: 'safety-for-all' })).status).toBe(303);
    const html = await publicPage();
    expect(html).toMatch(/<progress max="10000" value="0" aria-label="Signatures for “[^”]+”"/);
    expect(html).toContain('0 of 10,000 signatures');
    expect(html).toContain('href="/petitions/safety-for-all"');
    await postForm(editor, `${sections}/petition-progress/remove`, token, { confirmed: 'yes' });
  });

  it('shows which sections the other language lacks, and copies one over hidden, to translate', async () => {
    expect((await postForm(editor, '/admin/content/pages/campaign/es/add', token, {})).status).toBe(303);
    expect(await keys('es')).toEqual(['image', 'text', 'quote']);
    const spanish = '/admin/content/pages/campaign/es/sections';
    await postForm(editor, `${spanish}/text/remove`, token, { confirmed: 'yes' });
    const list = await (await editor.request(spanish)).text();
    expect(list).toContain('Sections the English page has and this one lacks');
    expect((await postForm(editor, `${spanish}/text/copy`, token, {})).status).toBe(303);
    expect(await keys('es')).toEqual(['image', 'text (hidden)', 'quote']);
    expect((await listAudit(database().db, { action: 'page.section-copy' })).total).toBe(1);
  });
});

describe('the home page built from sections', () => {
  describeEachDatabase('demo', (database) => {
    it('keeps its look: cards, the figure, the sample quote and its buttons, in both languages', async () => {
      await seedDemoContent(database().db);
      const { app } = createTestApp(database());
      const en = await (await app.request('/', { headers: english })).text();
      expect(en).toMatch(/<h1 id="section-hero">A new answer to harm: healing<\/h1>/);
      expect(en).toContain('<ul class="grid three">');
      expect(en).toContain('<strong class="figure">nearly $500 million</strong>');
      expect(en).toContain('— Sample quote for the demo, not the words of a real person');
      expect(en).toContain('<a class="button" href="/join">Sign up for our email</a>');
      expect(en).toContain('<a class="more" href="/tips">Read the tips</a>');
      // The petition's call to action waits for the petition to be public, then leads to it.
      expect(en).toContain('The petition opens for signatures here soon.');
      await seedDemoPetition(database().db);
      const es = await (await app.request('/es', { headers: english })).text();
      expect(es).toContain('<a class="button" href="/es/join">Suscríbete a nuestros correos</a>');
      expect(es).toContain('href="/es/policies"');
      expect(es).toContain('<a class="button" href="/es/petitions/safety-for-all">Lee y firma la petición</a>');
    });
  });
});
