import type { Child } from 'hono/jsx';
import { BackLink, formatNumber, Notice, Prose } from '../../../platform/web/components.tsx';
import { ErrorSummary, type FieldErrors } from '../../../platform/web/forms.tsx';
import { Figure, type PlacedImage } from '../../../platform/web/images.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { messagesFor } from '../../../platform/web/messages.ts';
import type { EventDetails } from '../events-read.ts';
import { eventPublicMessages } from '../public-messages.ts';
import { eventDay, eventSpan, eventTime, eventZoneName, hoursSpan } from './when.ts';

export type CalendarLinks = { google: string; outlook: string; yahoo: string };
type RsvpState = { open: true } | { open: false; why: 'cancelled' | 'deadline-passed' | 'over' | 'draft' };

/** The words' language when it is not the page's (an English event on a Spanish page), for screen readers. */
const langOf = (event: EventDetails, locale: Locale) => (event.text.locale !== locale ? event.text.locale : undefined);

/** The line under a title: when, where (or online), and the badges a sample or a cancelled event wears. */
function EventMeta(props: { event: EventDetails; locale: Locale }) {
  const { event, locale } = props;
  const t = eventPublicMessages(locale);
  return (
    <p class="meta">
      <time datetime={event.startsAt.toISOString()}>
        {eventSpan(event.startsAt, event.endsAt, locale, event.timeZone)}
      </time>
      {' · '}
      {event.format === 'online' ? t.online : event.venue}
      {event.status === 'cancelled' ? (
        <>
          {' '}
          <span class="badge badge-missing">{t.cancelledBadge}</span>
        </>
      ) : null}
      {event.isDemo ? (
        <>
          {' '}
          <span class="badge">{t.sample}</span>
        </>
      ) : null}
    </p>
  );
}

function EventList(props: { events: EventDetails[]; locale: Locale; heading: 'h2' | 'h3' }) {
  const { locale } = props;
  const Heading = props.heading;
  return (
    <ul class="list-plain news-list">
      {props.events.map((event) => (
        <li class="news-item">
          <div>
            <Heading lang={langOf(event, locale)}>
              <a href={localizedPath(locale, `/events/${event.slug}`)}>{event.text.title}</a>
            </Heading>
            <EventMeta event={event} locale={locale} />
            {event.text.summary ? <p lang={langOf(event, locale)}>{event.text.summary}</p> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** /events: what is coming up, soonest first; then the latest past events and the way to the rest. */
export function EventsPage(props: {
  locale: Locale;
  upcoming: EventDetails[];
  past: EventDetails[];
  morePast: boolean;
}) {
  const { locale } = props;
  const t = eventPublicMessages(locale);
  return (
    <>
      <h1>{t.title}</h1>
      <p class="lead">{t.intro}</p>
      <h2>{t.upcoming}</h2>
      {props.upcoming.length === 0 ? (
        <p>{t.noUpcoming}</p>
      ) : (
        <EventList events={props.upcoming} locale={locale} heading="h3" />
      )}
      <h2>{t.past}</h2>
      {props.past.length === 0 ? <p>{t.noPast}</p> : <EventList events={props.past} locale={locale} heading="h3" />}
      {props.morePast ? (
        <p>
          <a href={localizedPath(locale, '/events/past')}>{t.allPast}</a>
        </p>
      ) : null}
      <p>
        <a href={localizedPath(locale, '/events.ics')} type="text/calendar">
          {t.calendar.feed}
        </a>
      </p>
    </>
  );
}

/** /events/past: the archive, latest first, a page at a time. */
export function PastEventsPage(props: { locale: Locale; events: EventDetails[]; page: number; pages: number }) {
  const { locale, page, pages } = props;
  const t = eventPublicMessages(locale);
  const list = localizedPath(locale, '/events/past');
  return (
    <>
      <BackLink href={localizedPath(locale, '/events')}>{t.back}</BackLink>
      <h1>{t.past}</h1>
      {props.events.length === 0 ? <p>{t.noPast}</p> : <EventList events={props.events} locale={locale} heading="h2" />}
      {pages > 1 ? (
        <nav class="pagination" aria-label={t.pagination}>
          {page > 1 ? (
            <a rel="prev" href={page === 2 ? list : `${list}?page=${page - 1}`}>
              ← {t.previous}
            </a>
          ) : null}
          <span aria-current="page">{t.page(page, pages)}</span>
          {page < pages ? (
            <a rel="next" href={`${list}?page=${page + 1}`}>
              {t.next} →
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

/** Places left, the waiting list, or why RSVPs are closed: said before the form, so nobody fills it in vain. */
export function SeatsNotice(props: { event: EventDetails; locale: Locale; state: RsvpState }) {
  const { event, locale, state } = props;
  const t = eventPublicMessages(locale);
  if (!state.open) return <Notice>{t.closed[state.why]}</Notice>;
  const n = (x: number) => formatNumber(x, locale);
  const { left, waitlisted } = event.seats;
  return (
    <>
      {left === null ? (
        <p>{t.seats.unlimited}</p>
      ) : left > 0 ? (
        <p>{t.seats.left(n(left))}</p>
      ) : (
        <Notice>{t.seats.full}</Notice>
      )}
      {left === 0 && waitlisted > 0 ? <p>{t.seats.waitlisted(n(waitlisted))}</p> : null}
      {event.rsvpDeadline ? (
        <p>
          {t.deadline(
            `${eventDay(event.rsvpDeadline, locale, event.timeZone)}, ${eventTime(event.rsvpDeadline, locale, event.timeZone)}`,
          )}
        </p>
      ) : null}
    </>
  );
}

/**
 * An event's page: its words, when and where (the zone named, as times are the event's own), the parts of the day,
 * accessibility, calendar links, then the RSVP form (`form`, given by the route) or why it is closed. A failed form
 * comes back as this same page, its error summary first.
 */
export function EventPage(props: {
  event: EventDetails;
  locale: Locale;
  image: PlacedImage | undefined;
  calendarLinks: CalendarLinks;
  state: RsvpState;
  errors?: FieldErrors;
  form?: Child;
}) {
  const { event, locale, state } = props;
  const t = eventPublicMessages(locale);
  const lang = langOf(event, locale);
  const full = event.seats.left === 0;
  return (
    <>
      {props.errors ? <ErrorSummary errors={props.errors} title={t.form.errorTitle} /> : null}
      {lang && locale === 'es' ? <Notice>{messagesFor(locale).untranslated}</Notice> : null}
      <BackLink href={localizedPath(locale, '/events')}>{t.back}</BackLink>
      <article class="news-article event">
        <h1 lang={lang}>{event.text.title}</h1>
        <EventMeta event={event} locale={locale} />
        {event.isDemo ? <Notice>{t.sampleNote}</Notice> : null}
        {event.status === 'cancelled' ? <Notice>{t.closed.cancelled}</Notice> : null}
        {event.text.summary ? (
          <p class="lead" lang={lang}>
            {event.text.summary}
          </p>
        ) : null}
        {props.image ? <Figure image={props.image} sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" eager /> : null}
        <dl class="event-facts">
          <dt>
            <strong>{t.when}</strong>
          </dt>
          <dd>
            <time datetime={event.startsAt.toISOString()}>
              {eventSpan(event.startsAt, event.endsAt, locale, event.timeZone)}
            </time>
            <br />
            {t.timesIn(eventZoneName(event.timeZone, locale, event.startsAt))}
          </dd>
          <dt>
            <strong>{t.where}</strong>
          </dt>
          <dd>
            {event.format === 'online' ? (
              <>
                {t.online}. {t.onlineNote}
              </>
            ) : (
              <>
                {event.venue}
                {event.address ? (
                  <>
                    <br />
                    {event.address}
                  </>
                ) : null}
              </>
            )}
          </dd>
        </dl>
        <Prose markdown={event.text.descriptionMd} locale={locale} lang={event.text.locale} />
        {event.sessions.length > 0 ? (
          <>
            <h2>{t.sessions}</h2>
            <ul>
              {event.sessions.map((s) => (
                <li>
                  <time datetime={s.startsAt.toISOString()}>
                    {hoursSpan(s.startsAt, s.endsAt, locale, event.timeZone)}
                  </time>
                  : {s.title}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {event.text.accessibilityNotes ? (
          <>
            <h2>{t.accessibility}</h2>
            <Prose markdown={event.text.accessibilityNotes} locale={locale} lang={event.text.locale} />
          </>
        ) : null}
        {event.status !== 'cancelled' ? (
          <>
            <h2>{t.calendar.heading}</h2>
            <ul>
              <li>
                <a href={localizedPath(locale, `/events/${event.slug}.ics`)} type="text/calendar" download>
                  {t.calendar.ics}
                </a>
              </li>
              <li>
                <a href={props.calendarLinks.google} rel="noopener noreferrer">
                  {t.calendar.google}
                </a>
              </li>
              <li>
                <a href={props.calendarLinks.outlook} rel="noopener noreferrer">
                  {t.calendar.outlook}
                </a>
              </li>
              <li>
                <a href={props.calendarLinks.yahoo} rel="noopener noreferrer">
                  {t.calendar.yahoo}
                </a>
              </li>
            </ul>
          </>
        ) : null}
      </article>
      <section id="rsvp" aria-labelledby="rsvp-heading">
        <h2 id="rsvp-heading">{state.open && full ? t.form.headingWaitlist : t.form.heading}</h2>
        {/* A cancelled event says so at the top of the page already. */}
        {event.status === 'cancelled' ? null : <SeatsNotice event={event} locale={locale} state={state} />}
        {state.open ? (
          <>
            <p>{t.form.intro}</p>
            {props.form}
          </>
        ) : null}
      </section>
    </>
  );
}
