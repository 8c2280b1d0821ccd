import type { Db } from '../../platform/db/client.ts';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import { messagesFor } from '../../platform/web/messages.ts';
import { contentMessages } from './messages.ts';
import { getPublishedPage, listPublishedPages } from './pages.ts';
import { listPolicies } from './policies.ts';
import { searchResources } from './resources.ts';

/** One heading of the site map and its links; other features' sections (petitions) come in from the app. */
export type SiteMapSection = {
  title: string;
  links: { path: string; label: string; lang?: Locale | undefined }[];
};

const pagePaths: Record<string, string> = { home: '/', tips: '/tips', about: '/about', privacy: '/privacy' };
// The home page first and the privacy notice last; staff-made pages between, by name.
const order = (slug: string) => (slug === 'home' ? 0 : slug === 'privacy' ? 2 : 1);

/** Every page, policy and resource the public can read in this language (English where it has no translation). */
export async function contentSiteMap(db: Db, locale: Locale): Promise<SiteMapSection[]> {
  const t = contentMessages(locale);
  const [published, policies, resources] = await Promise.all([
    listPublishedPages(db),
    listPolicies(db, locale),
    searchResources(db, { locale, perPage: 1000 }),
  ]);
  // A page falls back to English only, so a Spanish-only page has no English address.
  const slugs = [...new Set(published.filter((p) => p.locale === locale || p.locale === 'en').map((p) => p.slug))];
  const pages = (await Promise.all(slugs.map((slug) => getPublishedPage(db, slug, locale)))).flatMap((p) =>
    p ? [p] : [],
  );
  pages.sort((a, b) => order(a.slug) - order(b.slug) || a.title.localeCompare(b.title, locale));
  const pageLinks: SiteMapSection['links'] = pages.map((p) => ({
    path: pagePaths[p.slug] ?? `/${p.slug}`,
    label: p.title,
    lang: p.locale !== locale ? p.locale : undefined,
  }));
  // Joining is a page of its own, just before the privacy notice.
  const join = { path: '/join', label: messagesFor(locale).footer.signupTitle };
  const privacyAt = pageLinks.findIndex((l) => l.path === '/privacy');
  pageLinks.splice(privacyAt === -1 ? pageLinks.length : privacyAt, 0, join);
  return [
    { title: t.siteMap.pages, links: pageLinks },
    {
      title: t.policies.title,
      links: [
        { path: '/policies', label: t.siteMap.allPolicies },
        ...policies.map((p) => ({
          path: `/policies/${p.slug}`,
          label: p.text.title,
          lang: p.text.locale !== locale ? p.text.locale : undefined,
        })),
      ],
    },
    {
      title: t.resources.title,
      links: [
        { path: '/resources', label: t.siteMap.allResources },
        ...resources.items.map((r) => ({
          path: `/resources/${r.slug}`,
          label: r.title,
          lang: r.locale !== locale ? r.locale : undefined,
        })),
      ],
    },
  ];
}

/** The site map for people, in the page's language; crawlers have sitemap.xml. */
export function SiteMapPage(props: { locale: Locale; sections: SiteMapSection[] }) {
  const t = contentMessages(props.locale).siteMap;
  return (
    <>
      <h1>{t.title}</h1>
      <p class="lead">{t.intro}</p>
      {props.sections
        .filter((s) => s.links.length > 0)
        .map((section, i) => (
          <section class="section" aria-labelledby={`site-map-${i}`}>
            <h2 id={`site-map-${i}`}>{section.title}</h2>
            <ul class="site-map">
              {section.links.map((link) => (
                <li lang={link.lang}>
                  <a href={localizedPath(props.locale, link.path)}>{link.label}</a>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}
