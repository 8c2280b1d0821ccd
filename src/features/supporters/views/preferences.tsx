import { Checkbox, Form, Select } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { signupMessages } from '../messages.ts';
import { subscriptionTopics } from '../schema.ts';
import type { Preferences } from '../service.ts';
import { OlderLinksSection, YourDataSection } from './data-rights.tsx';

export function PreferencesPage(props: {
  locale: Locale;
  token: string;
  csrf: string;
  prefs: Preferences;
  fresh: boolean;
  notice?: string | undefined;
}) {
  const m = signupMessages(props.locale);
  const t = m.preferences;
  const action = localizedPath(props.locale, `/preferences/${props.token}`);
  return (
    <div class="narrow">
      {props.notice ? (
        <p class="notice success" role="status">
          {props.notice}
        </p>
      ) : null}
      <h1>{t.title}</h1>
      <p>
        {t.intro} ({props.prefs.email})
      </p>
      <Form action={action} token={props.csrf}>
        <fieldset class="field">
          <legend>{m.join.topics}</legend>
          {subscriptionTopics.map((topic) => {
            const status = props.prefs.subscriptions[topic];
            return (
              <Checkbox
                name={`topic-${topic}`}
                label={m.join.topic[topic] + (status === 'pending' ? ` (${t.pendingNote})` : '')}
                checked={status === 'subscribed' || status === 'pending'}
              />
            );
          })}
        </fieldset>
        <Select
          name="language"
          label={m.join.language}
          value={props.prefs.locale}
          options={[
            ['en', m.languageNames.en],
            ['es', m.languageNames.es],
          ]}
        />
        <button class="button" type="submit">
          {t.save}
        </button>{' '}
        <button class="button secondary" type="submit" name="intent" value="unsubscribe-all">
          {t.unsubscribeAll}
        </button>
      </Form>
      <YourDataSection locale={props.locale} token={props.token} csrf={props.csrf} fresh={props.fresh} />
      <OlderLinksSection locale={props.locale} token={props.token} csrf={props.csrf} />
    </div>
  );
}
