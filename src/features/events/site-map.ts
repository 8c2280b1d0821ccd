import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { listEvents } from './events-read.ts';
import { eventPublicMessages } from './public-messages.ts';

/** The site map's section for events: the list, then each upcoming event, soonest first (the app hands it to content). */
export async function eventsSiteMapSection(db: Db, locale: Locale) {
  const t = eventPublicMessages(locale);
  const upcoming = await listEvents(db, locale, 'upcoming');
  return {
    title: t.title,
    links: [
      { path: '/events', label: t.title },
      ...upcoming.map((e) => ({
        path: `/events/${e.slug}`,
        label: e.text.title,
        lang: e.text.locale !== locale ? e.text.locale : undefined,
      })),
      { path: '/events/past', label: t.past },
    ],
  };
}

/** Every public event's address, for sitemap.xml: upcoming and past alike, as both stay online. */
export async function listPublicEventPaths(db: Db): Promise<string[]> {
  const [upcoming, past] = await Promise.all([listEvents(db, 'en', 'upcoming'), listEvents(db, 'en', 'past')]);
  return ['/events', ...[...upcoming, ...past].map((e) => `/events/${e.slug}`)];
}
