import type { Child } from 'hono/jsx';
import { BackLink } from '../../../../platform/web/components.tsx';
import { Field, Form } from '../../../../platform/web/forms.tsx';
import { formatInZone, zoneName } from '../../../../platform/web/time.ts';
import { SummaryTable } from '../../../../platform/web/tables.tsx';
import type { Broadcast, Progress } from '../../service.ts';
import { describeAudience, people, statusLabels } from './labels.ts';
import { BroadcastPreview, type VersionPreview } from './preview.tsx';

// The page of one broadcast, as it stands: a draft, scheduled, or sending and sent.

/** The way back, the broadcast's name and where it stands: the top of each of its pages. */
function BroadcastHeading(props: { broadcast: Broadcast; children?: Child }) {
  return (
    <>
      <BackLink href="/admin/broadcasts">Broadcasts</BackLink>
      <h1>{props.broadcast.name}</h1>
      <p>{props.children}</p>
    </>
  );
}

/**
 * Cancelling, apart from everything else on the page and below it, so it is
 * never pressed for the button beside it; it asks on a page of its own.
 */
function CancelSection(props: { broadcast: Broadcast; token: string; sending?: boolean }) {
  const label = props.sending ? 'Stop sending' : 'Cancel this broadcast';
  return (
    <section class="danger-zone" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">{label}</h2>
      <p>
        {props.sending
          ? 'Those not yet sent their copy will not get it. What has gone out cannot be called back.'
          : 'It will never be sent, and it can no longer be edited. You are asked to confirm first.'}
      </p>
      <Form action={`/admin/broadcasts/${props.broadcast.id}/cancel`} token={props.token}>
        <button type="submit" class="button danger">
          {label}…
        </button>
      </Form>
    </section>
  );
}

export type BroadcastPreviews = { from: string; versions: readonly VersionPreview[] };

/** What every page of a broadcast is given. */
type PageProps = { broadcast: Broadcast; token: string; timeZone: string };

/** A draft: its preview, a test, when to send it (confirmed on the next page), its form, and apart, cancelling. */
export function DraftPage(
  props: PageProps & {
    count: number;
    preview: BroadcastPreviews;
    scheduleError?: string | undefined;
    scheduleValue?: string | undefined;
    form: Child;
  },
) {
  const b = props.broadcast;
  return (
    <>
      <BroadcastHeading broadcast={b}>
        Draft to <strong>{describeAudience(b.audience)}</strong>: <strong>{people(props.count)}</strong> right now.
      </BroadcastHeading>
      <BroadcastPreview {...props.preview} />
      <section aria-labelledby="send-heading">
        <h2 id="send-heading">Send</h2>
        <Form action={`/admin/broadcasts/${b.id}/test`} token={props.token}>
          <p>A copy of each language to your own address, marked “[Test]”, to read in your mail app first.</p>
          <div class="form-actions">
            <button type="submit" class="button secondary">
              Send a test to me
            </button>
          </div>
        </Form>
        <Form action={`/admin/broadcasts/${b.id}/schedule`} token={props.token}>
          <Field
            name="sendAt"
            type="datetime-local"
            label={`Send at, in the organisation’s time (${zoneName(props.timeZone)})`}
            hint="Leave it empty to send now. The next page asks you to confirm before anything is sent."
            value={props.scheduleValue}
            error={props.scheduleError}
          />
          <div class="form-actions">
            <button type="submit" class="button">
              Schedule or send to {people(props.count)}
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Edit</h2>
        {props.form}
      </section>
      <CancelSection broadcast={b} token={props.token} />
    </>
  );
}

/**
 * Scheduled and not yet started (or a draft, to those who cannot send): what will go out, and the ways to change or
 * stop it.
 */
export function ScheduledPage(props: PageProps & { count: number; preview: BroadcastPreviews; canSend: boolean }) {
  const b = props.broadcast;
  return (
    <>
      <BroadcastHeading broadcast={b}>
        {b.scheduledAt ? (
          <>
            Scheduled for <strong>{formatInZone(b.scheduledAt, props.timeZone)}</strong> to
          </>
        ) : (
          // A draft, seen by someone who may watch broadcasts but not send them.
          'Draft to'
        )}{' '}
        {describeAudience(b.audience)}: {people(props.count)} right now.
      </BroadcastHeading>
      <BroadcastPreview {...props.preview} />
      {props.canSend ? (
        <>
          <section aria-labelledby="change-heading">
            <h2 id="change-heading">Change it</h2>
            <Form action={`/admin/broadcasts/${b.id}/unschedule`} token={props.token}>
              <p>Back to a draft, to edit it or choose another time. Nothing is sent meanwhile.</p>
              <div class="form-actions">
                <button type="submit" class="button secondary">
                  Back to draft
                </button>
              </div>
            </Form>
          </section>
          <CancelSection broadcast={b} token={props.token} />
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

/** Starting, sending, sent or cancelled: the counts, which the workspace script refreshes as they move. */
export function ProgressPage(props: PageProps & { progress: Progress; canSend: boolean }) {
  const b = props.broadcast;
  return (
    <>
      <BroadcastHeading broadcast={b}>
        {b.status === 'scheduled' ? 'Starting' : statusLabels[b.status]} to {describeAudience(b.audience)}
        {b.startedAt ? `, started ${formatInZone(b.startedAt, props.timeZone)}` : ''}
        {b.finishedAt ? `, finished ${formatInZone(b.finishedAt, props.timeZone)}` : ''}.
      </BroadcastHeading>
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
      {b.status === 'sending' && props.canSend ? <CancelSection broadcast={b} token={props.token} sending /> : null}
    </>
  );
}
