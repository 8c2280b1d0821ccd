import * as fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { seedDemoContent } from './seed/index.ts';
import { updateSection } from './service.ts';

const publicPaths = ['/', '/tips', '/about', '/privacy', '/policies', '/resources'];

describeEachDatabase('public site over HTTP', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  // A visitor who has chosen English already, so no first-visit redirect applies.
  const english = { cookie: 'lang=en' };

  beforeAll(async () => {
    await seedDemoContent(database().db);
    app = createTestApp(database()).app;
  });

  it('serves every public page in both languages with the right lang and alternates', async () => {
    for (const path of publicPaths) {
      for (const [locale, prefix] of [
        ['en', ''],
        ['es', '/es'],
      ] as const) {
        const url = prefix + (path === '/' && prefix ? '' : path);
        const res = await app.request(url, { headers: english });
        expect(res.status, url).toBe(200);
        const html = await res.text();
        expect(html.startsWith('<!doctype html><html lang="' + locale + '"'), url).toBe(true);
        expect(html).toContain('hreflang="es"');
        expect(html).toContain('hreflang="x-default"');
        expect(html).toContain('<a class="skip-link" href="#main">');
        expect(html).toMatch(/<main id="main" tabindex="-1">/);
      }
    }
  });

  it('links every policy and resource from its list to a page that exists', async () => {
    for (const list of ['/policies', '/resources', '/es/policies', '/es/resources']) {
      const html = await (await app.request(list, { headers: english })).text();
      const links = [...html.matchAll(/href="((?:\/es)?\/(?:policies|resources)\/[a-z0-9-]+)"/g)].map((m) => m[1]!);
      expect(links.length, list).toBeGreaterThan(2);
      for (const link of links) expect((await app.request(link, { headers: english })).status, link).toBe(200);
    }
  });

  it('answers unknown pages with the site-styled 404 in the right language', async () => {
    const en = await app.request('/no-such-page', { headers: english });
    expect(en.status).toBe(404);
    expect(await en.text()).toContain('Page not found');
    const es = await app.request('/es/no-existe', { headers: english });
    expect(es.status).toBe(404);
    expect(await es.text()).toContain('<html lang="es"');
    expect((await app.request('/policies/no-such-bill', { headers: english })).status).toBe(404);
  });

  it('sends a first-time Spanish-speaking visitor to Spanish once, then respects their choice', async () => {
    const first = await app.request('/tips?x=1', { headers: { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' } });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/es/tips?x=1');
    expect(first.headers.get('set-cookie')).toMatch(/lang=es/);
    // Having switched to English, the same browser stays in English.
    const chosen = await app.request('/tips', { headers: { 'accept-language': 'es', cookie: 'lang=en' } });
    expect(chosen.status).toBe(200);
    // An English-speaking first visit is not redirected, and the choice is remembered.
    const englishFirst = await app.request('/', { headers: { 'accept-language': 'en-US,en' } });
    expect(englishFirst.status).toBe(200);
    expect(englishFirst.headers.get('set-cookie')).toMatch(/lang=en/);
  });

  it('sets security headers and a strict CSP on every response', async () => {
    for (const path of ['/', '/es/resources?q=x', '/no-such-page', '/healthz', '/robots.txt']) {
      const res = await app.request(path, { headers: english });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    const httpsApp = createTestApp(database(), { PUBLIC_URL: 'https://psj.example' }).app;
    expect((await httpsApp.request('/', { headers: english })).headers.get('strict-transport-security')).toMatch(
      /max-age=\d+/,
    );
  });

  it('compresses pages, tags them with an ETag and answers 304 when unchanged', async () => {
    const br = await app.request('/', { headers: { ...english, 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    const gzip = await app.request('/', { headers: { ...english, 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const etag = br.headers.get('etag')!;
    expect(etag).toBe(gzip.headers.get('etag'));
    const again = await app.request('/', { headers: { ...english, 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('shows a staff edit on the next request, in that language only', async () => {
    await updateSection(
      database().db,
      { slug: 'about', locale: 'es', key: 'who-we-are' },
      { heading: 'Encabezado recién editado' },
    );
    expect(await (await app.request('/es/about', { headers: english })).text()).toContain('Encabezado recién editado');
    expect(await (await app.request('/about', { headers: english })).text()).not.toContain('Encabezado recién editado');
  });

  it('serves the stylesheet under a content hash, cached for a year', async () => {
    const html = await (await app.request('/', { headers: english })).text();
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)![1]!;
    expect(href).toMatch(/^\/assets\/site\.[0-9a-f]{12}\.css$/);
    const css = await app.request(href, { headers: { 'accept-encoding': 'br' } });
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(css.headers.get('content-encoding')).toBe('br');
  });

  it('publishes a sitemap with both languages and a robots.txt that points to it', async () => {
    const sitemap = await (await app.request('/sitemap.xml')).text();
    expect(sitemap).toContain('<loc>http://localhost:3000/es/tips</loc>');
    expect(sitemap).toContain('hreflang="es" href="http://localhost:3000/es/policies/');
    // Other features' public pages too: the privacy request form, in both languages.
    expect(sitemap).toContain('<loc>http://localhost:3000/es/privacy/request</loc>');
    const robots = await (await app.request('/robots.txt')).text();
    expect(robots).toContain('Sitemap: http://localhost:3000/sitemap.xml');
  });

  it('reports health and per-route metrics', async () => {
    const health = await app.request('/healthz');
    expect(health.status).toBe(200);
    await app.request('/policies', { headers: english });
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toMatch(/http_requests_total\{method="GET",route="\/policies",status="200"\} \d+/);
    expect(metrics).toContain('http_request_duration_seconds_bucket');
  });

  it('puts Open Graph and Organization data on the home page', async () => {
    const html = await (await app.request('/es', { headers: english })).text();
    expect(html).toContain('<meta property="og:locale" content="es_US"/>');
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json)).toMatchObject({ '@type': 'Organization', name: 'Partnership for Safety and Justice' });
  });

  it('the resource search form never fails, whatever is typed into it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            q: fc.string({ maxLength: 300 }),
            type: fc.string({ maxLength: 20 }),
            topic: fc.string({ maxLength: 90 }),
            page: fc.oneof(fc.string(), fc.integer().map(String)),
          },
          { requiredKeys: [] },
        ),
        fc.boolean(),
        async (query, spanish) => {
          const params = new URLSearchParams(query as Record<string, string>).toString();
          const res = await app.request(`${spanish ? '/es' : ''}/resources?${params}`, { headers: english });
          expect(res.status).toBe(200);
          const html = await res.text();
          expect(html).toContain('</html>');
          // What was typed comes back in the search box, escaped.
          if (query.q && query.q.length <= 200 && !/[<>&"']/.test(query.q) && query.q.trim())
            expect(html).toContain(`value="${query.q}"`);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describeEachDatabase('when the database fails', (database) => {
  it('answers with the site-styled 500 page and a reference, never the error itself', async () => {
    const db = new Proxy(database().db, {
      get(target, property) {
        if (property === 'select' || property === 'execute') {
          return () => {
            throw new Error('database exploded');
          };
        }
        return Reflect.get(target, property);
      },
    });
    const res = await createTestApp({ ...database(), db }).app.request('/es/tips', { headers: { cookie: 'lang=es' } });
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain('Algo salió mal');
    // Its title too, in Spanish throughout (issue 13).
    expect(html).toContain('<title>Algo salió mal · Groundswell</title>');
    expect(html).not.toContain('Something went wrong');
    expect(html).toMatch(/<code>[0-9a-f-]{36}<\/code>/);
    expect(html).not.toContain('database exploded');
  });

  it('reports 503 on /healthz when the database does not answer', async () => {
    const broken = { ...database(), ping: () => Promise.reject(new Error('gone')) };
    const res = await createTestApp(broken).app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable' });
  });
});
