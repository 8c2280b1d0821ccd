import { Hono, type Context } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import type { Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import type { FormGuard } from '../../platform/http/form-challenge.ts';
import type { PersonQuestion } from '../../platform/http/person-check.tsx';
import type { PageCache } from '../../platform/http/page-cache.ts';
import { sendHtml, sendPrepared } from '../../platform/http/respond.ts';
import type { FieldErrors } from '../../platform/web/forms.tsx';
import type { ImageLibrary, PlacedImage } from '../../platform/web/images.tsx';
import { Layout, renderDocument, type PageMeta, type SiteFrame } from '../../platform/web/layout.tsx';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import { eventBySlug, listEvents, rsvpOpen, type EventDetails } from './events-read.ts';
import { eventCalendar, webCalendarLinks } from './calendar.ts';
import { eventStructuredData, structuredDataJson } from './json-ld.ts';
import { eventPublicMessages } from './public-messages.ts';
import type { EventsDeps } from './public-deps.ts';
import { rsvpRoutes } from './rsvp-routes.tsx';
import { EventPage, EventsPage, PastEventsPage } from './views/EventPages.tsx';
import { RsvpForm, type RsvpValues } from './views/rsvp-form.tsx';

export const PAST_PER_PAGE = 20;
/** How many past events /events shows under the upcoming ones before linking to the archive. */
const PAST_ON_LIST = 5;
export const SLUG = '{[a-z0-9-]{1,80}}';

const listQuery = z.object({ page: z.coerce.number().int().min(1).max(1000).catch(1).default(1) });

class PageMissing extends Error {}

/** The image's largest file as an absolute address, for structured data. */
function imageUrl(image: PlacedImage, publicUrl: string): string {
  const last = image.srcset.split(',').at(-1)?.trim().split(/\s+/)[0];
  const path = last || image.src;
  return path.startsWith('/') ? publicUrl + path : path;
}

/**
 * The public event pages of one language, mounted at "/" and "/es" before content's catch-all: the list and the
 * archive (through the page cache, whose version the app folds the events' stamp into), each event's page (per
 * request: its seats move with every RSVP and its form carries a token), the calendar files, and the RSVP routes.
 */
export function eventRoutes(deps: EventsDeps, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const t = eventPublicMessages(locale);

  async function render(meta: Omit<PageMeta, 'locale' | 'publicUrl' | 'site'>, body: Child): Promise<string> {
    const site = await deps.siteFrame();
    return renderDocument(
      <Layout {...meta} locale={locale} publicUrl={deps.publicUrl} site={site} current="events">
        {body}
      </Layout>,
    );
  }

  /** Through the page cache; `null` means 404. */
  async function cached(
    c: Context<AppEnv>,
    key: string,
    build: () => Promise<string | null>,
    file?: { type: string; disposition: string },
  ) {
    const body = await deps.cache
      .get(`${locale}:${key}`, async () => {
        const text = await build();
        // Thrown so that the cache forgets it: a missing page is not kept.
        if (text === null) throw new PageMissing();
        return text;
      })
      .catch((error: unknown) => {
        if (error instanceof PageMissing) return null;
        throw error;
      });
    if (body === null) return deps.notFound(c);
    if (!file) return sendPrepared(c, body);
    c.header('Content-Disposition', file.disposition);
    return sendPrepared(c, { ...body, type: file.type });
  }

  /** An event's page, with its RSVP form as sent (and its problems) or empty. */
  async function eventPage(
    c: Context<AppEnv>,
    event: EventDetails,
    form: { values: RsvpValues; errors?: FieldErrors; personCheck?: PersonQuestion | undefined },
    status = 200,
  ): Promise<Response> {
    const site = await deps.siteFrame();
    const images = event.imageId === null ? new Map() : await deps.images.find([event.imageId], locale);
    const image = event.imageId === null ? undefined : images.get(event.imageId);
    const state = rsvpOpen(event);
    const failed = form.errors !== undefined && Object.keys(form.errors).length > 0;
    const structured = eventStructuredData(event, {
      locale,
      publicUrl: deps.publicUrl,
      organisation: site.name,
      image: image ? imageUrl(image, deps.publicUrl) : undefined,
    });
    const html = await render(
      {
        path: `/events/${event.slug}`,
        title: failed ? `Error: ${event.text.title}` : event.text.title,
        description: event.text.summary,
        noindex: failed,
        head: <script type="application/ld+json">{raw(structuredDataJson(structured))}</script>,
      },
      <EventPage
        event={event}
        locale={locale}
        image={image}
        calendarLinks={webCalendarLinks(event, deps.publicUrl)}
        state={state}
        errors={failed ? form.errors : undefined}
        form={
          <RsvpForm
            event={event}
            locale={locale}
            csrf={csrfTokenFor(c, deps.secrets, deps.secure)}
            values={form.values}
            errors={form.errors ?? {}}
            full={event.seats.left === 0}
            personCheck={form.personCheck}
          />
        }
      />,
    );
    const res = sendHtml(c, html, status);
    if (status !== 200) res.headers.set('Cache-Control', 'no-store');
    return res;
  }

  app.get('/events', (c) =>
    cached(c, '/events', async () => {
      const [upcoming, past] = await Promise.all([
        listEvents(deps.db, locale, 'upcoming'),
        listEvents(deps.db, locale, 'past'),
      ]);
      return render(
        {
          path: '/events',
          title: t.title,
          description: t.description,
          // Calendar apps that look for a feed on the page find the events' one.
          head: (
            <link
              rel="alternate"
              type="text/calendar"
              title={t.calendar.feed}
              href={deps.publicUrl + localizedPath(locale, '/events.ics')}
            />
          ),
        },
        <EventsPage
          locale={locale}
          upcoming={upcoming}
          past={past.slice(0, PAST_ON_LIST)}
          morePast={past.length > PAST_ON_LIST}
        />,
      );
    }),
  );

  app.get('/events/past', (c) => {
    const { page } = listQuery.parse(c.req.query());
    return cached(c, `/events/past?page=${page}`, async () => {
      const past = await listEvents(deps.db, locale, 'past');
      const pages = Math.max(1, Math.ceil(past.length / PAST_PER_PAGE));
      if (page > pages) return null;
      return render(
        { path: '/events/past', title: t.past, noindex: page > 1 },
        <PastEventsPage
          locale={locale}
          events={past.slice((page - 1) * PAST_PER_PAGE, page * PAST_PER_PAGE)}
          page={page}
          pages={pages}
        />,
      );
    });
  });

  // Every public event, upcoming and past, for calendar apps that subscribe; in this language's words.
  app.get('/events.ics', async (c) => {
    return cached(
      c,
      '/events.ics',
      async () => {
        const [upcoming, past, site] = await Promise.all([
          listEvents(deps.db, locale, 'upcoming'),
          listEvents(deps.db, locale, 'past'),
          deps.siteFrame(),
        ]);
        return eventCalendar([...upcoming, ...past], {
          publicUrl: deps.publicUrl,
          name: t.feedName(site.name),
          locale,
        });
      },
      { type: 'text/calendar; charset=utf-8', disposition: 'inline; filename="events.ics"' },
    );
  });

  app.get('/events/:file{[a-z0-9-]{1,80}\\.ics}', async (c) => {
    const slug = c.req.param('file').replace(/\.ics$/, '');
    return cached(
      c,
      `/events/${slug}.ics`,
      async () => {
        const event = await eventBySlug(deps.db, slug, locale);
        if (!event) return null;
        return eventCalendar([event], { publicUrl: deps.publicUrl, name: event.text.title, locale });
      },
      { type: 'text/calendar; charset=utf-8', disposition: `attachment; filename="${slug}.ics"` },
    );
  });

  app.route('/', rsvpRoutes(deps, locale, eventPage));

  app.get(`/events/:slug${SLUG}`, async (c) => {
    const event = await eventBySlug(deps.db, c.req.param('slug'), locale);
    if (!event) return deps.notFound(c);
    return eventPage(c, event, { values: {} });
  });

  return app;
}

/** The RSVP form's address, which the app's CSRF check accepts by the browser's origin, as for /join. */
export function isEventOriginCheckedPath(path: string): boolean {
  return /^(\/es)?\/events\/[a-z0-9-]{1,80}\/rsvp$/.test(path);
}
