import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import { sandboxedDocument } from '../../../platform/http/sandboxed-frame.tsx';
import { BackLink } from '../../../platform/web/components.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { recordAudit } from '../../audit/service.ts';
import { knownCounties } from '../../supporters/service.ts';
import { broadcastPermissions } from '../permissions.ts';
import {
  broadcastInput,
  broadcastProgress,
  createBroadcast,
  listBroadcasts,
  updateBroadcast,
  type Audience,
  type ChosenPeople,
} from '../service.ts';
import { broadcastPage, idParam, segmentOptions, type BroadcastDeps } from './broadcast-page.tsx';
import { addSendingRoutes } from './sending.tsx';
import { ComposeForm, type BroadcastValues } from './views/compose.tsx';
import { BroadcastList } from './views/list.tsx';

export type { BroadcastDeps } from './broadcast-page.tsx';

/** What a posted compose form says, as typed, for re-rendering. */
function valuesFrom(form: FormData): BroadcastValues {
  const text = (name: string) => formText(form, name);
  const version = (p: string) => ({
    subject: text(`${p}.subject`),
    preheader: text(`${p}.preheader`),
    body: text(`${p}.body`),
  });
  return {
    name: text('name'),
    en: version('en'),
    es: version('es'),
    audience: {
      topic: text('audience.topic'),
      tag: text('audience.tag'),
      county: text('audience.county'),
      locale: text('audience.locale'),
      segment: text('audience.segment'),
    },
  };
}

const SEGMENT_GONE = 'That segment no longer exists: choose another, or no segment';

/**
 * A chosen segment's people as of now, to be written down with the draft (ADR crm-segments). A segment deleted since
 * the draft was saved leaves the draft the people it held then; one that never was is `missing`.
 */
async function segmentPeople(
  deps: BroadcastDeps,
  segmentId: number | undefined,
  before?: Audience,
): Promise<ChosenPeople | undefined | 'missing'> {
  // People another feature chose (an event's attendees) stay chosen: the form offers no segment for such a draft.
  if (segmentId === undefined || (before?.supporterIds && before.segmentId === undefined)) return undefined;
  const found = await deps.segments?.members(deps.db, segmentId);
  if (found) return { supporterIds: found.supporterIds, label: `Segment “${found.name}”`, segmentId };
  if (before?.segmentId === segmentId && before.supporterIds)
    return { supporterIds: before.supporterIds, label: before.label ?? 'A deleted segment', segmentId };
  return 'missing';
}

/** Compose, preview, test, schedule, cancel and watch broadcasts; mounted at /admin/broadcasts. */
export function broadcastRoutes(deps: BroadcastDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(broadcastPermissions.view));
  const mustSend = frame.allow(broadcastPermissions.send);
  const page = broadcastPage(deps);

  app.get('/', async (c) =>
    frame.render(c, {
      title: 'Broadcasts',
      current: 'broadcasts',
      body: (
        <BroadcastList
          rows={await listBroadcasts(db)}
          timeZone={await page.timeZone()}
          canSend={broadcastPermissions.send(c.get('staff')!)}
        />
      ),
    }),
  );

  const composeNew = async (c: Context<AdminEnv>, values: BroadcastValues, errors: FieldErrors, status = 200) =>
    frame.render(c, {
      title: Object.keys(errors).length ? 'Error: New broadcast' : 'New broadcast',
      current: 'broadcasts',
      status,
      body: (
        <>
          <BackLink href="/admin/broadcasts">Broadcasts</BackLink>
          <h1>New broadcast</h1>
          <ComposeForm
            action="/admin/broadcasts/new"
            token={frame.csrfToken(c)}
            values={values}
            errors={errors}
            counties={await knownCounties(db)}
            segments={await segmentOptions(deps)}
            submitLabel="Save draft"
          />
        </>
      ),
    });

  // From a segment on the supporter list (?segment=): the form starts with it chosen.
  app.get('/new', mustSend, (c) => {
    const segment = /^[1-9][0-9]{0,8}$/.test(c.req.query('segment') ?? '') ? c.req.query('segment') : undefined;
    return composeNew(c, { audience: { topic: 'newsletter', ...(segment ? { segment } : {}) } }, {});
  });

  app.post('/new', mustSend, async (c) => {
    const values = valuesFrom(await readForm(c));
    const parsed = broadcastInput.safeParse(values);
    if (!parsed.success) return composeNew(c, values, fieldErrors(parsed.error.issues), 422);
    const chosen = await segmentPeople(deps, parsed.data.audience.segment);
    if (chosen === 'missing') return composeNew(c, values, { 'audience.segment': SEGMENT_GONE }, 422);
    const created = await db.transaction(async (tx) => {
      const row = await createBroadcast(tx, parsed.data, frame.actor(c).staffId, chosen);
      await recordAudit(tx, frame.actor(c), {
        action: 'broadcast.create',
        subjectType: 'broadcast',
        subjectId: row.id,
        subjectLabel: row.name,
        after: { name: row.name, audience: row.audience },
      });
      return row;
    });
    return c.redirect(`/admin/broadcasts/${created.id}?notice=created`, 303);
  });

  app.get(idParam, async (c) => {
    const b = await page.load(c);
    return b ? page.show(c, b) : c.notFound();
  });

  app.get(`${idParam}/progress.json`, async (c) => {
    const b = await page.load(c);
    if (!b) return c.json({ error: 'not found' }, 404);
    return c.json({ status: b.status, ...(await broadcastProgress(db, b)) }, 200, { 'Cache-Control': 'no-store' });
  });

  // One language's email as its sample reader gets it, on its own for the preview's sandboxed frame.
  app.get(`${idParam}/preview/:locale{en|es}`, async (c) => {
    const b = await page.load(c);
    const locale = c.req.param('locale') as 'en' | 'es';
    if (!b || (locale === 'es' && !b.es)) return c.notFound();
    const { versions } = await page.previews(b);
    return sandboxedDocument(c, versions.find((v) => v.locale === locale)!.email.html);
  });

  app.post(idParam, mustSend, async (c) => {
    const b = await page.load(c);
    if (!b) return c.notFound();
    const values = valuesFrom(await readForm(c));
    const parsed = broadcastInput.safeParse(values);
    if (!parsed.success) return page.show(c, b, { values, errors: fieldErrors(parsed.error.issues), status: 422 });
    const chosen = await segmentPeople(deps, parsed.data.audience.segment, b.audience);
    if (chosen === 'missing')
      return page.show(c, b, { values, errors: { 'audience.segment': SEGMENT_GONE }, status: 422 });
    try {
      await db.transaction(async (tx) => {
        const after = await updateBroadcast(tx, b.id, parsed.data, chosen);
        await recordAudit(tx, frame.actor(c), {
          action: 'broadcast.update',
          subjectType: 'broadcast',
          subjectId: b.id,
          subjectLabel: after.name,
          before: { ...b },
          after: { ...after },
        });
      });
    } catch (error) {
      return page.conflict(c, b, error);
    }
    return c.redirect(`/admin/broadcasts/${b.id}?notice=saved`, 303);
  });

  addSendingRoutes(app, deps, page);
  return app;
}
