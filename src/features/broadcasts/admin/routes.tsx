import { Hono, type Context } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { zonedLocalToDate } from '../../../platform/web/time.ts';
import { recordAudit } from '../../audit/service.ts';
import { getSiteSettings } from '../../content/service.ts';
import { knownCounties } from '../../supporters/service.ts';
import { renderVersion } from '../content.ts';
import { broadcastPermissions } from '../permissions.ts';
import {
  audienceCount,
  broadcastInput,
  broadcastProgress,
  BroadcastStateError,
  cancelBroadcast,
  createBroadcast,
  getBroadcast,
  listBroadcasts,
  scheduleBroadcast,
  sendTestBroadcast,
  unscheduleBroadcast,
  updateBroadcast,
  type Broadcast,
} from '../service.ts';
import { BroadcastList, ComposeForm, DraftPage, ProgressPage, ScheduledPage, type BroadcastValues } from './views.tsx';
import { BackLink } from '../../../platform/web/components.tsx';

export type BroadcastDeps = {
  db: Db;
  frame: AdminFrame;
  publicUrl: string;
  /** Asks the scheduler to look now, after "send now". */
  scheduled: () => void;
  /** Tells the email worker there is something to send now. */
  emailQueued: () => void;
};

const idParam = '/:id{[0-9]{1,12}}';

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
    },
  };
}

function valuesOf(b: Broadcast): BroadcastValues {
  return { name: b.name, en: b.en, es: b.es ?? {}, audience: { ...b.audience } };
}

/** Compose, test, schedule, cancel and watch broadcasts; mounted at /admin/broadcasts. */
export function broadcastRoutes(deps: BroadcastDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const domain = new URL(deps.publicUrl).hostname;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(broadcastPermissions.view));
  const mustSend = frame.allow(broadcastPermissions.send);
  const timeZone = async () => (await getSiteSettings(db)).timeZone;

  app.get('/', async (c) =>
    frame.render(c, {
      title: 'Broadcasts',
      current: 'broadcasts',
      body: (
        <BroadcastList
          rows={await listBroadcasts(db)}
          timeZone={await timeZone()}
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
            submitLabel="Save draft"
          />
        </>
      ),
    });

  app.get('/new', mustSend, (c) => composeNew(c, { audience: { topic: 'newsletter' } }, {}));

  app.post('/new', mustSend, async (c) => {
    const values = valuesFrom(await readForm(c));
    const parsed = broadcastInput.safeParse(values);
    if (!parsed.success) return composeNew(c, values, fieldErrors(parsed.error.issues), 422);
    const created = await db.transaction(async (tx) => {
      const row = await createBroadcast(tx, parsed.data, frame.actor(c).staffId);
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

  const show = async (
    c: Context<AdminEnv>,
    b: Broadcast,
    extra: {
      values?: BroadcastValues;
      errors?: FieldErrors;
      scheduleError?: string;
      scheduleValue?: string;
      status?: number;
    } = {},
  ) => {
    const staff = c.get('staff')!;
    const zone = await timeZone();
    const token = frame.csrfToken(c);
    const errors = extra.errors ?? {};
    if (b.status === 'draft' && broadcastPermissions.send(staff)) {
      const form = (
        <ComposeForm
          action={`/admin/broadcasts/${b.id}`}
          token={token}
          values={extra.values ?? valuesOf(b)}
          errors={errors}
          counties={await knownCounties(db)}
          submitLabel="Save changes"
        />
      );
      const previews = {
        en: { html: renderVersion(b.en, 'en', deps.publicUrl).bodyHtml },
        es: b.es ? { html: renderVersion(b.es, 'es', deps.publicUrl).bodyHtml } : undefined,
      };
      return frame.render(c, {
        title: `${Object.keys(errors).length || extra.scheduleError ? 'Error: ' : ''}${b.name}`,
        current: 'broadcasts',
        status: extra.status,
        body: (
          <DraftPage
            broadcast={b}
            count={await audienceCount(db, b.audience)}
            previews={previews}
            token={token}
            timeZone={zone}
            scheduleError={extra.scheduleError}
            scheduleValue={extra.scheduleValue}
            form={form}
          />
        ),
      });
    }
    // Due now ("send now", or its time came): the progress page, whose counts start moving within a second.
    const starting = b.status === 'scheduled' && b.scheduledAt !== null && b.scheduledAt.getTime() <= Date.now();
    if (b.status === 'draft' || (b.status === 'scheduled' && !starting)) {
      return frame.render(c, {
        title: b.name,
        current: 'broadcasts',
        body: (
          <ScheduledPage
            broadcast={b}
            count={await audienceCount(db, b.audience)}
            token={token}
            timeZone={zone}
            canSend={broadcastPermissions.send(staff) && b.status === 'scheduled'}
          />
        ),
      });
    }
    return frame.render(c, {
      title: b.name,
      current: 'broadcasts',
      body: (
        <ProgressPage
          broadcast={b}
          progress={await broadcastProgress(db, b)}
          token={token}
          timeZone={zone}
          canSend={broadcastPermissions.send(staff)}
        />
      ),
    });
  };

  const load = async (c: Context<AdminEnv>) => getBroadcast(db, Number(c.req.param('id')));

  app.get(idParam, async (c) => {
    const b = await load(c);
    return b ? show(c, b) : c.notFound();
  });

  app.get(`${idParam}/progress.json`, async (c) => {
    const b = await load(c);
    if (!b) return c.json({ error: 'not found' }, 404);
    return c.json({ status: b.status, ...(await broadcastProgress(db, b)) }, 200, { 'Cache-Control': 'no-store' });
  });

  // A write that finds the broadcast already moved on (another organizer, the scheduler) says so instead of failing.
  const conflict = (c: Context<AdminEnv>, b: Broadcast, error: unknown) => {
    if (error instanceof BroadcastStateError)
      return c.redirect(`/admin/broadcasts/${b.id}?notice=changed-meanwhile`, 303);
    throw error;
  };

  app.post(idParam, mustSend, async (c) => {
    const b = await load(c);
    if (!b) return c.notFound();
    const values = valuesFrom(await readForm(c));
    const parsed = broadcastInput.safeParse(values);
    if (!parsed.success) return show(c, b, { values, errors: fieldErrors(parsed.error.issues), status: 422 });
    try {
      await db.transaction(async (tx) => {
        const after = await updateBroadcast(tx, b.id, parsed.data);
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
      return conflict(c, b, error);
    }
    return c.redirect(`/admin/broadcasts/${b.id}?notice=saved`, 303);
  });

  app.post(`${idParam}/test`, mustSend, async (c) => {
    const b = await load(c);
    if (!b) return c.notFound();
    const staff = c.get('staff')!;
    await sendTestBroadcast(db, b, { email: staff.email, locale: 'en' }, { domain });
    if (b.es) await sendTestBroadcast(db, b, { email: staff.email, locale: 'es' }, { domain });
    deps.emailQueued();
    return c.redirect(`/admin/broadcasts/${b.id}?notice=test-sent`, 303);
  });

  app.post(`${idParam}/schedule`, mustSend, async (c) => {
    const b = await load(c);
    if (!b) return c.notFound();
    const sendAt = (await readForm(c)).get('sendAt');
    const local = typeof sendAt === 'string' ? sendAt.trim() : '';
    let at = new Date();
    if (local) {
      const parsed = zonedLocalToDate(local, await timeZone());
      if (!parsed)
        return show(c, b, {
          scheduleError: 'Enter a date and time, or leave it empty to send now',
          scheduleValue: local,
          status: 422,
        });
      if (parsed.getTime() < Date.now() - 60_000)
        return show(c, b, {
          scheduleError: 'That time has passed: choose a later one, or leave it empty to send now',
          scheduleValue: local,
          status: 422,
        });
      at = parsed;
    }
    try {
      await db.transaction(async (tx) => {
        await scheduleBroadcast(tx, b.id, at);
        await recordAudit(tx, frame.actor(c), {
          action: 'broadcast.schedule',
          subjectType: 'broadcast',
          subjectId: b.id,
          subjectLabel: b.name,
          after: { scheduledAt: at.toISOString(), audienceNow: await audienceCount(tx, b.audience) },
        });
      });
    } catch (error) {
      return conflict(c, b, error);
    }
    deps.scheduled();
    return c.redirect(`/admin/broadcasts/${b.id}?notice=${local ? 'scheduled' : 'sending'}`, 303);
  });

  app.post(`${idParam}/unschedule`, mustSend, async (c) => {
    const b = await load(c);
    if (!b) return c.notFound();
    try {
      await db.transaction(async (tx) => {
        await unscheduleBroadcast(tx, b.id);
        await recordAudit(tx, frame.actor(c), {
          action: 'broadcast.unschedule',
          subjectType: 'broadcast',
          subjectId: b.id,
          subjectLabel: b.name,
        });
      });
    } catch (error) {
      return conflict(c, b, error);
    }
    return c.redirect(`/admin/broadcasts/${b.id}?notice=saved`, 303);
  });

  app.post(`${idParam}/cancel`, mustSend, async (c) => {
    const b = await load(c);
    if (!b) return c.notFound();
    try {
      await db.transaction(async (tx) => {
        const { withdrawn } = await cancelBroadcast(tx, b.id);
        await recordAudit(tx, frame.actor(c), {
          action: 'broadcast.cancel',
          subjectType: 'broadcast',
          subjectId: b.id,
          subjectLabel: b.name,
          after: { withdrawn },
        });
      });
    } catch (error) {
      return conflict(c, b, error);
    }
    return c.redirect(`/admin/broadcasts/${b.id}?notice=cancelled`, 303);
  });

  return app;
}
