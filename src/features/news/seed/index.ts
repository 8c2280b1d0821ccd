import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../platform/db/client.ts';
import type { Locale } from '../../../platform/web/locale.ts';
import type { PostInput } from '../inputs.ts';
import { createPost } from '../post-editing.ts';

/** A sample post's text in one language, kept as Markdown beside this file so it reads as prose. */
const text = (name: string, locale: Locale): string =>
  readFileSync(new URL(`./${name}.${locale}.md`, import.meta.url), 'utf8').trimEnd();

const organisation = 'Partnership for Safety and Justice';

/**
 * Three sample posts, one of each kind, written for this project from the facts on the demo
 * organisation's home page (advocacy day, the shrink-and-invest approach, its tips for talking about
 * reform). Each says it is a sample; none quotes anyone or names a bill.
 */
export const demoPosts: PostInput[] = [
  {
    facts: {
      slug: 'sample-advocacy-day',
      type: 'news',
      publishedOn: '2026-02-02',
      authorName: organisation,
      topics: ['sentencing', 'survivor-services'],
    },
    words: {
      en: {
        title: 'Sample announcement: join us for advocacy day at the Capitol',
        summary:
          'Advocates from across Oregon meet their legislators to speak up for safety, healing and second chances.',
        bodyMd: text('advocacy-day', 'en'),
      },
      es: {
        title: 'Anuncio de muestra: acompáñanos el día de incidencia en el Capitolio',
        summary:
          'Personas de todo Oregón se reúnen con sus legisladores para defender la seguridad, la sanación ' +
          'y las segundas oportunidades.',
        bodyMd: text('advocacy-day', 'es'),
      },
    },
  },
  {
    facts: {
      slug: 'sample-statement-shrink-and-invest',
      type: 'statement',
      publishedOn: '2026-01-20',
      authorName: organisation,
      topics: ['sentencing', 'treatment-and-housing', 'survivor-services'],
    },
    words: {
      en: {
        title: 'Sample statement: shrink incarceration, invest in healing',
        summary:
          'Why every reform we support is measured by two halves: fewer people behind bars, more support for survivors.',
        bodyMd: text('shrink-and-invest', 'en'),
      },
      es: {
        title: 'Declaración de muestra: reducir el encarcelamiento, invertir en sanación',
        summary:
          'Por qué medimos cada reforma que apoyamos por dos mitades: menos personas tras las rejas ' +
          'y más apoyo para las víctimas.',
        bodyMd: text('shrink-and-invest', 'es'),
      },
    },
  },
  {
    facts: {
      slug: 'sample-guide-talking-about-reform',
      type: 'press-release',
      publishedOn: '2025-11-12',
      authorName: organisation,
      topics: ['racial-equity'],
    },
    words: {
      en: {
        title: 'Sample press release: a short guide to talking about reform',
        summary: 'Six tips for talking about public safety and criminal justice with the people close to you.',
        bodyMd: text('talking-about-reform', 'en'),
      },
      es: {
        title: 'Comunicado de muestra: una guía breve para hablar de la reforma',
        summary: 'Seis consejos para hablar de seguridad pública y justicia penal con las personas cercanas.',
        bodyMd: text('talking-about-reform', 'es'),
      },
    },
  },
];

/**
 * Adds the sample posts through the function staff use, published, once: only while no post has ever
 * been written (the table's id sequence has never been used), so a site whose staff deleted the
 * samples does not get them back.
 */
export async function seedDemoNews(db: Db): Promise<{ seeded: boolean }> {
  const [sequence] = await rowsOf<{ used: boolean }>(db, sql`select is_called as used from news_posts_id_seq`);
  if (sequence?.used) return { seeded: false };
  // Oldest first, so ids follow the dates.
  for (const post of [...demoPosts].reverse()) {
    const outcome = await createPost(db, { ...post, published: true, isDemo: true }, null);
    if (!outcome.ok) return { seeded: false };
  }
  return { seeded: true };
}
