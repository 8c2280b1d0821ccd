import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, renderDocument, type PageMeta, type SiteFrame } from '../../platform/web/layout.tsx';
import type { Locale } from '../../platform/web/locale.ts';
import { committeesOf, districtHighlightSvg, referenceStatus } from '../reference/service.ts';
import { legislatorRecord } from './agenda.ts';
import { findLegislator, legislatorSlug, searchDirectory } from './directory.ts';
import { legislatorMessages } from './messages.ts';
import { DirectoryPage, LegislatorPage } from './views/LegislatorPages.tsx';

export type LegislatorDeps = {
  db: Db;
  publicUrl: string;
  siteFrame: () => Promise<SiteFrame>;
  notFound: (c: Context<AppEnv>) => Promise<Response>;
};

// A filter that does not parse is no filter, never an error: these are links people share and edit.
const directoryQuery = z.object({
  q: z.string().max(80).catch('').default(''),
  chamber: z.enum(['', 'upper', 'lower']).catch('').default(''),
});

/**
 * The legislator directory and each legislator's page, in one language; mounted at "/" and "/es".
 * Not kept in the page cache: votes and scorecards change from the workspace, which does not move
 * the content version, and these pages are a few small reads.
 */
export function legislatorRoutes(deps: LegislatorDeps, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const t = legislatorMessages(locale);

  async function render(c: Context<AppEnv>, meta: Omit<PageMeta, 'locale' | 'publicUrl' | 'site'>, body: unknown) {
    const site = await deps.siteFrame();
    return c.html(
      await renderDocument(
        <Layout {...meta} locale={locale} publicUrl={deps.publicUrl} site={site} current="legislators">
          {body as never}
        </Layout>,
      ),
    );
  }

  app.get('/legislators', async (c) => {
    const filter = directoryQuery.parse(c.req.query());
    const [people, status] = await Promise.all([searchDirectory(deps.db, filter), referenceStatus(deps.db)]);
    const filtered = filter.q !== '' || filter.chamber !== '';
    return render(
      c,
      { path: '/legislators', title: t.title, description: t.description, noindex: filtered },
      <DirectoryPage locale={locale} filter={filter} people={people} loaded={status.legislators > 0} />,
    );
  });

  app.get('/legislators/:key{[a-z0-9-]{1,120}}', async (c) => {
    const person = await findLegislator(deps.db, c.req.param('key'));
    if (!person) return deps.notFound(c);
    const slug = legislatorSlug(person);
    // One address per person: the uuid form sends to the readable one.
    if (c.req.param('key') !== slug) return c.redirect(`${locale === 'es' ? '/es' : ''}/legislators/${slug}`, 301);
    const district = t.district(person.chamber, person.district);
    const [committees, record, map] = await Promise.all([
      committeesOf(deps.db, person.id),
      legislatorRecord(deps.db, person.id),
      districtHighlightSvg(deps.db, person.chamber, person.district, t.mapTitle(person.name, district)),
    ]);
    return render(
      c,
      {
        path: `/legislators/${slug}`,
        title: `${person.name}, ${district}`,
        description: `${person.chamber === 'upper' ? t.senator : t.representative} ${person.name}, ${district}`,
      },
      <LegislatorPage locale={locale} person={person} committees={committees} record={record} map={map} />,
    );
  });

  return app;
}
