import { raw } from 'hono/html';
import type { PlacedImage } from '../../../platform/web/images.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { newsMessages } from '../messages.ts';
import type { PublicPost } from '../posts.ts';

const ogLocale: Record<Locale, string> = { en: 'en_US', es: 'es_US' };

/** The news feed of a language, for feed readers: announced in the head of every news page. */
export function FeedLink(props: { locale: Locale; publicUrl: string; siteName: string }) {
  return (
    <link
      rel="alternate"
      type="application/atom+xml"
      title={newsMessages(props.locale).feedTitle(props.siteName)}
      href={props.publicUrl + localizedPath(props.locale, '/news/feed.xml')}
    />
  );
}

/** The image's largest file as an absolute address, for link previews and structured data. */
function imageUrl(image: PlacedImage, publicUrl: string): string {
  const last = image.srcset.split(',').at(-1)?.trim().split(/\s+/)[0];
  const path = last || image.src;
  return path.startsWith('/') ? publicUrl + path : path;
}

/**
 * A post's head: the feed, Open Graph tags for link previews, and schema.org NewsArticle data.
 * JSON-LD is data, not script, so the strict CSP allows it; "<" is escaped so no text can close the
 * element early (as content's home page head does).
 */
export function postHead(props: {
  post: PublicPost;
  locale: Locale;
  publicUrl: string;
  siteName: string;
  image: PlacedImage | undefined;
}) {
  const { post, locale, publicUrl, siteName, image } = props;
  const url = publicUrl + localizedPath(locale, `/news/${post.slug}`);
  const picture = image ? imageUrl(image, publicUrl) : undefined;
  const structured = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: post.title,
    description: post.summary || undefined,
    inLanguage: post.locale,
    mainEntityOfPage: url,
    url,
    datePublished: post.publishedOn,
    dateModified: post.updatedAt.toISOString(),
    author: post.authorName
      ? { '@type': post.authorName === siteName ? 'Organization' : 'Person', name: post.authorName }
      : { '@type': 'Organization', name: siteName },
    publisher: { '@type': 'Organization', name: siteName, url: `${publicUrl}/`, logo: `${publicUrl}/favicon.svg` },
    image: picture ? [picture] : undefined,
  };
  const json = JSON.stringify(structured).replace(/</g, '\\u003c');
  return (
    <>
      <FeedLink locale={locale} publicUrl={publicUrl} siteName={siteName} />
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={siteName} />
      <meta property="og:title" content={post.title} />
      {post.summary ? <meta property="og:description" content={post.summary} /> : null}
      <meta property="og:url" content={url} />
      <meta property="og:locale" content={ogLocale[locale]} />
      {picture ? <meta property="og:image" content={picture} /> : null}
      {image?.alt ? <meta property="og:image:alt" content={image.alt} /> : null}
      <meta property="article:published_time" content={post.publishedOn} />
      <meta property="article:modified_time" content={post.updatedAt.toISOString()} />
      <meta name="twitter:card" content={picture ? 'summary_large_image' : 'summary'} />
      <script type="application/ld+json">{raw(json)}</script>
    </>
  );
}
