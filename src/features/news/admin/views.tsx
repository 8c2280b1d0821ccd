import type { Child } from 'hono/jsx';
import { BackLink } from '../../../platform/web/components.tsx';
import { ErrorSummary, Field, Form, Select, TextArea, type FieldErrors } from '../../../platform/web/forms.tsx';
import type { ImageChoice } from '../../../platform/web/images.tsx';
import { locales, type Locale } from '../../../platform/web/locale.ts';
import { DataTable } from '../../../platform/web/tables.tsx';
import { When } from '../../../platform/web/when.tsx';
import { newsMessages } from '../messages.ts';
import { postTitle, type StaffPost } from '../post-editing.ts';
import { postTypes } from '../schema.ts';

export const languageLabel: Record<Locale, string> = { en: 'English', es: 'Spanish' };
export const otherLanguage = (locale: Locale): Locale => (locale === 'en' ? 'es' : 'en');
const typeLabels = newsMessages('en').type;

/** What the form fields hold as typed: every value a string, a checked topic as `topic-<slug>: on`. */
export type FormValues = Record<string, string>;
export type TopicChoice = { slug: string; name: string };

/** A form that is one button: publish, unpublish, add a language. */
function ActionButton(props: { action: string; token: string; label: string; secondary?: boolean }) {
  return (
    <Form action={props.action} token={props.token} class="inline-action">
      <button type="submit" class={props.secondary ? 'button secondary' : 'button'}>
        {props.label}
      </button>
    </Form>
  );
}

function PublishedBadge(props: { published: boolean }) {
  return <span class={props.published ? 'badge' : 'badge badge-draft'}>{props.published ? 'Published' : 'Draft'}</span>;
}

/** /admin/news: every post, drafts too, newest first, with the state of each language. */
export function NewsListView(props: { posts: StaffPost[]; canEdit: boolean }) {
  return (
    <>
      <h1>News</h1>
      <p>Dated posts: news, press releases and statements. They are listed at /news and in the news feed.</p>
      {props.canEdit ? (
        <p>
          <a class="button" href="/admin/news/new">
            Write a post
          </a>
        </p>
      ) : null}
      {props.posts.length === 0 ? <p>No posts yet.</p> : null}
      <DataTable
        caption="News posts, their date, whether each is on the site, and each language"
        columns={['Title', 'Kind', 'Date', 'On the site', ...locales.map((l) => languageLabel[l])]}
      >
        {props.posts.map((post) => {
          const first = post.words.en ? 'en' : 'es';
          return (
            <tr>
              <th scope="row">
                <a href={`/admin/news/${post.id}/${first}`}>{postTitle(post)}</a>
              </th>
              <td>{typeLabels[post.type]}</td>
              <td>
                <time datetime={post.publishedOn}>{post.publishedOn}</time>
              </td>
              <td>
                <PublishedBadge published={post.published} />
              </td>
              {locales.map((l) => (
                <td>
                  {post.words[l] ? (
                    // Named in words the row's header completes (WCAG 2.4.4): hidden text here would sit outside the
                    // table's scrolling box and widen the page on a phone.
                    <a href={`/admin/news/${post.id}/${l}`}>Edit {languageLabel[l]}</a>
                  ) : (
                    <span class="badge badge-missing">Missing</span>
                  )}
                </td>
              ))}
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}

/** Where a post stands, and what this person may do to it: publish, delete, its other language. */
function PostState(props: {
  post: StaffPost;
  locale: Locale;
  token: string;
  can: { edit: boolean; publish: boolean; remove: boolean };
  timeZone: string;
}) {
  const { post, locale, token, can } = props;
  const other = otherLanguage(locale);
  const base = `/admin/news/${post.id}`;
  return (
    <div class="item-state">
      <p>
        <PublishedBadge published={post.published} /> · Last changed{' '}
        <When at={post.updatedAt} timeZone={props.timeZone} />
        {post.published ? (
          <>
            {' '}
            · <a href={`${locale === 'es' ? '/es' : ''}/news/${post.slug}`}>See it on the site</a>
          </>
        ) : null}
        {' · '}
        {post.words[other] ? (
          <a href={`${base}/${other}`}>Edit the {languageLabel[other]}</a>
        ) : (
          <>No {languageLabel[other]} version yet</>
        )}
        {can.remove ? (
          <>
            {' '}
            · <a href={`${base}/delete`}>Delete</a>
          </>
        ) : null}
      </p>
      {can.publish ? (
        <ActionButton
          action={`${base}/${post.published ? 'unpublish' : 'publish'}`}
          token={token}
          label={post.published ? 'Unpublish' : 'Publish'}
          secondary
        />
      ) : null}
      {can.edit && !post.words[other] ? (
        <ActionButton action={`${base}/${other}/add`} token={token} label={`Add ${languageLabel[other]} version`} />
      ) : null}
    </div>
  );
}

/** The shared facts: the address, kind, date, author, image and topics, the same in both languages. */
function FactFields(props: { values: FormValues; errors: FieldErrors; images: ImageChoice[]; topics: TopicChoice[] }) {
  const { values, errors } = props;
  return (
    <fieldset class="plain">
      <legend>In both languages</legend>
      <Field
        name="slug"
        label="Address"
        hint="The end of the post’s web address, /news/…: lower-case letters, numbers and hyphens."
        value={values.slug}
        error={errors.slug}
      />
      <Select
        name="type"
        label="Kind of post"
        options={postTypes.map((t) => [t, typeLabels[t]] as const)}
        value={values.type}
        error={errors.type}
      />
      <Field
        name="publishedOn"
        type="date"
        label="Date"
        hint="The date the post gives, such as 2026-03-01."
        value={values.publishedOn}
        error={errors.publishedOn}
      />
      <Field
        name="authorName"
        label="Author"
        hint="A person’s name, or the organisation’s."
        value={values.authorName}
        error={errors.authorName}
      />
      <Select
        name="imageId"
        label="Image"
        hint="From the media library: only images with alt text in both languages can be chosen."
        options={[['', 'No image'] as const, ...props.images.map((i) => [String(i.id), i.label] as const)]}
        value={values.imageId}
        error={errors.imageId}
      />
      {props.topics.length > 0 ? (
        <fieldset class="plain" id="topics">
          <legend>Topics</legend>
          {errors.topics ? <p class="error-message">{errors.topics}</p> : null}
          {props.topics.map((topic) => (
            <div class="field checkbox">
              <input
                type="checkbox"
                id={`topic-${topic.slug}`}
                name={`topic-${topic.slug}`}
                value="on"
                checked={values[`topic-${topic.slug}`] === 'on'}
              />
              <label for={`topic-${topic.slug}`}>{topic.name}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
    </fieldset>
  );
}

/** A new post, or one language of a post: the shared facts first, then that language's words. */
export function PostFormView(props: {
  post?: StaffPost | undefined;
  locale: Locale;
  heading: string;
  values: FormValues;
  errors: FieldErrors;
  token: string;
  can: { edit: boolean; publish: boolean; remove: boolean };
  images: ImageChoice[];
  topics: TopicChoice[];
  timeZone: string;
  preview?: Child;
}) {
  const { post, locale, values, errors } = props;
  const action = post ? `/admin/news/${post.id}/${locale}` : '/admin/news/new';
  const readOnly = !props.can.edit;
  return (
    <>
      <BackLink href="/admin/news">All news</BackLink>
      <ErrorSummary errors={errors} title="There is a problem" />
      <h1>{props.heading}</h1>
      {post ? (
        <PostState post={post} locale={locale} token={props.token} can={props.can} timeZone={props.timeZone} />
      ) : (
        <p>It starts as a draft: publish it when it is ready.</p>
      )}
      {readOnly ? (
        <p class="notice" role="note">
          You can read this but not change it: your role does not allow editing news.
        </p>
      ) : null}
      {props.preview ? (
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview</h2>
          <p class="notice" role="note">
            This is how it will look. Nothing is saved until you press Save.
          </p>
          <div class="preview-body" lang={locale}>
            {props.preview}
          </div>
        </section>
      ) : null}
      <Form action={action} token={props.token}>
        <fieldset class="plain" disabled={readOnly}>
          <legend class="visually-hidden">The post</legend>
          {post ? null : (
            <Select
              name="locale"
              label="Language it is written in"
              hint="Add the other language once it is saved."
              options={locales.map((l) => [l, languageLabel[l]] as const)}
              value={values.locale}
              error={errors.locale}
            />
          )}
          <FactFields values={values} errors={errors} images={props.images} topics={props.topics} />
          <fieldset class="plain" lang={locale}>
            <legend lang="en">{post ? `${languageLabel[locale]} words` : 'Words'}</legend>
            <Field
              name="title"
              label="Title"
              value={values.title}
              error={errors.title}
              lang={post ? locale : undefined}
            />
            <TextArea
              name="summary"
              label="Summary"
              hint="A sentence or two, shown in the list of news and in the feed."
              value={values.summary}
              error={errors.summary}
              rows={3}
              lang={post ? locale : undefined}
            />
            <TextArea
              name="bodyMd"
              label="Text"
              hint="Markdown."
              value={values.bodyMd}
              error={errors.bodyMd}
              rows={14}
              lang={post ? locale : undefined}
            />
          </fieldset>
        </fieldset>
        {readOnly ? null : (
          <div class="form-actions">
            <button type="submit" class="button">
              {post ? 'Save' : 'Add post'}
            </button>{' '}
            <button type="submit" class="button secondary" name="intent" value="preview">
              Preview
            </button>
          </div>
        )}
      </Form>
    </>
  );
}

/** A language the post does not have yet: say so, and offer to add it as a copy to translate. */
export function MissingLanguageView(props: { post: StaffPost; locale: Locale; token: string; canEdit: boolean }) {
  const { post, locale } = props;
  const other = otherLanguage(locale);
  return (
    <>
      <BackLink href="/admin/news">All news</BackLink>
      <h1>
        {postTitle(post)}: no {languageLabel[locale]} version
      </h1>
      <p>
        Visitors reading in {languageLabel[locale]} see the {languageLabel[other]} words, marked as such.{' '}
        <a href={`/admin/news/${post.id}/${other}`}>Edit the {languageLabel[other]}</a>.
      </p>
      {props.canEdit ? (
        <ActionButton
          action={`/admin/news/${post.id}/${locale}/add`}
          token={props.token}
          label={`Add ${languageLabel[locale]} version`}
        />
      ) : null}
    </>
  );
}
