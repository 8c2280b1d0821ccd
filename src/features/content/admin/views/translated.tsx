import { When } from '../../../../platform/web/when.tsx';
import type { Child } from 'hono/jsx';
import { ErrorSummary, Field, Form, TextArea, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { locales, type Locale, type TranslationStatus } from '../../service.ts';
import { ActionButton, languageLabel, PreviewPanel, ReadOnlyNotice, SaveButtons, TranslationState } from './common.tsx';
import type { FormValues } from './pages.tsx';
import { BackLink } from '../../../../platform/web/components.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';

/**
 * The parts policies and resources share: the list, and the form frame in
 * which the language-neutral facts come first and the two languages sit side
 * by side below them.
 */
export type ItemRow = {
  slug: string;
  title: string;
  detail: string;
  published: boolean;
  status: Record<Locale, TranslationStatus>;
};

export function ItemListView(props: {
  heading: string;
  base: string;
  addLabel: string;
  rows: ItemRow[];
  canEdit: boolean;
  detailLabel: string;
}) {
  return (
    <>
      <BackLink href="/admin/content">Content</BackLink>
      <h1>{props.heading}</h1>
      {props.canEdit ? (
        <p>
          <a class="button" href={`${props.base}/new`}>
            {props.addLabel}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={<>{props.heading}, whether each is on the site, and the state of each language</>}
        columns={['Title', props.detailLabel, 'On the site', ...locales.map((l) => languageLabel[l])]}
      >
        {props.rows.map((row) => (
          <tr>
            <th scope="row">
              <a href={`${props.base}/${row.slug}`}>{row.title}</a>
            </th>
            <td>{row.detail}</td>
            <td>
              <span class={row.published ? 'badge' : 'badge badge-draft'}>{row.published ? 'Published' : 'Draft'}</span>
            </td>
            {locales.map((l) => (
              <td>
                <TranslationState status={row.status[l]} locale={l} />
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** Where an existing item stands, with its publish, history and delete actions. */
export type ItemState = {
  slug: string;
  published: boolean;
  updatedAt: Date;
  status: Record<Locale, TranslationStatus>;
};

export function ItemFormView(props: {
  kind: 'policy' | 'resource';
  base: string;
  heading: string;
  /** Absent on the "new" form. */
  item?: ItemState | undefined;
  token: string;
  errors: FieldErrors;
  values: FormValues;
  readOnly: boolean;
  can: { publish: boolean; remove: boolean };
  multipart?: boolean;
  timeZone: string;
  /** The language-neutral fields. */
  facts: Child;
  preview?: Child;
}) {
  const { item, errors, values } = props;
  const badgeClass = item?.published ? 'badge' : 'badge badge-draft';
  const action = item ? `${props.base}/${item.slug}` : `${props.base}/new`;
  return (
    <>
      <BackLink href={props.base}>All {props.kind === 'policy' ? 'policies' : 'resources'}</BackLink>
      <ErrorSummary errors={errors} title="There is a problem" />
      <h1>{props.heading}</h1>
      {item ? (
        <div class="item-state">
          <p>
            <span class={badgeClass}>{item.published ? 'Published' : 'Draft'}</span> · Last changed{' '}
            <When at={item.updatedAt} timeZone={props.timeZone} /> ·{' '}
            <a href={`/admin/content/history/${props.kind}/${item.slug}`}>History</a>
            {props.can.remove ? (
              <>
                {' '}
                · <a href={`${props.base}/${item.slug}/delete`}>Delete</a>
              </>
            ) : null}
          </p>
          {props.can.publish ? (
            <ActionButton
              action={`${props.base}/${item.slug}/${item.published ? 'unpublish' : 'publish'}`}
              token={props.token}
              label={item.published ? 'Unpublish' : 'Publish'}
              secondary
            />
          ) : null}
        </div>
      ) : (
        <p>It starts as a draft: publish it when it is ready.</p>
      )}
      {props.readOnly ? <ReadOnlyNotice /> : null}
      {props.preview ? <PreviewPanel>{props.preview}</PreviewPanel> : null}
      <Form action={action} token={props.token} multipart={props.multipart}>
        <fieldset class="plain" disabled={props.readOnly}>
          <legend class="visually-hidden">Facts in every language</legend>
          {props.facts}
        </fieldset>
        <p class="hint">
          Leave a language’s title, summary and text empty to leave that language out. Visitors then see the other one.
        </p>
        <div class="grid side-by-side">
          {locales.map((locale) => (
            <fieldset disabled={props.readOnly} lang={locale}>
              <legend lang="en">
                {languageLabel[locale]}{' '}
                {item ? <TranslationState status={item.status[locale]} locale={locale} /> : null}
              </legend>
              <Field
                name={`${locale}.title`}
                label="Title"
                value={values[`${locale}.title`]}
                error={errors[`${locale}.title`]}
                lang={locale}
              />
              <TextArea
                name={`${locale}.summary`}
                label="Summary"
                value={values[`${locale}.summary`]}
                error={errors[`${locale}.summary`]}
                lang={locale}
                rows={3}
              />
              <TextArea
                name={`${locale}.bodyMd`}
                label="Text"
                hint="Markdown."
                value={values[`${locale}.bodyMd`]}
                error={errors[`${locale}.bodyMd`]}
                lang={locale}
                rows={10}
              />
            </fieldset>
          ))}
        </div>
        {props.readOnly ? null : <SaveButtons saveLabel={item ? 'Save' : `Add ${props.kind}`} />}
      </Form>
    </>
  );
}

/** The typed words of each language, for previews: languages left empty are skipped. */
export function typedTranslations(
  values: FormValues,
): { locale: Locale; title: string; summary: string; bodyMd: string }[] {
  return locales
    .map((locale) => ({
      locale,
      title: values[`${locale}.title`] ?? '',
      summary: values[`${locale}.summary`] ?? '',
      bodyMd: values[`${locale}.bodyMd`] ?? '',
    }))
    .filter((t) => t.title.trim());
}

/** Each language's preview under its own heading, marked with its language. */
export function LanguagePreviews(props: {
  values: FormValues;
  render: (t: ReturnType<typeof typedTranslations>[number]) => Child;
}) {
  return (
    <div class="grid side-by-side">
      {typedTranslations(props.values).map((t) => (
        <div class="preview-body">
          <h3>{languageLabel[t.locale]}</h3>
          <div lang={t.locale}>{props.render(t)}</div>
        </div>
      ))}
    </div>
  );
}
