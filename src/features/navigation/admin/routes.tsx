import { Hono, type Context } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import { readForm, formText } from '../../../platform/http/form-body.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import type { LinkTargets } from '../../../platform/web/link-targets.ts';
import { itemFields, menuItemInput, menuName, URL_TARGET } from '../inputs.ts';
import {
  addMenuItem,
  getMenuItem,
  menusForStaff,
  moveMenuItem,
  removeMenuItem,
  reorderMenu,
  targetKey,
  updateMenuItem,
  type MenuItem,
} from '../menus.ts';
import { navigationPermissions } from '../permissions.ts';
import type { MenuName } from '../schema.ts';
import { ensureMenus } from '../seed.ts';
import { base, ItemForm, MenusScreen, type ItemFormValues } from './views.tsx';

export type NavigationScreens = { db: Db; frame: AdminFrame; targets: LinkTargets };

const itemId = '/items/:id{[0-9]{1,9}}';
const fields = ['labelEn', 'labelEs', 'target', 'url', 'hidden'] as const;

const valuesOf = (item: MenuItem): ItemFormValues => ({
  labelEn: item.labelEn,
  labelEs: item.labelEs,
  target: item.url !== null ? URL_TARGET : `${item.targetKind}:${item.targetRef}`,
  url: item.url ?? '',
  hidden: item.hidden ? 'on' : '',
});

/** The menu editor, mounted at /admin/navigation: both menus, and a screen per item to add, edit or remove. */
export function navigationAdminRoutes(screens: NavigationScreens): Hono<AdminEnv> {
  const { db, frame, targets } = screens;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(navigationPermissions.view));

  const itemForm = async (
    c: Context<AdminEnv>,
    state: { item?: MenuItem; menu?: MenuName; values: ItemFormValues; errors: FieldErrors },
  ) => {
    const { item, values, errors } = state;
    const failed = Object.keys(errors).length > 0;
    const heading = item
      ? `Edit “${item.labelEn}”`
      : `Add an item to the ${state.menu === 'footer' ? 'footer' : 'main menu'}`;
    return frame.render(c, {
      title: failed ? `Error: ${heading}` : heading,
      current: 'navigation',
      status: failed ? 422 : 200,
      body: (
        <ItemForm
          heading={heading}
          action={item ? `${base}/items/${item.id}` : `${base}/new`}
          token={frame.csrfToken(c)}
          targets={await targets()}
          values={values}
          errors={errors}
          menu={item ? undefined : state.menu}
          submit={item ? 'Save' : 'Add it'}
        />
      ),
    });
  };

  /** The posted item, checked: its fields, and that what it leads to is offered (or is what it led to before). */
  const readItem = async (c: Context<AdminEnv>, before?: MenuItem) => {
    const form = await readForm(c);
    const values = Object.fromEntries(fields.map((name) => [name, formText(form, name)])) as ItemFormValues;
    const parsed = menuItemInput.safeParse({ ...values, hidden: values.hidden || undefined });
    if (!parsed.success) return { form, values, errors: fieldErrors(parsed.error.issues) };
    const item = itemFields(parsed.data);
    if (!('url' in item.target)) {
      const key = targetKey(item.target);
      const unchanged = before && before.url === null && key === `${before.targetKind}:${before.targetRef}`;
      if (!unchanged && !(await targets()).some((t) => targetKey(t) === key))
        return { form, values, errors: { target: 'Choose something from the list: that is not published' } };
    }
    return { form, values, errors: {}, item };
  };

  app.get('/', async (c) => {
    await ensureMenus(db);
    const staff = c.get('staff')!;
    return frame.render(c, {
      title: 'Navigation',
      current: 'navigation',
      body: (
        <MenusScreen
          menus={await menusForStaff(db, targets)}
          token={frame.csrfToken(c)}
          mayEdit={navigationPermissions.edit(staff)}
        />
      ),
    });
  });

  app.get('/new', frame.allow(navigationPermissions.edit), (c) => {
    const menu = menuName.catch('main').parse(c.req.query('menu'));
    return itemForm(c, { menu, values: {}, errors: {} });
  });

  app.post('/new', frame.allow(navigationPermissions.edit), async (c) => {
    const read = await readItem(c);
    const menu = menuName.safeParse(formText(read.form, 'menu'));
    if (!menu.success)
      return itemForm(c, { menu: 'main', values: read.values, errors: { ...read.errors, form: 'Choose a menu' } });
    if (!read.item) return itemForm(c, { menu: menu.data, values: read.values, errors: read.errors });
    const row = await addMenuItem(db, menu.data, read.item, frame.actor(c));
    return c.redirect(`${base}?notice=created#item-${row.id}`, 303);
  });

  app.get(itemId, frame.allow(navigationPermissions.edit), async (c) => {
    const item = await getMenuItem(db, Number(c.req.param('id')));
    if (!item) return c.notFound();
    return itemForm(c, { item, values: valuesOf(item), errors: {} });
  });

  app.post(itemId, frame.allow(navigationPermissions.edit), async (c) => {
    const item = await getMenuItem(db, Number(c.req.param('id')));
    if (!item) return c.notFound();
    const read = await readItem(c, item);
    if (!read.item) return itemForm(c, { item, values: read.values, errors: read.errors });
    if (!(await updateMenuItem(db, item.id, read.item, frame.actor(c)))) return c.notFound();
    return c.redirect(`${base}?notice=saved#item-${item.id}`, 303);
  });

  app.post(`${itemId}/move`, frame.allow(navigationPermissions.edit), async (c) => {
    const id = Number(c.req.param('id'));
    const direction = formText(await readForm(c), 'direction');
    if (direction !== 'up' && direction !== 'down') return c.redirect(base, 303);
    if (!(await moveMenuItem(db, id, direction, frame.actor(c)))) return c.notFound();
    // Back to the item itself, so a keyboard user carries on from where they were.
    return c.redirect(`${base}?notice=saved#item-${id}`, 303);
  });

  const confirmRemoval = async (c: Context<AdminEnv>, item: MenuItem) =>
    frame.render(c, {
      title: `Remove “${item.labelEn}”?`,
      current: 'navigation',
      body: (
        <ConfirmationPage
          title={`Remove “${item.labelEn}” from the ${item.menu === 'main' ? 'main menu' : 'footer'}?`}
          consequences={['It goes from every public page at once, in both languages. What it leads to is not changed.']}
          action={`${base}/items/${item.id}/remove`}
          token={frame.csrfToken(c)}
          confirmLabel="Yes, remove it"
          cancelHref={base}
          destructive
        />
      ),
    });

  app.get(`${itemId}/remove`, frame.allow(navigationPermissions.edit), async (c) => {
    const item = await getMenuItem(db, Number(c.req.param('id')));
    return item ? confirmRemoval(c, item) : c.notFound();
  });

  app.post(`${itemId}/remove`, frame.allow(navigationPermissions.edit), async (c) => {
    const item = await getMenuItem(db, Number(c.req.param('id')));
    if (!item) return c.notFound();
    if (formText(await readForm(c), 'confirmed') !== 'yes') return confirmRemoval(c, item);
    await removeMenuItem(db, item.id, frame.actor(c));
    return c.redirect(`${base}?notice=deleted`, 303);
  });

  // A whole menu's order, as ids ("3,1,2"): what the workspace script sends after a drag, as a plain form.
  app.post('/:menu{main|footer}/order', frame.allow(navigationPermissions.edit), async (c) => {
    const menu = c.req.param('menu') as MenuName;
    const order = formText(await readForm(c), 'order');
    const ids = /^\d{1,9}(,\d{1,9}){0,199}$/.test(order) ? order.split(',').map(Number) : [];
    const outcome = await reorderMenu(db, menu, ids, frame.actor(c));
    if (outcome === 'stale') return c.redirect(`${base}?notice=changed-meanwhile`, 303);
    return c.redirect(`${base}?notice=saved`, 303);
  });

  return app;
}
