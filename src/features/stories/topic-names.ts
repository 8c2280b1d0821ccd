import type { Locale } from '../../platform/web/locale.ts';
import type { StoryTopic } from './schema.ts';

/** Each topic's name, the same on the form a teller ticks, the public filter and the moderators' screen. */
export const storyTopicNames: Record<Locale, Record<StoryTopic, string>> = {
  en: {
    healing: 'Healing',
    accountability: 'Accountability',
    'racial-justice': 'Racial justice',
    families: 'Families',
    'prison-and-jail': 'Prison and jail',
    'coming-home': 'Coming home',
    'victim-services': 'Services for victims',
    youth: 'Young people',
  },
  es: {
    healing: 'Sanación',
    accountability: 'Responsabilidad',
    'racial-justice': 'Justicia racial',
    families: 'Familias',
    'prison-and-jail': 'Prisión y cárcel',
    'coming-home': 'Volver a casa',
    'victim-services': 'Servicios para víctimas',
    youth: 'Jóvenes',
  },
};
