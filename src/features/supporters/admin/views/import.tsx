import { BackLink } from '../../../../platform/web/components.tsx';
import { Checkbox, ErrorSummary, Form, Select, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { DataTable, SummaryTable } from '../../../../platform/web/tables.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { IGNORED, importFieldLabel, importFields } from '../../import-columns.ts';
import type { SupporterImport } from '../../import-job.ts';
import type { ImportCounts } from '../../import-schema.ts';
import { subscriptionTopics } from '../../schema.ts';
import { topicLabel } from './wording.ts';

const number = (n: number) => n.toLocaleString('en-US');
const people = (n: number) => `${number(n)} ${n === 1 ? 'person' : 'people'}`;
const rows = (n: number) => `${number(n)} ${n === 1 ? 'row' : 'rows'}`;
const base = '/admin/supporters/import';

const stateLabel: Record<SupporterImport['status'], string> = {
  uploaded: 'Uploaded: choose the columns',
  checking: 'Checking the file',
  checked: 'Checked: ready to import',
  importing: 'Importing',
  imported: 'Imported',
  interrupted: 'Interrupted',
  failed: 'Could not be read',
};

export function ImportStartPage(props: {
  token: string;
  maxMegabytes: number;
  errors: FieldErrors;
  recent: { job: SupporterImport; state: SupporterImport['status'] }[];
  timeZone: string;
}) {
  return (
    <>
      <BackLink href="/admin/supporters">Supporters</BackLink>
      <ErrorSummary errors={props.errors} title="The file could not be used" />
      <h1>Import supporters from a CSV file</h1>
      <p>
        A spreadsheet saved as CSV, with a header row naming its columns: an export of people from Action Network is
        matched column by column without any choosing. Next you check which column is which, then a dry run shows what
        the import would do with each row before anything changes.
      </p>
      <p>
        People already on the list keep their details: the file only fills what is empty, unless you choose to update
        them. Consent to email is recorded only for rows whose subscription column says they subscribed, and nobody is
        ever unsubscribed by an import.
      </p>
      <Form action={base} token={props.token} multipart>
        <div class={props.errors.file ? 'field field-error' : 'field'}>
          <label for="file">CSV file</label>
          <p class="hint" id="file-hint">
            Up to {props.maxMegabytes} MB. The file is kept on the server only until it is imported, and deleted after a
            day if it is not.
          </p>
          {props.errors.file ? (
            <p class="error-message" id="file-error">
              <span class="visually-hidden">Error: </span>
              {props.errors.file}
            </p>
          ) : null}
          <input
            type="file"
            id="file"
            name="file"
            accept=".csv,text/csv"
            aria-describedby={props.errors.file ? 'file-hint file-error' : 'file-hint'}
            aria-invalid={props.errors.file ? 'true' : undefined}
          />
        </div>
        <button class="button" type="submit">
          Upload
        </button>
      </Form>
      {props.recent.length > 0 ? (
        <section class="section" aria-labelledby="recent-imports">
          <h2 id="recent-imports">Recent imports</h2>
          <DataTable caption="Recent imports, newest first" columns={['Import', 'Uploaded', 'State', 'Rows']}>
            {props.recent.map(({ job, state }) => (
              <tr>
                <td>
                  <a href={`${base}/${job.id}`}>Import {job.id}</a>
                </td>
                <td>
                  <When at={job.createdAt} timeZone={props.timeZone} />
                </td>
                <td>{stateLabel[state]}</td>
                <td>{job.totalRows === null ? '' : number(job.totalRows)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
    </>
  );
}

export type MappingValues = { fields: string[]; topic: string; update: boolean };

/** One select per column of the file, the guess (or what was sent) chosen. */
export function MappingForm(props: {
  job: SupporterImport;
  token: string;
  values: MappingValues;
  errors: FieldErrors;
}) {
  const options = [...importFields, IGNORED as typeof IGNORED].map((f) => [f, importFieldLabel[f]] as const);
  return (
    <section class="section" aria-labelledby="mapping">
      <h2 id="mapping">Which column is which</h2>
      <p>
        Each column of the file goes to the field chosen for it. Columns left out are not read. Only the email address
        is needed.
      </p>
      <Form action={`${base}/${props.job.id}/mapping`} token={props.token}>
        {props.job.columns.map((column, i) => (
          <Select
            name={`column-${i}`}
            label={`Column ${i + 1}: “${column || '(no name)'}”`}
            options={options}
            value={props.values.fields[i] ?? IGNORED}
            error={props.errors[`column-${i}`]}
          />
        ))}
        <Select
          name="topic"
          label="The email their subscription is for"
          hint="Where the file says someone subscribed, they are subscribed to this, with their consent recorded as coming from this import."
          options={subscriptionTopics.map((t) => [t, topicLabel[t]] as const)}
          value={props.values.topic}
          error={props.errors.topic}
        />
        <Checkbox
          name="update"
          label="Update people already on the list with the file’s details"
          hint="Without this, the file only fills details that are empty; names, phone numbers and ZIP codes on record stay as they are."
          checked={props.values.update}
        />
        <button class="button" type="submit">
          Check the file (dry run)
        </button>
      </Form>
    </section>
  );
}

function Counts(props: { counts: ImportCounts; dryRun: boolean; caption: string }) {
  const c = props.counts;
  const would = props.dryRun ? 'Would be ' : '';
  return (
    <SummaryTable
      caption={props.caption}
      showCaption
      rows={[
        [`${would}${props.dryRun ? 'added' : 'Added'}`, people(c.create)],
        [`${would}${props.dryRun ? 'updated' : 'Updated'}`, people(c.update)],
        ['Already on the list, nothing to change', people(c.unchanged)],
        [props.dryRun ? 'Consent to email that would be recorded' : 'Consent to email recorded', people(c.consents)],
        ['Rows refused', rows(c.rejected)],
      ]}
    />
  );
}

export function ImportProgress(props: { job: SupporterImport; autoUpdate: boolean }) {
  const { job } = props;
  const verb = job.status === 'checking' ? 'Checking' : 'Importing';
  const total = job.totalRows;
  return (
    <section class="section" aria-labelledby="import-progress">
      <h2 id="import-progress">{verb} the file</h2>
      <label for="import-bar">
        {total === null ? `${rows(job.rowsDone)} read so far` : `${number(job.rowsDone)} of ${rows(total)}`}
      </label>
      {total === null ? (
        <progress id="import-bar" />
      ) : (
        <progress id="import-bar" max={total} value={job.rowsDone}>
          {number(job.rowsDone)} of {number(total)}
        </progress>
      )}
      {props.autoUpdate ? (
        <p>
          This page updates itself every few seconds until it is done.{' '}
          <a href={`${base}/${job.id}?updates=off`}>Stop updating this page</a>
        </p>
      ) : (
        <p>
          <a href={`${base}/${job.id}`}>Update this page</a> to see how it is going.
        </p>
      )}
    </section>
  );
}

export function ImportPage(props: {
  job: SupporterImport;
  state: SupporterImport['status'];
  token: string;
  timeZone: string;
  autoUpdate: boolean;
  mapping: { values: MappingValues; errors: FieldErrors };
  rejected: { rows: { rowNumber: number; reason: string }[]; total: number; page: number; perPage: number };
}) {
  const { job, state } = props;
  const pages = Math.max(1, Math.ceil(props.rejected.total / props.rejected.perPage));
  const page = props.rejected.page;
  return (
    <>
      <BackLink href={base}>Imports</BackLink>
      <ErrorSummary errors={props.mapping.errors} title="Check the columns" />
      <h1>Import {job.id}</h1>
      <p>
        Uploaded <When at={job.createdAt} timeZone={props.timeZone} />; {stateLabel[state].toLowerCase()}.
      </p>
      {state === 'checking' || state === 'importing' ? (
        <ImportProgress job={job} autoUpdate={props.autoUpdate} />
      ) : null}
      {state === 'failed' ? (
        <section class="section" aria-labelledby="import-failed">
          <h2 id="import-failed">The file could not be read</h2>
          <p class="wrap-anywhere">{job.error}</p>
          <p>
            Nothing was changed. <a href={base}>Upload a corrected file</a>.
          </p>
        </section>
      ) : null}
      {state === 'interrupted' && job.status === 'checking' ? (
        <section class="section" aria-labelledby="check-interrupted">
          <h2 id="check-interrupted">The dry run was interrupted</h2>
          <p>It stopped after {rows(job.rowsDone)}, and changed nothing. Check the file again below.</p>
        </section>
      ) : null}
      {state === 'interrupted' && job.status !== 'checking' ? (
        <section class="section" aria-labelledby="import-interrupted">
          <h2 id="import-interrupted">The import was interrupted</h2>
          <p>
            It stopped after {rows(job.rowsDone)}: the site stopped, or something went wrong. The people imported so far
            are on the list. Running it again is safe: everyone already imported is found by their email address and
            left as they are.
          </p>
          {job.storedFile ? (
            <Form action={`${base}/${job.id}/run`} token={props.token}>
              <button class="button" type="submit">
                Run the import again
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {job.outcome && state === 'imported' ? (
        <section class="section" aria-labelledby="import-done">
          <h2 id="import-done">Done</h2>
          <Counts counts={job.outcome} dryRun={false} caption="What the import did" />
          <p>
            The uploaded file has been deleted from the server. <a href="/admin/supporters">See the supporters</a>.
          </p>
        </section>
      ) : null}
      {job.dryRun && state === 'checked' ? (
        <section class="section" aria-labelledby="dry-run">
          <h2 id="dry-run">What the import would do</h2>
          <p>Nothing has changed yet. This is what importing {rows(job.totalRows ?? 0)} would do now:</p>
          <Counts counts={job.dryRun} dryRun caption="The dry run" />
          <Form action={`${base}/${job.id}/run`} token={props.token}>
            <button class="button" type="submit">
              Import now
            </button>
          </Form>
        </section>
      ) : null}
      {props.rejected.total > 0 ? (
        <section class="section" aria-labelledby="refused-rows">
          <h2 id="refused-rows">Rows refused</h2>
          <p>
            {rows(props.rejected.total)} will not be imported. Rows are numbered as a spreadsheet shows them, the header
            being row 1.
          </p>
          <DataTable caption="Rows refused, and why" columns={['Row', 'Why']}>
            {props.rejected.rows.map((r) => (
              <tr>
                <td>{number(r.rowNumber)}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </DataTable>
          {pages > 1 ? (
            <nav class="pagination" aria-label="Pages of refused rows">
              {page > 1 ? <a href={`${base}/${job.id}?page=${page - 1}#refused-rows`}>← Earlier rows</a> : null}
              <span>
                Page {Math.min(page, pages)} of {pages}
              </span>
              {page < pages ? <a href={`${base}/${job.id}?page=${page + 1}#refused-rows`}>Later rows →</a> : null}
            </nav>
          ) : null}
        </section>
      ) : null}
      {state === 'uploaded' || state === 'checked' || (state === 'interrupted' && job.status === 'checking') ? (
        <MappingForm job={job} token={props.token} values={props.mapping.values} errors={props.mapping.errors} />
      ) : null}
    </>
  );
}
