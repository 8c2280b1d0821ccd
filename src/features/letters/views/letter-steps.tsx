import { CHALLENGE_FIELD } from '../../../platform/http/form-challenge.ts';
import { ChallengeField } from '../../../platform/http/form-challenge-widget.tsx';
import { PERSON_CHECK_FIELD, PersonCheckField, type PersonQuestion } from '../../../platform/http/person-check.tsx';
import { ConsentNote, TrapField } from '../../../platform/web/contact-fields.tsx';
import { ErrorSummary, Field, Form, Select, TextArea, type FieldErrors } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import type { CampaignDetails, LetterTarget } from '../campaigns-read.ts';
import { housesWithin, isSure } from '../find.ts';
import { LETTER_BODY_MAX, LETTER_STORY_MAX } from '../letter-inputs.ts';
import { letterPublicMessages } from '../public-messages.ts';
import type { FindMethod } from '../schema.ts';
import { CampaignHeading, StepList } from './campaign-pages.tsx';

/** Every field the steps carry from one to the next. */
export const LETTER_FIELDS = [
  'senate',
  'house',
  'foundBy',
  'subject',
  'body',
  'story',
  'givenName',
  'familyName',
  'email',
  'street',
  'city',
  'zip',
] as const;
export type LetterValues = Partial<Record<(typeof LETTER_FIELDS)[number], string>>;

function Hidden(props: { values: LetterValues; only?: readonly (typeof LETTER_FIELDS)[number][] }) {
  return (
    <>
      {(props.only ?? LETTER_FIELDS).map((name) => (
        <input type="hidden" name={name} value={props.values[name] ?? ''} />
      ))}
    </>
  );
}

function targetLine(t: ReturnType<typeof letterPublicMessages>['found'], target: LetterTarget): string {
  const where = target.chamber === 'upper' ? t.senateDistrict(target.district) : t.houseDistrict(target.district);
  const role = target.chamber === 'upper' ? t.senator : t.representative;
  return `${role} ${target.name}, ${where}`;
}

/** Who the letter goes to, and how we know: the method and how sure it is, in the page's words. */
export function Recipients(props: { locale: Locale; targets: LetterTarget[]; method: FindMethod; slug: string }) {
  const t = letterPublicMessages(props.locale).found;
  return (
    <section aria-labelledby="recipients">
      <h2 id="recipients">{t.heading}</h2>
      <ul>
        {props.targets.map((target) => (
          <li>{targetLine(t, target)}</li>
        ))}
      </ul>
      {props.targets.length > 0 ? (
        <p class="found-how" data-method={props.method} data-sure={isSure(props.method) ? 'yes' : 'no'}>
          {t.how[props.method]} {t.sure[props.method]}
        </p>
      ) : null}
      <p>
        <a href={localizedPath(props.locale, `/letters/${props.slug}#find`)}>{t.change}</a>
      </p>
    </section>
  );
}

/** Step 2: the letter, pre-filled and editable between its fixed greeting and closing, then who is writing. */
export function LetterStep(props: {
  campaign: CampaignDetails;
  locale: Locale;
  csrf: string;
  targets: LetterTarget[];
  /** Set when the writer still has to choose their House district (a Senate district picked on the map). */
  askHouse: boolean;
  values: LetterValues;
  errors: FieldErrors;
  /**
   * Set when the letter came back from the send button (changed on its way, or the campaign's needs
   * changed): the form sends from here, with the send form's protections, or previews again.
   */
  sending?: { personCheck?: PersonQuestion | undefined } | undefined;
}) {
  const { campaign, locale, values, errors } = props;
  const t = letterPublicMessages(locale);
  const w = t.letter;
  const preview = localizedPath(locale, `/letters/${campaign.slug}/preview`);
  const text = campaign.text;
  const lang = text.locale !== locale ? text.locale : undefined;
  const method = (values.foundBy ?? 'map') as FindMethod;
  const houses = values.senate ? housesWithin(values.senate) : undefined;
  return (
    <div class="narrow">
      <CampaignHeading campaign={campaign} locale={locale} />
      <StepList locale={locale} current={2} />
      <ErrorSummary errors={errors} title={t.errorTitle} />
      <Recipients locale={locale} targets={props.targets} method={method} slug={campaign.slug} />
      <Form
        action={props.sending ? localizedPath(locale, `/letters/${campaign.slug}/send`) : preview}
        token={props.csrf}
      >
        <Hidden values={values} only={props.askHouse ? ['senate', 'foundBy'] : ['senate', 'house', 'foundBy']} />
        {props.askHouse && houses ? (
          <Select
            name="house"
            label={t.found.houseChoice}
            hint={t.found.houseChoiceHint(houses[0], houses[1])}
            value={values.house}
            error={errors.house}
            options={[['', '—'], ...houses.map((h) => [h, t.found.houseDistrict(h)] as const)]}
          />
        ) : null}
        <h2>{w.heading}</h2>
        <p>{w.intro}</p>
        <Field name="subject" label={w.subject} value={values.subject} error={errors.subject} maxlength={200} />
        {text.greeting ? (
          <div class="field">
            <p class="label">{w.greeting}</p>
            <p class="letter-fixed" lang={lang}>
              {text.greeting}
            </p>
            <p class="hint">{w.fixed}</p>
          </div>
        ) : null}
        <TextArea
          name="body"
          label={w.body}
          value={values.body}
          error={errors.body}
          rows={12}
          maxlength={LETTER_BODY_MAX}
        />
        {campaign.allowStory ? (
          <TextArea
            name="story"
            label={w.story}
            hint={text.storyPrompt || undefined}
            value={values.story}
            error={errors.story}
            rows={6}
            maxlength={LETTER_STORY_MAX}
          />
        ) : null}
        {text.closing ? (
          <div class="field">
            <p class="label">{w.closing}</p>
            <p class="letter-fixed" lang={lang}>
              {text.closing}
            </p>
            <p class="hint">{w.fixed}</p>
          </div>
        ) : null}
        <h2>{w.you}</h2>
        <p>{w.youIntro}</p>
        <Field
          name="givenName"
          label={w.givenName}
          value={values.givenName}
          error={errors.givenName}
          autocomplete="given-name"
          maxlength={100}
        />
        <Field
          name="familyName"
          label={w.familyName}
          value={values.familyName}
          error={errors.familyName}
          autocomplete="family-name"
          maxlength={100}
        />
        <Field
          name="email"
          type="email"
          label={w.email}
          hint={w.emailHint}
          value={values.email}
          error={errors.email}
          autocomplete="email"
          maxlength={254}
        />
        <Field
          name="street"
          label={t.find.street}
          value={values.street}
          error={errors.street}
          autocomplete="street-address"
          maxlength={200}
        />
        <Field
          name="city"
          label={w.city}
          value={values.city}
          error={errors.city}
          autocomplete="address-level2"
          maxlength={100}
        />
        <Field
          name="zip"
          label={t.find.zip}
          hint={t.find.zipHint}
          value={values.zip}
          error={errors.zip}
          autocomplete="postal-code"
          inputmode="numeric"
          maxlength={10}
        />
        {props.sending ? (
          <SendParts locale={locale} errors={errors} personCheck={props.sending.personCheck} preview={preview} />
        ) : (
          <button class="button" type="submit">
            {w.previewButton}
          </button>
        )}
      </Form>
    </div>
  );
}

/** What the send button's form carries besides the letter: the trap, the consent note, the person checks. */
function SendParts(props: {
  locale: Locale;
  errors: FieldErrors;
  personCheck?: PersonQuestion | undefined;
  /** The other button's address, when it is "preview again" rather than "change my letter". */
  preview?: string;
  edit?: string;
}) {
  const { locale, errors } = props;
  const p = letterPublicMessages(locale).preview;
  return (
    <>
      <TrapField id="website" label={p.honeypot} />
      <ConsentNote text={p.consent} linkLabel={p.privacy} privacyHref={localizedPath(locale, '/privacy')} />
      {props.personCheck ? (
        <PersonCheckField question={props.personCheck} locale={locale} error={errors[PERSON_CHECK_FIELD]} />
      ) : null}
      <ChallengeField error={errors[CHALLENGE_FIELD]} />
      <button class="button" type="submit">
        {p.send}
      </button>{' '}
      {props.preview ? (
        <button class="button secondary" type="submit" formaction={props.preview}>
          {letterPublicMessages(locale).letter.previewButton}
        </button>
      ) : (
        <button class="button secondary" type="submit" formaction={props.edit}>
          {p.edit}
        </button>
      )}
    </>
  );
}

/** Step 3: the letter as its readers get it, with the way back to change it and the send button's protections. */
export function PreviewStep(props: {
  campaign: CampaignDetails;
  locale: Locale;
  csrf: string;
  targets: LetterTarget[];
  values: LetterValues;
  errors: FieldErrors;
  personCheck?: PersonQuestion | undefined;
}) {
  const { campaign, locale, values, errors } = props;
  const t = letterPublicMessages(locale);
  const p = t.preview;
  const text = campaign.text;
  const name = `${values.givenName ?? ''} ${values.familyName ?? ''}`.trim();
  const letter = [text.greeting, values.body, values.story, text.closing, name].filter(Boolean).join('\n\n');
  return (
    <div class="narrow">
      <CampaignHeading campaign={campaign} locale={locale} />
      <StepList locale={locale} current={3} />
      <ErrorSummary errors={errors} title={t.errorTitle} />
      <h2>{p.heading}</h2>
      <dl>
        <dt>{p.to}</dt>
        <dd>{props.targets.map((target) => target.name).join(', ')}</dd>
        <dt>{p.from}</dt>
        <dd>
          {name} · {values.street}, {values.city ? `${values.city}, ` : ''}
          {values.zip}
        </dd>
        <dt>{p.subject}</dt>
        <dd>{values.subject}</dd>
      </dl>
      <div class="letter-preview">{letter}</div>
      <Form action={localizedPath(locale, `/letters/${campaign.slug}/send`)} token={props.csrf}>
        <Hidden values={values} />
        <SendParts
          locale={locale}
          errors={errors}
          personCheck={props.personCheck}
          edit={localizedPath(locale, `/letters/${campaign.slug}/write`)}
        />
      </Form>
    </div>
  );
}

/** Step 4: who the letter is going to, and the link to pass on. */
export function SentPage(props: {
  campaign: CampaignDetails;
  locale: Locale;
  shareUrl: string;
  outcome: { kind: 'sent'; deliveries: { legislatorName: string; live: boolean }[] } | { kind: 'already-sent' };
}) {
  const { campaign, locale, outcome } = props;
  const t = letterPublicMessages(locale);
  const d = t.done;
  return (
    <div class="narrow">
      <StepList locale={locale} current={4} />
      <h1>{d.title}</h1>
      <p>{campaign.text.title}</p>
      {outcome.kind === 'sent' ? (
        <>
          <p>{d.sentTo}</p>
          <ul>
            {outcome.deliveries.map((delivery) => (
              <li>
                {delivery.legislatorName} {delivery.live ? '' : d.test}
              </li>
            ))}
          </ul>
          <p>{d.copy}</p>
        </>
      ) : (
        <p>{d.already}</p>
      )}
      <h2>{d.share}</h2>
      <p>{d.shareHint}</p>
      <p class="share-link">
        <a href={props.shareUrl}>{props.shareUrl}</a>
      </p>
    </div>
  );
}
