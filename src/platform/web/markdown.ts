import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/**
 * Staff write Markdown; the public reads HTML. Whatever Markdown lets
 * through (raw HTML included) is cut down to this allowlist, so a pasted
 * <script> or onclick never reaches a visitor.
 */
const allowlist: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'a', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4', 'code', 'pre', 'hr', 'abbr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title', 'hreflang', 'lang', 'rel'], abbr: ['title'], th: ['scope'], '*': ['lang'] },
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: {
    // Links to other sites open in the same tab and carry no referrer or opener.
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const external = /^https?:\/\//i.test(href);
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer' } : attribs };
    },
  },
};

export function renderMarkdown(source: string): string {
  if (!source.trim()) return '';
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, allowlist);
}

/** Prefixes site-relative links with the page's language, so "/tips" in Spanish content leads to "/es/tips". */
export function localizeLinks(html: string, prefix: string): string {
  if (!prefix) return html;
  return html.replace(/href="\/(?!\/)([^"]*)"/g, (_m, rest: string) => `href="${rest === '' ? prefix : `${prefix}/${rest}`}"`);
}
