import { describe, expect, it } from 'vitest';
import type { PlacedImage } from '../../platform/web/images.tsx';
import type { Page } from './pages.ts';
import { sectionContent, whySectionsCannotBePublished, type SectionContent } from './sections.ts';
import { PageView } from './views/PageView.tsx';
import type { SectionExtras } from './views/sections.tsx';

const picture = (id: number): PlacedImage => ({
  id,
  alt: `Alt text ${id}`,
  caption: `Caption ${id}`,
  credit: 'Sample photo',
  lang: 'en',
  width: 1200,
  height: 800,
  src: `/media/${id}-1200.jpg`,
  srcset: `/media/${id}-600.jpg 600w, /media/${id}-1200.jpg 1200w`,
  sources: [{ type: 'image/avif', srcset: `/media/${id}-600.avif 600w` }],
});

const extras: SectionExtras = {
  images: new Map([1, 2, 3].map((id) => [id, picture(id)])),
  targets: [
    { kind: 'list', ref: 'join', path: '/join', label: { en: 'Join', es: 'Únete' } },
    { kind: 'page', ref: 'tips', path: '/tips', label: { en: 'Tips', es: 'Consejos' } },
  ],
  resources: new Map([
    [
      'reading',
      [
        {
          id: 1,
          slug: 'a-guide',
          type: 'guide',
          publishedOn: '2025-01-01',
          topics: [],
          url: null,
          filePath: null,
          isDemo: true,
          locale: 'en',
          title: 'A guide in English',
          summary: 'What it says',
        },
      ],
    ],
  ]),
  petitions: new Map([
    ['safety', { title: 'Safety for all', lang: 'en', count: 1204, goal: 2000, path: '/petitions/safety' }],
  ]),
};

/** One of every kind, as staff would make them. */
const every: (SectionContent & { key: string })[] = [
  {
    kind: 'hero',
    key: 'hero',
    heading: 'Healing',
    bodyMd: 'Opening words',
    hidden: false,
    data: { imageId: 1, link: { kind: 'list', ref: 'join' }, linkLabel: 'Join us' },
  },
  {
    kind: 'text',
    key: 'more',
    heading: 'Read on',
    bodyMd: 'Some text',
    hidden: false,
    data: { style: 'plain', link: { kind: 'url', url: 'https://example.org/x' }, linkLabel: 'Elsewhere' },
  },
  {
    kind: 'cards',
    key: 'values',
    heading: 'Values',
    bodyMd: '',
    hidden: false,
    data: {
      cards: [
        { title: 'One', text: 'First', imageId: 2 },
        { title: 'Two', text: 'Second', imageId: null },
        { title: 'Three', text: 'Third', imageId: null },
      ],
    },
  },
  {
    kind: 'figure',
    key: 'impact',
    heading: 'Impact',
    bodyMd: '',
    hidden: false,
    data: { figure: '$500 million', caption: 'invested' },
  },
  {
    kind: 'quote',
    key: 'quote',
    heading: '',
    bodyMd: 'Words said',
    hidden: false,
    data: { attribution: 'Sample quote for the demo' },
  },
  {
    kind: 'cta',
    key: 'cta',
    heading: 'Sign up',
    bodyMd: '',
    hidden: false,
    data: { link: { kind: 'petition', ref: 'closed-one' }, linkLabel: 'Sign' },
  },
  { kind: 'image', key: 'photo', heading: '', bodyMd: '', hidden: false, data: { imageId: 3 } },
  {
    kind: 'resources',
    key: 'reading',
    heading: 'Reading',
    bodyMd: '',
    hidden: false,
    data: { topic: '', slugs: [], limit: 3 },
  },
  { kind: 'petition-progress', key: 'count', heading: '', bodyMd: '', hidden: false, data: { petition: 'safety' } },
  {
    kind: 'text',
    key: 'secret',
    heading: 'Not yet',
    bodyMd: 'Hidden words',
    hidden: true,
    data: { style: 'plain', link: null, linkLabel: '' },
  },
];

function pageOf(sections: typeof every, locale: 'en' | 'es', isFallback = false): Page {
  const now = new Date();
  return {
    id: 1,
    slug: 'home',
    locale,
    title: 'The title',
    description: '',
    bodyMd: '',
    published: true,
    createdAt: now,
    updatedAt: now,
    isFallback,
    sections: sections.map((s, position) => ({
      ...s,
      id: position,
      pageId: 1,
      position,
      createdAt: now,
      updatedAt: now,
    })),
  };
}

describe('sections on a page', () => {
  it('accepts every kind as stored', () => {
    for (const s of every) expect(sectionContent.safeParse(s).success, s.kind).toBe(true);
  });

  for (const locale of ['en', 'es'] as const) {
    it(`renders each kind in ${locale}, links in the language, hidden ones left out`, () => {
      const html = String(<PageView page={pageOf(every, locale)} locale={locale} extras={extras} />);
      const prefix = locale === 'es' ? '/es' : '';
      // The hero opens the page: its heading is the h1, its image the one loaded at once.
      expect(html).toMatch(/<h1 id="section-hero">Healing<\/h1>/);
      expect(html).not.toContain('The title');
      expect(html).toContain(`href="${prefix}/join"`);
      expect(html).toContain('href="https://example.org/x"');
      expect(html.match(/loading="lazy"/g)?.length).toBe(2);
      expect(html).toMatch(/<img src="\/media\/1-1200.jpg"[^>]*decoding="async"/);
      expect(html).toContain('<ul class="grid three">');
      expect(html).toContain('<strong class="figure">$500 million</strong> invested');
      expect(html).toContain('<figcaption>— Sample quote for the demo</figcaption>');
      // A petition that is not public: the words stay, the button waits.
      expect(html).not.toContain('>Sign<');
      expect(html).toContain('Caption 3');
      expect(html).toContain(`href="${prefix}/resources/a-guide"`);
      expect(html).toMatch(/<progress max="2000" value="1204"/);
      // Spanish groups thousands only from five digits.
      expect(html).toContain(locale === 'es' ? '1204 de 2000 firmas' : '1,204 of 2,000 signatures');
      expect(html).not.toContain('Hidden words');
    });
  }

  it('marks English words shown on the Spanish site, and gives a page without a hero its title', () => {
    const text = every.filter((s) => s.kind === 'text');
    const html = String(<PageView page={pageOf(text, 'en', true)} locale="es" extras={extras} />);
    expect(html).toContain('<article class="page" lang="en">');
    expect(html).toContain('<h1>The title</h1>');
  });

  it('refuses to publish a visible quote without attribution, naming it', () => {
    const quote = { key: 'voices', kind: 'quote', hidden: false, data: { attribution: '  ' } };
    expect(whySectionsCannotBePublished([quote])).toMatch(/section 1 \(“voices”\) has no attribution/);
    expect(whySectionsCannotBePublished([{ ...quote, hidden: true }])).toBeUndefined();
    expect(whySectionsCannotBePublished([{ ...quote, data: { attribution: 'Rosa M., volunteer' } }])).toBeUndefined();
  });
});
