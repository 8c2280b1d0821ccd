import type { Locale } from '../../platform/web/locale.ts';
import type { policyPositions, policyStatuses, resourceTypes } from './schema.ts';

/** The content feature's own interface words; the content itself is in the database. */
const en = {
  /** The home page when its words are missing (taken out of the database by hand): the site's door stays open. */
  homeMissing: 'Welcome. Read our policy agenda and our resources, or sign up for our email, from the menu.',
  comingSoonPetition: 'The petition opens for signatures here soon.',
  testimonialLabel: 'What supporters say',
  sections: {
    /** "1,204 of 2,000 signatures"; without a goal, "1,204 signatures". */
    signatures: (count: string, goal: string | undefined) =>
      goal ? `${count} of ${goal} signatures` : `${count} ${count === '1' ? 'signature' : 'signatures'}`,
    progressLabel: (title: string) => `Signatures for “${title}”`,
    signPetition: 'Read and sign the petition',
    noResources: 'There is nothing to show here yet.',
  },
  siteMap: {
    title: 'Site map',
    description: 'Every page of this site: pages, our policy agenda, research and resources, and petitions.',
    intro: 'Every page of this site, in one list.',
    pages: 'Pages',
    allPolicies: 'All policies',
    allResources: 'All resources',
  },
  policies: {
    title: 'Policy agenda',
    description: 'The bills and policies we are working on in Oregon, with where each stands and our position.',
    intro: 'The bills and policies we are working on, where each one stands, and what we think of it.',
    empty: 'No policies are published yet.',
    bill: 'Bill',
    session: 'Session',
    status: 'Status',
    position: 'Our position',
    demo: 'Demo data',
    back: 'All policies',
  },
  policyStatus: {
    drafting: 'Being drafted',
    introduced: 'Introduced',
    'in-committee': 'In committee',
    'passed-chamber': 'Passed one chamber',
    passed: 'Passed the Legislature',
    signed: 'Signed into law',
    failed: 'Did not pass',
    vetoed: 'Vetoed',
  } satisfies Record<(typeof policyStatuses)[number], string>,
  policyPosition: {
    support: 'We support it',
    oppose: 'We oppose it',
    monitor: 'We are watching it',
  } satisfies Record<(typeof policyPositions)[number], string>,
  resources: {
    title: 'Research and resources',
    description: 'Reports, guides and fact sheets to support advocacy for safety and justice.',
    intro: 'Reports, guides and fact sheets to back up your advocacy.',
    searchLabel: 'Search the library',
    searchHint: 'Words in the title or text, for example “treatment” or “survivors”',
    typeLabel: 'Type',
    topicLabel: 'Topic',
    any: 'Any',
    submit: 'Search',
    clear: 'Clear search',
    results: (n: number) => (n === 1 ? '1 resource found' : `${n} resources found`),
    none: 'Nothing matched. Try fewer or different words, or clear the filters.',
    page: (p: number, of: number) => `Page ${p} of ${of}`,
    previous: 'Previous page',
    next: 'Next page',
    pagination: 'Pages of results',
    published: 'Published',
    topics: 'Topics',
    open: 'Open the resource',
    download: 'Download the file',
    back: 'All resources',
    demo: 'Demo data',
    onlyInEnglish: 'In English',
  },
  resourceType: {
    report: 'Report',
    guide: 'Guide',
    'fact-sheet': 'Fact sheet',
    toolkit: 'Toolkit',
    testimony: 'Testimony',
    video: 'Video',
  } satisfies Record<(typeof resourceTypes)[number], string>,
};

export type ContentMessages = typeof en;

const es: ContentMessages = {
  homeMissing:
    'Bienvenida. Lee nuestra agenda de políticas y nuestros recursos, o suscríbete a nuestro correo, desde el menú.',
  comingSoonPetition: 'Muy pronto podrás firmar la petición aquí.',
  testimonialLabel: 'Lo que dicen quienes nos apoyan',
  sections: {
    signatures: (count: string, goal: string | undefined) =>
      goal ? `${count} de ${goal} firmas` : `${count} ${count === '1' ? 'firma' : 'firmas'}`,
    progressLabel: (title: string) => `Firmas para «${title}»`,
    signPetition: 'Lee y firma la petición',
    noResources: 'Todavía no hay nada que mostrar aquí.',
  },
  siteMap: {
    title: 'Mapa del sitio',
    description:
      'Todas las páginas de este sitio: páginas, nuestra agenda de políticas, investigación y recursos, y peticiones.',
    intro: 'Todas las páginas de este sitio, en una sola lista.',
    pages: 'Páginas',
    allPolicies: 'Todas las políticas',
    allResources: 'Todos los recursos',
  },
  policies: {
    title: 'Agenda de políticas',
    description: 'Los proyectos de ley y las políticas que impulsamos en Oregón, en qué etapa están y nuestra postura.',
    intro: 'Los proyectos de ley y las políticas en los que trabajamos, en qué etapa están y qué opinamos de cada uno.',
    empty: 'Todavía no hay políticas publicadas.',
    bill: 'Proyecto de ley',
    session: 'Sesión',
    status: 'Estado',
    position: 'Nuestra postura',
    demo: 'Datos de demostración',
    back: 'Todas las políticas',
  },
  policyStatus: {
    drafting: 'En redacción',
    introduced: 'Presentado',
    'in-committee': 'En comité',
    'passed-chamber': 'Aprobado en una cámara',
    passed: 'Aprobado por la Legislatura',
    signed: 'Firmado como ley',
    failed: 'No fue aprobado',
    vetoed: 'Vetado',
  },
  policyPosition: {
    support: 'Lo apoyamos',
    oppose: 'Nos oponemos',
    monitor: 'Lo seguimos de cerca',
  },
  resources: {
    title: 'Investigaciones y recursos',
    description: 'Informes, guías y hojas informativas para apoyar la incidencia por la seguridad y la justicia.',
    intro: 'Informes, guías y hojas informativas para respaldar tu trabajo de incidencia.',
    searchLabel: 'Buscar en la biblioteca',
    searchHint: 'Palabras del título o del texto, por ejemplo «tratamiento» o «sobrevivientes»',
    typeLabel: 'Tipo',
    topicLabel: 'Tema',
    any: 'Todos',
    submit: 'Buscar',
    clear: 'Borrar la búsqueda',
    results: (n: number) => (n === 1 ? 'Encontramos 1 recurso' : `Encontramos ${n} recursos`),
    none: 'No encontramos nada. Prueba con menos palabras o con otras, o borra los filtros.',
    page: (p: number, of: number) => `Página ${p} de ${of}`,
    previous: 'Página anterior',
    next: 'Página siguiente',
    pagination: 'Páginas de resultados',
    published: 'Publicado',
    topics: 'Temas',
    open: 'Abrir el recurso',
    download: 'Descargar el archivo',
    back: 'Todos los recursos',
    demo: 'Datos de demostración',
    onlyInEnglish: 'En inglés',
  },
  resourceType: {
    report: 'Informe',
    guide: 'Guía',
    'fact-sheet': 'Hoja informativa',
    toolkit: 'Kit de herramientas',
    testimony: 'Testimonio',
    video: 'Video',
  },
};

export function contentMessages(locale: Locale): ContentMessages {
  return locale === 'es' ? es : en;
}
