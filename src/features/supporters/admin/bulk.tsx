import type { Context, Hono } from 'hono';
import { count } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import type { ActionSource } from '../../../platform/supporter-actions.ts';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import { bulkTag, bulkUntag } from '../bulk-tags.ts';
import { supporterPermissions } from '../permissions.ts';
import { supporterFilterChoices, tagInput } from '../records.ts';
import { supporters } from '../schema.ts';
import { describeFilters } from './views/filter-fields.tsx';
import { BulkTagPage } from './views/bulk.tsx';
import { segmentContext } from './list.tsx';
import { actionChoices, listScope, type ListScope } from './list-scope.ts';

/**
 * Tagging and untagging everyone a filtered list or a segment holds (issue 18), mounted by admin/routes.tsx under
 * /admin/supporters/bulk. The scope travels as the list's query string; the count shown is checked again when the
 * form comes back, so nobody tags more people than the page said.
 */
export function mountBulkTagging(
  app: Hono<AdminEnv>,
  deps: { db: Db; frame: AdminFrame; actions?: readonly ActionSource[] | undefined },
): void {
  const { db, frame } = deps;
  const mayTag = frame.allow(supporterPermissions.tag);

  const peopleIn = async (scope: ListScope) => {
    const [row] = await db.select({ n: count() }).from(supporters).where(scope.where);
    return Number(row?.n ?? 0);
  };

  const page = async (
    c: Context<AdminEnv>,
    mode: 'tag' | 'untag',
    params: URLSearchParams,
    typed = '',
    errors: FieldErrors = {},
    status = 200,
  ) => {
    const ctx = await segmentContext(deps);
    const scope = await listScope(db, params, ctx);
    if (scope === 'missing') return c.notFound();
    const [people, actions, choices] = await Promise.all([
      peopleIn(scope),
      actionChoices(db, ctx.sources),
      supporterFilterChoices(db),
    ]);
    const failed = Object.keys(errors).length > 0;
    const title = mode === 'tag' ? 'Tag everyone in the list' : 'Remove a tag from everyone in the list';
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}${title}`,
      current: 'supporters',
      status,
      body: (
        <BulkTagPage
          mode={mode}
          action={`/admin/supporters/bulk/${mode}`}
          token={frame.csrfToken(c)}
          people={people}
          who={scope.segment ? [`the segment “${scope.segment.name}”`] : describeFilters(scope.filters, actions)}
          scope={scope.query.replace(/^\?/, '')}
          listHref={`/admin/supporters${scope.query}`}
          tag={typed}
          tags={choices.tags}
          errors={errors}
        />
      ),
    });
  };

  for (const mode of ['tag', 'untag'] as const) {
    app.get(`/bulk/${mode}`, mayTag, (c) => page(c, mode, new URL(c.req.url).searchParams));

    app.post(`/bulk/${mode}`, mayTag, async (c) => {
      const body = await c.req.parseBody();
      const params = new URLSearchParams(typeof body.scope === 'string' ? body.scope : '');
      const typed = typeof body.tag === 'string' ? body.tag : '';
      const tag = tagInput.safeParse(typed);
      if (!tag.success) return page(c, mode, params, typed, { tag: tag.error.issues[0]?.message }, 400);
      const ctx = await segmentContext(deps);
      const scope = await listScope(db, params, ctx);
      if (scope === 'missing') return c.notFound();
      const people = await peopleIn(scope);
      if (String(people) !== body.people) {
        const now = people === 1 ? '1 person' : `${people} people`;
        const message = `The list changed since the page was shown: it holds ${now} now. Check, then confirm again.`;
        return page(c, mode, params, typed, { tag: message }, 409);
      }
      const act = mode === 'tag' ? bulkTag : bulkUntag;
      const changed = await act(db, { where: scope.where, segmentId: scope.segment?.id }, tag.data, frame.actor(c));
      const back = new URLSearchParams(scope.query.replace(/^\?/, ''));
      back.set('bulk', mode === 'tag' ? 'tagged' : 'untagged');
      back.set('people', String(changed));
      return c.redirect(`/admin/supporters?${back}`, 303);
    });
  }
}
