import { BackLink } from '../../../../platform/web/components.tsx';
import { Checkbox, ErrorSummary, Form, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';
import { When } from '../../../../platform/web/when.tsx';
import type { DuplicateReason, LikelyDuplicate } from '../../duplicates.ts';
import type { MergeField, MergeListing } from '../../merge.ts';
import type { supporters } from '../../schema.ts';
import { fullName } from './list.tsx';
import { languageLabel } from './wording.ts';

type Person = typeof supporters.$inferSelect;
const errorTitle = 'There is a problem';
const reasonLabel: Record<DuplicateReason, string> = { phone: 'same name and phone', zip: 'same name and ZIP code' };

/** Likely duplicates, a page at a time, each pair with why it matched and a link to compare them. */
export function DuplicatesPage(props: { pairs: LikelyDuplicate[]; total: number; page: number; perPage: number }) {
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
  const who = (p: LikelyDuplicate['first']) => (
    <>
      <a href={`/admin/supporters/${p.id}`}>{fullName(p) || '(no name)'}</a> (#{p.id}, {p.emailAsTyped})
    </>
  );
  return (
    <>
      <BackLink href="/admin/supporters">Supporters</BackLink>
      <h1>Likely duplicates</h1>
      <p>
        Two records with the same name and phone number, or the same name and ZIP code, are likely one person who signed
        up with two addresses. Compare them before you merge: a merge can be undone for 30 days.
      </p>
      <p>
        <a href="/admin/supporters/merges">Merges that can still be undone</a>
      </p>
      <p role="status">{props.total === 1 ? '1 likely pair' : `${props.total} likely pairs`}</p>
      {props.pairs.length === 0 ? (
        <p>No likely duplicates.</p>
      ) : (
        <DataTable caption="Likely duplicates, newest first" columns={['One record', 'The other', 'Why', 'Compare']}>
          {props.pairs.map((pair) => (
            <tr>
              <td>{who(pair.first)}</td>
              <td>{who(pair.second)}</td>
              <td>{pair.why.map((w) => reasonLabel[w]).join('; ')}</td>
              <td>
                <a href={`/admin/supporters/merge/${pair.first.id}/${pair.second.id}`}>
                  Compare #{pair.second.id} with #{pair.first.id}
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {pages > 1 ? (
        <nav class="pagination" aria-label="Pages of likely duplicates">
          {props.page > 1 ? <a href={`/admin/supporters/duplicates?page=${props.page - 1}`}>← Newer</a> : null}
          <span>
            Page {Math.min(props.page, pages)} of {pages}
          </span>
          {props.page < pages ? <a href={`/admin/supporters/duplicates?page=${props.page + 1}`}>Older →</a> : null}
        </nav>
      ) : null}
    </>
  );
}

const fieldLabels: Record<MergeField, string> = {
  givenName: 'First name',
  familyName: 'Last name',
  phone: 'Phone',
  zip: 'ZIP code',
  county: 'County',
  locale: 'Language',
  firstSource: 'First came from',
};

function shown(person: Person, field: MergeField | 'email'): string {
  if (field === 'email') return person.emailAsTyped;
  if (field === 'locale') return languageLabel[person.locale];
  return person[field] || '(none)';
}

/** Which of the two records gives one detail: two radio buttons in a fieldset, the record's value in each label. */
function Choice(props: {
  field: MergeField | 'email';
  legend: string;
  kept: Person;
  other: Person;
  value?: string;
  error?: string;
}) {
  const { field } = props;
  return (
    <fieldset
      class={props.error ? 'field field-error' : 'field'}
      id={field}
      aria-describedby={props.error ? `${field}-error` : undefined}
    >
      <legend>{props.legend}</legend>
      {props.error ? (
        <p class="error-message" id={`${field}-error`}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      ) : null}
      {(['kept', 'other'] as const).map((side) => {
        const person = side === 'kept' ? props.kept : props.other;
        return (
          <div class="checkbox">
            <input type="radio" id={`${field}-${side}`} name={field} value={side} checked={props.value === side} />
            <label for={`${field}-${side}`}>
              {shown(person, field)} <span class="hint">(record #{person.id})</span>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

export type MergeCounts = { label: string; kept: number; other: number }[];

/**
 * The two records side by side, what each holds, and the form: whose email stays, each detail's winner, and a tick.
 * The kept record keeps its number; everything of the other moves to it.
 */
export function MergePage(props: {
  kept: Person;
  other: Person;
  counts: MergeCounts;
  values: Record<string, string>;
  errors: FieldErrors;
  token: string;
  timeZone: string;
}) {
  const { kept, other } = props;
  const action = `/admin/supporters/merge/${kept.id}/${other.id}`;
  return (
    <>
      <ErrorSummary errors={props.errors} title={errorTitle} />
      <BackLink href="/admin/supporters/duplicates">Likely duplicates</BackLink>
      <h1>
        Merge record #{other.id} into #{kept.id}
      </h1>
      <p>
        Record #{kept.id} stays, with the details you choose below. Everything of record #{other.id} moves to it:
        consent records, timeline, tags, notes, subscriptions (an unsubscribe always stays), signatures, RSVPs and
        letters. You can undo the merge for 30 days.{' '}
        <a href={`/admin/supporters/merge/${other.id}/${kept.id}`}>Keep #{other.id} instead</a>
      </p>
      <DataTable caption="The two records" columns={['', `Record #${kept.id} (stays)`, `Record #${other.id}`]}>
        {(['email', 'givenName', 'familyName', 'phone', 'zip', 'county', 'locale'] as const).map((field) => (
          <tr>
            <th scope="row">{field === 'email' ? 'Email' : fieldLabels[field]}</th>
            <td>{shown(kept, field)}</td>
            <td>{shown(other, field)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">Added</th>
          <td>
            <When at={kept.createdAt} timeZone={props.timeZone} />
          </td>
          <td>
            <When at={other.createdAt} timeZone={props.timeZone} />
          </td>
        </tr>
        {props.counts.map((c) => (
          <tr>
            <th scope="row">{c.label}</th>
            <td>{c.kept}</td>
            <td>{c.other}</td>
          </tr>
        ))}
      </DataTable>
      <Form action={action} token={props.token}>
        <Choice
          field="email"
          legend="Which email address stays"
          kept={kept}
          other={other}
          value={props.values.email}
          error={props.errors.email}
        />
        {(Object.keys(fieldLabels) as MergeField[]).map((field) => (
          <Choice
            field={field}
            legend={fieldLabels[field]}
            kept={kept}
            other={other}
            value={props.values[field]}
            error={props.errors[field]}
          />
        ))}
        <div class={props.errors.confirm ? 'field field-error' : undefined}>
          {props.errors.confirm ? (
            <p class="error-message" id="confirm-error">
              <span class="visually-hidden">Error: </span>
              {props.errors.confirm}
            </p>
          ) : null}
          <Checkbox name="confirm" label="I have checked that these two records are one person" />
        </div>
        <button type="submit" class="button">
          Merge the two records
        </button>
      </Form>
    </>
  );
}

/** The undo button of one merge: a form, as it changes records. */
export function UndoMergeButton(props: { merge: Pick<MergeListing, 'id' | 'mergedId'>; token: string }) {
  return (
    <Form action={`/admin/supporters/merges/${props.merge.id}/undo`} token={props.token} class="inline-action">
      <button type="submit" class="button secondary">
        Undo merge of record #{props.merge.mergedId}
      </button>
    </Form>
  );
}

/** Merges of the last 30 days, each with its undo. */
export function MergeLogPage(props: {
  merges: MergeListing[];
  token: string;
  timeZone: string;
  notice?: string;
  error?: string;
}) {
  return (
    <>
      {props.error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{errorTitle}</h2>
          <p>{props.error}</p>
        </div>
      ) : null}
      {props.notice ? (
        <p class="notice success" role="status">
          {props.notice}
        </p>
      ) : null}
      <BackLink href="/admin/supporters/duplicates">Likely duplicates</BackLink>
      <h1>Merges</h1>
      <p>A merge can be undone for 30 days. After that, the copy of the merged record is deleted.</p>
      {props.merges.length === 0 ? (
        <p>No merges in the last 30 days.</p>
      ) : (
        <DataTable
          caption="Merges of the last 30 days, newest first"
          columns={['When', 'Kept', 'Merged into it', 'Undo']}
        >
          {props.merges.map((m) => (
            <tr>
              <td>
                <When at={m.mergedAt} timeZone={props.timeZone} />
              </td>
              <td>
                <a href={`/admin/supporters/${m.keptId}`}>Record #{m.keptId}</a>
              </td>
              <td>
                Record #{m.mergedId} ({m.mergedEmail})
              </td>
              <td>
                <UndoMergeButton merge={m} token={props.token} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
