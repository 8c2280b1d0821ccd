import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import type { PersonRowsPart } from '../../../platform/person-merge.ts';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { likelyDuplicates } from '../duplicates.ts';
import { listMerges, mergeChoicesInput, mergeFields, mergeSupporters, undoMerge } from '../merge.ts';
import { supporterPermissions } from '../permissions.ts';
import { getSupporterRecord } from '../records.ts';
import { DuplicatesPage, MergeLogPage, MergePage, type MergeCounts } from './views/merge.tsx';

const PER_PAGE = 50;
const pair = ':kept{[0-9]{1,9}}/:other{[0-9]{1,9}}';
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1) });

/** What the merge screen's radio buttons sent, each as sent (a refusal shows the same choices ticked). */
async function typedChoices(c: Context<AdminEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const name of ['email', ...mergeFields, 'confirm'])
    if (typeof body[name] === 'string') values[name] = body[name];
  return values;
}

/**
 * Likely duplicates, the merge of two records of one person, and its undo for 30 days (ADR 069): mounted by
 * admin/routes.tsx under /admin/supporters. Each other feature's rows of a person come in as parts from the app.
 */
export function mountMerging(
  app: Hono<AdminEnv>,
  deps: { db: Db; frame: AdminFrame; personRows?: readonly PersonRowsPart[] },
): void {
  const { db, frame } = deps;
  const parts = deps.personRows ?? [];
  const allow = frame.allow(supporterPermissions.merge);

  app.get('/duplicates', allow, async (c) => {
    const { page } = pageQuery.parse(c.req.query());
    const found = await likelyDuplicates(db, { page, perPage: PER_PAGE });
    return frame.render(c, {
      title: 'Likely duplicates',
      current: 'supporters',
      body: <DuplicatesPage pairs={found.pairs} total={found.total} page={page} perPage={PER_PAGE} />,
    });
  });

  const mergeForm = async (
    c: Context<AdminEnv>,
    values: Record<string, string>,
    errors: FieldErrors = {},
    status = 200,
  ) => {
    const keptId = Number(c.req.param('kept'));
    const otherId = Number(c.req.param('other'));
    if (keptId === otherId) return c.notFound();
    const [kept, other, timeZone] = await Promise.all([
      getSupporterRecord(db, keptId),
      getSupporterRecord(db, otherId),
      frame.timeZone(),
    ]);
    if (!kept || !other) return c.notFound();
    const counts: MergeCounts = [
      { label: 'Consent records', kept: kept.consents.length, other: other.consents.length },
      { label: 'Tags', kept: kept.tags.length, other: other.tags.length },
    ];
    for (const part of parts) {
      if (!part.activity || !part.heading) continue;
      const [ours, theirs] = await Promise.all([part.activity(db, keptId), part.activity(db, otherId)]);
      counts.push({ label: part.heading, kept: ours.length, other: theirs.length });
    }
    return frame.render(c, {
      title: `${Object.keys(errors).length > 0 ? 'Error: ' : ''}Merge record #${otherId} into #${keptId}`,
      current: 'supporters',
      status,
      body: (
        <MergePage
          kept={kept.person}
          other={other.person}
          counts={counts}
          values={values}
          errors={errors}
          token={frame.csrfToken(c)}
          timeZone={timeZone}
        />
      ),
    });
  };

  // Each detail starts on the kept record's value, or the other's where the kept record has none.
  app.get(`/merge/${pair}`, allow, async (c) => {
    const [kept, other] = await Promise.all([
      getSupporterRecord(db, Number(c.req.param('kept'))),
      getSupporterRecord(db, Number(c.req.param('other'))),
    ]);
    const values: Record<string, string> = { email: 'kept' };
    for (const field of mergeFields) values[field] = !kept?.person[field] && other?.person[field] ? 'other' : 'kept';
    return mergeForm(c, values);
  });

  app.post(`/merge/${pair}`, allow, async (c) => {
    const [kept, other] = await Promise.all([
      getSupporterRecord(db, Number(c.req.param('kept'))),
      getSupporterRecord(db, Number(c.req.param('other'))),
    ]);
    if (!kept) return c.notFound();
    // Sent twice (a second click, the back button): the first merged them, so this one shows the result.
    if (!other) return c.redirect(`/admin/supporters/${kept.person.id}`, 303);
    const values = await typedChoices(c);
    const parsed = mergeChoicesInput.safeParse(values);
    if (!parsed.success) return mergeForm(c, values, fieldErrors(parsed.error.issues), 400);
    const ids = { keptId: Number(c.req.param('kept')), otherId: Number(c.req.param('other')) };
    const merged = await mergeSupporters(db, ids, parsed.data, frame.actor(c), parts);
    if (merged.outcome !== 'merged') return c.notFound();
    return c.redirect(`/admin/supporters/${ids.keptId}?merge=merged`, 303);
  });

  const logPage = async (c: Context<AdminEnv>, options: { notice?: string; error?: string; status?: number } = {}) =>
    frame.render(c, {
      title: options.error ? 'Error: Merges' : 'Merges',
      current: 'supporters',
      status: options.status ?? 200,
      body: (
        <MergeLogPage
          merges={await listMerges(db)}
          token={frame.csrfToken(c)}
          timeZone={await frame.timeZone()}
          notice={options.notice}
          error={options.error}
        />
      ),
    });

  app.get('/merges', allow, (c) => logPage(c));

  const refusals = {
    missing: 'That merge is no longer in the log: it was undone already, or is past its 30 days.',
    expired: 'That merge is more than 30 days old and can no longer be undone.',
    'email-taken':
      'One of the two addresses now belongs to another supporter, so the records cannot be parted. ' +
      'Change that supporter’s address first, or leave the merge as it is.',
  } as const;

  app.post('/merges/:merge{[0-9]{1,9}}/undo', allow, async (c) => {
    const undone = await undoMerge(db, Number(c.req.param('merge')), frame.actor(c), parts);
    if (undone.outcome === 'undone') return c.redirect(`/admin/supporters/${undone.restoredId}?merge=unmerged`, 303);
    return logPage(c, { error: refusals[undone.outcome], status: undone.outcome === 'missing' ? 404 : 409 });
  });
}
