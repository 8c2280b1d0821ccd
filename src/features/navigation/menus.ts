import { asc, eq, max } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { LinkTarget, LinkTargetKind, LinkTargets } from '../../platform/web/link-targets.ts';
import type { MenuLink } from '../../platform/web/layout.tsx';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { bumpContentVersion } from '../content/service.ts';
import type { MenuItemFields, MenuTarget } from './inputs.ts';
import { menuItems, type MenuName } from './schema.ts';

export type MenuItem = typeof menuItems.$inferSelect;

/** A menu item with what it leads to now: the target, or the reason it is left out of the public menu. */
export type StaffMenuItem = MenuItem & {
  target: LinkTarget | undefined;
  /** 'gone': its page was unpublished or deleted; 'empty': its list has nothing in it for now. */
  problem?: 'gone' | 'empty';
};

export const targetKey = (t: { kind: string; ref: string }) => `${t.kind}:${t.ref}`;

function columns(fields: MenuItemFields) {
  const target: MenuTarget = fields.target;
  return {
    labelEn: fields.labelEn,
    labelEs: fields.labelEs,
    hidden: fields.hidden,
    ...('url' in target
      ? { targetKind: null, targetRef: null, url: target.url }
      : { targetKind: target.kind, targetRef: target.ref, url: null }),
  };
}

const menuWords: Record<MenuName, string> = { main: 'main menu', footer: 'footer' };
const subject = (item: Pick<MenuItem, 'labelEn' | 'menu'>) => `${item.labelEn} (${menuWords[item.menu]})`;
const snapshot = (item: MenuItem) => ({
  labelEn: item.labelEn,
  labelEs: item.labelEs,
  target: item.url ?? `${item.targetKind}:${item.targetRef}`,
  hidden: item.hidden,
});

/** Every item of both menus, in order. */
export async function listMenuItems(db: Db): Promise<MenuItem[]> {
  return db.select().from(menuItems).orderBy(asc(menuItems.menu), asc(menuItems.position), asc(menuItems.id));
}

export async function getMenuItem(db: Db, id: number): Promise<MenuItem | undefined> {
  const [row] = await db.select().from(menuItems).where(eq(menuItems.id, id));
  return row;
}

/** The menus with each item's target looked up among what the site offers now. */
export async function menusForStaff(db: Db, targets: LinkTargets): Promise<Record<MenuName, StaffMenuItem[]>> {
  const [items, offered] = await Promise.all([listMenuItems(db), targets()]);
  const byKey = new Map(offered.map((t) => [targetKey(t), t]));
  const menus: Record<MenuName, StaffMenuItem[]> = { main: [], footer: [] };
  for (const item of items) {
    const target = item.url === null ? byKey.get(`${item.targetKind}:${item.targetRef}`) : undefined;
    const problem = item.url !== null ? undefined : !target ? 'gone' : target.empty ? 'empty' : undefined;
    menus[item.menu]?.push({ ...item, target, ...(problem ? { problem } : {}) });
  }
  return menus;
}

/**
 * The public menus: each item shown with the staff's words, leading where its target is now. An item whose target
 * has gone, whose list is empty for now, or that staff hid, is left out.
 */
export async function publicMenus(db: Db, targets: LinkTargets): Promise<Record<MenuName, MenuLink[]>> {
  const menus = await menusForStaff(db, targets);
  const links = (items: StaffMenuItem[]): MenuLink[] =>
    items.flatMap((item): MenuLink[] => {
      if (item.hidden || item.problem) return [];
      const label = { en: item.labelEn, ...(item.labelEs ? { es: item.labelEs } : {}) };
      if (item.url !== null) return [{ href: item.url, external: true, label }];
      return item.target ? [{ path: item.target.path, label }] : [];
    });
  return { main: links(menus.main), footer: links(menus.footer) };
}

/** Adds an item at the end of a menu, without an audit entry: for the first menus, and for `addMenuItem`. */
export async function insertMenuItem(db: Db, menu: MenuName, fields: MenuItemFields): Promise<MenuItem> {
  const [last] = await db
    .select({ position: max(menuItems.position) })
    .from(menuItems)
    .where(eq(menuItems.menu, menu));
  const [row] = await db
    .insert(menuItems)
    .values({ menu, position: (last?.position ?? 0) + 1, ...columns(fields) })
    .returning();
  await bumpContentVersion(db);
  return row!;
}

/** Staff add an item at the end of a menu. */
export async function addMenuItem(db: Db, menu: MenuName, fields: MenuItemFields, actor: AuditActor) {
  return db.transaction(async (tx) => {
    const row = await insertMenuItem(tx, menu, fields);
    await recordAudit(tx, actor, {
      action: 'menu.add',
      subjectType: 'menu-item',
      subjectId: row.id,
      subjectLabel: subject(row),
      after: snapshot(row),
    });
    return row;
  });
}

/** Staff change an item's words, target or visibility; false when it no longer exists. */
export async function updateMenuItem(db: Db, id: number, fields: MenuItemFields, actor: AuditActor) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(menuItems).where(eq(menuItems.id, id)).for('update');
    if (!before) return false;
    const [after] = await tx
      .update(menuItems)
      .set({ ...columns(fields), updatedAt: new Date() })
      .where(eq(menuItems.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'menu.update',
      subjectType: 'menu-item',
      subjectId: id,
      subjectLabel: subject(after!),
      before: snapshot(before),
      after: snapshot(after!),
    });
    await bumpContentVersion(tx);
    return true;
  });
}

export async function removeMenuItem(db: Db, id: number, actor: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(menuItems).where(eq(menuItems.id, id)).returning();
    if (!gone) return false;
    await recordAudit(tx, actor, {
      action: 'menu.remove',
      subjectType: 'menu-item',
      subjectId: id,
      subjectLabel: subject(gone),
      before: snapshot(gone),
    });
    await bumpContentVersion(tx);
    return true;
  });
}

/** Gives a menu's items the positions 1, 2, 3… in the order given. */
async function renumber(db: Db, ordered: readonly MenuItem[]) {
  for (const [index, item] of ordered.entries())
    if (item.position !== index + 1)
      await db
        .update(menuItems)
        .set({ position: index + 1 })
        .where(eq(menuItems.id, item.id));
}

async function lockedMenu(db: Db, menu: MenuName): Promise<MenuItem[]> {
  return db
    .select()
    .from(menuItems)
    .where(eq(menuItems.menu, menu))
    .orderBy(asc(menuItems.position), asc(menuItems.id))
    .for('update');
}

/** Moves an item one place up or down its menu; false when it does not exist (at an end, nothing moves). */
export async function moveMenuItem(db: Db, id: number, direction: 'up' | 'down', actor: AuditActor) {
  return db.transaction(async (tx) => {
    const item = await getMenuItem(tx, id);
    if (!item) return false;
    const items = await lockedMenu(tx, item.menu);
    const from = items.findIndex((i) => i.id === id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from === -1 || to < 0 || to >= items.length) return true;
    const ordered = [...items];
    [ordered[from], ordered[to]] = [ordered[to]!, ordered[from]!];
    await renumber(tx, ordered);
    await recordAudit(tx, actor, {
      action: direction === 'up' ? 'menu.move-up' : 'menu.move-down',
      subjectType: 'menu-item',
      subjectId: id,
      subjectLabel: subject(item),
      before: { position: from + 1 },
      after: { position: to + 1 },
    });
    await bumpContentVersion(tx);
    return true;
  });
}

/**
 * Puts a menu in the order given (by dragging). The ids must be exactly the menu's items, so an order sent from a
 * page that is out of date changes nothing: 'stale'.
 */
export async function reorderMenu(db: Db, menu: MenuName, ids: readonly number[], actor: AuditActor) {
  return db.transaction(async (tx): Promise<'saved' | 'stale'> => {
    const items = await lockedMenu(tx, menu);
    const byId = new Map(items.map((i) => [i.id, i]));
    if (ids.length !== items.length || new Set(ids).size !== ids.length || ids.some((id) => !byId.has(id)))
      return 'stale';
    const ordered = ids.map((id) => byId.get(id)!);
    if (ordered.every((item, i) => item.id === items[i]!.id)) return 'saved';
    await renumber(tx, ordered);
    await recordAudit(tx, actor, {
      action: 'menu.reorder',
      subjectType: 'menu',
      subjectId: menu,
      subjectLabel: `the ${menuWords[menu]}`,
      before: { order: items.map((i) => i.labelEn).join(', ') },
      after: { order: ordered.map((i) => i.labelEn).join(', ') },
    });
    await bumpContentVersion(tx);
    return 'saved';
  });
}

/** Whether something of this kind and ref is among the targets offered. */
export function offers(targets: readonly LinkTarget[], kind: LinkTargetKind, ref: string): boolean {
  return targets.some((t) => t.kind === kind && t.ref === ref);
}
