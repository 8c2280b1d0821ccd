import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import type { ActionSource } from '../../../platform/supporter-actions.ts';
import { supporterPermissions } from '../permissions.ts';
import { listSupporters, supporterFilterChoices } from '../records.ts';
import { segmentNames, type SegmentContext } from '../segments.ts';
import { actionChoices, listScope } from './list-scope.ts';
import { SupporterListPage } from './views/list.tsx';

const PER_PAGE = 50;
const page = z.coerce.number().int().min(1).max(100_000).default(1).catch(1);
// After a bulk action: how many people it changed, by number only, so no text travels in the address.
const bulkDone = z.object({
  bulk: z.enum(['tagged', 'untagged']),
  people: z.coerce.number().int().min(0).max(100_000_000),
});

/** The context the segment screens and the list work in: the app's action sources and the workspace's zone. */
export async function segmentContext(deps: {
  frame: AdminFrame;
  actions?: readonly ActionSource[] | undefined;
}): Promise<SegmentContext> {
  return { sources: deps.actions ?? [], timeZone: await deps.frame.timeZone() };
}

/** The list of supporters with its filters, a saved segment's people, and the ways to act on them all. */
export function mountSupporterList(
  app: Hono<AdminEnv>,
  deps: { db: Db; frame: AdminFrame; actions?: readonly ActionSource[] | undefined; dataDir?: string | undefined },
): void {
  const { db, frame } = deps;
  app.get('/', async (c: Context<AdminEnv>) => {
    const ctx = await segmentContext(deps);
    const params = new URL(c.req.url).searchParams;
    const scope = await listScope(db, params, ctx);
    if (scope === 'missing') return c.notFound();
    const current = page.parse(params.get('page') ?? undefined);
    const done = bulkDone.safeParse({ bulk: params.get('bulk'), people: params.get('people') });
    const [result, choices, actions, segments] = await Promise.all([
      listSupporters(db, { topic: scope.filters.topic, also: scope.where, page: current, perPage: PER_PAGE }),
      supporterFilterChoices(db),
      actionChoices(db, ctx.sources),
      segmentNames(db),
    ]);
    const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
    const staff = c.get('staff')!;
    return frame.render(c, {
      title: 'Supporters',
      current: 'supporters',
      body: (
        <SupporterListPage
          timeZone={ctx.timeZone}
          rows={result.rows}
          total={result.total}
          perPage={PER_PAGE}
          page={current}
          filters={scope.filters}
          segment={scope.segment}
          basedOn={scope.basedOn}
          segments={segments}
          counties={choices.counties}
          tags={choices.tags}
          actions={actions}
          canAdd={supporterPermissions.add(staff)}
          canTag={supporterPermissions.tag(staff)}
          canImport={Boolean(deps.dataDir) && supporterPermissions.importList(staff)}
          canExport={supporterPermissions.exportList(staff)}
          notice={
            done.success
              ? `${done.data.bulk === 'tagged' ? 'Added the tag to' : 'Removed the tag from'} ${people(done.data.people)}.`
              : undefined
          }
        />
      ),
    });
  });
}
