import { BackLink, formatNumber, MessagePage, Notice } from '../../../platform/web/components.tsx';
import { ErrorSummary, Form, type FieldErrors } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import type { EventDetails } from '../events-read.ts';
import { eventPublicMessages } from '../public-messages.ts';
import type { RsvpStatus } from '../schema.ts';
import { RsvpChoices, type RsvpValues } from './rsvp-form.tsx';
import { eventSpan } from './when.ts';

/**
 * After the RSVP form: confirmed, or a place on the waiting list. The manage link is only in the email, never here:
 * whoever typed an address must not get a way to change that person's RSVP.
 */
export function RsvpDonePage(props: {
  event: EventDetails;
  locale: Locale;
  outcome: { kind: 'confirmed' } | { kind: 'waitlisted'; position: number };
}) {
  const { event, locale, outcome } = props;
  const t = eventPublicMessages(locale);
  const title = outcome.kind === 'confirmed' ? t.done.confirmedTitle : t.done.waitlistedTitle;
  const body =
    outcome.kind === 'confirmed' ? t.done.confirmed : t.done.waitlisted(formatNumber(outcome.position, locale));
  return (
    <div class="narrow">
      <h1>{title}</h1>
      <p>
        <strong lang={event.text.locale !== locale ? event.text.locale : undefined}>{event.text.title}</strong>
        <br />
        {eventSpan(event.startsAt, event.endsAt, locale, event.timeZone)}
      </p>
      <p>{body}</p>
      <p>
        <a href={localizedPath(locale, `/events/${event.slug}`)}>{t.backToEvent}</a>
      </p>
    </div>
  );
}

/** Where RSVPs were closed between loading the form and sending it. */
export function RsvpClosedPage(props: {
  event: EventDetails;
  locale: Locale;
  why: 'cancelled' | 'deadline-passed' | 'over' | 'draft';
}) {
  const t = eventPublicMessages(props.locale);
  return (
    <MessagePage
      title={t.done.closedTitle}
      body={t.closed[props.why]}
      link={{ href: localizedPath(props.locale, `/events/${props.event.slug}`), label: t.backToEvent }}
    />
  );
}

/** The page an RSVP's emailed link opens: where they stand, the join link when confirmed, their answers to change. */
export function ManageRsvpPage(props: {
  event: EventDetails;
  locale: Locale;
  token: string;
  csrf: string;
  status: RsvpStatus;
  position: number | null;
  values: RsvpValues;
  errors: FieldErrors;
  saved?: boolean;
}) {
  const { event, locale, status } = props;
  const t = eventPublicMessages(locale);
  const base = localizedPath(locale, `/events/rsvp/${props.token}`);
  const lang = event.text.locale !== locale ? event.text.locale : undefined;
  return (
    <div class="narrow">
      <ErrorSummary errors={props.errors} title={t.form.errorTitle} />
      {props.saved ? <Notice>{t.manage.saved}</Notice> : null}
      <h1>{t.manage.title}</h1>
      <p>
        <a href={localizedPath(locale, `/events/${event.slug}`)} lang={lang}>
          {event.text.title}
        </a>
        <br />
        {eventSpan(event.startsAt, event.endsAt, locale, event.timeZone)}
      </p>
      <p>
        {status === 'confirmed'
          ? t.manage.status.confirmed
          : status === 'waitlisted'
            ? t.manage.status.waitlisted(formatNumber(props.position ?? 1, locale))
            : t.manage.status.cancelled}
      </p>
      {status === 'confirmed' && event.format === 'online' && event.joinUrl ? (
        <>
          <h2>{t.manage.join}</h2>
          <p>
            <a href={event.joinUrl} rel="noopener noreferrer">
              {event.joinUrl}
            </a>
          </p>
          <p class="hint">{t.manage.joinNote}</p>
        </>
      ) : null}
      {status !== 'cancelled' && event.status !== 'cancelled' ? (
        <>
          <h2>{t.manage.change}</h2>
          <Form action={base} token={props.csrf}>
            <RsvpChoices event={event} locale={locale} values={props.values} errors={props.errors} />
            <button class="button" type="submit">
              {t.manage.save}
            </button>
          </Form>
          <h2>{t.manage.cancelHeading}</h2>
          <p>
            <a href={`${base}/cancel`}>{t.manage.cancelLink}</a>
          </p>
        </>
      ) : null}
    </div>
  );
}

/**
 * Asks before cancelling, as the workspace's confirmation page does (platform/web/confirmation.tsx), in the
 * visitor's language: what will happen, one button that goes ahead, and a link back.
 */
export function CancelRsvpPage(props: {
  event: EventDetails;
  locale: Locale;
  token: string;
  csrf: string;
  confirmed: boolean;
}) {
  const { locale } = props;
  const t = eventPublicMessages(locale).manage;
  const back = localizedPath(locale, `/events/rsvp/${props.token}`);
  return (
    <div class="confirmation narrow">
      <BackLink href={back}>{t.title}</BackLink>
      <h1>{t.cancelTitle}</h1>
      <ul>
        {t.cancelConsequences(props.confirmed).map((sentence) => (
          <li>{sentence}</li>
        ))}
      </ul>
      <Form action={`${back}/cancel`} token={props.csrf}>
        <input type="hidden" name="confirmed" value="yes" />
        <div class="button-group">
          <button type="submit" class="button danger">
            {t.cancelConfirm}
          </button>
          <a href={back}>{t.keep}</a>
        </div>
      </Form>
    </div>
  );
}

export function RsvpCancelledPage(props: { event: EventDetails; locale: Locale }) {
  const t = eventPublicMessages(props.locale);
  return (
    <MessagePage
      title={t.manage.cancelledTitle}
      body={t.manage.cancelled}
      link={{ href: localizedPath(props.locale, `/events/${props.event.slug}`), label: t.backToEvent }}
    />
  );
}
