import { boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { LinkTargetKind } from '../../platform/web/link-targets.ts';

export const menuNames = ['main', 'footer'] as const;
export type MenuName = (typeof menuNames)[number];

/**
 * One link in one of the public site's menus. It points either at something on the site (`targetKind` and
 * `targetRef`, as a feature offers it: a page's slug, a list's name), so a renamed title or a moved address
 * follows, or at an address elsewhere (`url`). Its words are the staff's own, in English and optionally Spanish.
 */
export const menuItems = pgTable(
  'menu_items',
  {
    id: serial('id').primaryKey(),
    menu: text('menu').$type<MenuName>().notNull(),
    position: integer('position').notNull(),
    targetKind: text('target_kind').$type<LinkTargetKind>(),
    targetRef: text('target_ref'),
    url: text('url'),
    labelEn: text('label_en').notNull(),
    labelEs: text('label_es').notNull().default(''),
    hidden: boolean('hidden').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('menu_items_menu_position').on(t.menu, t.position)],
);

/**
 * One row once the menus have been given their first items, so a site whose staff removed every item is not
 * given them again.
 */
export const menuState = pgTable('menu_state', {
  id: integer('id').primaryKey(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).notNull().defaultNow(),
});
