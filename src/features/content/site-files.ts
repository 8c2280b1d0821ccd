import { Hono } from 'hono';
import type { Db } from '../../platform/db/client.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import type { PageCache } from '../../platform/http/page-cache.ts';
import { sendPrepared } from '../../platform/http/respond.ts';
import { localizedPath, locales } from '../../platform/web/locale.ts';
import { listPolicies, listPublishedPages, listResourceSlugs } from './service.ts';

const pagePaths: Record<string, string> = { home: '/', tips: '/tips', about: '/about', privacy: '/privacy' };

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** sitemap.xml (every public page in both languages, with hreflang alternates) and robots.txt. */
export function siteFileRoutes(deps: { db: Db; cache: PageCache; publicUrl: string }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/sitemap.xml', async (c) => {
    const body = await deps.cache.get('sitemap.xml', async () => {
      const [pages, policies, resources] = await Promise.all([
        listPublishedPages(deps.db),
        listPolicies(deps.db, 'en'),
        listResourceSlugs(deps.db),
      ]);
      const paths = new Set<string>(['/policies', '/resources']);
      for (const p of pages) paths.add(pagePaths[p.slug] ?? `/${p.slug}`);
      for (const p of policies) paths.add(`/policies/${p.slug}`);
      for (const r of resources) paths.add(`/resources/${r.slug}`);
      const urls = [...paths].flatMap((path) =>
        locales.map((locale) => {
          const alternates = locales
            .map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${escapeXml(deps.publicUrl + localizedPath(l, path))}"/>`)
            .join('');
          return `<url><loc>${escapeXml(deps.publicUrl + localizedPath(locale, path))}</loc>${alternates}</url>`;
        }),
      );
      return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
    });
    return sendPrepared(c, { ...body, type: 'application/xml; charset=utf-8' });
  });

  app.get('/robots.txt', (c) =>
    c.text(`User-agent: *\nDisallow: /admin\nAllow: /\n\nSitemap: ${deps.publicUrl}/sitemap.xml\n`, 200, {
      'Cache-Control': 'public, max-age=3600',
    }),
  );

  return app;
}
