import { Writable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, testConfig } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { createPage } from '../content/service.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { makeOpenPetition } from '../petitions/test-support.ts';
import { createApp } from '../../app/app.tsx';
import { createLogger } from '../../platform/logger.ts';

// A visitor who has chosen a language already, so no first-visit redirect applies.
const visitor = { cookie: 'lang=en' };

describeEachDatabase('the search page', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  const get = async (url: string) => {
    const res = await app.request(url, { headers: visitor });
    return { res, html: await res.text() };
  };
  /** The results' links, in order. */
  const links = (html: string) =>
    [...(html.split('class="list-plain search-results"')[1] ?? '').matchAll(/<h3[^>]*><a href="([^"]+)"/g)].map(
      (m) => m[1],
    );

  beforeAll(async () => {
    const db = database().db;
    await seedDemoContent(db);
    await makeOpenPetition(db, 'kelp-forests', {
      en: { title: 'Protect the kelp forests', summary: 'Kelp shelters fish.', statement: 'Protect kelp.' },
      es: { title: 'Protejan los bosques de algas', summary: 'Las algas dan refugio.', statement: 'Algas.' },
    });
    await createPage(db, { slug: 'draft-news', locale: 'en', title: 'Kelp draft', published: false });
    app = createTestApp(database()).app;
  });

  it('shows the form alone before anything is asked, for no search engine and no shared cache', async () => {
    for (const [url, lang, action] of [
      ['/search', 'en', '/search'],
      ['/es/search', 'es', '/es/search'],
    ] as const) {
      const { res, html } = await get(url);
      expect(res.status).toBe(200);
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toContain('<meta name="robots" content="noindex"/>');
      expect(html).toContain(`<form class="search search-page-form" method="get" action="${action}">`);
      expect(html).toMatch(/<label for="search-q">[^<]+<\/label>/);
      expect(html).not.toContain('id="search-results"');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    }
  });

  it('finds things of every kind, each named, linked in the page language', async () => {
    const { html } = await get('/search?q=kelp');
    expect(links(html)).toEqual(['/petitions/kelp-forests']);
    expect(html).toContain('<span class="badge">Petition</span>');
    expect(html).toContain('1 result for “kelp”');
    expect(html).toContain('<mark>Kelp</mark> shelters fish.');

    const es = await get('/es/search?q=algas');
    expect(links(es.html)).toEqual(['/es/petitions/kelp-forests']);
    expect(es.html).toContain('<span class="badge">Petición</span>');

    const policies = await get('/search?q=sentencing');
    expect(policies.html).toContain('<span class="badge">Policy</span>');
    const library = await get('/es/search?q=sobrevivientes');
    expect(library.html).toMatch(/<span class="badge">(Recurso|Página|Política)<\/span>/);
    for (const link of links(library.html)) {
      expect(link).toMatch(/^\/es(\/|$)/);
      expect((await app.request(link!, { headers: visitor })).status, link).toBe(200);
    }
  });

  it('ranks the kinds together and dates what has a date', async () => {
    const { html } = await get('/search?q=survivors');
    const kinds = new Set([...html.matchAll(/<span class="badge">([^<]+)<\/span>/g)].map((m) => m[1]));
    expect(kinds.size).toBeGreaterThan(1);
    expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">/);
  });

  it('echoes any query as text, never as markup', async () => {
    const hostile = '<script>alert("x")</script> & "kelp"';
    const { res, html } = await get(`/search?q=${encodeURIComponent(hostile)}`);
    expect(res.status).toBe(200);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;kelp&quot;"');
  });

  it('says nothing matched, with what to try and the same search in the other language', async () => {
    const { res, html } = await get('/search?q=zzyzx+quux');
    expect(res.status).toBe(200);
    expect(html).toContain('0 results for “zzyzx quux”');
    expect(html).toContain('Nothing on this site matches your search.');
    expect(html).toContain('<a href="/es/search?q=zzyzx+quux" hreflang="es">');
    const es = await get('/es/search?q=zzyzx');
    expect(es.html).toContain('<a href="/search?q=zzyzx" hreflang="en">');
    expect(es.html).toContain('<a href="/es/policies">');
  });

  it('never finds what is not published', async () => {
    const { html } = await get('/search?q=draft');
    expect(links(html)).not.toContain('/draft-news');
  });

  it('puts a labelled search field in the header of every public page, in its language', async () => {
    for (const [url, action] of [
      ['/', '/search'],
      ['/es/tips', '/es/search'],
      ['/no-such-page', '/search'],
    ] as const) {
      const { html } = await get(url);
      expect(html, url).toContain(`<form class="site-search" role="search" method="get" action="${action}">`);
      expect(html, url).toMatch(/<label class="visually-hidden" for="site-search-q">[^<]+<\/label>/);
      expect(html, url).toContain('<input type="search" id="site-search-q" name="q" maxlength="200"/>');
    }
  });

  it('writes the query in no log line, at any level', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'trace', destination });
    const logged = createApp({ config: testConfig({ LOG_LEVEL: 'trace' }), database: database(), logger }).app;
    for (const url of ['/search?q=Zephyrine+kelp', '/es/search?q=Quillfeather%00']) {
      expect((await logged.request(url, { headers: visitor })).status).toBe(200);
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/zephyrine|quillfeather/i);
  });

  it('limits how often one address may search, past an allowance no person reaches', async () => {
    const limited = createTestApp(database(), { WRITES_PER_MINUTE: '1' }).app;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await limited.request('/search?q=kelp', { headers: visitor })).status);
    expect(statuses).toEqual([200, 200, 429]);
    // The empty form costs nothing and is always there.
    expect((await limited.request('/search', { headers: visitor })).status).toBe(200);
  });
});
