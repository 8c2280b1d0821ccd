import type { PersonActivity } from '../../../../platform/person-merge.ts';
import { Field, Form, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';
import { When } from '../../../../platform/web/when.tsx';
import type { MergeListing } from '../../merge.ts';
import type { SupporterRecord } from '../../records.ts';
import { UndoMergeButton } from './merge.tsx';
import { methodLabel, subscriptionLabel, templateLabel, topicLabel } from './wording.ts';

/** The sections of one person's page, each a part of SupporterPage (person.tsx). */

type Timed = { timeZone: string };

export function SubscriptionsSection(props: { record: SupporterRecord } & Timed) {
  const { subscriptions } = props.record;
  return (
    <>
      <h2>Subscriptions</h2>
      {subscriptions.length === 0 ? (
        <p>None.</p>
      ) : (
        <DataTable caption="Subscriptions" columns={['Topic', 'Status', 'Since']}>
          {subscriptions.map((s) => (
            <tr>
              <td>{topicLabel[s.topic] ?? s.topic}</td>
              <td>{subscriptionLabel[s.status] ?? s.status}</td>
              <td>
                <When at={s.updatedAt} timeZone={props.timeZone} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

export function TagsSection(props: {
  record: SupporterRecord;
  timeZone: string;
  canTag: boolean;
  token: string;
  tagValue?: string | undefined;
  errors: FieldErrors;
}) {
  const base = `/admin/supporters/${props.record.person.id}`;
  const tags = props.record.tagDetails;
  return (
    <>
      <h2>Tags</h2>
      {tags.length === 0 ? <p>No tags.</p> : null}
      <ul class="list-inline">
        {tags.map(({ tag, at, addedBy }) => (
          <li>
            <span class="badge">{tag}</span>{' '}
            <span class="hint">
              added {addedBy ? `by ${addedBy} ` : ''}on <When at={at} timeZone={props.timeZone} />
            </span>{' '}
            {props.canTag ? (
              <Form action={`${base}/tags/remove`} token={props.token} class="inline-action">
                <input type="hidden" name="tag" value={tag} />
                <button type="submit" class="link-button">
                  Remove<span class="visually-hidden"> tag {tag}</span>
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {props.canTag ? (
        <Form action={`${base}/tags`} token={props.token}>
          <Field
            name="tag"
            label="Add a tag"
            hint="Lower-case letters, digits and hyphens, like “volunteer” or “2026-advocacy-day”."
            value={props.tagValue}
            error={props.errors.tag}
            maxlength={60}
          />
          <button type="submit" class="button secondary">
            Add tag
          </button>
        </Form>
      ) : null}
    </>
  );
}

export function ConsentsSection(props: { record: SupporterRecord } & Timed) {
  const { consents } = props.record;
  return (
    <>
      <h2>Consent records</h2>
      {consents.length === 0 ? (
        <p>None yet: consent is recorded when they confirm.</p>
      ) : (
        <DataTable
          caption="What they agreed to and withdrew, newest first"
          columns={['When', 'Topic', 'Consent', 'Wording version', 'How']}
        >
          {consents.map((c) => (
            <tr>
              <td>
                <When at={c.at} timeZone={props.timeZone} />
              </td>
              <td>{topicLabel[c.topic] ?? c.topic}</td>
              <td>{c.granted === 'yes' ? 'Agreed' : 'Withdrew'}</td>
              <td>{c.wordingVersion}</td>
              <td>{methodLabel[c.method] ?? c.method}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** What they did elsewhere on the site: each feature's part (signatures, RSVPs, letters), handed in by the app. */
export function ActivitySections(props: { activity: { heading: string; items: PersonActivity[] }[] } & Timed) {
  return (
    <>
      {props.activity.map((part) => (
        <>
          <h2>{part.heading}</h2>
          {part.items.length === 0 ? (
            <p>None.</p>
          ) : (
            <DataTable caption={`${part.heading}, newest first`} columns={['When', 'What', 'Status']}>
              {part.items.map((item) => (
                <tr>
                  <td>
                    <When at={item.at} timeZone={props.timeZone} />
                  </td>
                  <td>{item.what}</td>
                  <td>{item.status}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      ))}
    </>
  );
}

const emailStatus: Record<string, string> = {
  sent: 'Sent',
  failed: 'Could not be delivered',
  suppressed: 'Held back',
};

/** The emails we sent or tried to send them, from the email feature's outbox (the timeline's email entries). */
export function EmailsSection(props: { record: SupporterRecord } & Timed) {
  const emails = props.record.timeline.filter((e): e is Extract<typeof e, { source: 'email' }> => e.source === 'email');
  return (
    <>
      <h2>Emails received</h2>
      {emails.length === 0 ? (
        <p>None.</p>
      ) : (
        <DataTable caption="Emails to them, newest first" columns={['When', 'Email', 'Status']}>
          {emails.map((m) => (
            <tr>
              <td>
                <When at={m.at} timeZone={props.timeZone} />
              </td>
              <td>{templateLabel[m.template] ?? m.template}</td>
              <td>{emailStatus[m.status] ?? 'Waiting to be sent'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** Records merged into this one in the last 30 days, each with its undo. */
export function MergesSection(props: { merges: MergeListing[]; token: string } & Timed) {
  if (props.merges.length === 0) return null;
  return (
    <>
      <h2>Merged into this record</h2>
      <ul class="list-plain">
        {props.merges.map((m) => (
          <li>
            Record #{m.mergedId} ({m.mergedEmail}), merged <When at={m.mergedAt} timeZone={props.timeZone} />.{' '}
            <UndoMergeButton merge={m} token={props.token} />
          </li>
        ))}
      </ul>
    </>
  );
}
