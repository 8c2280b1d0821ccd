import type { Context, Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import type { ActionSource } from '../../../platform/supporter-actions.ts';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import { supporterPermissions } from '../permissions.ts';
import { segmentFiltersFrom, type SegmentFilters } from '../segment-filters.ts';
import {
  countMatching,
  deleteSegment,
  getSegment,
  listSegments,
  saveSegment,
  SEGMENT_NAME_TAKEN,
  segmentName,
  type Segment,
} from '../segments.ts';
import { segmentContext } from './list.tsx';
import { actionChoices } from './list-scope.ts';
import { SegmentForm, SegmentListPage } from './views/segments.tsx';

const segmentId = ':segment{[0-9]{1,9}}';

/**
 * Saved segments (issue 18), mounted by admin/routes.tsx under /admin/supporters/segments: the list with live counts,
 * saving the list's filters under a name, renaming or changing one, and deleting one after asking.
 */
export function mountSegments(
  app: Hono<AdminEnv>,
  deps: { db: Db; frame: AdminFrame; actions?: readonly ActionSource[] | undefined },
): void {
  const { db, frame } = deps;
  const mayChange = frame.allow(supporterPermissions.segments);

  app.get('/segments', async (c) => {
    const ctx = await segmentContext(deps);
    const [segments, actions] = await Promise.all([listSegments(db, ctx), actionChoices(db, ctx.sources)]);
    return frame.render(c, {
      title: 'Saved segments',
      current: 'supporters',
      body: (
        <SegmentListPage
          segments={segments}
          actions={actions}
          canChange={supporterPermissions.segments(c.get('staff')!)}
        />
      ),
    });
  });

  type FormState = { name: string; filters: SegmentFilters; newFilters: boolean; errors: FieldErrors };
  const form = async (c: Context<AdminEnv>, segment: Segment | undefined, state: FormState) => {
    const ctx = await segmentContext(deps);
    const [count, actions] = await Promise.all([countMatching(db, state.filters, ctx), actionChoices(db, ctx.sources)]);
    const failed = Object.keys(state.errors).length > 0;
    const heading = segment ? `Edit the segment “${segment.name}”` : 'Save these filters as a segment';
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}${heading}`,
      current: 'supporters',
      status: failed ? 400 : 200,
      body: (
        <SegmentForm
          action={segment ? `/admin/supporters/segments/${segment.id}/edit` : '/admin/supporters/segments/new'}
          token={frame.csrfToken(c)}
          heading={heading}
          name={state.name}
          filters={state.filters}
          newFilters={state.newFilters}
          count={count}
          actions={actions}
          errors={state.errors}
        />
      ),
    });
  };
  const kinds = () => (deps.actions ?? []).map((s) => s.kind);
  const queryFilters = (c: Context<AdminEnv>) => new URL(c.req.url).searchParams;
  const found = async (c: Context<AdminEnv>) => getSegment(db, Number(c.req.param('segment')));

  /** A posted segment form: its name checked, its filters read from the hidden field as the list reads them. */
  const posted = async (c: Context<AdminEnv>, segment: Segment | undefined) => {
    const body = await c.req.parseBody();
    const typed = typeof body.name === 'string' ? body.name : '';
    const filters = segmentFiltersFrom(
      new URLSearchParams(typeof body.filters === 'string' ? body.filters : ''),
      kinds(),
    );
    const state = { name: typed, filters, newFilters: segment !== undefined, errors: {} };
    const name = segmentName.safeParse(typed);
    if (!name.success) return form(c, segment, { ...state, errors: { name: name.error.issues[0]?.message } });
    const outcome = await saveSegment(db, { id: segment?.id, name: name.data, filters }, frame.actor(c));
    if ('taken' in outcome) return form(c, segment, { ...state, errors: { name: SEGMENT_NAME_TAKEN } });
    if ('missing' in outcome) return c.notFound();
    return c.redirect(`/admin/supporters?segment=${outcome.saved.id}`, 303);
  };

  app.get('/segments/new', mayChange, (c) =>
    form(c, undefined, {
      name: '',
      filters: segmentFiltersFrom(queryFilters(c), kinds()),
      newFilters: true,
      errors: {},
    }),
  );
  app.post('/segments/new', mayChange, (c) => posted(c, undefined));

  app.get(`/segments/${segmentId}/edit`, mayChange, async (c) => {
    const segment = await found(c);
    if (!segment) return c.notFound();
    // Brought from the list with filters: those replace the segment's; opened from the segments, it keeps its own.
    const brought = segmentFiltersFrom(queryFilters(c), kinds());
    const newFilters = queryFilters(c).size > 0;
    return form(c, segment, {
      name: segment.name,
      filters: newFilters ? brought : segment.filters,
      newFilters,
      errors: {},
    });
  });
  app.post(`/segments/${segmentId}/edit`, mayChange, async (c) => {
    const segment = await found(c);
    return segment ? posted(c, segment) : c.notFound();
  });

  const askToDelete = async (c: Context<AdminEnv>, status: 200 | 400) => {
    const segment = await found(c);
    if (!segment) return c.notFound();
    return frame.render(c, {
      title: `${status === 400 ? 'Error: ' : ''}Delete the segment “${segment.name}”?`,
      current: 'supporters',
      status,
      body: (
        <>
          {status === 400 ? (
            <p class="error-message" role="alert">
              Nothing was deleted: press “Yes, delete the segment” to delete it.
            </p>
          ) : null}
          <ConfirmationPage
            title={`Delete the segment “${segment.name}”?`}
            consequences={[
              'The segment’s name and filters are deleted. Nobody’s record, tag or subscription changes.',
              'A broadcast already saved for this segment keeps the people it held then, and still goes to them.',
            ]}
            action={`/admin/supporters/segments/${segment.id}/delete`}
            token={frame.csrfToken(c)}
            confirmLabel="Yes, delete the segment"
            cancelHref="/admin/supporters/segments"
            destructive
          />
        </>
      ),
    });
  };
  app.get(`/segments/${segmentId}/delete`, mayChange, (c) => askToDelete(c, 200));
  app.post(`/segments/${segmentId}/delete`, mayChange, async (c) => {
    const body = await c.req.parseBody();
    if (body.confirmed !== 'yes') return askToDelete(c, 400);
    if (!(await deleteSegment(db, Number(c.req.param('segment')), frame.actor(c)))) return c.notFound();
    return c.redirect('/admin/supporters/segments?notice=deleted', 303);
  });
}
