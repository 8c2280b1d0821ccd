import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { allowSandboxedFrames } from '../../../platform/http/sandboxed-frame.tsx';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import type { Locale } from '../../../platform/web/locale.ts';
import { getSiteSettings } from '../../content/service.ts';
import { knownCounties, type SegmentAudiences } from '../../supporters/service.ts';
import { previewBroadcast } from '../content.ts';
import { broadcastPermissions } from '../permissions.ts';
import { audienceCount, broadcastProgress, BroadcastStateError, getBroadcast, type Broadcast } from '../service.ts';
import { DraftPage, ProgressPage, ScheduledPage, type BroadcastPreviews } from './views/broadcast.tsx';
import { ComposeForm, type BroadcastValues } from './views/compose.tsx';

export type BroadcastDeps = {
  db: Db;
  frame: AdminFrame;
  publicUrl: string;
  /** Asks the scheduler to look now, after "send now". */
  scheduled: () => void;
  /** Tells the email worker there is something to send now. */
  emailQueued: () => void;
  /** Saved segments a broadcast may go to (issue 18), handed in by the app; without them the form offers none. */
  segments?: SegmentAudiences | undefined;
};

export const idParam = '/:id{[0-9]{1,12}}';

/** What a form shown again with a problem carries: what was typed, and the messages. */
export type Refused = {
  values?: BroadcastValues;
  errors?: FieldErrors;
  scheduleError?: string;
  scheduleValue?: string;
  status?: number;
};

function valuesOf(b: Broadcast): BroadcastValues {
  const { segmentId, ...audience } = b.audience;
  return {
    name: b.name,
    en: b.en,
    es: b.es ?? {},
    audience: { ...audience, segment: segmentId ? String(segmentId) : '' },
  };
}

/**
 * The compose form's segment choices: none for a draft whose people another feature chose; a deleted segment the
 * draft still holds the people of stays listed, so saving again keeps them.
 */
export async function segmentOptions(
  deps: Pick<BroadcastDeps, 'db' | 'segments'>,
  audience?: Broadcast['audience'],
): Promise<[string, string][] | undefined> {
  if (!deps.segments || (audience?.supporterIds && audience.segmentId === undefined)) return undefined;
  const options = (await deps.segments.choices(deps.db)).map((s): [string, string] => [String(s.id), s.name]);
  const held = audience?.segmentId;
  if (held && !options.some(([id]) => id === String(held)))
    options.push([String(held), `${audience.label ?? 'A segment'} (deleted: the people as saved)`]);
  return options;
}

/** The page of one broadcast, whatever its state, and what the routes around it share. */
export function broadcastPage(deps: BroadcastDeps) {
  const { db, frame } = deps;
  const timeZone = async () => (await getSiteSettings(db)).timeZone;

  /** Each language the broadcast has, as its sample reader will get it. */
  const previews = async (b: Broadcast): Promise<BroadcastPreviews> => {
    const site = await getSiteSettings(db);
    const sender = { name: site.name, postalAddress: site.postalAddress, publicUrl: deps.publicUrl };
    const versions = (b.es ? (['en', 'es'] as const) : (['en'] as const)).map((locale: Locale) => ({
      locale,
      email: previewBroadcast(locale === 'es' ? b.es! : b.en, locale, sender),
      frameSrc: `/admin/broadcasts/${b.id}/preview/${locale}`,
    }));
    return { from: site.name, versions };
  };

  const show = async (c: Context<AdminEnv>, b: Broadcast, refused: Refused = {}) => {
    const staff = c.get('staff')!;
    const zone = await timeZone();
    const token = frame.csrfToken(c);
    const errors = refused.errors ?? {};
    const common = { broadcast: b, token, timeZone: zone };
    // Due now ("send now", or its time came): the progress page, whose counts start moving within a second.
    const starting = b.status === 'scheduled' && b.scheduledAt !== null && b.scheduledAt.getTime() <= Date.now();
    let body: Child;
    if (b.status === 'draft' && broadcastPermissions.send(staff)) {
      const form = (
        <ComposeForm
          action={`/admin/broadcasts/${b.id}`}
          token={token}
          values={refused.values ?? valuesOf(b)}
          errors={errors}
          counties={await knownCounties(db)}
          segments={await segmentOptions(deps, b.audience)}
          submitLabel="Save changes"
        />
      );
      body = (
        <DraftPage
          {...common}
          count={await audienceCount(db, b.audience)}
          preview={await previews(b)}
          scheduleError={refused.scheduleError}
          scheduleValue={refused.scheduleValue}
          form={form}
        />
      );
    } else if (b.status === 'draft' || (b.status === 'scheduled' && !starting)) {
      const canSend = broadcastPermissions.send(staff) && b.status === 'scheduled';
      const count = await audienceCount(db, b.audience);
      body = <ScheduledPage {...common} count={count} preview={await previews(b)} canSend={canSend} />;
    } else {
      const progress = await broadcastProgress(db, b);
      body = <ProgressPage {...common} progress={progress} canSend={broadcastPermissions.send(staff)} />;
    }
    const title = `${Object.keys(errors).length || refused.scheduleError ? 'Error: ' : ''}${b.name}`;
    const page = await frame.render(c, { title, current: 'broadcasts', status: refused.status, body });
    // The draft and scheduled pages show the email in sandboxed frames; the progress page shows none.
    return b.status === 'draft' || b.status === 'scheduled' ? allowSandboxedFrames(page) : page;
  };

  const load = async (c: Context<AdminEnv>) => getBroadcast(db, Number(c.req.param('id')));

  // A write that finds the broadcast already moved on (another organizer, the scheduler) says so instead of failing.
  const conflict = (c: Context<AdminEnv>, b: Broadcast, error?: unknown) => {
    if (error === undefined || error instanceof BroadcastStateError)
      return c.redirect(`/admin/broadcasts/${b.id}?notice=changed-meanwhile`, 303);
    throw error;
  };

  return { show, load, conflict, previews, timeZone };
}

export type BroadcastPage = ReturnType<typeof broadcastPage>;
