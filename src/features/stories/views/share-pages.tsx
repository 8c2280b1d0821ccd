import { MessagePage } from '../../../platform/web/components.tsx';
import { ErrorSummary, Form, type FieldErrors } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { storyPublicMessages } from '../public-messages.ts';
import { storyConsentPath, storyDeletionPath } from '../story-emails.ts';
import { ConsentFields, type StoryValues } from './share-form.tsx';

/**
 * After the story is sent: what happens now, and the deletion link, shown this once, so a teller who gave no email
 * can still take their story back. The page is never stored by a cache nor sent on as a referrer.
 */
export function ThanksPage(props: { locale: Locale; publicUrl: string; deletionToken: string; emailed: boolean }) {
  const t = storyPublicMessages(props.locale).thanks;
  const link = props.publicUrl + localizedPath(props.locale, storyDeletionPath(props.deletionToken));
  return (
    <div class="narrow">
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      {props.emailed ? <p>{t.email}</p> : null}
      <section class="notice" aria-labelledby="delete-link">
        <h2 id="delete-link">{t.deleteHeading}</h2>
        <p>{t.deleteBody}</p>
        <p class="story-link">
          <a href={link}>{link}</a>
        </p>
      </section>
    </div>
  );
}

/** The deletion link's page: it asks before deleting, as a link opened by a mail scanner must not delete. */
export function DeleteStoryPage(props: { locale: Locale; token: string; csrf: string }) {
  const t = storyPublicMessages(props.locale).remove;
  return (
    <div class="narrow">
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <Form action={localizedPath(props.locale, storyDeletionPath(props.token))} token={props.csrf}>
        <input type="hidden" name="confirmed" value="yes" />
        <div class="button-group">
          <button type="submit" class="button danger">
            {t.confirm}
          </button>
          <a href={localizedPath(props.locale, '/')}>{t.cancel}</a>
        </div>
      </Form>
    </div>
  );
}

export function StoryDeletedPage(props: { locale: Locale }) {
  const t = storyPublicMessages(props.locale);
  return (
    <MessagePage
      title={t.remove.doneTitle}
      body={t.remove.done}
      link={{ href: localizedPath(props.locale, '/'), label: t.home }}
    />
  );
}

/** A link that finds nothing: the story may be deleted already, or the consent already given. */
export function LinkGonePage(props: { locale: Locale; kind: 'remove' | 'again' }) {
  const t = storyPublicMessages(props.locale);
  return (
    <MessagePage
      title={t[props.kind].goneTitle}
      body={t[props.kind].gone}
      link={{ href: localizedPath(props.locale, '/'), label: t.home }}
    />
  );
}

/** Staff asked the teller to choose again: the choices, never the story (whoever opens the email may not be them). */
export function ConsentAgainPage(props: {
  locale: Locale;
  token: string;
  csrf: string;
  values: StoryValues;
  errors: FieldErrors;
}) {
  const t = storyPublicMessages(props.locale);
  return (
    <div class="narrow">
      <ErrorSummary errors={props.errors} title={t.errorTitle} />
      <h1>{t.again.title}</h1>
      <p>{t.again.intro}</p>
      <Form action={localizedPath(props.locale, storyConsentPath(props.token))} token={props.csrf}>
        <ConsentFields locale={props.locale} values={props.values} errors={props.errors} />
        <button type="submit" class="button">
          {t.again.submit}
        </button>
      </Form>
    </div>
  );
}

export function ConsentSavedPage(props: { locale: Locale }) {
  const t = storyPublicMessages(props.locale);
  return (
    <MessagePage
      title={t.again.doneTitle}
      body={t.again.done}
      link={{ href: localizedPath(props.locale, '/'), label: t.home }}
    />
  );
}
