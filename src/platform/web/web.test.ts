import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localizedHref, localizedPath, preferredLocale, splitLocale } from './locale.ts';
import { renderMarkdown } from './markdown.ts';

describe('language paths', () => {
  it('maps pages between languages and back', () => {
    expect(localizedPath('en', '/tips')).toBe('/tips');
    expect(localizedPath('es', '/tips')).toBe('/es/tips');
    expect(localizedPath('es', '/')).toBe('/es');
    expect(splitLocale('/es')).toEqual({ locale: 'es', path: '/' });
    expect(splitLocale('/es/tips')).toEqual({ locale: 'es', path: '/tips' });
    expect(splitLocale('/estate')).toEqual({ locale: 'en', path: '/estate' });
    fc.assert(
      fc.property(fc.constantFrom('en', 'es'), fc.stringMatching(/^\/[a-z0-9/-]{0,30}$/), (locale, path) => {
        const split = splitLocale(localizedPath(locale as 'en' | 'es', path));
        if (!path.startsWith('/es/') && path !== '/es') expect(split).toEqual({ locale, path });
      }),
    );
  });

  it('leaves a link to another site as written, and puts this site’s links in the language', () => {
    expect(localizedHref('es', 'https://example.org/give')).toBe('https://example.org/give');
    expect(localizedHref('es', 'mailto:info@example.org')).toBe('mailto:info@example.org');
    expect(localizedHref('es', '//example.org/x')).toBe('//example.org/x');
    expect(localizedHref('es', '#join')).toBe('#join');
    expect(localizedHref('es', '/petitions')).toBe('/es/petitions');
    expect(localizedHref('en', 'https://example.org/')).toBe('https://example.org/');
  });

  it('picks a first-visit language from Accept-Language by quality', () => {
    expect(preferredLocale('es-MX,es;q=0.9,en;q=0.8')).toBe('es');
    expect(preferredLocale('en-US,es;q=0.9')).toBe('en');
    expect(preferredLocale('fr-FR,es;q=0.5,en;q=0.4')).toBe('es');
    expect(preferredLocale('en;q=0.2,es;q=0.8')).toBe('es');
    expect(preferredLocale('es;q=0,en')).toBe('en');
    expect(preferredLocale('de')).toBeUndefined();
    expect(preferredLocale(undefined)).toBeUndefined();
    fc.assert(fc.property(fc.string(), (header) => [undefined, 'en', 'es'].includes(preferredLocale(header))));
  });
});

describe('Markdown from staff', () => {
  it('keeps formatting and strips anything that could run', () => {
    const html = renderMarkdown(
      '**Bold** [link](/tips) <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))',
    );
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).toContain('<a href="/tips">link</a>');
    expect(html).not.toMatch(/<script|onerror|javascript:|<img/i);
  });

  it('marks links to other sites so they carry no referrer', () => {
    expect(renderMarkdown('[OLIS](https://olis.oregonlegislature.gov)')).toContain('rel="noopener noreferrer"');
  });

  it('points site links at the page language, raw HTML anchors too, and leaves other links alone', () => {
    const source = '[t](/tips) [h](/) <a href="/join?x=1">j</a> [e](//evil.example) [o](https://example.org/a)';
    const html = renderMarkdown(source, { languagePrefix: '/es' });
    expect(html).toContain('<a href="/es/tips">t</a>');
    expect(html).toContain('<a href="/es">h</a>');
    expect(html).toContain('<a href="/es/join?x=1">j</a>');
    expect(html).not.toContain('evil.example"');
    expect(html).toContain('<a href="https://example.org/a" rel="noopener noreferrer">o</a>');
    expect(renderMarkdown('[t](/tips)')).toContain('<a href="/tips">t</a>');
  });

  it('makes site links absolute for email', () => {
    expect(renderMarkdown('[t](/tips) [h](/)', { languagePrefix: '', absoluteBase: 'https://psj.example' })).toContain(
      '<a href="https://psj.example/tips">t</a> <a href="https://psj.example/">h</a>',
    );
    expect(renderMarkdown('[h](/)', { languagePrefix: '/es', absoluteBase: 'https://psj.example' })).toContain(
      '<a href="https://psj.example/es">h</a>',
    );
  });
});
