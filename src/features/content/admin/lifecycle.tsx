import type { Context, Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { contentPermissions } from '../permissions.ts';
import { itemTitle, type EditOutcome, type Editor, type StaffPolicy, type StaffResource } from '../service.ts';
import type { StaffItem } from '../translated-editing.ts';
import type { PolicySnapshot, ResourceSnapshot } from '../versions.ts';
import { askFirst, isConfirmed, itemGoneConsequences } from './confirmations.tsx';
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import { afterWrite, readForm, renderForm, type ContentScreens } from './requests.ts';
import type { FormValues } from './views/pages.tsx';
import { ItemFormView, ItemListView } from './views/translated.tsx';

export const slugParam = ':slug{[a-z0-9-]{1,80}}';

/** What the policy and resource forms show about the item and this person's permissions. */
async function itemFormState(
  c: Context<AdminEnv>,
  screens: ContentScreens,
  stored: StaffPolicy | StaffResource | undefined,
) {
  const staff = c.get('staff')!;
  return {
    item: stored ? { ...stored.snapshot, updatedAt: stored.updatedAt, status: stored.status } : undefined,
    token: screens.frame.csrfToken(c),
    readOnly: !contentPermissions.edit(staff),
    can: { publish: contentPermissions.publish(staff), remove: contentPermissions.remove(staff) },
    timeZone: await screens.frame.timeZone(),
  };
}

/**
 * The policy or resource form: renders with "Error:" or "Preview:" leading
 * the title as renderForm does, the item's state and this person's rights.
 */
export async function renderItemForm(
  c: Context<AdminEnv>,
  screens: ContentScreens,
  page: {
    kind: 'policy' | 'resource';
    base: string;
    heading: string;
    stored: StaffPolicy | StaffResource | undefined;
    values: FormValues;
    errors: FieldErrors;
    facts: Child;
    preview: Child | undefined;
    multipart?: boolean;
  },
): Promise<Response> {
  const state = await itemFormState(c, screens, page.stored);
  return renderForm(c, screens, {
    heading: page.heading,
    errors: page.errors,
    previewing: Boolean(page.preview),
    body: (
      <ItemFormView
        kind={page.kind}
        base={page.base}
        heading={page.heading}
        {...state}
        values={page.values}
        errors={page.errors}
        multipart={page.multipart}
        facts={page.facts}
        preview={page.preview}
      />
    ),
  });
}

/** A policy or a resource as its screens list, find, publish and remove it. */
export type ItemScreens<S extends PolicySnapshot | ResourceSnapshot> = {
  kind: S['kind'];
  base: string;
  heading: string;
  addLabel: string;
  /** The list's second column: its heading, and what it says of each item. */
  detailLabel: string;
  detail: (snapshot: S) => string;
  list: (db: Db) => Promise<StaffItem<S>[]>;
  find: (db: Db, slug: string) => Promise<StaffItem<S> | undefined>;
  setPublished: (db: Db, slug: string, published: boolean, editor: Editor) => Promise<EditOutcome>;
  remove: (db: Db, slug: string, editor: Editor) => Promise<EditOutcome>;
};

/**
 * The list, and publish, unpublish and delete, for a policy or a resource:
 * the same steps for both, mounted on each one's screens. Unpublish and
 * delete ask first on a page that says what visitors will see; only the
 * form posted from it (`confirmed=yes`) acts.
 */
export function addItemRoutes<S extends PolicySnapshot | ResourceSnapshot>(
  app: Hono<AdminEnv>,
  screens: ContentScreens,
  item: ItemScreens<S>,
): void {
  const { db, frame } = screens;

  app.get('/', async (c) => {
    const rows = (await item.list(db)).map((stored) => ({
      slug: stored.snapshot.slug,
      title: itemTitle(stored.snapshot),
      detail: item.detail(stored.snapshot),
      published: stored.snapshot.published,
      status: stored.status,
    }));
    return frame.render(c, {
      title: item.heading,
      current: 'content',
      body: (
        <ItemListView
          heading={item.heading}
          base={item.base}
          addLabel={item.addLabel}
          rows={rows}
          canEdit={contentPermissions.edit(c.get('staff')!)}
          detailLabel={item.detailLabel}
        />
      ),
    });
  });

  const steps = {
    unpublish: {
      allowed: frame.allow(contentPermissions.publish),
      question: (title: string) => `Unpublish the ${item.kind} “${title}”?`,
      first: [] as string[],
      last: 'Nothing is deleted: you can publish it again at any time.',
      confirmLabel: 'Yes, unpublish it',
      act: (slug: string, editor: Editor) => item.setPublished(db, slug, false, editor),
      next: (slug: string) => `${item.base}/${slug}`,
      notice: 'unpublished',
    },
    delete: {
      allowed: frame.allow(contentPermissions.remove),
      question: (title: string) => `Delete the ${item.kind} “${title}”?`,
      first: ['It is removed from the site and from this workspace, in both languages.'],
      last: 'Its earlier versions stay in the history, so it can be put back from there if this was a mistake.',
      confirmLabel: 'Yes, delete it',
      act: (slug: string, editor: Editor) => item.remove(db, slug, editor),
      next: () => item.base,
      notice: 'deleted',
    },
  };

  app.post(`/${slugParam}/publish`, frame.allow(contentPermissions.publish), async (c) => {
    const slug = c.req.param('slug')!;
    const outcome = await item.setPublished(db, slug, true, frame.actor(c));
    const result = await afterWrite(c, screens, outcome, `${item.base}/${slug}`, 'published');
    return result instanceof Response ? result : c.notFound();
  });

  for (const action of ['unpublish', 'delete'] as const) {
    const step = steps[action];
    const ask = async (c: Context<AdminEnv>) => {
      const slug = c.req.param('slug')!;
      const stored = await item.find(db, slug);
      if (!stored) return c.notFound();
      const title = itemTitle(stored.snapshot);
      return askFirst(c, screens, {
        title: step.question(title),
        consequences: [...step.first, ...itemGoneConsequences(item.kind, slug), step.last],
        action: `${item.base}/${slug}/${action}`,
        confirmLabel: step.confirmLabel,
        cancelHref: `${item.base}/${slug}`,
      });
    };
    app.get(`/${slugParam}/${action}`, step.allowed, ask);
    app.post(`/${slugParam}/${action}`, step.allowed, async (c) => {
      if (!isConfirmed(await readForm(c))) return ask(c);
      const slug = c.req.param('slug')!;
      const outcome = await step.act(slug, frame.actor(c));
      const result = await afterWrite(c, screens, outcome, step.next(slug), step.notice);
      return result instanceof Response ? result : c.notFound();
    });
  }
}
