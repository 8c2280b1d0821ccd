import { escapeHtml } from '../../platform/web/escape.ts';
import { Hono } from 'hono';
import type { Db } from '../../platform/db/client.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import type { PageCache } from '../../platform/http/page-cache.ts';
import { sendPrepared } from '../../platform/http/respond.ts';
import { isFileKey, type FileStore } from '../../platform/storage.ts';
import { localizedPath, locales, type Locale } from '../../platform/web/locale.ts';
import { brandFileKeys } from './brand-images.ts';
import { themeOf } from './brand.ts';
import { getSiteSettings, isPublicFile, listPolicies, listPublishedPages, listResourceSlugs } from './service.ts';

const pagePaths: Record<string, string> = { home: '/', tips: '/tips', about: '/about', privacy: '/privacy' };

const escapeXml = escapeHtml;

/**
 * Uploaded files are staff's, not ours: a PDF or image could still carry
 * something a browser would run. So it is sent as exactly the type detected
 * at upload, never sniffed, and sandboxed like a page from nowhere.
 */
const fileHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Content-Disposition': 'inline',
  // A key names one file forever (a new upload gets a new key), so it can be kept for long.
  'Cache-Control': 'public, max-age=31536000, immutable',
};

/**
 * sitemap.xml (every public page in the languages it is served in, with
 * hreflang alternates), robots.txt, and the files attached to published
 * resources at /files/<key> (when a file store is given).
 */
export function siteFileRoutes(deps: {
  db: Db;
  cache: PageCache;
  publicUrl: string;
  files?: FileStore | undefined;
  /** Other features' public pages, served in every language (the petitions and their list), handed in by the app. */
  morePaths?: () => Promise<string[]>;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/sitemap.xml', async (c) => {
    const body = await deps.cache.get('sitemap.xml', async () => {
      const [pages, policies, resources, more] = await Promise.all([
        listPublishedPages(deps.db),
        listPolicies(deps.db, 'en'),
        listResourceSlugs(deps.db),
        deps.morePaths?.() ?? Promise.resolve([]),
      ]);
      // Policies and resources show in every language (falling back to any
      // translation); a page falls back to English only, so a Spanish-only
      // page has no English address.
      const paths = new Map<string, Set<Locale>>(
        ['/policies', '/resources', '/join', '/site-map'].map((path) => [path, new Set(locales)]),
      );
      const servedIn = (path: string, served: readonly Locale[]) => {
        const set = paths.get(path) ?? new Set<Locale>();
        for (const l of served) set.add(l);
        paths.set(path, set);
      };
      for (const p of pages) servedIn(pagePaths[p.slug] ?? `/${p.slug}`, p.locale === 'en' ? locales : [p.locale]);
      for (const p of policies) servedIn(`/policies/${p.slug}`, locales);
      for (const r of resources) servedIn(`/resources/${r.slug}`, locales);
      for (const path of more) servedIn(path, locales);
      const urls = [...paths].flatMap(([path, served]) => {
        const languages = locales.filter((l) => served.has(l));
        const alternates = languages
          .map(
            (l) =>
              `<xhtml:link rel="alternate" hreflang="${l}" ` +
              `href="${escapeXml(deps.publicUrl + localizedPath(l, path))}"/>`,
          )
          .join('');
        return languages.map(
          (locale) => `<url><loc>${escapeXml(deps.publicUrl + localizedPath(locale, path))}</loc>${alternates}</url>`,
        );
      });
      return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
        `${urls.join('\n')}\n</urlset>\n`
      );
    });
    return sendPrepared(c, { ...body, type: 'application/xml; charset=utf-8' });
  });

  app.get('/robots.txt', (c) =>
    c.text(`User-agent: *\nDisallow: /admin\nAllow: /\n\nSitemap: ${deps.publicUrl}/sitemap.xml\n`, 200, {
      'Cache-Control': 'public, max-age=3600',
    }),
  );

  // The brand colours' stylesheet: its name changes with its text, so a browser keeps it for a year.
  const theme = () => deps.cache.value('theme', async () => themeOf(await getSiteSettings(deps.db)));
  app.get('/:file{theme-[a-f0-9]{12}\\.css}', async (c) => {
    const current = await theme();
    if (!current || current.path !== `/${c.req.param('file')}`)
      return c.text('Not found\n', 404, { 'Cache-Control': 'no-store' });
    return c.body(current.css, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });

  const files = deps.files;
  if (files) {
    // The logo and icons the settings name now (an earlier version's come back with a restore).
    const brandFiles = () => deps.cache.value('brand-files', async () => brandFileKeys(await getSiteSettings(deps.db)));
    app.get('/brand/:key{[a-f0-9]{32}\\.[a-z]{3,4}}', async (c) => {
      const key = c.req.param('key');
      const stored = (await brandFiles()).includes(key) ? await files.get(key) : undefined;
      if (!stored) return c.text('Not found\n', 404, { 'Cache-Control': 'no-store' });
      return c.body(stored.bytes.slice(), 200, {
        ...fileHeaders,
        'Content-Type': stored.contentType,
        'Content-Length': String(stored.bytes.length),
      });
    });

    app.get('/files/:key{[a-f0-9]{32}\\.[a-z0-9]{2,5}}', async (c) => {
      const key = c.req.param('key');
      const stored = isFileKey(key) && (await isPublicFile(deps.db, key)) ? await files.get(key) : undefined;
      if (!stored) return c.text('Not found\n', 404, { 'Cache-Control': 'no-store' });
      return c.body(stored.bytes.slice(), 200, {
        ...fileHeaders,
        'Content-Type': stored.contentType,
        'Content-Length': String(stored.bytes.length),
      });
    });
  }

  return app;
}
