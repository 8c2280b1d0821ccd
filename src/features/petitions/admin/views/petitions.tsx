import { ErrorSummary, Field, Form, Select, TextArea, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { renderMarkdown } from '../../../../platform/web/markdown.ts';
import { formatInZone, zoneName } from '../../../../platform/web/time.ts';
import { MAX_THRESHOLDS, type Petition, type PetitionListRow, type PetitionValues } from '../../petition-editing.ts';
import type { PetitionStatus, PetitionVersion } from '../../schema.ts';
import { DataTable, SummaryTable } from '../../../../platform/web/tables.tsx';

/** How the petition screens say things, in the workspace's English. */
export const petitionStatusLabel: Record<PetitionStatus, string> = {
  draft: 'Draft',
  open: 'Open',
  closed: 'Closed',
  archived: 'Archived',
};

const number = (n: number) => n.toLocaleString('en-US');

export function PetitionListPage(props: { rows: PetitionListRow[]; canEdit: boolean; canManageAbuse: boolean }) {
  return (
    <>
      <h1>Petitions</h1>
      <p>Verified signatures only: a signature counts once its signer confirms from the emailed link.</p>
      <ul class="list-inline">
        {props.canEdit ? (
          <li>
            <a class="button" href="/admin/petitions/new">
              New petition
            </a>
          </li>
        ) : null}
        {props.canManageAbuse ? (
          <li>
            <a href="/admin/petitions/abuse">Abuse controls and what is trending</a>
          </li>
        ) : null}
      </ul>
      {props.rows.length === 0 ? (
        <p>No petitions yet.</p>
      ) : (
        <DataTable caption="Petitions, newest first" columns={['Title', 'Status', 'Verified', 'Goal']}>
          {props.rows.map((p) => (
            <tr>
              <td>
                <a href={`/admin/petitions/${p.id}`}>{p.en.title}</a>
              </td>
              <td>{petitionStatusLabel[p.status]}</td>
              <td>{number(p.verified)}</td>
              <td>{number(p.goal)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** The links every petition page shares, shown to those who may follow them. */
export function PetitionLinks(props: { id: number; can: { signatures: boolean; export: boolean } }) {
  const base = `/admin/petitions/${props.id}`;
  return (
    <ul class="list-inline">
      {props.can.signatures ? (
        <li>
          <a href={`${base}/signatures`}>Signatures</a>
        </li>
      ) : null}
      {props.can.export ? (
        <li>
          <a href={`${base}/signatures.csv?status=verified`}>Download verified signatures (CSV)</a>
        </li>
      ) : null}
      <li>
        <a href={`${base}/packets`}>Delivery packets</a>
      </li>
    </ul>
  );
}

/** One language's fields, each a line here: a text area when it has rows, else a one-line field. */
type VersionField = {
  name: keyof Required<PetitionVersion>;
  label: string;
  hint?: string;
  rows?: number;
  maxlength: number;
  required?: boolean;
};

function versionFields(lang: 'en' | 'es'): VersionField[] {
  const english = lang === 'en';
  const target: VersionField[] = english
    ? []
    : [
        {
          name: 'target',
          label: 'Addressed to, in Spanish',
          hint: 'Like Legislatura de Oregón. Leave empty to show the English one.',
          maxlength: 200,
        },
      ];
  return [
    { name: 'title', label: 'Title', maxlength: 200, required: english },
    ...target,
    {
      name: 'summary',
      label: 'Summary',
      hint: 'One or two sentences for the top of the page and for sharing.',
      rows: 3,
      maxlength: 600,
    },
    {
      name: 'statement',
      label: 'Statement',
      hint: 'What signers put their name to. Markdown: **bold**, _italic_, lists with “- ”, [a link](https://…).',
      rows: 12,
      maxlength: 20_000,
      required: english,
    },
    {
      name: 'thanks',
      label: 'Thank-you page',
      hint:
        'What a signer reads just after signing. Markdown. ' +
        'It starts as the site’s standard text; empty goes back to it.',
      rows: 4,
      maxlength: 2000,
    },
    {
      name: 'confirmationEmail',
      label: 'Confirmation email',
      hint:
        'The words above the email’s Confirm button; an empty line starts a new paragraph. The greeting, ' +
        'the button and a line for anyone who did not sign are added. Empty: the site’s standard text.',
      rows: 5,
      maxlength: 2000,
    },
  ];
}

/** The public page as it will look, in each language it has: a draft's only way to be seen. */
export function PreviewLinks(props: { id: number; spanish: boolean }) {
  const base = `/admin/petitions/${props.id}/preview`;
  return (
    <ul class="list-inline">
      <li>
        <a href={base}>Preview the public page</a>
      </li>
      {props.spanish ? (
        <li>
          <a href={`${base}/es`}>Preview in Spanish</a>
        </li>
      ) : null}
    </ul>
  );
}

function VersionFields(props: { lang: 'en' | 'es'; values: PetitionValues['en']; errors: FieldErrors }) {
  const p = props.lang;
  const v = props.values ?? {};
  return (
    <fieldset lang={p}>
      <legend>
        {p === 'en' ? 'English' : 'Spanish (optional: leave every field empty to show the English version)'}
      </legend>
      {versionFields(p).map((field) => {
        const shared = {
          name: `${p}.${field.name}`,
          label: field.label,
          hint: field.hint,
          value: v[field.name],
          error: props.errors[`${p}.${field.name}`],
          required: field.required,
          maxlength: field.maxlength,
          lang: p,
        };
        return field.rows ? <TextArea {...shared} rows={field.rows} /> : <Field {...shared} />;
      })}
    </fieldset>
  );
}

function ThresholdFields(props: { rows: NonNullable<PetitionValues['thresholds']>; errors: FieldErrors }) {
  return (
    <fieldset>
      <legend>Thresholds (optional)</legend>
      <p class="hint" id="thresholds-hint">
        A message shown when the count passes a number, such as “Halfway there!”. Leave a row empty to skip it.
      </p>
      {props.errors.thresholds ? (
        <p class="error-message" id="thresholds">
          <span class="visually-hidden">Error: </span>
          {props.errors.thresholds}
        </p>
      ) : null}
      {props.rows.map((row, i) => (
        <fieldset class="plain">
          <legend class="visually-hidden">Threshold {i + 1}</legend>
          {(
            [
              ['count', `Threshold ${i + 1}: signatures`, 12, undefined],
              ['en', 'Message in English', 300, 'en'],
              ['es', 'Message in Spanish (optional)', 300, 'es'],
            ] as const
          ).map(([name, label, maxlength, lang]) => (
            <Field
              name={`thresholds.${i}.${name}`}
              label={label}
              value={row[name]}
              error={props.errors[`thresholds.${i}.${name}`]}
              inputmode={name === 'count' ? 'numeric' : undefined}
              maxlength={maxlength}
              lang={lang}
            />
          ))}
        </fieldset>
      ))}
    </fieldset>
  );
}

/**
 * Rows for the threshold fields: those typed, in their places (errors are
 * keyed by row number), and a couple of empty ones to add more without JavaScript.
 */
export function thresholdRows(typed: PetitionValues['thresholds']): NonNullable<PetitionValues['thresholds']> {
  const rows = [...(typed ?? [])];
  while (rows.length > 0 && !rows[rows.length - 1]!.count && !rows[rows.length - 1]!.en && !rows[rows.length - 1]!.es)
    rows.pop();
  const wanted = Math.max(rows.length, Math.min(Math.max(rows.length + 2, 3), MAX_THRESHOLDS));
  while (rows.length < wanted) rows.push({});
  return rows;
}

/** The create and edit form. `statuses` are the ones this petition may move to. */
export function PetitionForm(props: {
  action: string;
  token: string;
  values: PetitionValues;
  errors: FieldErrors;
  statuses: readonly PetitionStatus[];
  timeZone: string;
  submitLabel: string;
}) {
  const v = props.values;
  /** One of the form's own one-line fields, with its typed value and its error. */
  const field = (
    name: 'slug' | 'target' | 'goal' | 'opensAt' | 'closesAt',
    rest: Omit<Parameters<typeof Field>[0], 'name' | 'value' | 'error'>,
  ) => <Field name={name} value={v[name]} error={props.errors[name]} {...rest} />;
  return (
    <Form action={props.action} token={props.token}>
      <ErrorSummary errors={props.errors} title="Please fix these and save again" />
      {field('slug', {
        label: 'Address',
        hint:
          'The end of /petitions/…: lower-case letters, digits and hyphens. ' +
          'It cannot change once the petition has been open.',
        required: true,
        maxlength: 80,
      })}
      {field('target', {
        label: 'Addressed to',
        hint: 'Who the petition asks, like Oregon Legislature.',
        required: true,
        maxlength: 200,
      })}
      <VersionFields lang="en" values={v.en} errors={props.errors} />
      <VersionFields lang="es" values={v.es} errors={props.errors} />
      {field('goal', {
        label: 'Goal',
        hint: 'The number of verified signatures the progress bar counts towards.',
        required: true,
        inputmode: 'numeric',
        maxlength: 12,
      })}
      <ThresholdFields rows={thresholdRows(v.thresholds)} errors={props.errors} />
      <fieldset>
        <legend>Dates (optional)</legend>
        {field('opensAt', {
          type: 'datetime-local',
          label: `Opens (${zoneName(props.timeZone)})`,
          hint: 'Leave empty to take signatures as soon as it is open.',
        })}
        {field('closesAt', {
          type: 'datetime-local',
          label: `Closes (${zoneName(props.timeZone)})`,
          hint: 'Leave empty to keep it open until you close it.',
        })}
      </fieldset>
      <Select
        name="status"
        label="Status"
        hint="Open takes signatures; closed shows the petition without the form; archived hides it."
        value={v.status}
        error={props.errors.status}
        options={props.statuses.map((s) => [s, petitionStatusLabel[s]] as const)}
      />
      <button type="submit" class="button">
        {props.submitLabel}
      </button>
    </Form>
  );
}

/** A petition for those who may read it but not change it. */
export function PetitionSummary(props: { petition: Petition; verified: number; timeZone: string }) {
  const p = props.petition;
  const when = (at: Date | null) => (at ? formatInZone(at, props.timeZone) : '—');
  return (
    <>
      <SummaryTable
        caption="Settings"
        rows={[
          ['Address', `/petitions/${p.slug}`],
          ['Addressed to', p.es?.target ? `${p.target} · in Spanish: ${p.es.target}` : p.target],
          ['Status', petitionStatusLabel[p.status]],
          ['Verified signatures', `${number(props.verified)} of ${number(p.goal)}`],
          ['Opens', when(p.opensAt)],
          ['Closes', when(p.closesAt)],
        ]}
      />
      {p.thresholds.length > 0 ? (
        <>
          <h2>Thresholds</h2>
          <ul>
            {p.thresholds.map((t) => (
              <li>
                {number(t.count)}: {t.message.en}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Statement</h2>
      <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(p.en.statement) }} />
      {p.es ? (
        <section lang="es">
          <h2>{p.es.title}</h2>
          <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(p.es.statement) }} />
        </section>
      ) : null}
    </>
  );
}
