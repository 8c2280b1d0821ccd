import { Marked, type Token, type Tokens } from 'marked';
import { decodeCharacterReferences } from './escape.ts';
import { siteLink, type SiteLinks } from './markdown.ts';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/**
 * Staff's Markdown as the plain-text part of an email: what a mail client
 * shows when it does not show HTML, and what it reads links from. No
 * Markdown syntax is left to read; a link is its words followed by its
 * address in brackets, written out in full and on the site's own address
 * ("our tips (https://psj.example/es/tips)"), so the client turns exactly
 * the address into a link. Anything a reader could not follow (a
 * javascript: link, raw HTML) is reduced to its words, as the HTML part's
 * allowlist does.
 */
export function markdownToText(source: string, links: SiteLinks = {}): string {
  if (!source.trim()) return '';
  return blocks(marked.lexer(source), links).join('\n\n').trim();
}

function blocks(tokens: readonly Token[], links: SiteLinks): string[] {
  return tokens.map((t) => block(t, links)).filter((text) => text !== '');
}

function block(token: Token, links: SiteLinks): string {
  switch (token.type) {
    case 'space':
      return '';
    case 'heading':
    case 'paragraph':
      return inline((token as Tokens.Paragraph).tokens, links);
    case 'text': {
      const t = token as Tokens.Text;
      return t.tokens ? inline(t.tokens, links) : decodeCharacterReferences(t.text);
    }
    case 'list':
      return list(token as Tokens.List, links);
    case 'blockquote':
      // "> " is how mail clients quote, in text as in replies.
      return prefixLines(blocks((token as Tokens.Blockquote).tokens, links).join('\n\n'), '> ');
    case 'code':
      return prefixLines((token as Tokens.Code).text, '    ');
    case 'hr':
      return '* * *';
    case 'table':
      return table(token as Tokens.Table, links);
    case 'html':
      return stripTags((token as Tokens.HTML).text).trim();
    default:
      return 'tokens' in token && Array.isArray(token.tokens) ? inline(token.tokens, links) : '';
  }
}

function list(token: Tokens.List, links: SiteLinks): string {
  const start = typeof token.start === 'number' ? token.start : 1;
  return token.items
    .map((item, i) => {
      const marker = token.ordered ? `${start + i}. ` : '- ';
      const body = blocks(item.tokens, links).join(item.loose ? '\n\n' : '\n');
      // Continuation lines sit under the item's first word, as a nested list does.
      return marker + body.replace(/\n/g, `\n${' '.repeat(marker.length)}`);
    })
    .join(token.loose ? '\n\n' : '\n');
}

function table(token: Tokens.Table, links: SiteLinks): string {
  const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inline(cell.tokens, links)).join(' | ');
  return [row(token.header), ...token.rows.map(row)].join('\n');
}

function inline(tokens: readonly Token[], links: SiteLinks): string {
  return tokens.map((t) => inlineToken(t, links)).join('');
}

function inlineToken(token: Token, links: SiteLinks): string {
  switch (token.type) {
    case 'codespan':
      // Code is shown as written: its characters are not references.
      return (token as Tokens.Codespan).text;
    case 'text':
    case 'escape': {
      const t = token as Tokens.Text;
      return t.tokens ? inline(t.tokens, links) : decodeCharacterReferences(t.text);
    }
    case 'br':
      return '\n';
    case 'html':
      return stripTags(token.raw);
    case 'link':
      return link(token as Tokens.Link, links);
    case 'image':
      // Email carries no images (the HTML allowlist drops them): their words stand in.
      return decodeCharacterReferences((token as Tokens.Image).text);
    default:
      return 'tokens' in token && Array.isArray(token.tokens) ? inline(token.tokens, links) : '';
  }
}

function link(token: Tokens.Link, links: SiteLinks): string {
  const words = inline(token.tokens, links);
  const href = followable(token.href, links);
  if (!href) return words;
  const shown = href.replace(/^mailto:/i, '');
  if (words === '' || words === href || words === shown) return shown;
  return `${words} (${shown})`;
}

/** The address a reader can follow, or undefined for a scheme the HTML part would drop too. */
function followable(href: string, links: SiteLinks): string | undefined {
  const trimmed = href.trim();
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return siteLink(trimmed, links);
  if (/^(https?|mailto|tel):/i.test(trimmed)) return trimmed;
  return undefined;
}

function prefixLines(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line ? prefix + line : prefix.trimEnd()))
    .join('\n');
}

function stripTags(html: string): string {
  return decodeCharacterReferences(html.replace(/<[^>]*>/g, ''));
}
