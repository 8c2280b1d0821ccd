import { Select } from '../../../../platform/web/forms.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { QUEUE_LIMIT, type QueueFilter, type QueuedStory } from '../../moderation.ts';
import { storyStatuses, type StoryStatus } from '../../schema.ts';
import { consentSummary, doneMessages, languageLabels, statusLabels, storyName } from '../messages.ts';

export function StatusBadge(props: { status: StoryStatus }) {
  const kind =
    props.status === 'published'
      ? 'badge'
      : props.status === 'new' || props.status === 'consent-asked'
        ? 'badge badge-missing'
        : 'badge badge-draft';
  return <span class={kind}>{statusLabels[props.status]}</span>;
}

/** The message a decision left in the address (?done=), said once at the top. */
export function Done(props: { code: string | undefined }) {
  const message = props.code ? doneMessages[props.code] : undefined;
  return message ? (
    <p class="notice success" role="status">
      {message}
    </p>
  ) : null;
}

/**
 * /admin/stories: the queue. A row shows only what is in the clear (which story, when, in what language, what the
 * teller allowed, where it stands): no words and no name, so a list seen over a shoulder tells little. Opening a
 * story is the read, and it is audited.
 */
export function QueueView(props: {
  rows: QueuedStory[];
  more: boolean;
  counts: Record<StoryStatus, number>;
  filter: QueueFilter;
  timeZone: string;
  done: string | undefined;
}) {
  const total = Object.values(props.counts).reduce((a, b) => a + b, 0);
  return (
    <>
      <Done code={props.done} />
      <h1>Stories</h1>
      <p>
        Stories survivors, people who were incarcerated and their families shared with us. Only staff with stories
        access see them, and each opening is recorded in the audit log.
      </p>
      {total === 0 && !props.filter.locale ? (
        <EmptyQueue />
      ) : (
        <>
          <form method="get" action="/admin/stories" class="filters">
            <fieldset>
              <legend>Show</legend>
              <Select
                name="state"
                label="State"
                options={[
                  ['all', 'Every state'] as const,
                  ...storyStatuses.map((s) => [s, `${statusLabels[s]} (${props.counts[s]})`] as const),
                ]}
                value={props.filter.status ?? 'all'}
              />
              <Select
                name="language"
                label="Language"
                options={[['', 'Either'] as const, ['en', 'English'] as const, ['es', 'Spanish'] as const]}
                value={props.filter.locale ?? ''}
              />
              <div class="form-actions">
                <button type="submit" class="button secondary">
                  Show
                </button>
              </div>
            </fieldset>
          </form>
          {props.more ? <p>The first {QUEUE_LIMIT} are shown: choose a state or a language to see others.</p> : null}
          {props.rows.length === 0 ? (
            <p>No stories {props.filter.status ? `in the state “${statusLabels[props.filter.status]}”` : 'here'}.</p>
          ) : (
            <StoryTable rows={props.rows} timeZone={props.timeZone} />
          )}
        </>
      )}
    </>
  );
}

function StoryTable(props: { rows: QueuedStory[]; timeZone: string }) {
  return (
    <DataTable
      caption="Stories, the longest waiting first"
      columns={['Story', 'Submitted', 'Language', 'Consent', 'State']}
    >
      {props.rows.map((s) => (
        <tr>
          <th scope="row">
            <a href={`/admin/stories/${s.id}`}>{storyName(s.publicId)}</a>
          </th>
          <td>
            <When at={s.submittedAt} timeZone={props.timeZone} />
          </td>
          <td>{languageLabels[s.locale]}</td>
          <td>{consentSummary(s)}</td>
          <td>
            <StatusBadge status={s.status} />
            {s.forTestimony ? ' For testimony' : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function EmptyQueue() {
  return (
    <div class="card">
      <h2>No stories yet</h2>
      <p>
        People share a story with the form at <a href="/share-your-story">/share-your-story</a> (in Spanish at{' '}
        <a href="/es/share-your-story">/es/share-your-story</a>). They choose whether it may be published with their
        first name, with no name, or only read by staff, and whether it may be read as testimony to legislators.
      </p>
      <p>
        Each story arrives here as new. Open it to read it, replace names and places in the version to publish (the
        original stays as it was), and publish it only as the teller allowed.
      </p>
    </div>
  );
}
