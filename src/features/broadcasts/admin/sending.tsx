import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { readForm } from '../../../platform/http/form-body.ts';
import { zonedLocalToDate } from '../../../platform/web/time.ts';
import { recordAudit } from '../../audit/service.ts';
import { broadcastPermissions } from '../permissions.ts';
import {
  audienceCount,
  broadcastProgress,
  cancelBroadcast,
  scheduleBroadcast,
  sendTestBroadcast,
  unscheduleBroadcast,
  type Broadcast,
} from '../service.ts';
import { idParam, type BroadcastDeps, type BroadcastPage } from './broadcast-page.tsx';
import { CancelConfirmation, cancelQuestion, SendConfirmation, sendQuestion } from './views/confirm.tsx';

/** The confirmation page's form says yes; any other post of these forms only asks. */
const confirmation = z.object({ confirmed: z.literal('yes') });
const isConfirmed = (form: FormData) => confirmation.safeParse({ confirmed: form.get('confirmed') }).success;

/**
 * Testing, sending, scheduling and cancelling a broadcast. A send or a cancel
 * goes ahead only from its confirmation page (`confirmed=yes`): the first
 * post, from the broadcast's page, answers with that page and changes nothing.
 */
export function addSendingRoutes(app: Hono<AdminEnv>, deps: BroadcastDeps, page: BroadcastPage): void {
  const { db, frame } = deps;
  const domain = new URL(deps.publicUrl).hostname;
  const mustSend = frame.allow(broadcastPermissions.send);

  app.post(`${idParam}/test`, mustSend, async (c) => {
    const b = await page.load(c);
    if (!b) return c.notFound();
    const staff = c.get('staff')!;
    // The test greets its reader by name, as the real one will: the staff member's first name.
    const givenName = staff.displayName.trim().split(/\s+/)[0] ?? '';
    const to = (locale: 'en' | 'es') => ({ email: staff.email, locale, givenName });
    await sendTestBroadcast(db, b, to('en'), { domain });
    if (b.es) await sendTestBroadcast(db, b, to('es'), { domain });
    deps.emailQueued();
    return c.redirect(`/admin/broadcasts/${b.id}?notice=test-sent`, 303);
  });

  const refuseTime = (c: Context<AdminEnv>, b: Broadcast, scheduleValue: string, scheduleError: string) =>
    page.show(c, b, { scheduleError, scheduleValue, status: 422 });

  app.post(`${idParam}/schedule`, mustSend, async (c) => {
    const b = await page.load(c);
    if (!b) return c.notFound();
    const form = await readForm(c);
    const sendAt = form.get('sendAt');
    const local = typeof sendAt === 'string' ? sendAt.trim() : '';
    let at: Date | undefined;
    if (local) {
      at = zonedLocalToDate(local, await page.timeZone());
      if (!at) return refuseTime(c, b, local, 'Enter a date and time, or leave it empty to send now');
      if (at.getTime() < Date.now() - 60_000)
        return refuseTime(c, b, local, 'That time has passed: choose a later one, or leave it empty to send now');
    }
    if (b.status !== 'draft') return page.conflict(c, b);
    if (!isConfirmed(form)) {
      const count = await audienceCount(db, b.audience);
      const body = (
        <SendConfirmation
          broadcast={b}
          count={count}
          at={at}
          sendAt={local}
          timeZone={await page.timeZone()}
          preview={await page.previews(b)}
          token={frame.csrfToken(c)}
        />
      );
      const title = sendQuestion(count, at, await page.timeZone());
      return frame.render(c, { title, current: 'broadcasts', body });
    }
    const startAt = at ?? new Date();
    try {
      await db.transaction(async (tx) => {
        await scheduleBroadcast(tx, b.id, startAt);
        await recordAudit(tx, frame.actor(c), {
          action: 'broadcast.schedule',
          subjectType: 'broadcast',
          subjectId: b.id,
          subjectLabel: b.name,
          after: { scheduledAt: startAt.toISOString(), audienceNow: await audienceCount(tx, b.audience) },
        });
      });
    } catch (error) {
      return page.conflict(c, b, error);
    }
    deps.scheduled();
    return c.redirect(`/admin/broadcasts/${b.id}?notice=${at ? 'scheduled' : 'sending'}`, 303);
  });

  app.post(`${idParam}/unschedule`, mustSend, async (c) => {
    const b = await page.load(c);
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
      return page.conflict(c, b, error);
    }
    return c.redirect(`/admin/broadcasts/${b.id}?notice=saved`, 303);
  });

  app.post(`${idParam}/cancel`, mustSend, async (c) => {
    const b = await page.load(c);
    if (!b) return c.notFound();
    if (b.status === 'sent' || b.status === 'cancelled') return page.conflict(c, b);
    if (!isConfirmed(await readForm(c))) {
      const body = (
        <CancelConfirmation
          broadcast={b}
          count={await audienceCount(db, b.audience)}
          progress={b.status === 'sending' ? await broadcastProgress(db, b) : undefined}
          timeZone={await page.timeZone()}
          token={frame.csrfToken(c)}
        />
      );
      return frame.render(c, { title: cancelQuestion(b), current: 'broadcasts', body });
    }
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
      return page.conflict(c, b, error);
    }
    return c.redirect(`/admin/broadcasts/${b.id}?notice=cancelled`, 303);
  });
}
