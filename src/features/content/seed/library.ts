import type { PolicyInput, ResourceInput, TopicInput } from '../inputs.ts';
import type { Locale } from '../schema.ts';
import { readSeedText } from './text.ts';

/**
 * Demo content for the policy tracker and the research library, in English and
 * Spanish. Everything here is illustrative: the bills are invented and marked
 * `isDemo`, and one resource is English-only so the site's fallback can be seen.
 * Each language's summary and text are in `text/<library>/<slug>.<locale>.md`;
 * the title stays here with the rest of the item.
 */

type Titles = Partial<Record<Locale, string>>;

/** Opens every demo text, so that no reader takes it for a real bill or report. */
const demoNotes = {
  policies: {
    en: '*Demo content: an illustrative policy, not a real bill.*',
    es: '*Contenido de demostración: una política ilustrativa, no un proyecto de ley real.*',
  },
  resources: {
    en: '*Demo content: an illustrative resource.*',
    es: '*Contenido de demostración: un recurso ilustrativo.*',
  },
};

/** Each language an item has: its title from here, its summary and text from its Markdown file. */
function translations(library: keyof typeof demoNotes, slug: string, titles: Titles) {
  return Object.fromEntries(
    (Object.entries(titles) as [Locale, string][]).map(([locale, title]) => {
      const text = readSeedText(`${library}/${slug}.${locale}.md`, { required: ['summary', 'body'] });
      return [locale, { title, summary: text('summary'), bodyMd: `${demoNotes[library][locale]}\n\n${text('body')}` }];
    }),
  );
}

type DemoPolicy = Omit<PolicyInput, 'isDemo' | 'translations'> & { titles: Titles };
type DemoResource = Omit<ResourceInput, 'url' | 'filePath' | 'isDemo' | 'translations'> & { titles: Titles };

const demoPolicy = ({ titles, ...policy }: DemoPolicy): PolicyInput => ({
  ...policy,
  isDemo: true,
  translations: translations('policies', policy.slug, titles),
});

// Demo resources link to nothing and carry no file: their text is the whole resource.
const demoResource = ({ titles, ...resource }: DemoResource): ResourceInput => ({
  ...resource,
  url: null,
  filePath: null,
  isDemo: true,
  translations: translations('resources', resource.slug, titles),
});

export const demoTopics: TopicInput[] = [
  { slug: 'survivor-services', names: { en: 'Survivor services', es: 'Apoyo a sobrevivientes' }, position: 0 },
  { slug: 'sentencing', names: { en: 'Sentencing', es: 'Sentencias y condenas' }, position: 1 },
  { slug: 'reentry', names: { en: 'Reentry', es: 'Reintegración' }, position: 2 },
  { slug: 'youth-justice', names: { en: 'Youth justice', es: 'Justicia juvenil' }, position: 3 },
  { slug: 'treatment-and-housing', names: { en: 'Treatment and housing', es: 'Tratamiento y vivienda' }, position: 4 },
  { slug: 'racial-equity', names: { en: 'Racial equity', es: 'Equidad racial' }, position: 5 },
];

export const demoPolicies: PolicyInput[] = [
  demoPolicy({
    slug: 'sample-bill-a-2025',
    billNumber: 'Sample bill A',
    sessionYear: 2025,
    status: 'signed',
    position: 'support',
    titles: {
      en: 'Healing Services for Every Crime Survivor',
      es: 'Servicios de sanación para todas las personas sobrevivientes',
    },
  }),
  demoPolicy({
    slug: 'sample-bill-b-2026',
    billNumber: 'Sample bill B',
    sessionYear: 2026,
    status: 'in-committee',
    position: 'support',
    titles: {
      en: 'Treatment and Housing Instead of Jail',
      es: 'Tratamiento y vivienda en lugar de cárcel',
    },
  }),
  demoPolicy({
    slug: 'sample-bill-c-2026',
    billNumber: 'Sample bill C',
    sessionYear: 2026,
    status: 'passed-chamber',
    position: 'support',
    titles: {
      en: 'A Second Look at Long Sentences',
      es: 'Una segunda mirada a las condenas largas',
    },
  }),
  demoPolicy({
    slug: 'sample-bill-d-2025',
    billNumber: 'Sample bill D',
    sessionYear: 2025,
    status: 'failed',
    position: 'monitor',
    titles: {
      en: 'Keeping Parents and Children Connected',
      es: 'Mantener unidos a padres, madres e hijos',
    },
  }),
];

export const demoResources: ResourceInput[] = [
  demoResource({
    slug: 'what-survivors-told-us',
    type: 'report',
    publishedOn: '2024-05-14',
    topics: ['survivor-services', 'racial-equity'],
    titles: {
      en: 'What Survivors Told Us: Safety, Healing and Being Heard',
      es: 'Lo que nos dijeron las personas sobrevivientes: seguridad, sanación y ser escuchadas',
    },
  }),
  demoResource({
    slug: 'testifying-at-the-oregon-legislature',
    type: 'guide',
    publishedOn: '2025-01-21',
    topics: ['survivor-services', 'sentencing'],
    titles: {
      en: 'Your Voice at the Capitol: A Guide to Testifying at the Oregon Legislature',
      es: 'Tu voz en el Capitolio: guía para dar testimonio en la Legislatura de Oregón',
    },
  }),
  demoResource({
    slug: 'shrink-and-invest',
    type: 'fact-sheet',
    publishedOn: '2023-09-12',
    topics: ['sentencing', 'survivor-services', 'treatment-and-housing'],
    titles: {
      en: 'Shrink and Invest: A Smarter Path to Public Safety',
      es: 'Reducir e invertir: un camino más inteligente hacia la seguridad',
    },
  }),
  demoResource({
    slug: 'talking-with-family-about-reform',
    type: 'toolkit',
    publishedOn: '2025-11-04',
    topics: ['racial-equity', 'sentencing'],
    titles: {
      en: 'Around the Table: A Toolkit for Talking with Family About Safety and Justice',
      es: 'En la mesa: herramientas para hablar con tu familia sobre seguridad y justicia',
    },
  }),
  demoResource({
    slug: 'children-of-incarcerated-parents',
    type: 'fact-sheet',
    publishedOn: '2024-10-02',
    topics: ['youth-justice', 'reentry'],
    titles: {
      en: 'When a Parent Is Incarcerated: What Children Face',
      es: 'Cuando papá o mamá está en prisión: lo que viven los niños',
    },
  }),
  demoResource({
    slug: 'coming-home-reentry-guide',
    type: 'guide',
    publishedOn: '2026-03-18',
    topics: ['reentry', 'treatment-and-housing'],
    titles: {
      en: 'Coming Home: A Guide to Reentry Resources in Oregon',
      es: 'De regreso a casa: guía de recursos para la reintegración en Oregón',
    },
  }),
  // English only, on purpose: shows the site's fallback to English.
  demoResource({
    slug: 'treatment-first-testimony',
    type: 'testimony',
    publishedOn: '2026-02-10',
    topics: ['treatment-and-housing'],
    titles: {
      en: 'Testimony in support of Sample bill B: Treatment First, Not Jail',
    },
  }),
  demoResource({
    slug: 'circles-not-cells-video',
    type: 'video',
    publishedOn: '2023-06-27',
    topics: ['youth-justice', 'racial-equity'],
    titles: {
      en: 'Circles, Not Cells: Young People and Restorative Justice',
      es: 'Círculos, no celdas: la juventud y la justicia restaurativa',
    },
  }),
  demoResource({
    slug: 'second-look-long-sentences',
    type: 'report',
    publishedOn: '2026-08-25',
    topics: ['sentencing', 'racial-equity', 'survivor-services'],
    titles: {
      en: 'A Second Look: Long Sentences, Growth and Public Safety',
      es: 'Una segunda mirada: condenas largas, transformación y seguridad pública',
    },
  }),
];
