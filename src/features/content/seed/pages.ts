import type { PageInput } from '../inputs.ts';
import type { Locale } from '../schema.ts';
import { readSeedText } from './text.ts';

/**
 * Demo pages for the first Groundswell site (Partnership for Safety and
 * Justice), in English and Spanish. Facts come from PSJ's public home page;
 * the wording is our own. Sections use the same keys and kinds in both
 * languages so the views can lay them out alike: each page's layout is
 * written once, its headings once per language, and its texts (description,
 * body, one block per section) are in `text/pages/<slug>.<locale>.md`.
 */

/**
 * A page's sections in order: each key and the kind of section it is, with
 * the address it links to where it links somewhere (the same in both languages).
 */
type Layout = Record<string, string | { kind: string; href: string }>;
/** A section's heading in one language, with the short values its kind shows (a link, a figure). */
type Heading = string | { heading: string; data: Record<string, string> };

function page<L extends Layout>(
  slug: string,
  locale: Locale,
  title: string,
  layout: L,
  headings: Record<keyof L, Heading>,
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
    sections: Object.entries(layout).map(([key, placed]) => {
      const { kind, href } = typeof placed === 'string' ? { kind: placed, href: undefined } : placed;
      const given: Heading = headings[key as keyof L];
      const { heading, data } = typeof given === 'string' ? { heading: given, data: {} } : given;
      return { key, kind, heading, bodyMd: text(key), data: href ? { href, ...data } : data };
    }),
  };
}

const homeLayout = {
  hero: 'hero',
  'values-intro': 'values-intro',
  'value-healing': 'value',
  'value-accountability': 'value',
  'value-racial-justice': 'value',
  'value-survivors': 'value',
  'value-families': 'value',
  'change-intro': 'change-intro',
  'pillar-power': 'pillar',
  'pillar-system': 'pillar',
  'pillar-narrative': 'pillar',
  impact: 'impact',
  'policies-teaser': { kind: 'teaser', href: '/policies' },
  testimonial: 'testimonial',
  'newsletter-cta': 'newsletter-cta',
  'petition-cta': { kind: 'petition-cta', href: '/petitions/safety-for-all' },
  'tips-teaser': { kind: 'teaser', href: '/tips' },
  'resources-teaser': { kind: 'teaser', href: '/resources' },
};

const homeEn = page('home', 'en', 'Partnership for Safety and Justice', homeLayout, {
  hero: 'A new answer to harm: healing',
  'values-intro': 'The public safety system we’re building values…',
  'value-healing': 'Healing over handcuffs',
  'value-accountability': 'Accountability for harm',
  'value-racial-justice': 'Racial justice and equity',
  'value-survivors': 'Crime survivors’ voices',
  'value-families': 'Keeping families together',
  'change-intro': 'How we drive change',
  'pillar-power': 'Building power',
  'pillar-system': 'Transforming the system',
  'pillar-narrative': 'Changing the narrative',
  impact: {
    heading: 'Better outcomes for our communities',
    data: {
      figure: 'nearly $500 million',
      figureLabel: 'invested in services for crime survivors, treatment and restoration',
    },
  },
  'policies-teaser': {
    heading: 'The policies changing our systems',
    data: { linkLabel: 'See our policy agenda' },
  },
  testimonial: { heading: '', data: { attribution: 'Sample quote for the demo, not the words of a real person' } },
  'newsletter-cta': 'Join the movement for safety and justice',
  'petition-cta': {
    heading: 'Sign the petition',
    data: { linkLabel: 'Read and sign the petition' },
  },
  'tips-teaser': { heading: 'Tips for talking about reform', data: { linkLabel: 'Read the tips' } },
  'resources-teaser': {
    heading: 'Deepen your advocacy skills',
    data: { linkLabel: 'Browse the resource library' },
  },
});

const homeEs = page('home', 'es', 'Partnership for Safety and Justice', homeLayout, {
  hero: 'Una nueva respuesta al daño: la sanación',
  'values-intro': 'El sistema de seguridad pública que estamos construyendo valora…',
  'value-healing': 'Sanación en lugar de esposas',
  'value-accountability': 'Responsabilidad por el daño',
  'value-racial-justice': 'Justicia racial y equidad',
  'value-survivors': 'La voz de las personas sobrevivientes',
  'value-families': 'Mantener unidas a las familias',
  'change-intro': 'Cómo impulsamos el cambio',
  'pillar-power': 'Construir poder',
  'pillar-system': 'Transformar el sistema',
  'pillar-narrative': 'Cambiar la narrativa',
  impact: {
    heading: 'Mejores resultados para nuestras comunidades',
    data: {
      figure: 'casi 500 millones de dólares',
      figureLabel: 'invertidos en servicios para sobrevivientes de delitos, tratamiento y reparación',
    },
  },
  'policies-teaser': {
    heading: 'Las políticas que están cambiando nuestros sistemas',
    data: { linkLabel: 'Ver nuestra agenda de políticas' },
  },
  testimonial: {
    heading: '',
    data: { attribution: 'Cita de muestra para la demostración, no son palabras de una persona real' },
  },
  'newsletter-cta': 'Únete al movimiento por la seguridad y la justicia',
  'petition-cta': {
    heading: 'Firma la petición',
    data: { linkLabel: 'Lee y firma la petición' },
  },
  'tips-teaser': {
    heading: 'Consejos para hablar sobre la reforma',
    data: { linkLabel: 'Lee los consejos' },
  },
  'resources-teaser': {
    heading: 'Fortalece tu trabajo como activista',
    data: { linkLabel: 'Explora la biblioteca de recursos' },
  },
});

const tipsLayout = {
  'tip-listen': 'tip',
  'tip-shared-values': 'tip',
  'tip-experience': 'tip',
  'tip-concerns': 'tip',
  'tip-answers': 'tip',
  'tip-minds': 'tip',
  boundaries: 'note',
};

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
  'who-we-are': 'text',
  'who-we-serve': 'text',
  'how-we-work': 'text',
  'get-involved': 'text',
};

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
  summary: 'text',
  'what-we-collect': 'text',
  why: 'text',
  sharing: 'text',
  retention: 'text',
  'your-rights': 'text',
  'how-to': 'text',
  children: 'text',
  changes: 'text',
};

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
