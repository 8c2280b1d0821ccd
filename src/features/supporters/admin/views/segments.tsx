import { ErrorSummary, Field, Form, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { BackLink } from '../../../../platform/web/components.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';
import { filtersQuery, type SegmentFilters } from '../../segment-filters.ts';
import { describeFilters, type ActionChoices } from './filter-fields.tsx';

const people = (n: number) => (n === 1 ? '1 person' : `${n.toLocaleString('en-US')} people`);

export function SegmentListPage(props: {
  segments: { id: number; name: string; filters: SegmentFilters; people: number }[];
  actions: ActionChoices[];
  canChange: boolean;
}) {
  return (
    <>
      <BackLink href="/admin/supporters">Supporters</BackLink>
      <h1>Saved segments</h1>
      <p>
        Named sets of the list’s filters. Counts are worked out now, each time this page opens. To make one, filter the
        supporter list, then choose “Save these filters as a new segment”.
      </p>
      {props.segments.length === 0 ? (
        <p>No segments yet.</p>
      ) : (
        <DataTable caption="Saved segments, by name" columns={['Name', 'Who', 'People now', 'Actions']}>
          {props.segments.map((s) => (
            <tr>
              <td>
                <a href={`/admin/supporters?segment=${s.id}`}>{s.name}</a>
              </td>
              <td>{describeFilters(s.filters, props.actions).join('; ')}</td>
              <td>{s.people.toLocaleString('en-US')}</td>
              <td>
                {props.canChange ? (
                  <ul class="list-inline">
                    <li>
                      {/* Named by aria-label: a hidden span inside a table that scrolls would widen the page. */}
                      <a href={`/admin/supporters/segments/${s.id}/edit`} aria-label={`Edit ${s.name}`}>
                        Edit
                      </a>
                    </li>
                    <li>
                      <a href={`/admin/supporters/segments/${s.id}/delete`} aria-label={`Delete ${s.name}`}>
                        Delete
                      </a>
                    </li>
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** Naming a new segment, or renaming one and (when the list's filters were brought here) changing its filters. */
export function SegmentForm(props: {
  action: string;
  token: string;
  heading: string;
  name: string;
  filters: SegmentFilters;
  /** Whether these filters replace the segment's own (an edit brought from the list). */
  newFilters: boolean;
  count: number;
  actions: ActionChoices[];
  errors: FieldErrors;
}) {
  return (
    <>
      <BackLink href="/admin/supporters/segments">Saved segments</BackLink>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>{props.heading}</h1>
      <p>{props.newFilters ? 'Its filters will be:' : 'Its filters:'}</p>
      <ul>
        {describeFilters(props.filters, props.actions).map((w) => (
          <li>{w}</li>
        ))}
      </ul>
      <p role="status">It holds {people(props.count)} now.</p>
      <Form action={props.action} token={props.token}>
        <input type="hidden" name="filters" value={filtersQuery(props.filters).toString()} />
        <Field
          name="name"
          label="Name"
          hint="Only staff see it, for example “Volunteers in Salem”."
          value={props.name}
          error={props.errors.name}
          maxlength={80}
        />
        <button type="submit" class="button">
          Save segment
        </button>
      </Form>
    </>
  );
}
