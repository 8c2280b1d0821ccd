import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { createPage, createPolicy, createResource, searchLibrary, searchPages, searchPolicies } from './service.ts';
import { editSection } from './section-editing.ts';
import { sectionContent } from './sections.ts';

const paths = (hits: { path: string }[]) => hits.map((h) => h.path).sort();

describeEachDatabase('content in site search', (database) => {
  beforeAll(async () => {
    const db = database().db;
    await createPage(db, {
      slug: 'healing',
      locale: 'en',
      title: 'Healing after harm',
      description: 'How we stand with people who were hurt.',
      bodyMd: 'Every **victim** deserves support.',
      sections: [
        { key: 'intro', kind: 'text', heading: 'Restorative circles', bodyMd: 'We listen first.' },
        { key: 'stat', kind: 'figure', data: { figure: '$500 million', caption: 'saved by treatment programmes' } },
      ],
    });
    await createPage(db, {
      slug: 'healing',
      locale: 'es',
      title: 'Sanar después del daño',
      description: 'Cómo acompañamos a quienes sufrieron daño.',
      bodyMd: 'Cada víctima merece apoyo.',
    });
    await createPage(db, { slug: 'only-english', locale: 'en', title: 'Quokka habitats', bodyMd: 'Quokkas abound.' });
    await createPage(db, {
      slug: 'draft-page',
      locale: 'en',
      title: 'Secret zeppelin plans',
      published: false,
    });
    // Published in English, a Spanish draft: a Spanish visitor is shown (and finds) the English one.
    await createPage(db, { slug: 'half-done', locale: 'en', title: 'Lighthouse keepers' });
    await createPage(db, { slug: 'half-done', locale: 'es', title: 'Faros y fareros', published: false });

    await createPolicy(db, {
      slug: 'sample-bill',
      billNumber: 'HB 0000',
      sessionYear: 2025,
      status: 'introduced',
      position: 'support',
      translations: {
        en: { title: 'Sample bill on sentencing', summary: 'Shorter sentences for treatment.' },
        es: { title: 'Proyecto de ejemplo sobre condenas', summary: 'Condenas más cortas para las víctimas.' },
      },
    });
    await createPolicy(db, {
      slug: 'english-policy',
      sessionYear: 2024,
      status: 'drafting',
      position: 'monitor',
      translations: { en: { title: 'Wombat protection', summary: 'Burrows for wombats.' } },
    });
    await createPolicy(db, {
      slug: 'hidden-policy',
      sessionYear: 2024,
      status: 'drafting',
      position: 'monitor',
      published: false,
      translations: { en: { title: 'Hidden zeppelin act', summary: 'Not yet public.' } },
    });

    await createResource(db, {
      slug: 'guide',
      type: 'guide',
      publishedOn: '2024-05-01',
      translations: {
        en: { title: 'A guide for families', summary: 'What families of incarcerated people can do.' },
        es: { title: 'Una guía para familias', summary: 'Lo que pueden hacer las víctimas y sus familias.' },
      },
    });
    await createResource(db, {
      slug: 'english-report',
      type: 'report',
      publishedOn: '2023-01-02',
      translations: { en: { title: 'Platypus report', summary: 'All about platypuses.' } },
    });
    await createResource(db, {
      slug: 'hidden-report',
      type: 'report',
      publishedOn: '2023-01-02',
      published: false,
      translations: { en: { title: 'Zeppelin report', summary: 'Not yet public.' } },
    });
  });

  describe('pages', () => {
    it('finds a page by a stemmed word of its title, body, section heading or section data', async () => {
      const db = database().db;
      for (const word of ['heal', 'victims', 'circle', 'treatment', 'million']) {
        const hits = await searchPages(db, word, 'en', 10);
        expect(paths(hits), word).toEqual(['/healing']);
        expect(hits[0]).toMatchObject({ kind: 'page', title: 'Healing after harm', lang: 'en' });
        expect(hits[0]!.summary).toBe('How we stand with people who were hurt.');
      }
    });

    it('finds the Spanish page with Spanish stemming, and the English one where there is no Spanish', async () => {
      const db = database().db;
      const es = await searchPages(db, 'víctimas', 'es', 10);
      expect(es.map((h) => [h.path, h.lang, h.title])).toEqual([['/healing', 'es', 'Sanar después del daño']]);
      // The English words of a page that has a Spanish version are not what a Spanish visitor sees.
      expect(await searchPages(db, 'victims', 'es', 10)).toEqual([]);
      const fallback = await searchPages(db, 'quokkas', 'es', 10);
      expect(fallback.map((h) => [h.path, h.lang])).toEqual([['/only-english', 'en']]);
      expect((await searchPages(db, 'lighthouse', 'es', 10)).map((h) => [h.path, h.lang])).toEqual([
        ['/half-done', 'en'],
      ]);
      expect(await searchPages(db, 'faros', 'es', 10)).toEqual([]);
    });

    it("finds a section's new words as soon as it is saved, and leaves out keys and addresses", async () => {
      const db = database().db;
      expect(await searchPages(db, 'narwhal', 'en', 10)).toEqual([]);
      const edited = await editSection(
        db,
        { slug: 'healing', locale: 'en', key: 'stat' },
        sectionContent.parse({ kind: 'figure', data: { figure: '$500 million', caption: 'Narwhals' } }),
        { staffId: null, email: 'search-test@staff.example', ip: '127.0.0.1' },
      );
      expect(edited.ok).toBe(true);
      expect(paths(await searchPages(db, 'narwhal', 'en', 10))).toEqual(['/healing']);
      // "stat" is the section's key, "figure" its kind: neither is its words.
      for (const word of ['stat', 'figure']) expect(await searchPages(db, word, 'en', 10), word).toEqual([]);
    });

    it('never finds an unpublished page, and shows the start of the text when there is no description', async () => {
      const db = database().db;
      expect(await searchPages(db, 'zeppelin', 'en', 10)).toEqual([]);
      const [quokka] = await searchPages(db, 'quokka', 'en', 10);
      expect(quokka?.summary).toBe('Quokkas abound.');
    });
  });

  describe('policies', () => {
    it('finds a policy by a stemmed word in the page language, and by its bill number', async () => {
      const db = database().db;
      expect(paths(await searchPolicies(db, 'sentence', 'en', 10))).toEqual(['/policies/sample-bill']);
      const es = await searchPolicies(db, 'víctima', 'es', 10);
      expect(es.map((h) => [h.path, h.lang, h.title])).toEqual([
        ['/policies/sample-bill', 'es', 'Proyecto de ejemplo sobre condenas'],
      ]);
      expect(paths(await searchPolicies(db, 'HB 0000', 'en', 10))).toEqual(['/policies/sample-bill']);
    });

    it('falls back to English and never finds an unpublished policy', async () => {
      const db = database().db;
      expect((await searchPolicies(db, 'wombats', 'es', 10)).map((h) => [h.path, h.lang])).toEqual([
        ['/policies/english-policy', 'en'],
      ]);
      expect(await searchPolicies(db, 'zeppelin', 'en', 10)).toEqual([]);
    });
  });

  describe('resources', () => {
    it('finds a resource by a stemmed word in the page language, with its date', async () => {
      const db = database().db;
      const en = await searchLibrary(db, 'family', 'en', 10);
      expect(en).toEqual([expect.objectContaining({ kind: 'resource', path: '/resources/guide', date: '2024-05-01' })]);
      expect(paths(await searchLibrary(db, 'víctima', 'es', 10))).toEqual(['/resources/guide']);
    });

    it('falls back to English and never finds an unpublished resource', async () => {
      const db = database().db;
      expect((await searchLibrary(db, 'platypus', 'es', 10)).map((h) => [h.path, h.lang])).toEqual([
        ['/resources/english-report', 'en'],
      ]);
      expect(await searchLibrary(db, 'zeppelin', 'en', 10)).toEqual([]);
    });
  });

  it('ranks a title match above a match in the text, and keeps to the limit', async () => {
    const db = database().db;
    await createPage(db, { slug: 'ranking-a', locale: 'en', title: 'Otters', bodyMd: 'About rivers.' });
    await createPage(db, { slug: 'ranking-b', locale: 'en', title: 'Rivers', bodyMd: 'Otters live here.' });
    const hits = await searchPages(db, 'otter', 'en', 10);
    expect(hits.map((h) => h.path)).toEqual(['/ranking-a', '/ranking-b']);
    expect(hits[0]!.rank).toBeGreaterThan(hits[1]!.rank);
    expect(await searchPages(db, 'otter', 'en', 1)).toHaveLength(1);
  });
});
