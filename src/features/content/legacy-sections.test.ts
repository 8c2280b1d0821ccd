import { expect, it } from 'vitest';
import { upgradeSections } from './legacy-sections.ts';
import { sectionContent } from './sections.ts';
import type { SectionSnapshot } from './versions.ts';

const old = (key: string, kind: string, heading: string, data: Record<string, string> = {}): SectionSnapshot => ({
  key,
  kind,
  position: 0,
  heading,
  bodyMd: `${heading} text`,
  data,
});

it('restores a version older than the kinds as the kinds the migration made', () => {
  const upgraded = upgradeSections(
    [
      old('hero', 'hero', 'Healing'),
      old('values-intro', 'values-intro', 'We value'),
      old('value-a', 'value', 'A'),
      old('value-b', 'value', 'B'),
      old('change-intro', 'change-intro', 'Change'),
      old('pillar-a', 'pillar', 'P'),
      old('impact', 'impact', 'Impact', { figure: '$5', figureLabel: 'spent' }),
      old('testimonial', 'testimonial', '', { attribution: 'Sample' }),
      old('newsletter-cta', 'newsletter-cta', 'Join'),
      old('petition-cta', 'petition-cta', 'Sign', { href: '/petitions/x', linkLabel: 'Sign it' }),
      old('tips-teaser', 'teaser', 'Tips', { href: 'https://example.org', linkLabel: 'Go' }),
      old('tip', 'tip', 'Listen'),
    ],
    'es',
  );
  expect(upgraded.map((s) => `${s.key}:${s.kind}:${s.position}`)).toEqual([
    'hero:hero:0',
    'values-intro:cards:1',
    'change-intro:cards:2',
    'impact:figure:3',
    'testimonial:quote:4',
    'newsletter-cta:cta:5',
    'petition-cta:cta:6',
    'tips-teaser:text:7',
    'tip:text:8',
  ]);
  expect(upgraded[1]!.data).toEqual({
    cards: [
      { title: 'A', text: 'A text', imageId: null },
      { title: 'B', text: 'B text', imageId: null },
    ],
  });
  expect(upgraded[5]!.data).toMatchObject({ linkLabel: 'Suscríbete a nuestros correos' });
  expect(upgraded[6]!.data).toEqual({ link: { kind: 'petition', ref: 'x' }, linkLabel: 'Sign it' });
  expect(upgraded[7]!.data).toMatchObject({ link: { kind: 'url', url: 'https://example.org' } });
  for (const s of upgraded) expect(sectionContent.safeParse({ ...s, hidden: false }).success, s.key).toBe(true);
});
