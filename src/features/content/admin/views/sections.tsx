import { BackLink } from '../../../../platform/web/components.tsx';
import { ErrorSummary, Field, Form, Select, TextArea, type FieldErrors } from '../../../../platform/web/forms.tsx';
import type { LinkTarget, LinkTargetKind } from '../../../../platform/web/link-targets.ts';
import { DataTable } from '../../../../platform/web/tables.tsx';
import { MAX_CARDS, type SectionFormValues } from '../../section-forms.ts';
import { sectionKindNames, sectionKinds, type SectionKind } from '../../sections.ts';
import type { Locale, PageDraft } from '../../service.ts';
import { ActionButton, languageLabel } from './common.tsx';

const base = (draft: PageDraft) => `/admin/content/pages/${draft.slug}/${draft.locale}/sections`;

/** The sections of one language of a page, in order, with what can be done to each. */
export function SectionListView(props: {
  draft: PageDraft;
  token: string;
  canEdit: boolean;
  missing: { key: string; kindName: string; heading: string }[];
  otherLocale: Locale;
}) {
  const { draft, token } = props;
  const language = languageLabel[draft.locale];
  const count = draft.sections.length;
  return (
    <>
      <BackLink href={`/admin/content/pages/${draft.slug}`}>Both languages of this page</BackLink>
      <h1>
        Sections of the {language} page: <span lang={draft.locale}>{draft.title}</span>
      </h1>
      <p>
        Visitors see the page’s own text first, then these sections from top to bottom; hidden ones are kept here but
        not shown.{' '}
        <a href={`/admin/content/pages/${draft.slug}/${draft.locale}/edit`}>Edit the words of every section</a> on one
        screen.
      </p>
      {props.canEdit ? (
        <p>
          <a class="button" href={`${base(draft)}/new`}>
            Add a section
          </a>
        </p>
      ) : null}
      {count === 0 ? (
        <p>This page has no sections yet.</p>
      ) : (
        <DataTable caption="Sections, in the order visitors see them" columns={['Section', 'Kind', 'Shown', 'Change']}>
          {draft.sections.map((s, index) => {
            const at = `${base(draft)}/${s.key}`;
            const name = s.heading || s.key;
            return (
              <tr id={`section-${s.key}`} tabindex={-1}>
                <th scope="row">
                  <span lang={draft.locale}>{name}</span>
                  <br />
                  <span class="hint">{`${index + 1} of ${count} · ${s.key}`}</span>
                </th>
                <td>{sectionKindNames[s.kind as SectionKind] ?? s.kind}</td>
                <td>{s.hidden ? <span class="badge badge-draft">Hidden</span> : <span class="badge">Shown</span>}</td>
                <td>
                  {props.canEdit ? (
                    <ul class="list-inline section-actions">
                      <li>
                        <a href={`${at}/edit`} aria-label={`Edit ${name}`}>
                          Edit
                        </a>
                      </li>
                      {index > 0 ? (
                        <li>
                          <SmallButton action={`${at}/up`} token={token} label="Move up" name={name} />
                        </li>
                      ) : null}
                      {index < count - 1 ? (
                        <li>
                          <SmallButton action={`${at}/down`} token={token} label="Move down" name={name} />
                        </li>
                      ) : null}
                      <li>
                        <SmallButton
                          action={`${at}/${s.hidden ? 'show' : 'hide'}`}
                          token={token}
                          label={s.hidden ? 'Show' : 'Hide'}
                          name={name}
                        />
                      </li>
                      <li>
                        <a href={`${at}/remove`} aria-label={`Remove ${name}`}>
                          Remove
                        </a>
                      </li>
                    </ul>
                  ) : (
                    <a href={`${at}/edit`}>Read</a>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      {props.missing.length > 0 ? (
        <section aria-labelledby="missing-title">
          <h2 id="missing-title">Sections the {languageLabel[props.otherLocale]} page has and this one lacks</h2>
          <p>A copy comes in hidden, in {languageLabel[props.otherLocale]}: translate it, then show it.</p>
          <ul class="list-plain">
            {props.missing.map((m) => (
              <li>
                <span lang={props.otherLocale}>{m.heading || m.key}</span> <span class="hint">({m.kindName})</span>
                {props.canEdit ? (
                  <ActionButton
                    action={`${base(draft)}/${m.key}/copy`}
                    token={token}
                    label={`Copy “${m.heading || m.key}” here`}
                    secondary
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** A one-button form whose button names the section it acts on, for screen readers. */
function SmallButton(props: { action: string; token: string; label: string; name: string }) {
  return (
    <Form action={props.action} token={props.token} class="inline-action">
      <button type="submit" class="button secondary small" aria-label={`${props.label}: ${props.name}`}>
        {props.label}
      </button>
    </Form>
  );
}

/** The first step of adding a section: which kind. A GET form, so nothing is written yet. */
export function ChooseKindView(props: { draft: PageDraft; error: string | undefined }) {
  const { draft } = props;
  return (
    <>
      <BackLink href={base(draft)}>Sections</BackLink>
      <ErrorSummary errors={{ kind: props.error }} title="There is a problem" />
      <h1>Add a section to the {languageLabel[draft.locale]} page</h1>
      <form method="get" action={`${base(draft)}/new`} novalidate>
        <Select
          name="kind"
          label="Kind of section"
          options={sectionKinds.map((k) => [k, sectionKindNames[k]] as const)}
          error={props.error}
        />
        <button type="submit" class="button">
          Continue
        </button>
      </form>
    </>
  );
}

const targetKindNames: Record<LinkTargetKind, string> = {
  page: 'Page',
  list: 'List',
  petition: 'Petition',
  event: 'Event',
  resource: 'Resource',
  policy: 'Policy',
  post: 'News',
};

function linkOptions(targets: readonly LinkTarget[], locale: Locale): [string, string][] {
  return [
    ['', 'No link'],
    ...targets.map((t): [string, string] => [`${t.kind}:${t.ref}`, `${targetKindNames[t.kind]}: ${t.label[locale]}`]),
    ['url', 'Another site (type its address below)'],
  ];
}

type Choices = {
  targets: readonly LinkTarget[];
  imageOptions: [string, string][];
  topics: readonly string[];
  resourceOptions: [string, string][];
};

/** A kind's form, for a new section or one being changed. */
export function SectionFormView(props: {
  draft: PageDraft;
  kind: SectionKind;
  sectionKey: string | undefined;
  values: SectionFormValues;
  errors: FieldErrors;
  token: string;
  choices: Choices;
}) {
  const { draft, kind, values, errors, choices } = props;
  const locale = draft.locale;
  const action = props.sectionKey ? `${base(draft)}/${props.sectionKey}/edit` : `${base(draft)}/new?kind=${kind}`;
  const text = (name: string, label: string, hint?: string) => (
    <Field name={name} label={label} hint={hint} value={values[name]} error={errors[name]} lang={locale} />
  );
  const area = (name: string, label: string, hint = 'Markdown: **bold**, *italic*, [link](https://example.org).') => (
    <TextArea name={name} label={label} hint={hint} value={values[name]} error={errors[name]} lang={locale} rows={5} />
  );
  const images = (name: string, label: string) => (
    <Select
      name={name}
      label={label}
      hint={
        choices.imageOptions.length === 0
          ? 'The media library has no image with alt text in both languages yet.'
          : 'Only images with alt text in both languages can be placed.'
      }
      options={[['', 'No image'], ...choices.imageOptions]}
      value={values[name]}
      error={errors[name]}
    />
  );
  const link = (label: string) => (
    <>
      <Select
        name="link"
        label={label}
        options={linkOptions(choices.targets, locale)}
        value={values.link}
        error={errors.link}
      />
      <Field
        name="url"
        label="Address of the other site"
        hint="Only when the link leads to another site: https://…"
        value={values.url}
        error={errors.url}
        type="url"
      />
      {text('linkLabel', 'Link text', 'The words people click, like “Sign the petition”.')}
    </>
  );
  const fields: Record<SectionKind, () => unknown> = {
    hero: () => [
      text('heading', 'Heading'),
      area('bodyMd', 'Text'),
      images('imageId', 'Image'),
      link('Button leads to'),
    ],
    text: () => [
      text('heading', 'Heading', 'Optional.'),
      area('bodyMd', 'Text'),
      <Select
        name="style"
        label="Look"
        options={[
          ['plain', 'Plain'],
          ['step', 'A numbered step (steps in a row are one list)'],
          ['note', 'A note, set apart'],
        ]}
        value={values.style}
        error={errors.style}
      />,
      link('“Read more” link leads to'),
    ],
    cards: () => [
      text('heading', 'Heading', 'Optional.'),
      area('bodyMd', 'Introduction'),
      ...cardRows(values).map((i) => (
        <fieldset class="section-fields">
          <legend>Card {i + 1}</legend>
          {text(`card.${i}.title`, 'Title')}
          {area(`card.${i}.text`, 'Text')}
          {images(`card.${i}.imageId`, 'Image or icon')}
        </fieldset>
      )),
    ],
    figure: () => [
      text('heading', 'Heading', 'Optional.'),
      text('figure', 'Figure', 'Short, like “$500 million”.'),
      text('caption', 'What the figure counts'),
      area('bodyMd', 'Text'),
    ],
    quote: () => [
      area('bodyMd', 'The quote', 'Only words someone really said or wrote.'),
      text(
        'attribution',
        'Who said it',
        'Required before the page can be published: a real name and what they are (“Rosa M., volunteer”), ' +
          'or for a demo, say it is a sample.',
      ),
      text('heading', 'Heading', 'Optional.'),
    ],
    cta: () => [text('heading', 'Heading'), area('bodyMd', 'Text'), link('Button leads to')],
    image: () => [
      images('imageId', 'Image'),
      text('heading', 'Heading', 'Optional. The caption and credit come from the media library.'),
      area('bodyMd', 'Text'),
    ],
    resources: () => [
      text('heading', 'Heading', 'Optional.'),
      area('bodyMd', 'Text'),
      <Select
        name="topic"
        label="Newest resources on"
        hint="Used when no resource is ticked below."
        options={[['', 'Any topic'], ...choices.topics.map((t) => [t, t] as [string, string])]}
        value={values.topic}
        error={errors.topic}
      />,
      text('limit', 'How many', 'From 1 to 12.'),
      <ResourceChoices
        options={choices.resourceOptions}
        chosen={(values.slugs ?? '').split(' ')}
        error={errors.slugs}
      />,
    ],
    'petition-progress': () => [
      <Select
        name="petition"
        label="Petition"
        options={[
          ['', 'Choose a petition'],
          ...choices.targets
            .filter((t) => t.kind === 'petition')
            .map((t) => [t.ref, t.label[locale]] as [string, string]),
        ]}
        value={values.petition}
        error={errors.petition}
      />,
      text('heading', 'Heading', 'Optional: the petition’s title when empty.'),
      area('bodyMd', 'Text'),
    ],
  };
  return (
    <>
      <BackLink href={base(draft)}>Sections</BackLink>
      <ErrorSummary errors={errors} title="There is a problem" />
      <h1>
        {props.sectionKey ? `Edit section “${props.sectionKey}”` : 'Add a section'}: {sectionKindNames[kind]} (
        {languageLabel[locale]})
      </h1>
      <Form action={action} token={props.token}>
        {fields[kind]() as never}
        <button type="submit" class="button">
          {props.sectionKey ? 'Save section' : 'Add section'}
        </button>
      </Form>
    </>
  );
}

/** The card rows to show: those filled in, then three empty ones (up to the most a section holds). */
function cardRows(values: SectionFormValues): number[] {
  let filled = 0;
  for (let i = 0; i < MAX_CARDS; i++) if (values[`card.${i}.title`] || values[`card.${i}.text`]) filled = i + 1;
  return Array.from({ length: Math.min(MAX_CARDS, filled + 3) }, (_, i) => i);
}

function ResourceChoices(props: { options: [string, string][]; chosen: string[]; error: string | undefined }) {
  return (
    <fieldset
      class={props.error ? 'field field-error' : 'field'}
      aria-describedby={props.error ? 'slugs-error' : 'slugs-hint'}
    >
      <legend>Or choose resources by hand</legend>
      <p class="hint" id="slugs-hint">
        Ticked resources are shown in this order instead of the newest.
      </p>
      {props.error ? (
        <p class="error-message" id="slugs-error">
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      ) : null}
      {props.options.map(([slug, title], i) => (
        <div class="field checkbox">
          <input
            type="checkbox"
            id={i === 0 ? 'slugs' : `slugs-${slug}`}
            name="slugs"
            value={slug}
            checked={props.chosen.includes(slug)}
          />
          <label for={i === 0 ? 'slugs' : `slugs-${slug}`}>{title}</label>
        </div>
      ))}
    </fieldset>
  );
}
