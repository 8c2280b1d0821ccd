import type { Child } from 'hono/jsx';
import { BackLink } from '../../../../platform/web/components.tsx';
import { CheckboxGroup } from '../../../../platform/web/contact-fields.tsx';
import { Checkbox, ErrorSummary, Field, Form, TextArea, type FieldErrors } from '../../../../platform/web/forms.tsx';
import type { Locale } from '../../../../platform/web/locale.ts';
import { SummaryTable } from '../../../../platform/web/tables.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { storyTopics } from '../../schema.ts';
import type { StoryRecord } from '../../story-records.ts';
import { consentSentences, kindLabels, languageLabels, statusLabels, storyName, topicLabels } from '../messages.ts';
import { STORY_TEXT_MAX, topicField, type FormValues } from '../story-form.ts';
import { Decisions } from './decisions.tsx';
import { Done } from './queue.tsx';

export type StoryScreen = {
  story: StoryRecord;
  edit: { values: FormValues; errors: FieldErrors };
  translation: { values: FormValues; errors: FieldErrors };
  canModerate: boolean;
  token: string;
  timeZone: string;
  done?: string | undefined;
  /** Why a decision was refused, said at the top. */
  refusal?: string | undefined;
};

const otherLanguage = (locale: Locale): Locale => (locale === 'en' ? 'es' : 'en');

/**
 * One story: the teller's words as they sent them (read-only), what they told about themselves in a box of its
 * own, their consent, the version staff edit to publish, a translation, and the decisions.
 */
export function StoryView(props: StoryScreen) {
  const { story } = props;
  const failed = { ...props.edit.errors, ...props.translation.errors };
  return (
    <>
      <BackLink href="/admin/stories">Stories</BackLink>
      <Done code={props.done} />
      {props.refusal ? (
        <p class="notice" role="alert">
          {props.refusal}
        </p>
      ) : null}
      <ErrorSummary errors={failed} title="There is a problem" />
      <h1>{storyName(story.publicId)}</h1>
      <StoryFacts story={story} timeZone={props.timeZone} />
      {story.contactBeforePublishing ? (
        <p class="notice" role="note">
          <strong>Contact them before publishing:</strong> the teller asked to hear from you first.
        </p>
      ) : null}
      <h2>What they wrote</h2>
      <p class="hint">Exactly as sent, never shown to the public and never changed.</p>
      <div class="card pre-line" lang={story.locale}>
        {story.original}
      </div>
      <Teller story={story} />
      <h2 id="to-publish">The version to publish</h2>
      {props.canModerate ? (
        <EditForm {...props} />
      ) : (
        <>
          <p class="notice" role="note">
            You can read this but not change it.
          </p>
          <div class="card pre-line" lang={story.locale}>
            {story.redacted ?? 'Not edited yet.'}
          </div>
        </>
      )}
      {props.canModerate ? <TranslationForm {...props} /> : null}
      {props.canModerate ? <Decisions story={story} token={props.token} /> : null}
    </>
  );
}

function StoryFacts(props: { story: StoryRecord; timeZone: string }) {
  const { story } = props;
  const at = (date: Date) => <When at={date} timeZone={props.timeZone} />;
  const rows: [string, Child][] = [
    ['State', statusLabels[story.status]],
    ['Language', languageLabels[story.locale]],
    ['Submitted', at(story.submittedAt)],
    ['Consent', consentSentences[story.publishConsent]],
    ['Testimony', story.testimonyConsent ? 'May be read as testimony to legislators' : 'Not as testimony'],
    [
      'Consent given',
      <>
        {at(story.consentedAt)}, on the wording of version {story.consentWordingVersion}
      </>,
    ],
  ];
  if (story.consentAskedAt) rows.push(['Consent asked again', at(story.consentAskedAt)]);
  if (story.publishedAt)
    rows.push([
      'Published',
      <>
        {at(story.publishedAt)}, {story.publishedAs === 'first-name' ? 'with their first name' : 'with no name'}
      </>,
    ]);
  if (story.testimonyConsent) rows.push(['In the testimony packet', story.forTestimony ? 'Yes' : 'No']);
  return <SummaryTable caption="About this story" rows={rows} />;
}

/** The teller's details, apart from the story: for follow-up only, never published (but a first name, if allowed). */
function Teller(props: { story: StoryRecord }) {
  const t = props.story.teller;
  const given = (value: string) => value.trim() || 'Not given';
  return (
    <section class="card" aria-labelledby="teller-heading">
      <h2 id="teller-heading">The teller (for follow-up only)</h2>
      <p class="hint">Never published. Their first name signs the story only if they allowed it and you choose it.</p>
      <SummaryTable
        caption="What the teller told about themselves"
        rows={[
          ['Name', given(t.name)],
          ['Email', given(t.email)],
          ['Phone', given(t.phone)],
          ['County', given(t.county)],
          ['Who they are', t.kinds.length ? t.kinds.map((k) => kindLabels[k]).join(', ') : 'Not given'],
          ['Their topics', t.topics.length ? t.topics.map((k) => topicLabels[k]).join(', ') : 'Not given'],
          ['Their content notes', given(t.contentNotes)],
        ]}
      />
    </section>
  );
}

function EditForm(props: StoryScreen) {
  const { values, errors } = props.edit;
  const lang = props.story.locale;
  return (
    <Form action={`/admin/stories/${props.story.id}`} token={props.token}>
      <Field name="title" label="Title" value={values.title} error={errors.title} maxlength={200} lang={lang} />
      <TextArea
        name="text"
        label="Text to publish"
        hint="Replace names, places and anything else that could identify someone. The original above stays as it was."
        value={values.text}
        error={errors.text}
        rows={14}
        maxlength={STORY_TEXT_MAX}
        lang={lang}
      />
      <TextArea
        name="contentNotes"
        label="Content notes"
        hint="Shown before the story, so readers can choose: for example “mentions violence”."
        value={values.contentNotes}
        error={errors.contentNotes}
        rows={2}
        maxlength={500}
        lang={lang}
      />
      <CheckboxGroup id="topics" legend="Topics" error={errors.topics}>
        {storyTopics.map((t) => (
          <Checkbox name={topicField(t)} label={topicLabels[t]} checked={values[topicField(t)] === 'on'} />
        ))}
      </CheckboxGroup>
      <div class="form-actions">
        <button type="submit" class="button">
          Save the version to publish
        </button>
      </div>
    </Form>
  );
}

function TranslationForm(props: StoryScreen) {
  const { values, errors } = props.translation;
  const into = otherLanguage(props.story.locale);
  return (
    <>
      <h2 id="translation">Translation into {languageLabels[into]}</h2>
      <p class="hint">Translate the version to publish, not the original. Leave both empty for no translation.</p>
      <Form action={`/admin/stories/${props.story.id}/translation`} token={props.token}>
        <Field
          name="translationTitle"
          label={`Title in ${languageLabels[into]}`}
          value={values.translationTitle}
          error={errors.translationTitle}
          maxlength={200}
          lang={into}
        />
        <TextArea
          name="translationText"
          label={`Text in ${languageLabels[into]}`}
          value={values.translationText}
          error={errors.translationText}
          rows={10}
          maxlength={STORY_TEXT_MAX}
          lang={into}
        />
        <div class="form-actions">
          <button type="submit" class="button secondary">
            Save the translation
          </button>
        </div>
      </Form>
    </>
  );
}
