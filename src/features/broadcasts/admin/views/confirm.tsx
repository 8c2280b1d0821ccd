import { ConfirmationPage } from '../../../../platform/web/confirmation.tsx';
import { formatInZone } from '../../../../platform/web/time.ts';
import type { Broadcast, Progress } from '../../service.ts';
import type { BroadcastPreviews } from './broadcast.tsx';
import { describeAudience, people } from './labels.ts';
import { InboxLines } from './preview.tsx';

// The pages that stand between a click and a send or a cancel (ADR: every
// action that reaches many people asks first, on a page that says what happens).

/** "Send to 3,214 people now?", or on a date: the page's title and its question. */
export function sendQuestion(count: number, at: Date | undefined, timeZone: string): string {
  return at ? `Send to ${people(count)} on ${formatInZone(at, timeZone)}?` : `Send to ${people(count)} now?`;
}

/** "Stop sending “June news”?" or "Cancel the broadcast “June news”?". */
export function cancelQuestion(b: Broadcast): string {
  return b.status === 'sending' ? `Stop sending “${b.name}”?` : `Cancel the broadcast “${b.name}”?`;
}

/** The send's question with the live count, when, and the subject lines, before anything goes out. */
export function SendConfirmation(props: {
  broadcast: Broadcast;
  count: number;
  /** When it was asked to start; undefined for now. */
  at: Date | undefined;
  /** The time as typed, carried on to the confirmed form. */
  sendAt: string;
  timeZone: string;
  preview: BroadcastPreviews;
  token: string;
}) {
  const b = props.broadcast;
  const when = props.at ? formatInZone(props.at, props.timeZone) : undefined;
  const to = people(props.count);
  return (
    <ConfirmationPage
      title={sendQuestion(props.count, props.at, props.timeZone)}
      consequences={[
        `It goes to ${describeAudience(b.audience)}: ${to} right now, each in their own language.`,
        when
          ? `It starts on ${when}. Until then you can put it back to draft, or cancel it.`
          : 'It starts at once. An email that has been sent cannot be called back.',
      ]}
      action={`/admin/broadcasts/${b.id}/schedule`}
      token={props.token}
      confirmLabel={when ? `Schedule it for ${when}` : `Send to ${to} now`}
      cancelHref={`/admin/broadcasts/${b.id}`}
      cancelLabel="No, back to the draft"
      hidden={{ sendAt: props.sendAt }}
    >
      <h2>How inboxes will list it</h2>
      <InboxLines {...props.preview} />
    </ConfirmationPage>
  );
}

/** Cancelling a draft or a scheduled broadcast, or stopping one that is sending: what will and will not happen. */
export function CancelConfirmation(props: {
  broadcast: Broadcast;
  count: number;
  progress: Progress | undefined;
  timeZone: string;
  token: string;
}) {
  const b = props.broadcast;
  const sending = b.status === 'sending';
  const consequences = sending
    ? [
        `The ${props.progress?.queued.toLocaleString('en-US') ?? 0} messages not yet sent are withdrawn: ` +
          'those people will not get it.',
        `The ${props.progress?.sent.toLocaleString('en-US') ?? 0} already sent cannot be called back.`,
      ]
    : b.status === 'scheduled' && b.scheduledAt
      ? [
          `It was to go to ${people(props.count)} on ` +
            `${formatInZone(b.scheduledAt, props.timeZone)}: nobody will get it.`,
          'It can no longer be edited or scheduled again.',
        ]
      : ['Nobody has been sent anything. It will never be sent, and it can no longer be edited.'];
  return (
    <ConfirmationPage
      title={cancelQuestion(b)}
      consequences={consequences}
      action={`/admin/broadcasts/${b.id}/cancel`}
      token={props.token}
      confirmLabel={sending ? 'Yes, stop sending' : 'Yes, cancel it'}
      cancelHref={`/admin/broadcasts/${b.id}`}
      cancelLabel="No, keep it"
      destructive
    />
  );
}
