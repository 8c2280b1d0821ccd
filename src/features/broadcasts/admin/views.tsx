import type { Child } from 'hono/jsx';
import { ErrorSummary, Field, Form, Select, TextArea, type FieldErrors } from '../../../platform/web/forms.tsx';
import { dateToZonedLocal, formatInZone, zoneName } from '../../../platform/web/time.ts';
import type { Audience } from '../../supporters/service.ts';
import type { Broadcast, Progress } from '../service.ts';
import { BackLink } from '../../../platform/web/components.tsx';
import { DataTable, SummaryTable } from '../../../platform/web/tables.tsx';

export type BroadcastValues = {
  name?: string;
  en?: { subject?: string; preheader?: string; body?: string };
  es?: { subject?: string; preheader?: string; body?: string };
  audience?: { topic?: string; tag?: string; county?: string; locale?: string };
};

const topicLabels: Record<string, string> = {
  newsletter: 'Newsletter subscribers',
  'action-alerts': 'Action alert subscribers',
  events: 'Event news subscribers',
};
const statusLabels: Record<string, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  sent: 'Sent',
  cancelled: 'Cancelled',
};

export function describeAudience(a: Audience): string {
  const parts = [topicLabels[a.topic] ?? a.topic];
  if (a.tag) parts.push(`tagged “${a.tag}”`);
  if (a.county) parts.push(`in ${a.county} County`);
  if (a.locale) parts.push(a.locale === 'es' ? 'who read Spanish' : 'who read English');
  return parts.join(', ');
}

export function BroadcastList(props: { rows: Broadcast[]; timeZone: string; canSend: boolean }) {
  return (
    <>
      <h1>Broadcasts</h1>
      <p>Email to everyone subscribed to a topic, in each person’s language. No open or click tracking: counts only.</p>
      {props.canSend ? (
        <p>
          <a class="button" href="/admin/broadcasts/new">
            New broadcast
          </a>
        </p>
      ) : null}
      {props.rows.length === 0 ? (
        <p>No broadcasts yet.</p>
      ) : (
        <DataTable caption="Broadcasts, newest first" columns={['Name', 'Audience', 'Status', 'When', 'Recipients']}>
          {props.rows.map((b) => (
            <tr>
              <td>
                <a href={`/admin/broadcasts/${b.id}`}>{b.name}</a>
              </td>
              <td>{describeAudience(b.audience)}</td>
              <td>{statusLabels[b.status]}</td>
              <td>
                {b.startedAt
                  ? formatInZone(b.startedAt, props.timeZone)
                  : b.scheduledAt
                    ? formatInZone(b.scheduledAt, props.timeZone)
                    : '—'}
              </td>
              <td>{b.recipientCount ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

function VersionFields(props: {
  lang: 'en' | 'es';
  values: BroadcastValues['en'];
  errors: FieldErrors;
  required: boolean;
}) {
  const p = props.lang;
  const v = props.values ?? {};
  return (
    <fieldset lang={p}>
      <legend>
        {p === 'en' ? 'English' : 'Spanish (optional: without it, Spanish readers get the English version)'}
      </legend>
      <Field
        name={`${p}.subject`}
        label="Subject"
        value={v.subject}
        error={props.errors[`${p}.subject`]}
        required={props.required}
        maxlength={200}
        lang={p}
      />
      <Field
        name={`${p}.preheader`}
        label="Preheader"
        hint="The line inboxes show after the subject."
        value={v.preheader}
        error={props.errors[`${p}.preheader`]}
        maxlength={200}
        lang={p}
      />
      <TextArea
        name={`${p}.body`}
        label="Message"
        hint="Markdown: **bold**, _italic_, [a link](https://…), lists with “- ”. {{givenName}} becomes the reader’s first name."
        value={v.body}
        error={props.errors[`${p}.body`]}
        required={props.required}
        rows={12}
        lang={p}
      />
    </fieldset>
  );
}

/** The compose form, for a new broadcast or a draft. */
export function ComposeForm(props: {
  action: string;
  token: string;
  values: BroadcastValues;
  errors: FieldErrors;
  counties: string[];
  submitLabel: string;
}) {
  const a = props.values.audience ?? {};
  return (
    <Form action={props.action} token={props.token}>
      <ErrorSummary errors={props.errors} title="Please fix these and save again" />
      <Field
        name="name"
        label="Name (for staff only)"
        value={props.values.name}
        error={props.errors.name}
        required
        maxlength={120}
      />
      <fieldset>
        <legend>Audience</legend>
        <Select
          name="audience.topic"
          label="Send to"
          value={a.topic}
          error={props.errors['audience.topic']}
          options={Object.entries(topicLabels)}
        />
        <Field
          name="audience.tag"
          label="Only people with this tag (optional)"
          value={a.tag}
          error={props.errors['audience.tag']}
          maxlength={60}
        />
        <Select
          name="audience.county"
          label="Only people in this county (optional)"
          value={a.county ?? ''}
          error={props.errors['audience.county']}
          options={[['', 'Any county'], ...props.counties.map((c) => [c, c] as const)]}
        />
        <Select
          name="audience.locale"
          label="Only people who read (optional)"
          value={a.locale ?? ''}
          error={props.errors['audience.locale']}
          options={[
            ['', 'Either language'],
            ['en', 'English'],
            ['es', 'Spanish'],
          ]}
        />
      </fieldset>
      <VersionFields lang="en" values={props.values.en} errors={props.errors} required />
      <VersionFields lang="es" values={props.values.es} errors={props.errors} required={false} />
      <button type="submit">{props.submitLabel}</button>
    </Form>
  );
}

function Preview(props: { html: string; subject: string; preheader: string; lang: 'en' | 'es' }) {
  return (
    <section
      class="email-preview"
      lang={props.lang}
      aria-label={props.lang === 'en' ? 'English preview' : 'Spanish preview'}
    >
      <p>
        <strong>{props.subject}</strong> — {props.preheader}
      </p>
      <div dangerouslySetInnerHTML={{ __html: props.html }} />
    </section>
  );
}

/** A draft: its preview, the audience count, and the ways to send it. */
export function DraftPage(props: {
  broadcast: Broadcast;
  count: number;
  previews: { en: { html: string }; es?: { html: string } | undefined };
  token: string;
  timeZone: string;
  scheduleError?: string | undefined;
  scheduleValue?: string | undefined;
  form: Child;
}) {
  const b = props.broadcast;
  return (
    <>
      <BackLink href="/admin/broadcasts">Broadcasts</BackLink>
      <h1>{b.name}</h1>
      <p>
        Draft to <strong>{describeAudience(b.audience)}</strong>: <strong>{props.count.toLocaleString('en-US')}</strong>{' '}
        {props.count === 1 ? 'person' : 'people'} right now.
      </p>
      <h2>Preview</h2>
      <Preview html={props.previews.en.html} subject={b.en.subject} preheader={b.en.preheader} lang="en" />
      {b.es && props.previews.es ? (
        <Preview html={props.previews.es.html} subject={b.es.subject} preheader={b.es.preheader} lang="es" />
      ) : null}
      <h2>Send</h2>
      <Form action={`/admin/broadcasts/${b.id}/test`} token={props.token}>
        <button type="submit">Send a test to me</button>
      </Form>
      <Form action={`/admin/broadcasts/${b.id}/schedule`} token={props.token}>
        <Field
          name="sendAt"
          type="datetime-local"
          label={`Send at (${zoneName(props.timeZone)})`}
          hint="Leave empty to send now."
          value={props.scheduleValue}
          error={props.scheduleError}
        />
        <button type="submit">Schedule or send to {props.count.toLocaleString('en-US')} people</button>
      </Form>
      <Form action={`/admin/broadcasts/${b.id}/cancel`} token={props.token}>
        <button type="submit" class="secondary">
          Cancel this broadcast
        </button>
      </Form>
      <h2>Edit</h2>
      {props.form}
    </>
  );
}

export function ScheduledPage(props: {
  broadcast: Broadcast;
  count: number;
  token: string;
  timeZone: string;
  canSend: boolean;
}) {
  const b = props.broadcast;
  return (
    <>
      <BackLink href="/admin/broadcasts">Broadcasts</BackLink>
      <h1>{b.name}</h1>
      <p>
        Scheduled for <strong>{b.scheduledAt ? formatInZone(b.scheduledAt, props.timeZone) : '—'}</strong> (
        {dateToZonedLocal(b.scheduledAt ?? new Date(), props.timeZone).replace('T', ' ')}) to{' '}
        {describeAudience(b.audience)}: {props.count.toLocaleString('en-US')} people right now.
      </p>
      {props.canSend ? (
        <>
          <Form action={`/admin/broadcasts/${b.id}/unschedule`} token={props.token}>
            <button type="submit">Back to draft</button>
          </Form>
          <Form action={`/admin/broadcasts/${b.id}/cancel`} token={props.token}>
            <button type="submit" class="secondary">
              Cancel this broadcast
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}

const progressRows: [keyof Progress, string][] = [
  ['recipients', 'Recipients'],
  ['queued', 'Waiting to send'],
  ['sent', 'Sent'],
  ['failed', 'Failed'],
  ['withdrawn', 'Not sent (unsubscribed, bounced or cancelled before sending)'],
  ['bounced', 'Bounced or complained since it started'],
  ['unsubscribed', 'Unsubscribed since it started'],
];

export function ProgressPage(props: {
  broadcast: Broadcast;
  progress: Progress;
  token: string;
  timeZone: string;
  canSend: boolean;
}) {
  const b = props.broadcast;
  return (
    <>
      <BackLink href="/admin/broadcasts">Broadcasts</BackLink>
      <h1>{b.name}</h1>
      <p>
        {b.status === 'scheduled' ? 'Starting' : statusLabels[b.status]} to {describeAudience(b.audience)}
        {b.startedAt ? `, started ${formatInZone(b.startedAt, props.timeZone)}` : ''}
        {b.finishedAt ? `, finished ${formatInZone(b.finishedAt, props.timeZone)}` : ''}.
      </p>
      <SummaryTable
        caption="Progress"
        showCaption
        attributes={{ 'data-progress': `/admin/broadcasts/${b.id}/progress.json` }}
        rows={progressRows.map(([key, label]) => [
          label,
          <output data-count={key} aria-live="polite">
            {props.progress[key].toLocaleString('en-US')}
          </output>,
        ])}
      />
      <p>
        <a href={`/admin/broadcasts/${b.id}`}>Refresh the counts</a>
      </p>
      {b.status === 'sending' && props.canSend ? (
        <Form action={`/admin/broadcasts/${b.id}/cancel`} token={props.token}>
          <button type="submit" class="secondary">
            Stop sending
          </button>
        </Form>
      ) : null}
    </>
  );
}
