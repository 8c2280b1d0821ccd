import { expect, it } from 'vitest';
import type { Page } from '../pages.ts';
import { demoPages } from '../seed/pages.ts';
import { HomePage } from './HomePage.tsx';

it('keeps a home section’s link to another site as written, and puts this site’s links in the language', () => {
  const spanishHome = demoPages.find((p) => p.slug === 'home' && p.locale === 'es')!;
  const sections = spanishHome.sections!.map((s) =>
    s.key === 'tips-teaser' ? { ...s, data: { ...s.data, href: 'https://example.org/tips' } } : s,
  );
  const page = { ...spanishHome, sections, isFallback: false } as unknown as Page;
  const html = String(<HomePage page={page} locale="es" />);
  expect(html).toContain('href="https://example.org/tips"');
  expect(html).not.toContain('/es/https:');
  expect(html).toContain('href="/es/resources"');
});
