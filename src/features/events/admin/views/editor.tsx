import { BackLink } from '../../../../platform/web/components.tsx';
import {
  Checkbox,
  ErrorSummary,
  Field,
  Form,
  Select,
  TextArea,
  type FieldErrors,
} from '../../../../platform/web/forms.tsx';
import type { ImageChoice } from '../../../../platform/web/images.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { formatLabels, questionKindLabels, seatsLine } from '../../admin-messages.ts';
import type { StaffEvent } from '../../event-editing.ts';
import { eventFormats, questionKinds } from '../../schema.ts';
import { eventTimeZones, rowCount, type FormValues } from '../event-form.ts';
import { StatusBadge } from './list.tsx';

export type Abilities = { edit: boolean; publish: boolean; cancel: boolean; attendees: boolean; checkIn: boolean };

function ActionButton(props: { action: string; token: string; label: string }) {
  return (
    <Form action={props.action} token={props.token} class="inline-action">
      <button type="submit" class="button secondary">
        {props.label}
      </button>
    </Form>
  );
}

/** Where the event stands, its people, and what this person may do next. */
function EventState(props: { event: StaffEvent; token: string; can: Abilities }) {
  const { event, can, token } = props;
  const base = `/admin/events/${event.id}`;
  return (
    <div class="item-state">
      <p>
        <StatusBadge status={event.status} /> · <When at={event.startsAt} timeZone={event.timeZone} /> ·{' '}
        {seatsLine(event.rsvps.confirmed, event.capacity)}, {event.rsvps.waitlisted.toLocaleString('en-US')} on the
        waitlist
        {event.status !== 'draft' ? (
          <>
            {' '}
            · <a href={`/events/${event.slug}`}>See it on the site</a>
          </>
        ) : null}
      </p>
      {can.attendees ? (
        <ul class="list-inline">
          <li>
            <a href={`${base}/attendees`}>Attendees</a>
          </li>
          {can.checkIn ? (
            <li>
              <a href={`${base}/check-in`}>Check-in</a>
            </li>
          ) : null}
          <li>
            <a href={`${base}/sheet`}>Printable sheet</a>
          </li>
          {event.meetsLegislators ? (
            <li>
              <a href={`${base}/legislators`}>Attendees by legislator</a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {can.publish && event.status === 'draft' ? (
        <ActionButton action={`${base}/publish`} token={token} label="Publish" />
      ) : null}
      {can.publish && event.status === 'published' ? (
        <ActionButton action={`${base}/unpublish`} token={token} label="Back to draft" />
      ) : null}
      {can.cancel && event.status !== 'cancelled' ? (
        <p>
          <a href={`${base}/cancel`}>Cancel this event</a>
        </p>
      ) : null}
      {event.status === 'cancelled' ? (
        <p class="notice" role="note">
          This event is cancelled: its page says so, and it takes no more RSVPs.
        </p>
      ) : null}
    </div>
  );
}

function WhenAndWhere(props: { values: FormValues; errors: FieldErrors; images: ImageChoice[] }) {
  const { values, errors } = props;
  return (
    <fieldset>
      <legend>When and where</legend>
      <Field
        name="slug"
        label="Address"
        hint="The end of the event’s web address, /events/…: lower-case letters, numbers and hyphens."
        value={values.slug}
        error={errors.slug}
      />
      <Select
        name="timeZone"
        label="Time zone"
        hint="The times below are in this zone; the site shows them in it too."
        options={eventTimeZones}
        value={values.timeZone}
        error={errors.timeZone}
      />
      <Field
        name="startsAt"
        type="datetime-local"
        label="Starts"
        hint="Date and time, such as 2027-03-04 09:30."
        value={values.startsAt}
        error={errors.startsAt}
      />
      <Field name="endsAt" type="datetime-local" label="Ends" value={values.endsAt} error={errors.endsAt} />
      <Select
        name="format"
        label="In person or online"
        options={eventFormats.map((f) => [f, formatLabels[f]] as const)}
        value={values.format}
        error={errors.format}
      />
      <Field
        name="venue"
        label="Place (in person)"
        hint="Its name, as people will look for it: Oregon State Capitol."
        value={values.venue}
        error={errors.venue}
      />
      <TextArea
        name="address"
        label="Street address (in person)"
        value={values.address}
        error={errors.address}
        rows={2}
      />
      <Field
        name="joinUrl"
        type="url"
        label="Join link (online)"
        hint="Shown only to people who are confirmed, in their email and their RSVP page."
        value={values.joinUrl}
        error={errors.joinUrl}
      />
      <Field
        name="capacity"
        label="Seats"
        inputmode="numeric"
        hint="Leave empty for no limit. When full, new RSVPs join a waitlist; adding seats moves the waitlist up."
        value={values.capacity}
        error={errors.capacity}
      />
      <Field
        name="rsvpDeadline"
        type="datetime-local"
        label="RSVP deadline (optional)"
        hint="After this, the form closes. Leave empty to take RSVPs until the event ends."
        value={values.rsvpDeadline}
        error={errors.rsvpDeadline}
      />
      <Checkbox
        name="meetsLegislators"
        label="Attendees meet their legislators"
        hint="An advocacy day: each confirmation names their senator and representative, and you can group attendees by legislator."
        checked={values.meetsLegislators === 'on'}
      />
      <Select
        name="imageId"
        label="Image"
        hint="From the media library: only images with alt text in both languages can be chosen."
        options={[['', 'No image'] as const, ...props.images.map((i) => [String(i.id), i.label] as const)]}
        value={values.imageId}
        error={errors.imageId}
      />
    </fieldset>
  );
}

function Words(props: { locale: 'en' | 'es'; values: FormValues; errors: FieldErrors }) {
  const { locale, values, errors } = props;
  const name = (n: string) => `${locale}.${n}`;
  const language = locale === 'en' ? 'English' : 'Spanish';
  return (
    <fieldset lang={locale}>
      <legend lang="en">{locale === 'en' ? 'English' : 'Spanish (optional)'}</legend>
      {locale === 'es' ? (
        <p class="hint" lang="en">
          Leave empty and Spanish readers see the English, marked as such.
        </p>
      ) : null}
      <Field
        name={name('title')}
        label={`Title (${language})`}
        value={values[name('title')]}
        error={errors[name('title')]}
        lang={locale}
      />
      <TextArea
        name={name('summary')}
        label={`Summary (${language})`}
        hint="A sentence or two, for the list of events and search."
        value={values[name('summary')]}
        error={errors[name('summary')]}
        rows={2}
        lang={locale}
      />
      <TextArea
        name={name('descriptionMd')}
        label={`Description (${language})`}
        hint="Markdown: **bold**, lists with -, links as [words](https://…)."
        value={values[name('descriptionMd')]}
        error={errors[name('descriptionMd')]}
        rows={10}
        lang={locale}
      />
      <TextArea
        name={name('accessibilityNotes')}
        label={`Accessibility (${language})`}
        hint="Step-free entrance, interpretation offered, quiet room: what someone needs to know before coming."
        value={values[name('accessibilityNotes')]}
        error={errors[name('accessibilityNotes')]}
        rows={3}
        lang={locale}
      />
    </fieldset>
  );
}

function Sessions(props: { values: FormValues; errors: FieldErrors }) {
  const { values, errors } = props;
  const count = rowCount(values, 'sessions');
  return (
    <fieldset>
      <legend>Sessions (optional)</legend>
      <p class="hint">Parts of the day people choose, such as a morning training and afternoon meetings.</p>
      {Array.from({ length: count }, (_, i) => {
        const n = (f: string) => `sessions.${i}.${f}`;
        const existing = Boolean(values[n('id')]);
        return (
          <fieldset>
            <legend>{existing || i < count - 1 ? `Session ${i + 1}` : 'Add a session'}</legend>
            <input type="hidden" name={n('id')} value={values[n('id')] ?? ''} />
            <Field
              name={n('titleEn')}
              label="Name in English"
              value={values[n('titleEn')]}
              error={errors[n('titleEn')]}
            />
            <Field
              name={n('titleEs')}
              label="Name in Spanish"
              value={values[n('titleEs')]}
              error={errors[n('titleEs')]}
              lang="es"
            />
            <Field
              name={n('startsAt')}
              type="datetime-local"
              label="Starts"
              value={values[n('startsAt')]}
              error={errors[n('startsAt')]}
            />
            <Field
              name={n('endsAt')}
              type="datetime-local"
              label="Ends"
              value={values[n('endsAt')]}
              error={errors[n('endsAt')]}
            />
            {existing ? (
              <Checkbox name={n('remove')} label="Remove this session" checked={values[n('remove')] === 'on'} />
            ) : null}
          </fieldset>
        );
      })}
    </fieldset>
  );
}

function Questions(props: { values: FormValues; errors: FieldErrors }) {
  const { values, errors } = props;
  const count = rowCount(values, 'questions');
  return (
    <fieldset>
      <legend>Questions (optional)</legend>
      <p class="hint">Anything else the RSVP form should ask, such as a T-shirt size. Ask only what you need.</p>
      {Array.from({ length: count }, (_, i) => {
        const n = (f: string) => `questions.${i}.${f}`;
        const existing = Boolean(values[n('id')]);
        return (
          <fieldset>
            <legend>{existing || i < count - 1 ? `Question ${i + 1}` : 'Add a question'}</legend>
            <input type="hidden" name={n('id')} value={values[n('id')] ?? ''} />
            <Field
              name={n('labelEn')}
              label="Question in English"
              value={values[n('labelEn')]}
              error={errors[n('labelEn')]}
            />
            <Field
              name={n('labelEs')}
              label="Question in Spanish"
              value={values[n('labelEs')]}
              error={errors[n('labelEs')]}
              lang="es"
            />
            <Select
              name={n('kind')}
              label="Kind of answer"
              options={questionKinds.map((k) => [k, questionKindLabels[k]] as const)}
              value={values[n('kind')]}
              error={errors[n('kind')]}
            />
            <TextArea
              name={n('choices')}
              label="Choices (for one of several)"
              hint="One on each line, English then Spanish after a bar: Large | Grande"
              value={values[n('choices')]}
              error={errors[n('choices')]}
              rows={3}
            />
            <Checkbox name={n('required')} label="An answer is required" checked={values[n('required')] === 'on'} />
            {existing ? (
              <Checkbox name={n('remove')} label="Remove this question" checked={values[n('remove')] === 'on'} />
            ) : null}
          </fieldset>
        );
      })}
    </fieldset>
  );
}

/** A new event, or one event's editor: both languages, sessions and questions on one page, saved together. */
export function EventEditorView(props: {
  event?: StaffEvent | undefined;
  heading: string;
  values: FormValues;
  errors: FieldErrors;
  token: string;
  can: Abilities;
  images: ImageChoice[];
}) {
  const { event, values, errors } = props;
  const readOnly = !props.can.edit;
  return (
    <>
      <BackLink href="/admin/events">All events</BackLink>
      <ErrorSummary errors={errors} title="There is a problem" />
      <h1>{props.heading}</h1>
      {event ? (
        <EventState event={event} token={props.token} can={props.can} />
      ) : (
        <p>It starts as a draft: publish it when it is ready.</p>
      )}
      {readOnly ? (
        <p class="notice" role="note">
          You can read this but not change it: your role does not allow editing events.
        </p>
      ) : null}
      <Form action={event ? `/admin/events/${event.id}` : '/admin/events/new'} token={props.token}>
        <fieldset class="plain" disabled={readOnly}>
          <legend class="visually-hidden">The event</legend>
          <WhenAndWhere values={values} errors={errors} images={props.images} />
          <Words locale="en" values={values} errors={errors} />
          <Words locale="es" values={values} errors={errors} />
          <Sessions values={values} errors={errors} />
          <Questions values={values} errors={errors} />
        </fieldset>
        {readOnly ? null : (
          <div class="form-actions">
            <button type="submit" class="button">
              {event ? 'Save' : 'Create event'}
            </button>
          </div>
        )}
      </Form>
    </>
  );
}
