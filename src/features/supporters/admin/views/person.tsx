import { ErrorSummary, Form, TextArea, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { statusOf, type SupporterRecord } from '../../records.ts';
import { fullName } from './list.tsx';
import { describeEntry, languageLabel, statusLabel, suppressionLabel } from './wording.ts';
import type { PersonActivity } from '../../../../platform/person-merge.ts';
import type { MergeListing } from '../../merge.ts';
import {
  ActivitySections,
  ConsentsSection,
  EmailsSection,
  MergesSection,
  SubscriptionsSection,
  TagsSection,
} from './person-parts.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { BackLink } from '../../../../platform/web/components.tsx';

export type PersonPermissions = {
  tag: boolean;
  edit: boolean;
  note: boolean;
  exportRecord: boolean;
  stopLinks: boolean;
  erase: boolean;
  merge: boolean;
};

/** A note's text as written: its line breaks kept. */
export function NoteText(props: { body: string }) {
  const lines = props.body.split(/\r\n|\r|\n/);
  return <p class="note-text">{lines.map((line, i) => (i === 0 ? line : [<br />, line]))}</p>;
}

/** One person's page: who they are, what they get and agreed to, their labels, their story, and their data rights. */
export function SupporterPage(props: {
  record: SupporterRecord;
  token: string;
  can: PersonPermissions;
  tagValue?: string | undefined;
  noteValue?: string | undefined;
  errors: FieldErrors;
  notice?: string | undefined;
  timeZone: string;
  activity: { heading: string; items: PersonActivity[] }[];
  merges: MergeListing[];
}) {
  const Time = (time: { at: Date }) => <When at={time.at} timeZone={props.timeZone} />;
  const { person, subscriptions, suppression, timeline } = props.record;
  const base = `/admin/supporters/${person.id}`;
  const status = statusOf(Boolean(suppression), Object.fromEntries(subscriptions.map((s) => [s.topic, s.status])));
  return (
    <>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      {props.notice ? (
        <p class="notice success" role="status">
          {props.notice}
        </p>
      ) : null}
      <BackLink href="/admin/supporters">Supporters</BackLink>
      <h1>{fullName(person) || person.emailAsTyped}</h1>
      <p>
        <span class="badge">{statusLabel[status]}</span>
      </p>
      {suppression ? (
        <p class="notice" role="note">
          No bulk email goes to this address: {suppressionLabel[suppression.reason] ?? suppression.reason} (
          <Time at={suppression.at} />
          ).
        </p>
      ) : null}
      <dl class="meta">
        {(
          [
            ['Name', fullName(person) || '(none given)'],
            ['Email', person.emailAsTyped],
            ['Phone', person.phone ?? '(none)'],
            ['ZIP code', person.zip ?? '(none)'],
            ['County', person.county ?? '(unknown)'],
            ['Language', languageLabel[person.locale]],
            ['First came from', person.firstSource ?? '(no source code)'],
            ['Added', <Time at={person.createdAt} />],
            ['Last changed', <Time at={person.updatedAt} />],
          ] as const
        ).map(([term, value]) => (
          // The space after each pair is where a narrow screen may start a new line.
          <>
            <dt>{term}:</dt> <dd>{value}</dd>{' '}
          </>
        ))}
      </dl>
      {props.can.edit ? (
        <p class="button-group">
          <a class="button secondary" href={`${base}/edit`}>
            Edit details
          </a>
          <a class="button secondary" href={`${base}/subscriptions`}>
            Change subscriptions
          </a>
        </p>
      ) : null}

      {props.can.merge ? (
        <p>
          <a href="/admin/supporters/duplicates">Likely duplicates</a>
        </p>
      ) : null}
      <MergesSection merges={props.merges} token={props.token} timeZone={props.timeZone} />
      <SubscriptionsSection record={props.record} timeZone={props.timeZone} />
      <ConsentsSection record={props.record} timeZone={props.timeZone} />
      <TagsSection
        record={props.record}
        timeZone={props.timeZone}
        canTag={props.can.tag}
        token={props.token}
        tagValue={props.tagValue}
        errors={props.errors}
      />
      <ActivitySections activity={props.activity} timeZone={props.timeZone} />
      <EmailsSection record={props.record} timeZone={props.timeZone} />

      <h2 id="timeline">Timeline</h2>
      {props.can.note ? (
        <Form action={`${base}/notes`} token={props.token}>
          <TextArea
            name="note"
            label="Add a note"
            hint={
              'Plain text, shown here with your name and the time. It is part of their data: ' +
              'in the copy they can ask for, and erased with them.'
            }
            value={props.noteValue}
            error={props.errors.note}
            maxlength={5000}
            rows={4}
          />
          <button type="submit" class="button secondary">
            Add note
          </button>
        </Form>
      ) : null}
      {timeline.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <ol class="list-plain">
          {timeline.map((entry) => (
            <li>
              <Time at={entry.at} />: {describeEntry(entry)}
              {entry.source === 'note' ? <NoteText body={entry.body} /> : null}
              {entry.source === 'note' && props.can.note ? (
                <p>
                  <a href={`${base}/notes/${entry.id}/edit`}>Correct this note</a> ·{' '}
                  <a href={`${base}/notes/${entry.id}/delete`}>Delete this note</a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      {props.can.stopLinks ? (
        <>
          <h2>Links in their email</h2>
          <p>
            Every email we send carries a link to their preferences. If they fear someone else reads their email, stop
            the links sent so far: those links will only unsubscribe, or ask for a new link that goes to their address.
          </p>
          <Form action={`${base}/stop-links`} token={props.token} class="inline-action">
            <button type="submit" class="button secondary">
              Stop the links sent so far
            </button>
          </Form>
        </>
      ) : null}

      {props.can.exportRecord || props.can.erase ? (
        <>
          <h2>Their data</h2>
          <p>When someone asks for a copy of their data, or asks us to delete it.</p>
          {props.can.exportRecord ? (
            <Form action={`${base}/export`} token={props.token} class="inline-action">
              <button type="submit" class="button secondary">
                Download their data (JSON)
              </button>
            </Form>
          ) : null}
          {props.can.erase ? (
            <a class="button danger" href={`${base}/erase`}>
              Erase this person
            </a>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** The step before erasing: says what goes and what stays, and asks for a tick so one stray click erases nothing. */
export function EraseSupporterPage(props: { record: SupporterRecord; token: string; errors: FieldErrors }) {
  const { person } = props.record;
  const base = `/admin/supporters/${person.id}`;
  return (
    <>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>Erase {fullName(person) || person.emailAsTyped}?</h1>
      <p>
        This deletes everything we hold about this person: their record, subscriptions, consent records, tags, notes and
        timeline. Email not yet sent to them is withdrawn, and emails already sent are kept only as counts, without
        their address.
      </p>
      <p>
        It cannot be undone: there is no history to restore from. The audit log will say that supporter {person.id} was
        erased, and nothing more.
      </p>
      {props.record.suppression ? (
        <p class="notice" role="note">
          Their address stays on the do-not-email list, so a later import cannot email it again.
        </p>
      ) : null}
      <Form action={`${base}/erase`} token={props.token}>
        <div class={props.errors.confirm ? 'field field-error' : 'field'}>
          {props.errors.confirm ? (
            <p class="error-message" id="confirm-error">
              <span class="visually-hidden">Error: </span>
              {props.errors.confirm}
            </p>
          ) : null}
          <div class="checkbox">
            <input
              type="checkbox"
              id="confirm"
              name="confirm"
              value="on"
              aria-describedby={props.errors.confirm ? 'confirm-error' : undefined}
            />
            <label for="confirm">I understand that this erases the person for good</label>
          </div>
        </div>
        <button type="submit" class="button danger">
          Erase this person
        </button>{' '}
        <a class="button secondary" href={base}>
          No, keep them
        </a>
      </Form>
    </>
  );
}
