import { ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { LinkTarget } from '../../platform/web/link-targets.ts';
import { listEvents } from './events-read.ts';
import { eventPublicMessages } from './public-messages.ts';
import { events } from './schema.ts';

/**
 * What a menu item or a call to action may lead to in events: the list, and each upcoming event (published or
 * cancelled: a link to a cancelled event still tells people so). The list counts as empty while nothing is coming
 * up, so a menu shows it only then.
 */
export async function eventLinkTargets(db: Db): Promise<LinkTarget[]> {
  const [english, spanish] = await Promise.all([listEvents(db, 'en', 'upcoming'), listEvents(db, 'es', 'upcoming')]);
  const spanishTitle = new Map(spanish.filter((e) => e.hasSpanish).map((e) => [e.slug, e.text.title]));
  return [
    {
      kind: 'list',
      ref: 'events',
      path: '/events',
      label: { en: eventPublicMessages('en').title, es: eventPublicMessages('es').title },
      empty: english.length === 0,
    },
    ...english.map(
      (e): LinkTarget => ({
        kind: 'event',
        ref: e.slug,
        path: `/events/${e.slug}`,
        label: { en: e.text.title, es: spanishTitle.get(e.slug) ?? e.text.title },
      }),
    ),
  ];
}

/**
 * A number that changes whenever an event's public facts would (published, edited, cancelled, or over), and not
 * when someone RSVPs: the app folds it into the page cache's version, as it does the petitions' stamp, so lists,
 * menus and the site map never show an event's old state for longer than the cache's check interval.
 */
export async function publicEventsStamp(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .select({
      id: events.id,
      status: events.status,
      updatedAt: events.updatedAt,
      endsAt: events.endsAt,
      // An edit of the words alone moves the stamp too.
      words: sql<string>`(select coalesce(max(t.updated_at), 'epoch')::text from event_translations t where t.event_id = ${events.id})`,
    })
    .from(events)
    .where(ne(events.status, 'draft'))
    .orderBy(events.id);
  const listed = rows
    .map(
      (r) =>
        `${r.id}:${r.status}:${r.updatedAt.getTime()}:${r.words}:${r.endsAt.getTime() < now.getTime() ? 'past' : 'up'}`,
    )
    .join('|');
  // FNV-1a, 32 bits, as the petitions' stamp.
  let hash = 0x811c9dc5;
  for (let i = 0; i < listed.length; i++) hash = Math.imul(hash ^ listed.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
