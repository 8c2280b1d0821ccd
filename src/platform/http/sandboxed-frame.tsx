import type { Context } from 'hono';
import { contentSecurityPolicy } from './security-headers.ts';

/**
 * Showing a whole HTML document inside a workspace page (an email, as its
 * reader's mail client would show it) without letting it touch the page:
 * the document is served from a URL of its own and framed with `sandbox`
 * and no allowances, so it runs no script, submits no form, opens nothing
 * and has an origin of its own (no cookies, no access to the workspace).
 * Its styles apply inside the frame only. Its own Content-Security-Policy
 * says the same again, for anyone who opens its URL directly.
 */
export const sandboxedDocumentPolicy = [
  "default-src 'none'",
  // Email layouts carry their styles inline and in <style>: all they may load.
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  // Framed by this site's pages only.
  "frame-ancestors 'self'",
  'sandbox',
].join('; ');

/** The response for the framed document: never cached, framed only by this site. */
export function sandboxedDocument(c: Context, html: string): Response {
  return c.body(html, 200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': sandboxedDocumentPolicy,
    'X-Frame-Options': 'SAMEORIGIN',
    'Cache-Control': 'no-store',
  });
}

/**
 * The site's policy for the one kind of page that shows such a frame: the
 * same, but that it may frame this site's own documents (and nothing else).
 */
export const framingPagePolicy = `${contentSecurityPolicy}; frame-src 'self'`;

/** Marks a rendered page as one that frames this site's sandboxed documents. */
export function allowSandboxedFrames(res: Response): Response {
  res.headers.set('Content-Security-Policy', framingPagePolicy);
  return res;
}

/** The frame itself: an empty `sandbox` grants nothing; the title says what it shows, for screen readers. */
export function SandboxedFrame(props: { src: string; title: string; lang?: string | undefined }) {
  return (
    <iframe
      class="sandboxed-frame"
      src={props.src}
      title={props.title}
      sandbox=""
      referrerpolicy="no-referrer"
      lang={props.lang}
    />
  );
}
