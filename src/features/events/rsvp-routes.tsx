import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { CHALLENGE_FIELD, refusalField, refusalStatus } from '../../platform/http/form-challenge.ts';
import { sendHtml } from '../../platform/http/respond.ts';
import { sourceOf, sourceUsed } from '../../platform/http/source-code.ts';
import { MessagePage } from '../../platform/web/components.tsx';
import { fieldErrors, type FieldErrors } from '../../platform/web/forms.tsx';
import { Layout, renderDocument } from '../../platform/web/layout.tsx';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import { eventById, eventBySlug, rsvpOpen, type EventDetails } from './events-read.ts';
import { cancelRsvp, changeRsvp, rsvpByToken, submitRsvp, type RsvpView } from './rsvp.ts';
import { eventPublicMessages } from './public-messages.ts';
import type { EventPageRenderer, EventsDeps } from './public-deps.ts';
import { rsvpChangeFor, rsvpInputFor } from './rsvp-inputs.ts';
import type { RsvpValues } from './views/rsvp-form.tsx';
import {
  CancelRsvpPage,
  ManageRsvpPage,
  RsvpCancelledPage,
  RsvpClosedPage,
  RsvpDonePage,
} from './views/rsvp-pages.tsx';

const SLUG = '{[a-z0-9-]{1,80}}';
const TOKEN = '{[A-Za-z0-9_-]{20,100}}';

/** The body as sent: each field a string, a repeated one (sessions, interpretation) a list; files dropped. */
async function readRsvpBody(c: Context): Promise<RsvpValues> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const values: RsvpValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/** One value per name (the last, as a plain parse gives it), for the form guard's fields. */
const single = (values: RsvpValues): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? (v.at(-1) ?? '') : (v ?? '')]));

/** The RSVP as its form shows it, for the page that changes it. */
function valuesOf(rsvp: RsvpView): RsvpValues {
  const values: RsvpValues = {
    sessions: rsvp.sessionIds.map(String),
    interpretation: [...rsvp.needs.interpretation],
    interpretationOther: rsvp.needs.interpretationOther,
    accessibility: rsvp.needs.accessibility,
    childcare: rsvp.needs.childcare ? 'on' : '',
    travelHelp: rsvp.needs.travelHelp ? 'on' : '',
    photoConsent: rsvp.photoConsent ? 'on' : '',
  };
  for (const [id, answer] of Object.entries(rsvp.answers)) values[`q${id}`] = answer;
  return values;
}

/**
 * Sending the RSVP form, and the page its emailed link opens (change, cancel). The token is in the path: the request
 * log names the route's pattern, never the path (request-context.ts); the pages are never stored, indexed, or
 * sent on as a referrer.
 */
export function rsvpRoutes(deps: EventsDeps, locale: Locale, eventPage: EventPageRenderer): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const t = eventPublicMessages(locale);
  const rsvpDeps = { secrets: deps.secrets, publicUrl: deps.publicUrl };

  /** A page for one person. */
  async function page(c: Context<AppEnv>, path: string, title: string, body: Child, status = 200) {
    const html = await renderDocument(
      <Layout
        locale={locale}
        path={path}
        title={title}
        publicUrl={deps.publicUrl}
        site={await deps.siteFrame()}
        current="events"
        noindex
      >
        {body}
      </Layout>,
    );
    const res = sendHtml(c, html, status);
    res.headers.set('Cache-Control', 'no-store');
    res.headers.set('Referrer-Policy', 'no-referrer');
    return res;
  }

  const done = (c: Context<AppEnv>, event: EventDetails, outcome: Parameters<typeof RsvpDonePage>[0]['outcome']) =>
    page(
      c,
      `/events/${event.slug}`,
      outcome.kind === 'confirmed' ? t.done.confirmedTitle : t.done.waitlistedTitle,
      <RsvpDonePage event={event} locale={locale} outcome={outcome} />,
    );

  const closed = (c: Context<AppEnv>, event: EventDetails, why: Parameters<typeof RsvpClosedPage>[0]['why']) =>
    page(
      c,
      `/events/${event.slug}`,
      t.done.closedTitle,
      <RsvpClosedPage event={event} locale={locale} why={why} />,
      409,
    );

  app.get(`/events/:slug${SLUG}/rsvp`, (c) =>
    c.redirect(`${localizedPath(locale, `/events/${c.req.param('slug')}`)}#rsvp`, 303),
  );

  app.post(`/events/:slug${SLUG}/rsvp`, async (c) => {
    const event = await eventBySlug(deps.db, c.req.param('slug'), locale);
    if (!event) return deps.notFound(c);
    const values = await readRsvpBody(c);
    const fields = single(values);
    // A filled trap field means a bot: it gets the same answer as a person, and nothing is kept.
    if (fields.website) return done(c, event, { kind: 'confirmed' });
    const state = rsvpOpen(event);
    if (!state.open) return closed(c, event, state.why);

    const parsed = rsvpInputFor(event, locale).safeParse(values);
    const challenge = await deps.formGuard.check(fields[CHALLENGE_FIELD]);
    if (!parsed.success || challenge.state === 'invalid' || challenge.state === 'expired') {
      const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error.issues);
      if (challenge.state === 'invalid' || challenge.state === 'expired')
        errors[CHALLENGE_FIELD] = t.form.challenge[challenge.state];
      return eventPage(c, event, { values, errors, personCheck: deps.formGuard.question(fields) }, 400);
    }
    if (await deps.isBlocked?.(c, parsed.data.email)) {
      const errors = { email: t.form.blocked((await deps.siteFrame()).contactEmail) };
      return eventPage(c, event, { values, errors, personCheck: deps.formGuard.question(fields) }, 403);
    }
    // Only a form that is otherwise complete spends its solution, its answer or the no-JavaScript allowance.
    const refused = await deps.formGuard.admit(c, challenge, fields);
    if (refused)
      return eventPage(
        c,
        event,
        {
          values,
          errors: { [refusalField(refused)]: t.form.challenge[refused] },
          personCheck: deps.formGuard.question(fields, refused),
        },
        refusalStatus(refused),
      );
    // Answered only after the transaction holding the RSVP and its email has committed: what we acknowledge, we keep.
    const outcome = await submitRsvp(deps.db, rsvpDeps, event.id, parsed.data, { locale, source: sourceOf(c) });
    if (outcome.kind === 'closed') return closed(c, event, outcome.why);
    sourceUsed(c, { secure: deps.secure });
    deps.emailQueued();
    return done(c, event, outcome.kind === 'confirmed' ? { kind: 'confirmed' } : outcome);
  });

  /** The RSVP its link names, and its event in this page's language; undefined for a link that is not (or no longer) valid. */
  async function rsvpAndEvent(token: string) {
    const rsvp = await rsvpByToken(deps.db, token);
    if (!rsvp) return undefined;
    const event = await eventById(deps.db, rsvp.eventId, locale);
    return event ? { rsvp, event } : undefined;
  }

  const invalid = (c: Context<AppEnv>) =>
    page(
      c,
      '/events',
      t.manage.title,
      <MessagePage
        title={t.manage.title}
        body={t.manage.invalid}
        link={{ href: localizedPath(locale, '/events'), label: t.back }}
      />,
      404,
    );

  function manage(
    c: Context<AppEnv>,
    found: { rsvp: RsvpView; event: EventDetails },
    token: string,
    form: { values: RsvpValues; errors: FieldErrors; saved?: boolean },
    status = 200,
  ) {
    const failed = Object.keys(form.errors).length > 0;
    return page(
      c,
      '/events',
      failed ? `Error: ${t.manage.title}` : t.manage.title,
      <ManageRsvpPage
        event={found.event}
        locale={locale}
        token={token}
        csrf={csrfTokenFor(c, deps.secrets, deps.secure)}
        status={found.rsvp.status}
        position={found.rsvp.position}
        values={form.values}
        errors={form.errors}
        saved={form.saved}
      />,
      status,
    );
  }

  app.get(`/events/rsvp/:token${TOKEN}`, async (c) => {
    const token = c.req.param('token');
    const found = await rsvpAndEvent(token);
    if (!found) return invalid(c);
    return manage(c, found, token, { values: valuesOf(found.rsvp), errors: {}, saved: c.req.query('saved') === '1' });
  });

  app.post(`/events/rsvp/:token${TOKEN}`, async (c) => {
    const token = c.req.param('token');
    const found = await rsvpAndEvent(token);
    if (!found) return invalid(c);
    const values = await readRsvpBody(c);
    if (found.rsvp.status === 'cancelled' || found.event.status === 'cancelled')
      return manage(c, found, token, { values: valuesOf(found.rsvp), errors: {} }, 409);
    const parsed = rsvpChangeFor(found.event, locale).safeParse(values);
    if (!parsed.success) return manage(c, found, token, { values, errors: fieldErrors(parsed.error.issues) }, 400);
    const changed = await changeRsvp(deps.db, rsvpDeps, token, parsed.data);
    if (!changed) return invalid(c);
    deps.emailQueued();
    // After the post, a page of its own: reloading it sends nothing again.
    return c.redirect(`${localizedPath(locale, `/events/rsvp/${token}`)}?saved=1`, 303);
  });

  app.get(`/events/rsvp/:token${TOKEN}/cancel`, async (c) => {
    const token = c.req.param('token');
    const found = await rsvpAndEvent(token);
    if (!found) return invalid(c);
    if (found.rsvp.status === 'cancelled') return c.redirect(localizedPath(locale, `/events/rsvp/${token}`), 303);
    return page(
      c,
      '/events',
      t.manage.cancelTitle,
      <CancelRsvpPage
        event={found.event}
        locale={locale}
        token={token}
        csrf={csrfTokenFor(c, deps.secrets, deps.secure)}
        confirmed={found.rsvp.status === 'confirmed'}
      />,
    );
  });

  // Cancelling twice is answered the same: the first did it.
  app.post(`/events/rsvp/:token${TOKEN}/cancel`, async (c) => {
    const token = c.req.param('token');
    const found = await rsvpAndEvent(token);
    if (!found) return invalid(c);
    const result = await cancelRsvp(deps.db, rsvpDeps, token);
    if (result.cancelled || result.promoted.length > 0) deps.emailQueued();
    return page(c, '/events', t.manage.cancelledTitle, <RsvpCancelledPage event={found.event} locale={locale} />);
  });

  return app;
}
