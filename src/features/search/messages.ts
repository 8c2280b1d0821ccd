import type { SearchKind } from '../../platform/search.ts';
import type { Locale } from '../../platform/web/locale.ts';

const en = {
  title: 'Search',
  resultsTitle: (query: string) => `Search results for “${query}”`,
  description: 'Search the pages, news, policies, resources, petitions and events of this site.',
  label: 'Search this site',
  hint: 'Words in any order. Put a phrase in "quotes"; put - before a word to leave it out.',
  submit: 'Search',
  results: (count: number, query: string) =>
    count === 1 ? `1 result for “${query}”` : `${count} results for “${query}”`,
  capped: (count: number) => `These are the ${count} best matches. Add a word to narrow the search.`,
  kind: {
    page: 'Page',
    post: 'News',
    policy: 'Policy',
    resource: 'Resource',
    petition: 'Petition',
    event: 'Event',
  } satisfies Record<SearchKind, string>,
  inLanguage: { en: 'In English', es: 'In Spanish' } satisfies Record<Locale, string>,
  none: 'Nothing on this site matches your search.',
  suggestionsTitle: 'You could',
  suggestions: ['check the spelling, or use other words', 'use fewer words, or more general ones'],
  otherLanguage: 'search the Spanish pages instead',
  browse: 'browse',
  or: 'or',
  browseLinks: [
    ['/policies', 'our policies'],
    ['/resources', 'our resources'],
    ['/site-map', 'the site map'],
  ] as [string, string][],
};

export type SearchMessages = typeof en;

const es: SearchMessages = {
  title: 'Buscar',
  resultsTitle: (query) => `Resultados de búsqueda de «${query}»`,
  description: 'Busca en las páginas, noticias, políticas, recursos, peticiones y eventos de este sitio.',
  label: 'Buscar en este sitio',
  hint: 'Palabras en cualquier orden. Pon una frase "entre comillas"; pon - delante de una palabra para excluirla.',
  submit: 'Buscar',
  results: (count, query) => (count === 1 ? `1 resultado para «${query}»` : `${count} resultados para «${query}»`),
  capped: (count) => `Estas son las ${count} mejores coincidencias. Añade una palabra para afinar la búsqueda.`,
  kind: {
    page: 'Página',
    post: 'Noticia',
    policy: 'Política',
    resource: 'Recurso',
    petition: 'Petición',
    event: 'Evento',
  },
  inLanguage: { en: 'En inglés', es: 'En español' },
  none: 'Nada en este sitio coincide con tu búsqueda.',
  suggestionsTitle: 'Puedes',
  suggestions: ['revisar la ortografía o usar otras palabras', 'usar menos palabras, o más generales'],
  otherLanguage: 'buscar en las páginas en inglés',
  browse: 'explorar',
  or: 'o',
  browseLinks: [
    ['/policies', 'nuestras políticas'],
    ['/resources', 'nuestros recursos'],
    ['/site-map', 'el mapa del sitio'],
  ],
};

export function searchMessages(locale: Locale): SearchMessages {
  return locale === 'es' ? es : en;
}
