import { Checkbox, Field, Select, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { contentMessages } from '../../messages.ts';
import { resourceTypes, type Resource } from '../../service.ts';
import { ResourcePage, type TopicOption } from '../../views/ResourcePages.tsx';
import type { FormValues } from './pages.tsx';
import { LanguagePreviews } from './translated.tsx';

const words = contentMessages('en');
const typeOptions = [['', 'Choose a type'] as const, ...resourceTypes.map((t) => [t, words.resourceType[t]] as const)];

export const acceptedUploads = 'application/pdf,image/png,image/jpeg,image/gif,image/webp';

/** The facts of a resource that are the same in every language, and its file. */
export function ResourceFactFields(props: {
  values: FormValues;
  topics: string[];
  errors: FieldErrors;
  allTopics: TopicOption[];
  slug?: string | undefined;
  currentFile?: string | null | undefined;
  maxMegabytes: number;
}) {
  const { values, errors } = props;
  return (
    <>
      {props.slug ? (
        <p>
          <strong>Address:</strong> <code>/resources/{props.slug}</code>
        </p>
      ) : (
        <Field
          name="slug"
          label="Address"
          hint={
            'The last part of its address, as in /resources/housing-report-2025: ' +
            'lower-case letters, numbers and hyphens. It cannot be changed later.'
          }
          value={values.slug}
          error={errors.slug}
          maxlength={80}
        />
      )}
      <Select name="type" label="Type" options={typeOptions} value={values.type} error={errors.type} />
      <Field
        name="publishedOn"
        label="Date published"
        hint="As in 2025-03-01."
        type="date"
        value={values.publishedOn}
        error={errors.publishedOn}
      />
      <fieldset
        id="topics"
        class={errors.topics ? 'field field-error' : 'field'}
        aria-describedby={errors.topics ? 'topics-error' : undefined}
      >
        <legend>Topics</legend>
        {errors.topics ? (
          <p class="error-message" id="topics-error">
            <span class="visually-hidden">Error: </span>
            {errors.topics}
          </p>
        ) : null}
        {props.allTopics.map((t) => (
          <div class="field checkbox">
            <input
              type="checkbox"
              id={`topic-${t.slug}`}
              name="topics"
              value={t.slug}
              checked={props.topics.includes(t.slug)}
            />
            <label for={`topic-${t.slug}`}>{t.names.en}</label>
          </div>
        ))}
      </fieldset>
      <Field
        name="url"
        label="Web address"
        hint="Optional: where the resource is published elsewhere, starting with https://."
        type="url"
        value={values.url}
        error={errors.url}
      />
      <div class={errors.file ? 'field field-error' : 'field'}>
        <label for="file">File</label>
        <p class="hint" id="file-hint">
          Optional: a PDF or an image (PNG, JPEG, GIF or WebP), up to {props.maxMegabytes} MB.{' '}
          {props.currentFile ? 'A new file replaces the current one. ' : ''}A file is kept only when you save: after a
          preview or a problem, choose it again.
        </p>
        {errors.file ? (
          <p class="error-message" id="file-error">
            <span class="visually-hidden">Error: </span>
            {errors.file}
          </p>
        ) : null}
        <input
          type="file"
          id="file"
          name="file"
          accept={acceptedUploads}
          aria-invalid={errors.file ? 'true' : undefined}
          aria-describedby={errors.file ? 'file-hint file-error' : 'file-hint'}
        />
      </div>
      {props.currentFile && props.slug ? (
        <>
          <p>
            Current file: <a href={`/admin/content/resources/${props.slug}/file`}>{props.currentFile}</a>
          </p>
          <Checkbox name="removeFile" label="Take the file off this resource" checked={values.removeFile === 'on'} />
        </>
      ) : null}
    </>
  );
}

/** Each language as the public resource page will show it. */
export function ResourcePreview(props: {
  values: FormValues;
  facts: Omit<Resource, 'locale' | 'title' | 'summary' | 'bodyMd' | 'isFallback'>;
  topics: TopicOption[];
}) {
  return (
    <LanguagePreviews
      values={props.values}
      render={(t) => (
        <ResourcePage resource={{ ...props.facts, ...t, isFallback: false }} locale={t.locale} topics={props.topics} />
      )}
    />
  );
}
