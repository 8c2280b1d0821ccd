import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { getContentVersion } from '../content/service.ts';
import { listMenuItems, removeMenuItem } from './menus.ts';
import { ensureMenus, firstMenus } from './seed.ts';

const nobody = { staffId: null, email: '', ip: '' };

describeEachDatabase('a site’s first menus', (database) => {
  it('are given once, even when asked for at the same moment, and never again once staff empty them', async () => {
    const db = database().db;
    const version = await getContentVersion(db);
    const answers = await Promise.all([ensureMenus(db), ensureMenus(db), ensureMenus(db)]);
    expect(answers.filter((a) => a.seeded)).toHaveLength(1);
    const items = await listMenuItems(db);
    for (const menu of ['main', 'footer'] as const)
      expect(items.filter((i) => i.menu === menu).map((i) => i.labelEn)).toEqual(
        firstMenus.filter(([m]) => m === menu).map(([, , , label]) => label),
      );
    // Cached pages made before them show them at once.
    expect(await getContentVersion(db)).toBeGreaterThan(version);

    for (const item of items) await removeMenuItem(db, item.id, nobody);
    expect(await ensureMenus(db)).toEqual({ seeded: false });
    expect(await listMenuItems(db)).toEqual([]);
  });
});
