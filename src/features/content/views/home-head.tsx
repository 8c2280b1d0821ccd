import { raw } from 'hono/html';
import type { Locale } from '../../../platform/web/locale.ts';
import { localizedPath } from '../../../platform/web/locale.ts';
import { brandFilePath } from '../brand-images.ts';
import type { Page, SiteSettings } from '../service.ts';

const ogLocale: Record<Locale, string> = { en: 'en_US', es: 'es_US' };

/**
 * Open Graph tags for link previews, and schema.org data naming the
 * organisation. JSON-LD is data, not script, so the strict CSP allows it;
 * "<" is escaped so no text can close the element early.
 */
export function organizationHead(props: { page: Page; locale: Locale; publicUrl: string; site: SiteSettings }) {
  const { page, locale, publicUrl, site } = props;
  const url = publicUrl + localizedPath(locale, '/');
  const structured = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: site.name,
    legalName: site.legalName || undefined,
    alternateName: site.shortName || undefined,
    url: publicUrl + '/',
    logo: publicUrl + (site.logo ? brandFilePath(site.logo.key) : '/favicon.svg'),
    description: site.description[locale] || page.description || undefined,
    email: site.contactEmail || undefined,
    telephone: site.phone || undefined,
    address: site.postalAddress || undefined,
    sameAs: site.profiles.length > 0 ? site.profiles : undefined,
  };
  const json = JSON.stringify(structured).replace(/</g, '\\u003c');
  return (
    <>
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={site.name} />
      <meta property="og:title" content={page.title} />
      {page.description ? <meta property="og:description" content={page.description} /> : null}
      <meta property="og:url" content={url} />
      <meta property="og:locale" content={ogLocale[locale]} />
      <meta property="og:locale:alternate" content={ogLocale[locale === 'en' ? 'es' : 'en']} />
      <meta name="twitter:card" content="summary" />
      <script type="application/ld+json">{raw(json)}</script>
    </>
  );
}
