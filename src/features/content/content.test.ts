import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { seedDemoContent } from './seed/index.ts';
import {
  createResource,
  getContentVersion,
  getPolicy,
  getPublishedPage,
  getResource,
  listPolicies,
  searchResources,
  updateSection,
} from './service.ts';

describeEachDatabase('content service', (database) => {
  beforeAll(async () => {
    expect(await seedDemoContent(database().db)).toEqual({ seeded: true });
  });

  it('seeds once and never overwrites what staff changed', async () => {
    const db = database().db;
    const changed = await updateSection(
      db,
      { slug: 'home', locale: 'es', key: 'hero' },
      { heading: 'Un titular editado' },
    );
    expect(changed).toBe(true);
    expect(await seedDemoContent(db)).toEqual({ seeded: false });
    const page = await getPublishedPage(db, 'home', 'es');
    expect(page?.sections.find((s) => s.key === 'hero')?.heading).toBe('Un titular editado');
  });

  it('bumps the content version on every write', async () => {
    const db = database().db;
    const before = await getContentVersion(db);
    await updateSection(db, { slug: 'tips', locale: 'en', key: 'tip-listen' }, { bodyMd: 'Listen first.' });
    expect(await getContentVersion(db)).toBe(before + 1);
  });

  it('has the home page with the five values in both languages, in the same order', async () => {
    const db = database().db;
    for (const locale of ['en', 'es'] as const) {
      const page = await getPublishedPage(db, 'home', locale);
      expect(page?.locale).toBe(locale);
      expect(page?.isFallback).toBe(false);
      const values = page?.sections.find((s) => s.key === 'values');
      expect(values?.kind).toBe('cards');
      expect(values?.data.cards).toHaveLength(5);
      expect(page?.sections.map((s) => s.kind)).toEqual([
        'hero',
        'cards',
        'cards',
        'figure',
        'text',
        'quote',
        'cta',
        'cta',
        'cta',
        'text',
        'text',
      ]);
    }
    const impact = (await getPublishedPage(db, 'home', 'en'))?.sections.find((s) => s.kind === 'figure');
    expect(impact?.data.figure).toMatch(/500 million/);
  });

  it('lists policies newest session first and shows each in the asked-for language', async () => {
    const db = database().db;
    const en = await listPolicies(db, 'en');
    const es = await listPolicies(db, 'es');
    expect(en.length).toBeGreaterThanOrEqual(3);
    expect(en.length).toBeLessThanOrEqual(5);
    expect(en.every((p) => p.isDemo)).toBe(true);
    expect(en.map((p) => p.sessionYear)).toEqual([...en.map((p) => p.sessionYear)].sort((a, b) => b - a));
    expect(es.map((p) => p.slug)).toEqual(en.map((p) => p.slug));
    expect(es.every((p) => p.text.locale === 'es')).toBe(true);
    const one = await getPolicy(db, en[0]!.slug, 'es');
    expect(one?.text.title).toBe(es[0]!.text.title);
    expect(await getPolicy(db, 'no-such-policy', 'en')).toBeUndefined();
  });

  it('finds resources by stemmed words in English', async () => {
    const db = database().db;
    await createResource(db, {
      slug: 'stemming-probe',
      type: 'guide',
      publishedOn: '2026-01-05',
      topics: ['reentry'],
      translations: {
        en: {
          title: 'Housing after prison',
          summary: 'How neighbours welcomed returning residents.',
          bodyMd: 'Zanzibarian gardens.',
        },
        es: {
          title: 'Vivienda después de la prisión',
          summary: 'Cómo los vecinos recibieron a las personas que regresaban.',
          bodyMd: 'Jardines zanzibareños.',
        },
      },
    });
    const en = await searchResources(db, { locale: 'en', q: 'welcoming neighbour' });
    expect(en.items.map((r) => r.slug)).toContain('stemming-probe');
    const es = await searchResources(db, { locale: 'es', q: 'vecino' });
    expect(es.items.map((r) => r.slug)).toContain('stemming-probe');
    expect(es.items.find((r) => r.slug === 'stemming-probe')?.title).toBe('Vivienda después de la prisión');
    // English words do not match a resource shown in Spanish.
    const crossed = await searchResources(db, { locale: 'es', q: 'neighbours' });
    expect(crossed.items.map((r) => r.slug)).not.toContain('stemming-probe');
  });

  it('searches an English-only resource in English from the Spanish page, and marks it', async () => {
    const db = database().db;
    await createResource(db, {
      slug: 'english-only-probe',
      type: 'report',
      publishedOn: '2025-03-01',
      translations: { en: { title: 'Quokka study', summary: 'A study of quokkas in restorative programmes.' } },
    });
    const result = await searchResources(db, { locale: 'es', q: 'quokka' });
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ slug: 'english-only-probe', locale: 'en' });
    const resource = await getResource(db, 'english-only-probe', 'es');
    expect(resource?.isFallback).toBe(true);
  });

  it('filters by type and topic, and pages through results with a correct total', async () => {
    const db = database().db;
    const all = await searchResources(db, { locale: 'en', perPage: 100 });
    const reports = await searchResources(db, { locale: 'en', type: 'report', perPage: 100 });
    expect(reports.items.length).toBeGreaterThan(0);
    expect(reports.items.every((r) => r.type === 'report')).toBe(true);
    expect(reports.total).toBe(all.items.filter((r) => r.type === 'report').length);
    const topic = all.items.find((r) => r.topics.length > 0)!.topics[0]!;
    const byTopic = await searchResources(db, { locale: 'en', topic, perPage: 100 });
    expect(byTopic.items.every((r) => r.topics.includes(topic))).toBe(true);
    expect(byTopic.total).toBe(all.items.filter((r) => r.topics.includes(topic)).length);

    const page1 = await searchResources(db, { locale: 'en', perPage: 4, page: 1 });
    const page2 = await searchResources(db, { locale: 'en', perPage: 4, page: 2 });
    expect(page1.total).toBe(all.total);
    expect(page1.items).toHaveLength(4);
    expect(new Set([...page1.items, ...page2.items].map((r) => r.slug)).size).toBe(
      page1.items.length + page2.items.length,
    );
    // Newest first when there is no query.
    const dates = all.items.map((r) => r.publishedOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('answers odd queries without error', async () => {
    const db = database().db;
    for (const q of ['"', '!!', '-', 'a & b | c', "o'brien", '(((', 'the', '😀', '\\']) {
      const result = await searchResources(db, { locale: 'en', q });
      expect(result.total).toBeGreaterThanOrEqual(0);
    }
  });
});
