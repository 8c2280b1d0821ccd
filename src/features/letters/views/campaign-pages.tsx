import { raw } from 'hono/html';
import { BackLink, formatNumber, Notice, Prose } from '../../../platform/web/components.tsx';
import { ErrorSummary, Field, Form, type FieldErrors } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import type { CampaignDetails } from '../campaigns-read.ts';
import { letterPublicMessages } from '../public-messages.ts';

/** Which of the four steps a page is, for the list at its top. */
export function StepList(props: { locale: Locale; current: 1 | 2 | 3 | 4 }) {
  const t = letterPublicMessages(props.locale);
  return (
    <nav aria-label={t.steps}>
      <ol class="letter-steps">
        {t.stepNames.map((name, i) => (
          <li aria-current={i + 1 === props.current ? 'step' : undefined}>
            {i + 1}. {name}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function SampleNote(props: { campaign: CampaignDetails; locale: Locale }) {
  if (!props.campaign.isDemo) return null;
  const t = letterPublicMessages(props.locale);
  return (
    <Notice>
      <strong>{t.sample}.</strong> {t.sampleNote}
    </Notice>
  );
}

/** The campaign's heading part every step shows: its title, a sample's note, and the count. */
export function CampaignHeading(props: { campaign: CampaignDetails; locale: Locale }) {
  const { campaign, locale } = props;
  const t = letterPublicMessages(locale);
  const lang = campaign.text.locale !== locale ? campaign.text.locale : undefined;
  const n = formatNumber(campaign.letterCount, locale);
  return (
    <>
      <BackLink href={localizedPath(locale, '/letters')}>{t.back}</BackLink>
      <h1 lang={lang}>{campaign.text.title}</h1>
      <SampleNote campaign={campaign} locale={locale} />
      <p>{campaign.goal ? t.goal(n, formatNumber(campaign.goal, locale)) : t.letterCount(n)}</p>
    </>
  );
}

/** /letters: the open campaigns. */
export function CampaignsPage(props: { locale: Locale; campaigns: CampaignDetails[] }) {
  const t = letterPublicMessages(props.locale);
  return (
    <div class="narrow">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {props.campaigns.length === 0 ? <p>{t.none}</p> : null}
      <ul class="card-list">
        {props.campaigns.map((c) => (
          <li>
            <h2 lang={c.text.locale !== props.locale ? c.text.locale : undefined}>
              <a href={localizedPath(props.locale, `/letters/${c.slug}`)}>{c.text.title}</a>
            </h2>
            {c.isDemo ? <p class="badge">{t.sample}</p> : null}
            <p>{c.text.summary}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export type FindForm = { values: Record<string, string>; errors: FieldErrors };

/**
 * /letters/<slug>, step 1: the campaign and its talking points, then the ways to find one's
 * legislators, each a form of its own that works without JavaScript (the location button excepted:
 * it needs the browser's location, so it is shown only where the script runs).
 */
export function CampaignPage(props: {
  campaign: CampaignDetails;
  locale: Locale;
  csrf: string;
  geocoder: boolean;
  map: { svg: string; districts: string[] } | undefined;
  form: FindForm;
}) {
  const { campaign, locale, form } = props;
  const t = letterPublicMessages(locale);
  const f = t.find;
  const lang = campaign.text.locale !== locale ? campaign.text.locale : undefined;
  const base = `/letters/${campaign.slug}`;
  return (
    <div class="narrow">
      <CampaignHeading campaign={campaign} locale={locale} />
      <ErrorSummary errors={form.errors} title={t.errorTitle} />
      <p lang={lang}>{campaign.text.summary}</p>
      {campaign.text.talkingPointsMd.trim() ? (
        <section aria-labelledby="talking-points">
          <h2 id="talking-points">{t.talkingPoints}</h2>
          <Prose markdown={campaign.text.talkingPointsMd} locale={locale} lang={campaign.text.locale} />
        </section>
      ) : null}
      <StepList locale={locale} current={1} />
      <h2 id="find">{f.heading}</h2>
      <p>{f.intro}</p>
      <div class="find-ways">
        <section aria-labelledby="by-address">
          <h3 id="by-address">{f.byAddress}</h3>
          <p class="hint">{props.geocoder ? f.addressHint : f.addressHintZip}</p>
          <Form action={localizedPath(locale, `${base}/find`)} token={props.csrf}>
            <input type="hidden" name="method" value="address" />
            {props.geocoder ? (
              <Field
                name="street"
                label={f.street}
                hint={f.streetHint}
                value={form.values.street}
                error={form.errors.street}
                autocomplete="street-address"
                maxlength={200}
              />
            ) : null}
            <Field
              name="zip"
              label={f.zip}
              hint={f.zipHint}
              value={form.values.zip}
              error={form.errors.zip}
              autocomplete="postal-code"
              inputmode="numeric"
              maxlength={10}
            />
            <button class="button" type="submit">
              {f.findButton}
            </button>
          </Form>
        </section>
        <section aria-labelledby="by-location" hidden>
          <h3 id="by-location">{f.byLocation}</h3>
          <p class="hint">{f.locationHint}</p>
          <form
            method="post"
            action={localizedPath(locale, `${base}/find`)}
            data-locate=""
            data-locate-failed={f.locationFailed}
          >
            <input type="hidden" name="_csrf" value={props.csrf} />
            <input type="hidden" name="method" value="location" />
            <input type="hidden" name="lat" value="" />
            <input type="hidden" name="lon" value="" />
            <button class="button secondary" type="submit">
              {f.locationButton}
            </button>
            <p role="status" data-locate-status="" />
          </form>
        </section>
        {form.errors.location ? (
          <p class="error-message" id="location">
            {form.errors.location}
          </p>
        ) : null}
        <section aria-labelledby="by-map">
          <h3 id="by-map">{f.byMap}</h3>
          {props.map ? (
            <>
              <p class="hint" id="map-hint">
                {f.mapHint}
              </p>
              {raw(props.map.svg)}
              <h4 id="district-list">{f.listHeading}</h4>
              <ul class="district-list" aria-labelledby="district-list">
                {props.map.districts.map((d) => (
                  <li>
                    <a href={localizedPath(locale, `${base}/write?senate=${d}`)}>{t.found.senateDistrict(d)}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{f.noMap}</p>
          )}
        </section>
      </div>
    </div>
  );
}

/** A campaign that takes no letters now: its title and why. */
export function ClosedPage(props: { campaign: CampaignDetails; locale: Locale; why: 'draft' | 'not-yet' | 'closed' }) {
  const t = letterPublicMessages(props.locale);
  return (
    <div class="narrow">
      <CampaignHeading campaign={props.campaign} locale={props.locale} />
      <p>{t.closed[props.why]}</p>
    </div>
  );
}
