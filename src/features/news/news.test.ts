import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { seedDemoNews } from './seed/index.ts';
import { createPost, listPublishedPosts, searchNews, setPostPublished } from './service.ts';

const publicUrl = 'http://localhost:3000';

/** The JSON-LD blocks of a page, parsed. */
function structuredData(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
}

describeEachDatabase('news on the public site', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let draftId: number;

  beforeAll(async () => {
    const db = database().db;
    await seedDemoContent(db);
    expect((await seedDemoNews(db)).seeded).toBe(true);
    const draft = await createPost(
      db,
      {
        facts: { slug: 'a-draft', type: 'news', publishedOn: '2026-12-01', authorName: 'Someone', topics: [] },
        words: { en: { title: 'Unfinished embargoed draft', summary: 'Not yet.', bodyMd: 'Secret plans.' } },
      },
      null,
    );
    if (!draft.ok) throw new Error('draft not made');
    draftId = draft.id;
    app = createTestApp(database()).app;
  });

  it('seeds the samples once, and never again once posts were written', async () => {
    expect((await seedDemoNews(database().db)).seeded).toBe(false);
    const { items } = await listPublishedPosts(database().db, { locale: 'en', perPage: 10 });
    expect(items.map((p) => p.publishedOn)).toEqual(['2026-02-02', '2026-01-20', '2025-11-12']);
    expect(items.every((p) => p.isDemo && /^Sample/.test(p.title))).toBe(true);
  });

  it('lists published posts newest first in both languages, with the feed in the head', async () => {
    const en = await app.request('/news');
    expect(en.status).toBe(200);
    const html = await en.text();
    const order = ['join us for advocacy day', 'shrink incarceration', 'a short guide'].map((t) => html.indexOf(t));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(html).toContain('<time datetime="2026-02-02">February 2, 2026</time>');
    expect(html).toContain('Statement');
    expect(html).toContain(
      `<link rel="alternate" type="application/atom+xml" title="Partnership for Safety and Justice: news" ` +
        `href="${publicUrl}/news/feed.xml"`,
    );
    const es = await (await app.request('/es/news')).text();
    expect(es).toContain('Anuncio de muestra: acompáñanos');
    expect(es).toContain('Declaración');
    expect(es).toContain(`href="${publicUrl}/es/news/feed.xml"`);
  });

  it('shows a post in both languages with Open Graph tags and NewsArticle data', async () => {
    const res = await app.request('/news/sample-statement-shrink-and-invest');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Sample statement: shrink incarceration, invest in healing</h1>');
    expect(html).toContain('<meta property="og:type" content="article"/>');
    expect(html).toContain('<meta property="article:published_time" content="2026-01-20"/>');
    const [article] = structuredData(html);
    expect(article).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Sample statement: shrink incarceration, invest in healing',
      datePublished: '2026-01-20',
      author: { '@type': 'Organization', name: 'Partnership for Safety and Justice' },
      publisher: { '@type': 'Organization', name: 'Partnership for Safety and Justice' },
    });
    expect(Number.isNaN(Date.parse(String(article!.dateModified)))).toBe(false);
    const es = await (await app.request('/es/news/sample-statement-shrink-and-invest')).text();
    expect(es).toContain('<h1>Declaración de muestra: reducir el encarcelamiento, invertir en sanación</h1>');
    // Site links inside the text stay in the page's language.
    expect(es).toContain('href="/es/policies"');
    expect(structuredData(es)[0]).toMatchObject({ inLanguage: 'es' });
  });

  it('shows a post without a Spanish version in English, marked, with the notice', async () => {
    const made = await createPost(
      database().db,
      {
        facts: { slug: 'english-only', type: 'news', publishedOn: '2025-06-01', authorName: 'Ana', topics: [] },
        words: { en: { title: 'Only in English', summary: 'Words in one language.', bodyMd: 'Body.' } },
        published: true,
      },
      null,
    );
    expect(made.ok).toBe(true);
    const html = await (await app.request('/es/news/english-only')).text();
    expect(html).toContain('<h1 lang="en">Only in English</h1>');
    expect(html).toContain('todavía no está traducida');
    expect(html).toContain('"@type":"Person","name":"Ana"');
    const list = await (await app.request('/es/news')).text();
    expect(list).toMatch(/<h2 lang="en"><a href="\/es\/news\/english-only">Only in English<\/a><\/h2>/);
  });

  it('keeps drafts off every public page, the feed, the sitemap and search', async () => {
    expect((await app.request('/news/a-draft')).status).toBe(404);
    expect((await app.request('/es/news/a-draft')).status).toBe(404);
    for (const path of ['/news', '/news/feed.xml', '/sitemap.xml', '/site-map', '/es/site-map']) {
      expect(await (await app.request(path)).text(), path).not.toContain('a-draft');
    }
    expect(await searchNews(database().db, 'embargoed', 'en', 10)).toEqual([]);
  });

  it('serves an Atom feed in each language that a feed parser reads back', async () => {
    const res = await app.request('/news/feed.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = parseFeed(await res.text());
    expect(feed.meta.type).toBe('atom');
    expect(feed.title).toBe('Partnership for Safety and Justice: news');
    expect(feed.items[0]!.title).toBe('Sample announcement: join us for advocacy day at the Capitol');
    expect(feed.items[0]!.url).toBe(`${publicUrl}/news/sample-advocacy-day`);
    expect(feed.items.every((item) => item.url?.startsWith(`${publicUrl}/news/`))).toBe(true);
    // Site links in a post's text are absolute in a feed.
    expect(feed.items[0]!.content).toContain(`href="${publicUrl}/tips"`);
    const es = parseFeed(await (await app.request('/es/news/feed.xml')).text());
    expect(es.title).toBe('Partnership for Safety and Justice: noticias');
    expect(es.items[0]!.url).toBe(`${publicUrl}/es/news/sample-advocacy-day`);
    expect(es.items[0]!.title).toContain('Anuncio de muestra');
  });

  it('lists the posts in sitemap.xml and the site map, in both languages', async () => {
    const xml = await (await app.request('/sitemap.xml')).text();
    expect(xml).toContain(`<loc>${publicUrl}/news</loc>`);
    expect(xml).toContain(`<loc>${publicUrl}/news/sample-advocacy-day</loc>`);
    expect(xml).toContain(`<loc>${publicUrl}/es/news/sample-advocacy-day</loc>`);
    const map = await (await app.request('/es/site-map')).text();
    expect(map).toContain('<a href="/es/news/sample-advocacy-day">Anuncio de muestra');
  });

  it('finds a post by a stemmed word in each language', async () => {
    const db = database().db;
    // "healed" stems to "heal", as "healing" in the title does.
    const en = await searchNews(db, 'healed', 'en', 10);
    expect(en[0]).toMatchObject({ kind: 'post', path: '/news/sample-statement-shrink-and-invest', lang: 'en' });
    expect(en[0]!.date).toBe('2026-01-20');
    // "sanaciones" stems to "sanacion", as "sanación" in the Spanish title does.
    const es = await searchNews(db, 'sanaciones', 'es', 10);
    expect(es.map((hit) => hit.path)).toContain('/news/sample-statement-shrink-and-invest');
    expect(es.every((hit) => hit.lang === 'es' && hit.rank > 0)).toBe(true);
    expect(await searchNews(db, '', 'en', 10)).toEqual([]);
    expect(await searchNews(db, '"unclosed OR -', 'en', 10)).toEqual([]);
  });

  it('takes an unpublished post off the list at once', async () => {
    const before = await (await app.request('/news')).text();
    expect(before).toContain('Only in English');
    const { items } = await listPublishedPosts(database().db, { locale: 'en', perPage: 10 });
    const post = items.find((p) => p.slug === 'english-only')!;
    await setPostPublished(database().db, post.id, false, null);
    expect(await (await app.request('/news')).text()).not.toContain('Only in English');
    expect((await app.request('/news/english-only')).status).toBe(404);
    expect(draftId).toBeGreaterThan(0);
  });
});
