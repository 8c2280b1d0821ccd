import type { Context, Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { contentPermissions } from '../permissions.ts';
import type { EditOutcome, Editor, StaffPolicy, StaffResource } from '../service.ts';
import { afterWrite, type ContentScreens } from './requests.ts';
import { ConfirmDelete } from './views/common.tsx';

export const slugParam = ':slug{[a-z0-9-]{1,80}}';

/** What the policy and resource forms show about the item and this person's permissions. */
export async function itemFormState(
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
 * Publish, unpublish and delete (with its confirmation page) for a policy or
 * a resource: the same steps for both, mounted on each one's screens.
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

  for (const [action, published] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    app.post(`/${slugParam}/${action}`, frame.allow(contentPermissions.publish), async (c) => {
      const slug = c.req.param('slug')!;
      const outcome = await item.setPublished(db, slug, published, frame.actor(c));
      const result = await afterWrite(c, screens, outcome, `${item.base}/${slug}`, `${action}ed`);
      return result instanceof Response ? result : c.notFound();
    });
  }

  const confirm = async (c: Context<AdminEnv>) => {
    const slug = c.req.param('slug')!;
    const title = await item.title(db, slug);
    if (title === undefined) return c.notFound();
    return frame.render(c, {
      title: `Delete ${title}`,
      current: 'content',
      body: (
        <ConfirmDelete
          title={`“${title}”`}
          what={`this ${item.kind} in both languages`}
          action={`${item.base}/${slug}/delete`}
          cancel={`${item.base}/${slug}`}
          token={frame.csrfToken(c)}
        />
      ),
    });
  };

  app.get(`/${slugParam}/delete`, frame.allow(contentPermissions.remove), confirm);

  app.post(`/${slugParam}/delete`, frame.allow(contentPermissions.remove), async (c) => {
    const outcome = await item.remove(db, c.req.param('slug')!, frame.actor(c));
    const result = await afterWrite(c, screens, outcome, item.base, 'deleted');
    return result instanceof Response ? result : c.notFound();
  });
}
