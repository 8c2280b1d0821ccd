import { storyTopicNames } from './topic-names.ts';
import type { Locale } from '../../platform/web/locale.ts';

/** The words readers see on /stories and each story's page. The sharing form's words are in public-messages.ts. */
const en = {
  title: 'Stories',
  description:
    'Survivors of crime, people who have been in prison and their families tell, in their own words, what happened ' +
    'and what would have helped.',
  intro:
    'Survivors of crime, people who have been in prison and their families tell, in their own words, what happened ' +
    'and what would have helped. Every story is shared with its teller’s consent; we remove names and places that ' +
    'could identify anyone.',
  careNote:
    'Some stories describe violence, loss or prison. Each one lists what it mentions before you read it, so you can ' +
    'choose. You can leave quickly at any time with the “Exit this page” button.',
  shareOwn: 'Share your story',
  shareOwnIntro: 'Has this happened to you or someone close to you? Your story can change how Oregon responds.',
  empty: 'No stories are published yet.',
  emptyTopic: 'No stories on this topic yet.',
  filterHeading: 'Stories about',
  allTopics: 'All topics',
  storyList: 'Published stories',
  read: 'Read the story',
  readTitled: (title: string) => `Read: ${title}`,
  untitled: 'A story',
  back: 'All stories',
  contentNotes: 'Content notes',
  noContentNotes: 'No content notes.',
  continueToStory: 'Continue to the story',
  signedBy: (name: string) => `— ${name}`,
  anonymous: 'Shared anonymously',
  publishedOn: (day: string) => `Published ${day}`,
  topics: 'Topics',
  inOtherLanguage: 'This story has not been translated into English, so it is shown in the language it was told in.',
  topicNames: storyTopicNames.en,
  siteMapShare: 'Share your story',
};

const es: typeof en = {
  title: 'Historias',
  description:
    'Sobrevivientes de delitos, personas que estuvieron en prisión y sus familias cuentan, con sus propias palabras, ' +
    'lo que pasó y lo que les habría ayudado.',
  intro:
    'Sobrevivientes de delitos, personas que estuvieron en prisión y sus familias cuentan, con sus propias palabras, ' +
    'lo que pasó y lo que les habría ayudado. Cada historia se comparte con el consentimiento de quien la cuenta; ' +
    'quitamos los nombres y lugares que podrían identificar a alguien.',
  careNote:
    'Algunas historias hablan de violencia, pérdidas o prisión. Antes de cada una decimos de qué trata, para que ' +
    'decidas si la lees. Puedes salir rápido en cualquier momento con el botón «Salir de esta página».',
  shareOwn: 'Comparte tu historia',
  shareOwnIntro: '¿Te pasó a ti o a alguien cercano? Tu historia puede cambiar cómo responde Oregón.',
  empty: 'Todavía no hay historias publicadas.',
  emptyTopic: 'Todavía no hay historias sobre este tema.',
  filterHeading: 'Historias sobre',
  allTopics: 'Todos los temas',
  storyList: 'Historias publicadas',
  read: 'Leer la historia',
  readTitled: (title: string) => `Leer: ${title}`,
  untitled: 'Una historia',
  back: 'Todas las historias',
  contentNotes: 'Advertencias sobre el contenido',
  noContentNotes: 'Sin advertencias.',
  continueToStory: 'Continuar a la historia',
  signedBy: (name: string) => `— ${name}`,
  anonymous: 'Compartida de forma anónima',
  publishedOn: (day: string) => `Publicada el ${day}`,
  topics: 'Temas',
  inOtherLanguage:
    'Esta historia todavía no está traducida al español, así que la mostramos en el idioma en que se contó.',
  topicNames: storyTopicNames.es,
  siteMapShare: 'Comparte tu historia',
};

export function storyPageMessages(locale: Locale): typeof en {
  return locale === 'es' ? es : en;
}
