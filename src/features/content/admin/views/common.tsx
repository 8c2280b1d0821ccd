import type { Child } from 'hono/jsx';
import { Form } from '../../../../platform/web/forms.tsx';
import type { Locale, TranslationStatus } from '../../service.ts';

/**
 * Small parts every content screen shares: how a language's state is said,
 * one-button forms, and the notice a read-only viewer sees.
 */
export const languageLabel: Record<Locale, string> = { en: 'English', es: 'Spanish' };

export function otherLanguage(locale: Locale): Locale {
  return locale === 'en' ? 'es' : 'en';
}

/** Whether a language's words exist and keep up with the other language's. */
export function TranslationState(props: { status: TranslationStatus; locale: Locale }) {
  if (props.status === 'missing') return <span class="badge badge-missing">Missing</span>;
  if (props.status === 'older')
    return <span class="badge badge-older">Older than {languageLabel[otherLanguage(props.locale)]}</span>;
  return <span class="badge">Up to date</span>;
}

/** A language's state in words (never colour alone): Published, Draft or Missing, and whether it lags. */
export function LanguageState(props: { published: boolean | undefined; status: TranslationStatus; locale: Locale }) {
  if (props.status === 'missing' || props.published === undefined)
    return <span class="badge badge-missing">Missing</span>;
  return (
    <>
      <span class={props.published ? 'badge' : 'badge badge-draft'}>{props.published ? 'Published' : 'Draft'}</span>
      {props.status === 'older' ? (
        <>
          {' '}
          <span class="badge badge-older">Older than {languageLabel[otherLanguage(props.locale)]}</span>
        </>
      ) : null}
    </>
  );
}

/** A form that is one button: publish, unpublish, add a translation, restore. */
export function ActionButton(props: { action: string; token: string; label: string; secondary?: boolean }) {
  return (
    <Form action={props.action} token={props.token} class="inline-action">
      <button type="submit" class={props.secondary ? 'button secondary' : 'button'}>
        {props.label}
      </button>
    </Form>
  );
}

export function ReadOnlyNotice() {
  return (
    <p class="notice" role="note">
      You can read this but not change it: your role does not allow editing content.
    </p>
  );
}

/** Save and Preview: Preview sends the same form with intent=preview, and nothing is saved. */
export function SaveButtons(props: { saveLabel: string }) {
  return (
    <div class="form-actions">
      <button type="submit" class="button">
        {props.saveLabel}
      </button>{' '}
      <button type="submit" class="button secondary" name="intent" value="preview">
        Preview
      </button>
    </div>
  );
}

/** What was typed, rendered as the public will see it, marked clearly as not saved. */
export function PreviewPanel(props: { children?: Child }) {
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <p class="notice" role="note">
        This is how it will look. Nothing is saved until you press Save.
      </p>
      {props.children}
    </section>
  );
}
