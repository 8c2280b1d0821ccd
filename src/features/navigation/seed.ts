import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { LinkTargetKind } from '../../platform/web/link-targets.ts';
import { messagesFor } from '../../platform/web/messages.ts';
import { petitionsMenuItem } from '../petitions/service.ts';
import { insertMenuItem } from './menus.ts';
import { menuItems, menuState, type MenuName } from './schema.ts';

const en = messagesFor('en');
const es = messagesFor('es');

type FirstItem = [menu: MenuName, kind: LinkTargetKind, ref: string, labelEn: string, labelEs: string];

/**
 * The menus every site starts with, as they were when they were written in code: the petitions list is there
 * from the start, and shows while a petition takes signatures (its list is "empty" otherwise).
 */
export const firstMenus: readonly FirstItem[] = [
  ['main', 'page', 'home', en.nav.home, es.nav.home],
  ['main', 'page', 'about', en.nav.about, es.nav.about],
  ['main', 'list', 'policies', en.nav.policies, es.nav.policies],
  ['main', 'list', 'resources', en.nav.resources, es.nav.resources],
  // News came after the menus were first written in code: a site given its menus before then keeps them as they are.
  ['main', 'list', 'news', 'News', 'Noticias'],
  // Events too: the list shows in the menu only while an event is coming up (its list is "empty" otherwise).
  ['main', 'list', 'events', 'Events', 'Eventos'],
  ['main', 'page', 'tips', en.nav.tips, es.nav.tips],
  ['main', 'list', 'petitions', petitionsMenuItem.label.en, petitionsMenuItem.label.es],
  ['footer', 'page', 'privacy', en.footer.privacy, es.footer.privacy],
  ['footer', 'list', 'site-map', en.footer.sitemap, es.footer.sitemap],
];

/**
 * Gives a site its first menus, through the function staff's additions use, once: a site whose menus were ever
 * given (and perhaps emptied by staff since) is left alone. Safe to call from many processes at once: the one that
 * claims the marker row adds the items; the others wait for it and add nothing.
 */
export async function ensureMenus(db: Db): Promise<{ seeded: boolean }> {
  const [done] = await db.select({ id: menuState.id }).from(menuState).where(eq(menuState.id, 1));
  if (done) return { seeded: false };
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(menuState).values({ id: 1 }).onConflictDoNothing().returning();
    if (claimed.length === 0) return { seeded: false };
    const [existing] = await tx.select({ id: menuItems.id }).from(menuItems).limit(1);
    if (existing) return { seeded: false };
    for (const [menu, kind, ref, labelEn, labelEs] of firstMenus)
      await insertMenuItem(tx, menu, { labelEn, labelEs, target: { kind, ref }, hidden: false });
    return { seeded: true };
  });
}
