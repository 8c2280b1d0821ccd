import { When } from '../../../../platform/web/when.tsx';
import { retentionPlaceholders } from '../../../../platform/retention.ts';
import { ErrorSummary, Field, Form, Select, TextArea, type FieldErrors } from '../../../../platform/web/forms.tsx';
import {
  locales,
  sectionWords,
  type Page,
  type PageDraft,
  type PageOverview,
  type TranslationStatus,
} from '../../service.ts';
import { PageView } from '../../views/PageView.tsx';
import type { SectionExtras } from '../../views/sections.tsx';
import {
  ActionButton,
  languageLabel,
  LanguageState,
  otherLanguage,
  PreviewPanel,
  ReadOnlyNotice,
  SaveButtons,
} from './common.tsx';
import { BackLink } from '../../../../platform/web/components.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';

export type FormValues = Record<string, string>;

const localeOptions = locales.map((l) => [l, languageLabel[l]] as const);

/** Where a text states how long data is kept (the privacy notice), staff learn why it says {{…}}. */
function sectionHint(markdown: string | undefined): string {
  if (!markdown?.includes('{{')) return 'Markdown.';
  return (
    `Markdown. ${Object.keys(retentionPlaceholders).join(', ')} show the periods the site deletes data after, ` +
    'as it actually does; keep them rather than typing a number.'
  );
}

export function PageListView(props: { pages: PageOverview[]; canEdit: boolean }) {
  return (
    <>
      <BackLink href="/admin/content">Content</BackLink>
      <h1>Pages</h1>
      {props.canEdit ? (
        <p>
          <a class="button" href="/admin/content/pages/new">
            Add a page
          </a>
        </p>
      ) : null}
      <DataTable
        caption="Pages and the state of each language"
        columns={['Page', ...locales.map((l) => languageLabel[l])]}
      >
        {props.pages.map((p) => (
          <tr>
            <th scope="row">
              <a href={`/admin/content/pages/${p.slug}`}>{p.languages.en?.title ?? p.languages.es?.title ?? p.slug}</a>
              <br />
              <span class="hint">/{p.slug === 'home' ? '' : p.slug}</span>
            </th>
            {locales.map((l) => (
              <td>
                <LanguageState published={p.languages[l]?.published} status={p.status[l]} locale={l} />
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** Both languages of one page side by side, with what can be done to each. */
export function PageDetailView(props: {
  page: PageOverview;
  token: string;
  can: { edit: boolean; publish: boolean; remove: boolean };
  timeZone: string;
  /** Why this page cannot be unpublished or deleted, when it cannot: those actions are then not offered. */
  fixed: { unpublish: string | undefined; delete: string | undefined };
}) {
  const { page, fixed } = props;
  const can = {
    ...props.can,
    unpublish: props.can.publish && !fixed.unpublish,
    remove: props.can.remove && !fixed.delete,
  };
  const base = `/admin/content/pages/${page.slug}`;
  return (
    <>
      <BackLink href="/admin/content/pages">Pages</BackLink>
      <h1>{page.languages.en?.title ?? page.languages.es?.title ?? page.slug}</h1>
      <p>
        Address on the site: <code>/{page.slug === 'home' ? '' : page.slug}</code>
      </p>
      {fixed.unpublish || fixed.delete ? <p class="hint">{fixed.unpublish ?? fixed.delete}</p> : null}
      <div class="grid side-by-side">
        {locales.map((locale) => {
          const version = page.languages[locale];
          return (
            <section class="card" aria-labelledby={`lang-${locale}`}>
              <h2 id={`lang-${locale}`}>{languageLabel[locale]}</h2>
              <p>
                <LanguageState published={version?.published} status={page.status[locale]} locale={locale} />
              </p>
              {version ? (
                <>
                  <p>
                    <strong lang={locale}>{version.title}</strong>
                    <br />
                    Last changed <When at={version.updatedAt} timeZone={props.timeZone} />
                  </p>
                  <p>
                    <a class="button" href={`${base}/${locale}/edit`}>
                      {can.edit ? `Edit ${languageLabel[locale]}` : `Read ${languageLabel[locale]}`}
                    </a>
                  </p>
                  {(version.published ? can.unpublish : can.publish) ? (
                    <ActionButton
                      action={`${base}/${locale}/${version.published ? 'unpublish' : 'publish'}`}
                      token={props.token}
                      label={
                        version.published ? `Unpublish ${languageLabel[locale]}` : `Publish ${languageLabel[locale]}`
                      }
                      secondary
                    />
                  ) : null}
                  <ul class="list-inline">
                    <li>
                      <a href={`${base}/${locale}/sections`}>Sections</a>
                    </li>
                    <li>
                      <a href={`/admin/content/history/page/${page.slug}.${locale}`}>History</a>
                    </li>
                    {can.remove ? (
                      <li>
                        <a href={`${base}/${locale}/delete`}>Delete {languageLabel[locale]}</a>
                      </li>
                    ) : null}
                  </ul>
                </>
              ) : (
                <>
                  <p>
                    {locale === 'en'
                      ? 'There is no English version, so the page is not on the English site.'
                      : `There is no ${languageLabel[locale]} version yet, ` +
                        `so visitors reading ${languageLabel[locale]} see the English one.`}
                  </p>
                  {can.edit && page.languages[otherLanguage(locale)] ? (
                    <ActionButton
                      action={`${base}/${locale}/add`}
                      token={props.token}
                      label={`Add ${languageLabel[locale]} version`}
                    />
                  ) : null}
                  <p class="hint">
                    It starts as a copy of the {languageLabel[otherLanguage(locale)]} version, as a draft, for you to
                    translate.
                  </p>
                  <p>
                    <a href={`/admin/content/history/page/${page.slug}.${locale}`}>History</a>
                  </p>
                </>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}

export function NewPageView(props: { token: string; values: FormValues; errors: FieldErrors }) {
  const { values, errors } = props;
  return (
    <>
      <BackLink href="/admin/content/pages">Pages</BackLink>
      <ErrorSummary errors={errors} title="There is a problem" />
      <h1>Add a page</h1>
      <p>The page starts as a draft: publish it when it is ready. You can add the other language afterwards.</p>
      <Form action="/admin/content/pages/new" token={props.token}>
        <Field
          name="slug"
          label="Address"
          hint={
            'The last part of the page’s address, as in /our-campaign: lower-case letters, numbers and hyphens. ' +
            'It cannot be changed later.'
          }
          value={values.slug}
          error={errors.slug}
          maxlength={80}
        />
        <Select
          name="locale"
          label="Language"
          options={localeOptions}
          value={values.locale ?? 'en'}
          error={errors.locale}
        />
        <Field name="title" label="Title" value={values.title} error={errors.title} maxlength={200} />
        <Field
          name="description"
          label="Description"
          hint="One or two sentences for search engines and link previews."
          value={values.description}
          error={errors.description}
        />
        <TextArea
          name="bodyMd"
          label="Text"
          hint="Markdown: **bold**, *italic*, [link](https://example.org), ## heading."
          value={values.bodyMd}
          error={errors.bodyMd}
          rows={12}
        />
        <button type="submit" class="button">
          Add page
        </button>
      </Form>
    </>
  );
}

/** Friendlier names for the extra fields some kinds of section have. */
const dataLabels: Record<string, string> = {
  linkLabel: 'Link text',
  figure: 'Figure',
  caption: 'What the figure counts',
  attribution: 'Who said it',
};

export function PageEditView(props: {
  draft: PageDraft;
  status: TranslationStatus;
  values: FormValues;
  errors: FieldErrors;
  token: string;
  readOnly: boolean;
  preview?: { page: Page; extras: SectionExtras } | undefined;
}) {
  const { draft, values, errors } = props;
  const locale = draft.locale;
  const language = languageLabel[locale];
  return (
    <>
      <BackLink href={`/admin/content/pages/${draft.slug}`}>Both languages of this page</BackLink>
      <ErrorSummary errors={errors} title="There is a problem" />
      <h1>
        {props.readOnly ? 'Read' : 'Edit'} {language}: {draft.title}
      </h1>
      <p>
        <LanguageState published={draft.published} status={props.status} locale={locale} /> ·{' '}
        <a href={`/admin/content/pages/${draft.slug}/${locale}/sections`}>Sections</a> ·{' '}
        <a href={`/admin/content/history/page/${draft.slug}.${locale}`}>History</a>
      </p>
      <p class="hint">
        Here are the words of the page and of each section. To add, remove, hide or reorder sections, or change their
        images and links, use <a href={`/admin/content/pages/${draft.slug}/${locale}/sections`}>Sections</a>.
      </p>
      {props.readOnly ? <ReadOnlyNotice /> : null}
      {props.preview ? (
        <PreviewPanel>
          <div class="preview-body" lang={locale}>
            <PageView page={props.preview.page} locale={locale} extras={props.preview.extras} />
          </div>
        </PreviewPanel>
      ) : null}
      <Form action={`/admin/content/pages/${draft.slug}/${locale}/edit`} token={props.token}>
        <fieldset class="plain" disabled={props.readOnly}>
          <legend class="visually-hidden">The page</legend>
          <Field name="title" label="Title" value={values.title} error={errors.title} lang={locale} maxlength={200} />
          <Field
            name="description"
            label="Description"
            hint="For search engines and link previews."
            value={values.description}
            error={errors.description}
            lang={locale}
          />
          <TextArea
            name="bodyMd"
            label="Text"
            hint="Markdown. Many pages keep their words in the sections below instead."
            value={values.bodyMd}
            error={errors.bodyMd}
            lang={locale}
          />
        </fieldset>
        {draft.sections.map((s) => {
          const name = `section.${s.key}`;
          return (
            <fieldset class="section-fields" disabled={props.readOnly}>
              <legend>
                Section “{s.key}” <span class="hint">({s.kind})</span>
              </legend>
              <Field
                name={`${name}.heading`}
                label="Heading"
                value={values[`${name}.heading`]}
                error={errors[`${name}.heading`]}
                lang={locale}
              />
              <TextArea
                name={`${name}.bodyMd`}
                label="Text"
                hint={sectionHint(values[`${name}.bodyMd`])}
                value={values[`${name}.bodyMd`]}
                error={errors[`${name}.bodyMd`]}
                lang={locale}
                rows={4}
              />
              {Object.keys(sectionWords(s.data)).map((field) => (
                <Field
                  name={`${name}.data.${field}`}
                  label={dataLabels[field] ?? field}
                  value={values[`${name}.data.${field}`]}
                  error={errors[`${name}.data.${field}`]}
                  lang={field === 'href' ? undefined : locale}
                />
              ))}
            </fieldset>
          );
        })}
        {props.readOnly ? null : <SaveButtons saveLabel={`Save ${language}`} />}
      </Form>
    </>
  );
}
