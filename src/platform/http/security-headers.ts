import type { MiddlewareHandler } from 'hono';

/**
 * A strict policy: scripts, styles and images come from this site only, no
 * inline script or style, no framing. Routes that must be framed (petition
 * embeds, in a later issue) replace frame-ancestors themselves.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Every powerful feature off, except those a page names, which it may use itself (never a frame). */
export function permissionsPolicy(...allowed: 'geolocation'[]): string {
  return ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'interest-cohort']
    .map((feature) => `${feature}=${allowed.includes(feature as 'geolocation') ? '(self)' : '()'}`)
    .join(', ');
}

export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', contentSecurityPolicy);
    h.set('X-Content-Type-Options', 'nosniff');
    // Visitors may be survivors: no other site learns which of our pages they came from. A page whose address is a
    // secret (a token link) may ask for none at all, and keeps it.
    if (h.get('Referrer-Policy') !== 'no-referrer') h.set('Referrer-Policy', 'same-origin');
    if (!h.has('X-Frame-Options') && h.get('Content-Security-Policy')?.includes("frame-ancestors 'none'")) {
      h.set('X-Frame-Options', 'DENY');
    }
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    // A page that needs one of these (the letters' "use my location" button) sets its own, narrower policy.
    if (!h.has('Permissions-Policy')) h.set('Permissions-Policy', permissionsPolicy());
    if (options.hsts) h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  };
}
