import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { createPage, setPagePublished } from '../content/service.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { ensureMenus } from './seed.ts';
import { listMenuItems } from './menus.ts';

const english = { cookie: 'lang=en' };
const navOf = (html: string) => html.slice(html.indexOf('<nav class="site-nav"'), html.indexOf('</nav>'));
const footerOf = (html: string) => html.slice(html.indexOf('<footer'), html.indexOf('</footer>'));

describeEachDatabase('the menu editor', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let editor: Browser;
  let viewer: Browser;
  const page = async (path: string) => (await app.request(path, { headers: english })).text();

  /** The ids of a menu's items, in order, as the editor lists them. */
  async function order(menu: 'main' | 'footer') {
    return (await listMenuItems(database().db)).filter((i) => i.menu === menu);
  }

  beforeAll(async () => {
    await seedDemoContent(database().db);
    ({ app } = createTestApp(database()));
    editor = await signedInAs(app, database(), 'editor');
    viewer = await signedInAs(app, database(), 'viewer');
  });

  it('gives a new site today’s menus once, marking the current page by its path', async () => {
    const home = await page('/');
    expect(navOf(home)).toContain('<a href="/" aria-current="page">Home</a>');
    expect(navOf(home)).toContain('<a href="/about">About</a>');
    // No petition takes signatures: the petitions item waits, hidden.
    expect(navOf(home)).not.toContain('/petitions');
    // Nor is an event coming up: the events item waits too.
    expect(navOf(home)).not.toContain('/events');
    expect(footerOf(home)).toContain('<a href="/privacy">Privacy notice</a>');
    expect(footerOf(home)).toContain('<a href="/site-map">Site map</a>');
    // A policy's page is under the policies list, so that item is current there.
    const spanish = await (await app.request('/es/policies')).text();
    expect(navOf(spanish)).toContain('<a href="/es/policies" aria-current="page">Políticas</a>');
    expect((await order('main')).map((i) => i.labelEn)).toEqual([
      'Home',
      'About',
      'Policies',
      'Resources',
      'News',
      'Events',
      'Tips',
      'Petitions',
    ]);
    // Given once: never again, even to a site whose staff have emptied it.
    expect(await ensureMenus(database().db)).toEqual({ seeded: false });
  });

  it('adds, renames, moves and removes an item, shown at once in both languages without JavaScript', async () => {
    await createPage(database().db, { slug: 'campaign', locale: 'en', title: 'Our campaign' });
    const token = await editor.csrf('/admin/navigation/new?menu=main');
    const added = await editor.request('/admin/navigation/new', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, menu: 'main', labelEn: 'Campaign', target: 'page:campaign' }),
    });
    expect(added.status).toBe(303);
    const id = (await order('main')).at(-1)!.id;
    expect(added.headers.get('location')).toBe(`/admin/navigation?notice=created#item-${id}`);
    expect(navOf(await page('/about'))).toContain('<a href="/campaign">Campaign</a>');
    // No Spanish words yet: the English is shown, marked as English.
    expect(navOf(await (await app.request('/es/about')).text())).toContain(
      '<a href="/es/campaign" lang="en">Campaign</a>',
    );
    expect(navOf(await page('/campaign'))).toContain('<a href="/campaign" aria-current="page">Campaign</a>');

    const renamed = await editor.post(
      `/admin/navigation/items/${id}`,
      { labelEn: 'Our campaign', labelEs: 'Nuestra campaña', target: 'page:campaign', url: '' },
      { from: `/admin/navigation/items/${id}` },
    );
    expect(renamed.status).toBe(303);
    expect(navOf(await (await app.request('/es/about')).text())).toContain(
      '<a href="/es/campaign">Nuestra campaña</a>',
    );

    const move = (direction: string) =>
      editor.post(`/admin/navigation/items/${id}/move`, { direction }, { from: '/admin/navigation' });
    expect((await move('up')).headers.get('location')).toBe(`/admin/navigation?notice=saved#item-${id}`);
    await move('up');
    const labels = (await order('main')).map((i) => i.labelEn);
    expect(labels.slice(-3)).toEqual(['Our campaign', 'Tips', 'Petitions']);
    const nav = navOf(await page('/'));
    expect(nav.indexOf('Our campaign')).toBeLessThan(nav.indexOf('>Tips<'));
    await move('down');
    expect((await order('main')).map((i) => i.labelEn).slice(-3)).toEqual(['Tips', 'Our campaign', 'Petitions']);

    const ask = await editor.request(`/admin/navigation/items/${id}/remove`);
    expect(await ask.text()).toContain('Remove “Our campaign” from the main menu?');
    const removed = await editor.post(
      `/admin/navigation/items/${id}/remove`,
      { confirmed: 'yes' },
      { from: `/admin/navigation/items/${id}/remove` },
    );
    expect(removed.status).toBe(303);
    expect(navOf(await page('/'))).not.toContain('campaign');

    const actions = (await listAudit(database().db, { perPage: 20 })).rows
      .filter((r) => r.subjectType === 'menu-item' && r.subjectId === String(id))
      .map((r) => r.action);
    expect(actions.sort()).toEqual(
      ['menu.add', 'menu.move-down', 'menu.move-up', 'menu.move-up', 'menu.remove', 'menu.update'].sort(),
    );
  });

  it('marks a link to another site, and refuses an address that is not a web or email address', async () => {
    const refused = await editor.post(
      '/admin/navigation/new',
      { menu: 'footer', labelEn: 'Partner', target: 'url', url: 'javascript:alert(1)' },
      { from: '/admin/navigation/new?menu=footer' },
    );
    expect(refused.status).toBe(422);
    const form = await refused.text();
    expect(form).toContain('id="url-error"');
    expect(form).toContain('value="javascript:alert(1)"');
    expect(form).toContain('value="Partner"');
    const tooLong = await editor.post(
      '/admin/navigation/new',
      { menu: 'footer', labelEn: 'x'.repeat(61), target: 'page:about' },
      { from: '/admin/navigation/new?menu=footer' },
    );
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain('id="labelEn-error"');

    const added = await editor.post(
      '/admin/navigation/new',
      { menu: 'footer', labelEn: 'Partner coalition', target: 'url', url: 'https://partner.example/' },
      { from: '/admin/navigation/new?menu=footer' },
    );
    expect(added.status).toBe(303);
    for (const [path, words] of [
      ['/', 'another site'],
      ['/es', 'otro sitio'],
    ] as const) {
      const footer = footerOf(await (await app.request(path, { headers: english })).text());
      expect(footer).toContain('<a href="https://partner.example/" rel="noopener" class="external-link">');
      expect(footer).toContain(`<span class="visually-hidden"> (${words})</span>`);
    }
  });

  it('leaves out an item whose page is unpublished, and flags it in the editor', async () => {
    await createPage(database().db, { slug: 'report', locale: 'en', title: 'Annual report' });
    await editor.post(
      '/admin/navigation/new',
      { menu: 'main', labelEn: 'Report', target: 'page:report' },
      { from: '/admin/navigation/new?menu=main' },
    );
    expect(navOf(await page('/'))).toContain('<a href="/report">Report</a>');
    await setPagePublished(database().db, 'report', 'en', false, { staffId: null, email: '', ip: '' });
    expect(navOf(await page('/'))).not.toContain('/report');
    const editorScreen = await (await editor.request('/admin/navigation')).text();
    expect(editorScreen).toContain('Broken: what it led to (page “report”) is unpublished or deleted');
  });

  it('reorders a whole menu from a plain form, and refuses an order from an out-of-date page', async () => {
    const before = await order('footer');
    const reversed = [...before].reverse().map((i) => i.id);
    const res = await editor.post(
      '/admin/navigation/footer/order',
      { order: reversed.join(',') },
      { from: '/admin/navigation' },
    );
    expect(res.headers.get('location')).toBe('/admin/navigation?notice=saved');
    expect((await order('footer')).map((i) => i.id)).toEqual(reversed);
    const stale = await editor.post(
      '/admin/navigation/footer/order',
      { order: reversed.slice(1).join(',') },
      { from: '/admin/navigation' },
    );
    expect(stale.headers.get('location')).toBe('/admin/navigation?notice=changed-meanwhile');
    expect((await order('footer')).map((i) => i.id)).toEqual(reversed);
  });

  it('lets every member of staff look, and only content writers change', async () => {
    const screen = await viewer.request('/admin/navigation');
    expect(screen.status).toBe(200);
    const html = await screen.text();
    expect(html).toContain('Your role may look, not change them.');
    expect(html).not.toContain('/move"');
    const id = (await order('main'))[0]!.id;
    const move = await viewer.post(
      `/admin/navigation/items/${id}/move`,
      { direction: 'down' },
      { from: '/admin/navigation' },
    );
    expect(move.status).toBe(403);
    expect((await order('main'))[0]!.id).toBe(id);
  });
});
