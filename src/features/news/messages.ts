import type { Locale } from '../../platform/web/locale.ts';
import type { PostType } from './schema.ts';

/** The news feature's own interface words; the posts themselves are in the database. */
const en = {
  title: 'News',
  description: 'News, press releases and statements from the organisation, newest first.',
  intro: 'News, press releases and statements, newest first.',
  feedTitle: (site: string) => `${site}: news`,
  feedLink: 'Follow our news with a feed reader (Atom)',
  empty: 'No news has been published yet.',
  by: 'By',
  topics: 'Topics',
  sample: 'Sample post',
  inEnglish: 'In English',
  back: 'All news',
  page: (p: number, of: number) => `Page ${p} of ${of}`,
  previous: 'Newer posts',
  next: 'Older posts',
  pagination: 'Pages of news',
  allNews: 'All news',
  type: { news: 'News', 'press-release': 'Press release', statement: 'Statement' } satisfies Record<PostType, string>,
};

type NewsMessages = typeof en;

const es: NewsMessages = {
  title: 'Noticias',
  description:
    'Noticias, comunicados de prensa y declaraciones de la organización, de la más reciente a la más antigua.',
  intro: 'Noticias, comunicados de prensa y declaraciones, primero lo más reciente.',
  feedTitle: (site: string) => `${site}: noticias`,
  feedLink: 'Sigue nuestras noticias con un lector de fuentes (Atom)',
  empty: 'Todavía no hemos publicado noticias.',
  by: 'Por',
  topics: 'Temas',
  sample: 'Publicación de muestra',
  inEnglish: 'En inglés',
  back: 'Todas las noticias',
  page: (p: number, of: number) => `Página ${p} de ${of}`,
  previous: 'Publicaciones más recientes',
  next: 'Publicaciones anteriores',
  pagination: 'Páginas de noticias',
  allNews: 'Todas las noticias',
  type: { news: 'Noticia', 'press-release': 'Comunicado de prensa', statement: 'Declaración' },
};

export function newsMessages(locale: Locale): NewsMessages {
  return locale === 'es' ? es : en;
}
