import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Where a site link ("/tips") should lead: under the page's language, and for email on the site's own address. */
export type SiteLinks = { languagePrefix?: string; absoluteBase?: string };

/**
 * Staff write Markdown; the public reads HTML. Whatever Markdown lets
 * through (raw HTML included) is cut down to this allowlist, so a pasted
 * <script> or onclick never reaches a visitor. Links are rewritten in the
 * sanitizer's tag hook, which sees every anchor, whether Markdown or raw
 * HTML made it.
 */
function allowlist(links: SiteLinks): sanitizeHtml.IOptions {
  return {
    allowedTags: [
      'p',
      'br',
      'strong',
      'em',
      'b',
      'i',
      'a',
      'ul',
      'ol',
      'li',
      'blockquote',
      'h2',
      'h3',
      'h4',
      'code',
      'pre',
      'hr',
      'abbr',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'hreflang', 'lang', 'rel'],
      abbr: ['title'],
      th: ['scope'],
      '*': ['lang'],
    },
    allowedSchemes: ['https', 'http', 'mailto', 'tel'],
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ?? '';
        // Links to other sites open in the same tab and carry no referrer or opener.
        if (/^https?:\/\//i.test(href)) return { tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } };
        if (href.startsWith('/') && !href.startsWith('//'))
          return { tagName, attribs: { ...attribs, href: siteLink(href, links) } };
        return { tagName, attribs };
      },
    },
  };
}

/** A site path ("/tips") as a reader should follow it: under the language, on the site's own address for email. */
export function siteLink(path: string, links: SiteLinks): string {
  const prefix = links.languagePrefix ?? '';
  const localized = prefix && path === '/' ? prefix : `${prefix}${path}`;
  return `${links.absoluteBase ?? ''}${localized}`;
}

const plainLinks = allowlist({});

export function renderMarkdown(source: string, links?: SiteLinks): string {
  if (!source.trim()) return '';
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, links ? allowlist(links) : plainLinks);
}
