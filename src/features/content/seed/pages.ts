import type { PageInput } from '../inputs.ts';
import type { SectionLink } from '../sections.ts';
import type { Locale } from '../schema.ts';
import { readSeedText } from './text.ts';

/**
 * Demo pages for the first Groundswell site (Partnership for Safety and
 * Justice), in English and Spanish. Facts come from PSJ's public home page;
 * the wording is our own. Sections use the same keys and kinds in both
 * languages, so a translator sees which one matches which: each page's
 * layout is written once, its headings once per language, and its texts
 * (description, body, one block per section) are in `text/pages/<slug>.<locale>.md`.
 */

/** A text page's sections in order: each key and how its text looks (a numbered step, a note, plain). */
type Layout = Record<string, 'plain' | 'step' | 'note'>;

/** A page of text sections (tips, about, privacy): each section's heading here, its text in the Markdown file. */
function page<L extends Layout>(
  slug: string,
  locale: Locale,
  title: string,
  layout: L,
  headings: Record<keyof L, string>,
): PageInput {
  const text = readSeedText(`pages/${slug}.${locale}.md`, {
    required: ['description'],
    optional: ['body', ...Object.keys(layout)],
  });
  return {
    slug,
    locale,
    title,
    description: text('description'),
    bodyMd: text('body'),
    sections: Object.entries(layout).map(([key, style]) => ({
      key,
      kind: 'text' as const,
      heading: headings[key as keyof L],
      bodyMd: text(key),
      data: { style },
    })),
  };
}

const valueKeys = ['healing', 'accountability', 'racial-justice', 'survivors', 'families'] as const;
const pillarKeys = ['power', 'system', 'narrative'] as const;

/** The home page's words in one language: headings, card titles, a figure, link labels, an attribution. */
type HomeWords = {
  hero: string;
  values: string;
  value: Record<(typeof valueKeys)[number], string>;
  change: string;
  pillar: Record<(typeof pillarKeys)[number], string>;
  impact: { heading: string; figure: string; caption: string };
  policies: { heading: string; linkLabel: string };
  /** A demo quote says it is a sample: nobody real said it (issue 14). */
  attribution: string;
  newsletter: { heading: string; linkLabel: string };
  petition: { heading: string; linkLabel: string };
  /** Leads to the sample Advocacy Day event (the events feature's seed). */
  advocacyDay: { heading: string; linkLabel: string };
  tips: { heading: string; linkLabel: string };
  resources: { heading: string; linkLabel: string };
};

/**
 * The home page, built from sections of the kinds any page has: a hero, two lists of cards (values and
 * how we drive change), a figure, read-more texts, a sample quote and calls to action. Links name what
 * they lead to (a list, a page, a petition), so they follow a rename and wait for a petition to open.
 */
function home(locale: Locale, w: HomeWords): PageInput {
  const blocks = [
    'hero',
    ...valueKeys.map((k) => `value-${k}`),
    'change',
    ...pillarKeys.map((k) => `pillar-${k}`),
    'impact',
    'policies-teaser',
    'testimonial',
    'newsletter-cta',
    'petition-cta',
    'advocacy-day-cta',
    'tips-teaser',
    'resources-teaser',
  ];
  const text = readSeedText(`pages/home.${locale}.md`, { required: ['description'], optional: blocks });
  const more = (key: string, words: { heading: string; linkLabel: string }, link: SectionLink) => ({
    key,
    kind: 'text' as const,
    heading: words.heading,
    bodyMd: text(key),
    data: { link, linkLabel: words.linkLabel },
  });
  return {
    slug: 'home',
    locale,
    title: 'Partnership for Safety and Justice',
    description: text('description'),
    sections: [
      { key: 'hero', kind: 'hero', heading: w.hero, bodyMd: text('hero') },
      {
        key: 'values',
        kind: 'cards',
        heading: w.values,
        data: { cards: valueKeys.map((k) => ({ title: w.value[k], text: text(`value-${k}`) })) },
      },
      {
        key: 'change',
        kind: 'cards',
        heading: w.change,
        bodyMd: text('change'),
        data: { cards: pillarKeys.map((k) => ({ title: w.pillar[k], text: text(`pillar-${k}`) })) },
      },
      {
        key: 'impact',
        kind: 'figure',
        heading: w.impact.heading,
        bodyMd: text('impact'),
        data: { figure: w.impact.figure, caption: w.impact.caption },
      },
      more('policies-teaser', w.policies, { kind: 'list', ref: 'policies' }),
      { key: 'testimonial', kind: 'quote', bodyMd: text('testimonial'), data: { attribution: w.attribution } },
      {
        key: 'newsletter-cta',
        kind: 'cta',
        heading: w.newsletter.heading,
        bodyMd: text('newsletter-cta'),
        data: { link: { kind: 'list', ref: 'join' }, linkLabel: w.newsletter.linkLabel },
      },
      {
        key: 'petition-cta',
        kind: 'cta',
        heading: w.petition.heading,
        bodyMd: text('petition-cta'),
        data: { link: { kind: 'petition', ref: 'safety-for-all' }, linkLabel: w.petition.linkLabel },
      },
      {
        key: 'advocacy-day-cta',
        kind: 'cta',
        heading: w.advocacyDay.heading,
        bodyMd: text('advocacy-day-cta'),
        data: { link: { kind: 'event', ref: 'sample-advocacy-day' }, linkLabel: w.advocacyDay.linkLabel },
      },
      more('tips-teaser', w.tips, { kind: 'page', ref: 'tips' }),
      more('resources-teaser', w.resources, { kind: 'list', ref: 'resources' }),
    ],
  };
}

const homeEn = home('en', {
  hero: 'A new answer to harm: healing',
  values: 'The public safety system we’re building values…',
  value: {
    healing: 'Healing over handcuffs',
    accountability: 'Accountability for harm',
    'racial-justice': 'Racial justice and equity',
    survivors: 'Crime survivors’ voices',
    families: 'Keeping families together',
  },
  change: 'How we drive change',
  pillar: { power: 'Building power', system: 'Transforming the system', narrative: 'Changing the narrative' },
  impact: {
    heading: 'Better outcomes for our communities',
    figure: 'nearly $500 million',
    caption: 'invested in services for crime survivors, treatment and restoration',
  },
  policies: { heading: 'The policies changing our systems', linkLabel: 'See our policy agenda' },
  attribution: 'Sample quote for the demo, not the words of a real person',
  newsletter: { heading: 'Join the movement for safety and justice', linkLabel: 'Sign up for our email' },
  petition: { heading: 'Sign the petition', linkLabel: 'Read and sign the petition' },
  advocacyDay: { heading: 'Come to Advocacy Day at the Capitol', linkLabel: 'See the day and RSVP' },
  tips: { heading: 'Tips for talking about reform', linkLabel: 'Read the tips' },
  resources: { heading: 'Deepen your advocacy skills', linkLabel: 'Browse the resource library' },
});

const homeEs = home('es', {
  hero: 'Una nueva respuesta al daño: la sanación',
  values: 'El sistema de seguridad pública que estamos construyendo valora…',
  value: {
    healing: 'Sanación en lugar de esposas',
    accountability: 'Responsabilidad por el daño',
    'racial-justice': 'Justicia racial y equidad',
    survivors: 'La voz de las personas sobrevivientes',
    families: 'Mantener unidas a las familias',
  },
  change: 'Cómo impulsamos el cambio',
  pillar: { power: 'Construir poder', system: 'Transformar el sistema', narrative: 'Cambiar la narrativa' },
  impact: {
    heading: 'Mejores resultados para nuestras comunidades',
    figure: 'casi 500 millones de dólares',
    caption: 'invertidos en servicios para sobrevivientes de delitos, tratamiento y reparación',
  },
  policies: {
    heading: 'Las políticas que están cambiando nuestros sistemas',
    linkLabel: 'Ver nuestra agenda de políticas',
  },
  attribution: 'Cita de muestra para la demostración, no son palabras de una persona real',
  newsletter: {
    heading: 'Únete al movimiento por la seguridad y la justicia',
    linkLabel: 'Suscríbete a nuestros correos',
  },
  petition: { heading: 'Firma la petición', linkLabel: 'Lee y firma la petición' },
  advocacyDay: { heading: 'Ven al Día de Incidencia en el Capitolio', linkLabel: 'Mira el programa y confirma' },
  tips: { heading: 'Consejos para hablar sobre la reforma', linkLabel: 'Lee los consejos' },
  resources: { heading: 'Fortalece tu trabajo como activista', linkLabel: 'Explora la biblioteca de recursos' },
});

const tipsLayout = {
  'tip-listen': 'step',
  'tip-shared-values': 'step',
  'tip-experience': 'step',
  'tip-concerns': 'step',
  'tip-answers': 'step',
  'tip-minds': 'step',
  boundaries: 'note',
} satisfies Layout;

const tipsEn = page('tips', 'en', 'Tips for talking about reform', tipsLayout, {
  'tip-listen': 'Listen to understand, not to respond',
  'tip-shared-values': 'Connect with shared values',
  'tip-experience': 'Share your own experience',
  'tip-concerns': 'Explain your concerns with the system',
  'tip-answers': 'It’s okay not to have all the answers',
  'tip-minds': 'Don’t expect to change minds',
  boundaries: 'Know your limits',
});

const tipsEs = page('tips', 'es', 'Consejos para hablar sobre la reforma', tipsLayout, {
  'tip-listen': 'Escucha para entender, no para responder',
  'tip-shared-values': 'Busca los valores que comparten',
  'tip-experience': 'Comparte tu propia experiencia',
  'tip-concerns': 'Explica lo que te preocupa del sistema',
  'tip-answers': 'Está bien no tener todas las respuestas',
  'tip-minds': 'No esperes cambiar opiniones',
  boundaries: 'Conoce tus límites',
});

const aboutLayout = {
  'who-we-are': 'plain',
  'who-we-serve': 'plain',
  'how-we-work': 'plain',
  'get-involved': 'plain',
} satisfies Layout;

const aboutEn = page('about', 'en', 'About us', aboutLayout, {
  'who-we-are': 'Who we are',
  'who-we-serve': 'Who we bring together',
  'how-we-work': 'Shrink and invest',
  'get-involved': 'How change happens',
});

const aboutEs = page('about', 'es', 'Quiénes somos', aboutLayout, {
  'who-we-are': 'Nuestra organización',
  'who-we-serve': 'A quiénes reunimos',
  'how-we-work': 'Reducir e invertir',
  'get-involved': 'Cómo logramos el cambio',
});

const privacyLayout = {
  summary: 'plain',
  'what-we-collect': 'plain',
  why: 'plain',
  sharing: 'plain',
  retention: 'plain',
  'your-rights': 'plain',
  'how-to': 'plain',
  children: 'plain',
  changes: 'plain',
} satisfies Layout;

const privacyEn = page('privacy', 'en', 'Privacy notice', privacyLayout, {
  summary: 'The short version',
  'what-we-collect': 'What we collect',
  why: 'Why we use it',
  sharing: 'Who we share it with',
  retention: 'How long we keep it',
  'your-rights': 'Your rights',
  'how-to': 'How to use your rights',
  children: 'Children',
  changes: 'Changes to this notice',
});

const privacyEs = page('privacy', 'es', 'Aviso de privacidad', privacyLayout, {
  summary: 'En pocas palabras',
  'what-we-collect': 'Qué datos recopilamos',
  why: 'Para qué los usamos',
  sharing: 'Con quién los compartimos',
  retention: 'Cuánto tiempo los guardamos',
  'your-rights': 'Tus derechos',
  'how-to': 'Cómo ejercer tus derechos',
  children: 'Niñas y niños',
  changes: 'Cambios a este aviso',
});

export const demoPages: PageInput[] = [homeEn, homeEs, tipsEn, tipsEs, aboutEn, aboutEs, privacyEn, privacyEs];
