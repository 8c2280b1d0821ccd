import type { Locale } from '../../../../platform/web/locale.ts';
import { EmailParts, InboxLine, type ComposedEmail } from '../../../email/service.ts';
import { sampleReader } from '../../content.ts';

/** One language of a broadcast, composed for its sample reader, and where its HTML part is served for the frame. */
export type VersionPreview = { locale: Locale; email: ComposedEmail; frameSrc: string };

const languageNames: Record<Locale, string> = { en: 'English', es: 'Spanish' };

/** The lines an inbox shows for each language: on the preview, and again on the page that confirms a send. */
export function InboxLines(props: { from: string; versions: readonly VersionPreview[] }) {
  return (
    <ul class="list-plain inbox-lines">
      {props.versions.map((v) => (
        <li>
          <span class="visually-hidden">{languageNames[v.locale]}: </span>
          <InboxLine from={props.from} subject={v.email.subject} preheader={v.email.preheader} lang={v.locale} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The broadcast as its readers will get it, in each language it has: the
 * line their inbox shows, then the email in the sender's own layout and
 * its plain text, with a sample reader's name and sample links.
 */
export function BroadcastPreview(props: { from: string; versions: readonly VersionPreview[] }) {
  const onlyEnglish = props.versions.length === 1;
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <p>
        As a sample reader will get it: their first name is {sampleReader.en.givenName}
        {onlyEnglish ? '' : ` (${sampleReader.es.givenName} in Spanish)`}, and the links to their preferences and to
        unsubscribe are samples that lead nowhere.
        {onlyEnglish ? ' There is no Spanish version: Spanish readers get this one.' : ''}
      </p>
      {props.versions.map((v) => (
        <section class="email-preview" aria-labelledby={`preview-${v.locale}`}>
          <h3 id={`preview-${v.locale}`}>{languageNames[v.locale]}</h3>
          <p class="hint">How an inbox lists it</p>
          <InboxLine from={props.from} subject={v.email.subject} preheader={v.email.preheader} lang={v.locale} />
          <EmailParts
            htmlSrc={v.frameSrc}
            text={v.email.text}
            heading="h4"
            lang={v.locale}
            label={`${languageNames[v.locale]} version`}
          />
        </section>
      ))}
    </section>
  );
}
