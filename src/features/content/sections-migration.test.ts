import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrationsFolder } from '../../platform/db/client.ts';
import { sectionContent } from './sections.ts';

/**
 * The migration that made sections kinds (0019) rewrites a home page the old way: a database made
 * by the migrations before it, holding the old seed's kinds, comes out holding the new kinds.
 */
let client: PGlite;
let folder: string;

type OldSection = [key: string, kind: string, heading: string, body: string, data: Record<string, string>];
const oldHome: OldSection[] = [
  ['hero', 'hero', 'A new answer to harm: healing', 'Opening words', {}],
  ['values-intro', 'values-intro', 'We value…', '', {}],
  ['value-healing', 'value', 'Healing over handcuffs', 'Healing text', {}],
  ['value-families', 'value', 'Keeping families together', 'Families text', {}],
  ['change-intro', 'change-intro', 'How we drive change', 'Change text', {}],
  ['pillar-power', 'pillar', 'Building power', 'Power text', {}],
  ['pillar-system', 'pillar', 'Transforming the system', 'System text', {}],
  ['pillar-narrative', 'pillar', 'Changing the narrative', 'Narrative text', {}],
  ['impact', 'impact', 'Better outcomes', 'Impact text', { figure: 'nearly $500 million', figureLabel: 'invested' }],
  ['policies-teaser', 'teaser', 'Policies', 'Teaser', { href: '/policies', linkLabel: 'See our policy agenda' }],
  ['testimonial', 'testimonial', '', 'Quoted words', { attribution: 'Sample quote for the demo' }],
  ['newsletter-cta', 'newsletter-cta', 'Join the movement', 'Get our newsletter', {}],
  ['petition-cta', 'petition-cta', 'Sign', 'Truths', { href: '/petitions/safety-for-all', linkLabel: 'Read and sign' }],
  ['tips-teaser', 'teaser', 'Tips', 'Simple ways', { href: '/tips', linkLabel: 'Read the tips' }],
  ['elsewhere', 'teaser', 'Elsewhere', 'Off site', { href: 'https://example.org/a', linkLabel: 'Go' }],
];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'groundswell-migrations-'));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith('_page_sections_of_kinds'));
  expect(at).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  client = await PGlite.create();
  await migrate(drizzle(client), { migrationsFolder: folder });
  for (const locale of ['en', 'es']) {
    const page = await client.query<{ id: number }>(
      "insert into pages (slug, locale, title) values ('home', $1, 'Home') returning id",
      [locale],
    );
    const tips = await client.query<{ id: number }>(
      "insert into pages (slug, locale, title) values ('tips', $1, 'Tips') returning id",
      [locale],
    );
    for (const [position, [key, kind, heading, body, data]] of oldHome.entries())
      await client.query(
        'insert into page_sections (page_id, key, kind, position, heading, body_md, data) ' +
          'values ($1, $2, $3, $4, $5, $6, $7)',
        [page.rows[0]!.id, key, kind, position, heading, body, JSON.stringify(data)],
      );
    for (const [position, kind] of ['tip', 'tip', 'note', 'text'].entries())
      await client.query(
        "insert into page_sections (page_id, key, kind, position, heading, body_md) values ($1, $2, $3, $4, 'H', 'B')",
        [tips.rows[0]!.id, `s${position}`, kind, position],
      );
  }
  await migrate(drizzle(client), { migrationsFolder });
}, 120_000);

afterAll(async () => {
  await client?.close();
  rmSync(folder, { recursive: true, force: true });
});

async function sectionsOf(slug: string, locale: string) {
  const { rows } = await client.query<{
    key: string;
    kind: string;
    heading: string;
    body_md: string;
    hidden: boolean;
    data: Record<string, unknown>;
  }>(
    `select s.key, s.kind, s.heading, s.body_md, s.hidden, s.data from page_sections s join pages p on p.id = s.page_id
     where p.slug = $1 and p.locale = $2 order by s.position`,
    [slug, locale],
  );
  return rows;
}

it('makes one cards section of each intro and its cards, in order', async () => {
  const home = await sectionsOf('home', 'en');
  expect(home.map((s) => `${s.key}:${s.kind}`)).toEqual([
    'hero:hero',
    'values-intro:cards',
    'change-intro:cards',
    'impact:figure',
    'policies-teaser:text',
    'testimonial:quote',
    'newsletter-cta:cta',
    'petition-cta:cta',
    'tips-teaser:text',
    'elsewhere:text',
  ]);
  const change = home.find((s) => s.key === 'change-intro')!;
  expect(change.heading).toBe('How we drive change');
  expect(change.body_md).toBe('Change text');
  expect(change.data.cards).toEqual([
    { title: 'Building power', text: 'Power text', imageId: null },
    { title: 'Transforming the system', text: 'System text', imageId: null },
    { title: 'Changing the narrative', text: 'Narrative text', imageId: null },
  ]);
  expect((home.find((s) => s.key === 'values-intro')!.data.cards as unknown[]).length).toBe(2);
});

it('turns figures, quotes, calls to action and teasers into the new kinds, links into what they lead to', async () => {
  const home = await sectionsOf('home', 'es');
  const by = (key: string) => home.find((s) => s.key === key)!.data;
  expect(by('impact')).toEqual({ figure: 'nearly $500 million', caption: 'invested' });
  expect(by('testimonial')).toEqual({ attribution: 'Sample quote for the demo' });
  expect(by('newsletter-cta')).toEqual({
    link: { kind: 'list', ref: 'join' },
    linkLabel: 'Suscríbete a nuestros correos',
  });
  expect(by('petition-cta')).toEqual({ link: { kind: 'petition', ref: 'safety-for-all' }, linkLabel: 'Read and sign' });
  expect(by('policies-teaser')).toMatchObject({ link: { kind: 'list', ref: 'policies' }, style: 'plain' });
  expect(by('tips-teaser')).toMatchObject({ link: { kind: 'page', ref: 'tips' } });
  expect(by('elsewhere')).toMatchObject({ link: { kind: 'url', url: 'https://example.org/a' } });
});

it('makes tips numbered steps and a note a note, and every section readable as its kind', async () => {
  const tips = await sectionsOf('tips', 'en');
  expect(tips.map((s) => [s.kind, s.data.style])).toEqual([
    ['text', 'step'],
    ['text', 'step'],
    ['text', 'note'],
    ['text', 'plain'],
  ]);
  for (const slug of ['home', 'tips'])
    for (const s of await sectionsOf(slug, 'en')) {
      const parsed = sectionContent.safeParse({
        kind: s.kind,
        heading: s.heading,
        bodyMd: s.body_md,
        hidden: s.hidden,
        data: s.data,
      });
      expect(parsed.success, `${slug} ${s.key}`).toBe(true);
    }
});
