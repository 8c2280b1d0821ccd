import type { Context, Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { contentPermissions } from '../permissions.ts';
import type { EditOutcome, Editor, StaffPolicy, StaffResource } from '../service.ts';
import { askFirst, isConfirmed, itemGoneConsequences } from './confirmations.tsx';
import { afterWrite, readForm, type ContentScreens } from './requests.ts';

export const slugParam = ':slug{[a-z0-9-]{1,80}}';

/** What the policy and resource forms show about the item and this person's permissions. */
export function itemFormState(
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
  };
}

/**
 * Publish, unpublish and delete for a policy or a resource: the same steps
 * for both, mounted on each one's screens. Unpublish and delete ask first
 * on a page that says what visitors will see; only the form posted from it
 * (`confirmed=yes`) acts.
 */
export function addLifecycleRoutes(
  app: Hono<AdminEnv>,
  screens: ContentScreens,
  item: {
    kind: 'policy' | 'resource';
    base: string;
    title: (db: Db, slug: string) => Promise<string | undefined>;
    setPublished: (db: Db, slug: string, published: boolean, editor: Editor) => Promise<EditOutcome>;
    remove: (db: Db, slug: string, editor: Editor) => Promise<EditOutcome>;
  },
): void {
  const { db, frame } = screens;
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
      const title = await item.title(db, slug);
      if (title === undefined) return c.notFound();
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
