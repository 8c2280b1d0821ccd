import { BackLink } from '../../../../platform/web/components.tsx';
import {
  Checkbox,
  ErrorSummary,
  Field,
  Form,
  Select,
  TextArea,
  type FieldErrors,
} from '../../../../platform/web/forms.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { deliveryLabels, lettersCount, targetLabels } from '../../admin-messages.ts';
import type { StaffCampaign } from '../../campaign-editing.ts';
import { deliveryModes, targetKinds } from '../../schema.ts';
import type { FormValues, RosterChoice } from '../campaign-form.ts';
import { DeliveryBadge, StatusBadge } from './list.tsx';

export type Abilities = { manage: boolean; reports: boolean; liveDelivery: boolean };

function ActionButton(props: { action: string; token: string; label: string }) {
  return (
    <Form action={props.action} token={props.token} class="inline-action">
      <button type="submit" class="button secondary">
        {props.label}
      </button>
    </Form>
  );
}

/**
 * Where the campaign's letters go, said on every screen of it: test mode names the review address until an admin
 * turns live delivery on, so nobody mistakes a test for letters that reached an office.
 */
export function DeliveryBanner(props: { campaign: StaffCampaign; timeZone: string; canSwitch: boolean }) {
  const { campaign } = props;
  const base = `/admin/letters/${campaign.id}`;
  if (campaign.liveDeliveryAt === null)
    return (
      <div class="notice" role="note">
        <p>
          <strong>Test mode:</strong> letters go to {campaign.reviewAddress}, marked [TEST], not to legislators.
        </p>
        {props.canSwitch ? (
          <p>
            <a href={`${base}/live`}>Turn on live delivery…</a>
          </p>
        ) : (
          <p>Only an admin can turn on live delivery.</p>
        )}
      </div>
    );
  return (
    <div class="notice" role="note">
      <p>
        <strong>Live delivery:</strong> letters go to legislators’ offices, since{' '}
        <When at={campaign.liveDeliveryAt} timeZone={props.timeZone} />.
      </p>
      {props.canSwitch ? (
        <p>
          <a href={`${base}/live/off`}>Turn off live delivery…</a>
        </p>
      ) : null}
    </div>
  );
}

/** Where the campaign stands, and what this person may do next. */
function CampaignState(props: { campaign: StaffCampaign; token: string; can: Abilities; timeZone: string }) {
  const { campaign, can, token } = props;
  const base = `/admin/letters/${campaign.id}`;
  return (
    <div class="item-state">
      <p>
        <StatusBadge status={campaign.status} /> <DeliveryBadge live={campaign.liveDeliveryAt !== null} /> ·{' '}
        {lettersCount(campaign.letterCount)}
        {campaign.goal ? ` of a goal of ${campaign.goal.toLocaleString('en-US')}` : ''}
        {campaign.status !== 'draft' ? (
          <>
            {' '}
            · <a href={`/letters/${campaign.slug}`}>See it on the site</a>
          </>
        ) : null}
      </p>
      <DeliveryBanner campaign={campaign} timeZone={props.timeZone} canSwitch={can.liveDelivery} />
      {can.reports ? (
        <ul class="list-inline">
          <li>
            <a href={`${base}/report`}>Letters per legislator and district</a>
          </li>
          <li>
            <a href={`${base}/deliveries`}>Delivery of each letter</a>
          </li>
          <li>
            <a href={`${base}/packet`}>Printable lobby packet</a>
          </li>
        </ul>
      ) : null}
      {can.manage && campaign.status !== 'open' ? (
        <ActionButton
          action={`${base}/open`}
          token={token}
          label={campaign.status === 'draft' ? 'Open for letters' : 'Open again'}
        />
      ) : null}
      {can.manage && campaign.status === 'open' && campaign.letterCount === 0 ? (
        <ActionButton action={`${base}/draft`} token={token} label="Back to draft" />
      ) : null}
      {can.manage && campaign.status === 'open' ? (
        <p>
          <a href={`${base}/close`}>Close this campaign</a>
        </p>
      ) : null}
    </div>
  );
}

/** The roster as checkboxes, one group per chamber; the list is the only way to pick, so it works without a script. */
function LegislatorPicker(props: {
  roster: { senate: RosterChoice[]; house: RosterChoice[] };
  values: FormValues;
  error?: string | undefined;
}) {
  const picked = new Set((props.values.legislatorIds ?? '').split('\n').filter(Boolean));
  let first = true;
  const group = (legend: string, people: RosterChoice[]) => (
    <fieldset>
      <legend>{legend}</legend>
      {people.map((p, i) => {
        const id = first ? 'legislatorIds' : `legislator-${legend}-${i}`;
        first = false;
        return (
          <div class="field checkbox">
            <input type="checkbox" id={id} name="legislatorIds" value={p.id} checked={picked.has(p.id)} />
            <label for={id}>{p.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
  const empty = props.roster.senate.length + props.roster.house.length === 0;
  return (
    <fieldset
      class={props.error ? 'field-error' : undefined}
      aria-describedby={props.error ? 'legislatorIds-error' : undefined}
    >
      <legend>Legislators you name (for “Legislators you name”)</legend>
      {props.error ? (
        <p class="error-message" id="legislatorIds-error">
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      ) : null}
      {empty ? (
        <p class="hint">The roster is not loaded: load the reference data first (Reference data in the menu).</p>
      ) : (
        <details open={picked.size > 0 || Boolean(props.error)}>
          <summary>Choose from the roster ({picked.size > 0 ? `${picked.size} chosen` : 'none chosen'})</summary>
          {group('Senate', props.roster.senate)}
          {group('House', props.roster.house)}
        </details>
      )}
    </fieldset>
  );
}

function Addressees(props: {
  values: FormValues;
  errors: FieldErrors;
  committees: string[];
  roster: { senate: RosterChoice[]; house: RosterChoice[] };
}) {
  const { values, errors } = props;
  const targetError = errors['target.my-senator'];
  return (
    <fieldset>
      <legend>The campaign and whom it writes to</legend>
      <Field
        name="slug"
        label="Address"
        hint="The end of the campaign’s web address, /letters/…: lower-case letters, numbers and hyphens."
        value={values.slug}
        error={errors.slug}
      />
      <fieldset
        class={targetError ? 'field-error' : undefined}
        aria-describedby={targetError ? 'target.my-senator-error' : 'targets-hint'}
      >
        <legend>Whom the letters go to</legend>
        <p class="hint" id="targets-hint">
          Choose one or more. The writer’s own senator and representative are found from their address.
        </p>
        {targetError ? (
          <p class="error-message" id="target.my-senator-error">
            <span class="visually-hidden">Error: </span>
            {targetError}
          </p>
        ) : null}
        {targetKinds.map((k) => (
          <Checkbox name={`target.${k}`} label={targetLabels[k]} checked={values[`target.${k}`] === 'on'} />
        ))}
      </fieldset>
      {props.committees.length > 0 ? (
        <Select
          name="committee"
          label="Committee (for “The members of a committee”)"
          hint="From the roster’s committees: each member receives the letters."
          options={[['', 'No committee'] as const, ...props.committees.map((c) => [c, c] as const)]}
          value={values.committee}
          error={errors.committee}
        />
      ) : (
        <Field
          name="committee"
          label="Committee (for “The members of a committee”)"
          hint="Its name as the roster gives it, such as Senate Committee On Energy and Environment."
          value={values.committee}
          error={errors.committee}
        />
      )}
      <LegislatorPicker roster={props.roster} values={values} error={errors.legislatorIds} />
      <Select
        name="deliveryMode"
        label="Delivery"
        options={deliveryModes.map((m) => [m, deliveryLabels[m]] as const)}
        value={values.deliveryMode}
        error={errors.deliveryMode}
      />
      <Field
        name="reviewAddress"
        type="email"
        label="Review address"
        hint="A staff inbox. Until an admin turns on live delivery, every letter goes here instead, marked [TEST]."
        value={values.reviewAddress}
        error={errors.reviewAddress}
      />
      <Checkbox
        name="allowStory"
        label="Ask writers to tell their story"
        hint="An optional paragraph of their own, below the letter; the prompt is set in each language below."
        checked={values.allowStory === 'on'}
      />
      <Field
        name="goal"
        label="Goal (optional)"
        inputmode="numeric"
        hint="How many letters you aim for: shown as progress on the campaign page."
        value={values.goal}
        error={errors.goal}
      />
      <Field
        name="opensAt"
        type="datetime-local"
        label="Opens (optional)"
        hint="Date and time in the site’s zone, such as 2027-03-04 09:30. Empty: as soon as it is opened."
        value={values.opensAt}
        error={errors.opensAt}
      />
      <Field
        name="closesAt"
        type="datetime-local"
        label="Closes (optional)"
        hint="After this, the form takes no more letters."
        value={values.closesAt}
        error={errors.closesAt}
      />
    </fieldset>
  );
}

function Words(props: { locale: 'en' | 'es'; values: FormValues; errors: FieldErrors }) {
  const { locale, values, errors } = props;
  const name = (n: string) => `${locale}.${n}`;
  const language = locale === 'en' ? 'English' : 'Spanish';
  const field = (n: string, label: string, hint?: string) => (
    <Field
      name={name(n)}
      label={`${label} (${language})`}
      hint={hint}
      value={values[name(n)]}
      error={errors[name(n)]}
      lang={locale}
    />
  );
  const area = (n: string, label: string, rows: number, hint?: string) => (
    <TextArea
      name={name(n)}
      label={`${label} (${language})`}
      hint={hint}
      value={values[name(n)]}
      error={errors[name(n)]}
      rows={rows}
      lang={locale}
    />
  );
  return (
    <fieldset lang={locale}>
      <legend lang="en">{locale === 'en' ? 'English' : 'Spanish (optional)'}</legend>
      {locale === 'es' ? (
        <p class="hint" lang="en">
          Leave empty and Spanish readers see the English, marked as such.
        </p>
      ) : null}
      {field('title', 'Title')}
      {area('summary', 'Summary', 2, 'A sentence or two, for the list of campaigns.')}
      {field(
        'subjectMatter',
        'Bill or topic',
        'As people know it. A sample campaign never uses a real-looking bill number.',
      )}
      {area(
        'talkingPointsMd',
        'Talking points',
        6,
        'Markdown: **bold**, lists with -. Shown beside the letter to help people write.',
      )}
      {field('subject', 'Email subject')}
      {field('greeting', 'Greeting', 'Fixed: the legislator’s name follows it, as in “Dear Senator Rivera,”.')}
      {area('body', 'Letter', 8, 'The writer starts from this and may change every word of it.')}
      {area('closing', 'Closing', 2, 'Fixed: comes after the letter and story, then the writer’s name and address.')}
      {area('storyPrompt', 'Story prompt', 2, 'If the campaign asks for a story: the question above that box.')}
    </fieldset>
  );
}

/** A new campaign, or one campaign's editor: both languages on one page, saved together. */
export function CampaignEditorView(props: {
  campaign?: StaffCampaign | undefined;
  heading: string;
  values: FormValues;
  errors: FieldErrors;
  token: string;
  can: Abilities;
  roster: { senate: RosterChoice[]; house: RosterChoice[] };
  committees: string[];
  timeZone: string;
}) {
  const { campaign, values, errors } = props;
  const readOnly = !props.can.manage;
  return (
    <>
      <BackLink href="/admin/letters">All letter campaigns</BackLink>
      <ErrorSummary errors={errors} title="There is a problem" />
      <h1>{props.heading}</h1>
      {campaign ? (
        <CampaignState campaign={campaign} token={props.token} can={props.can} timeZone={props.timeZone} />
      ) : (
        <p>
          It starts as a draft in test mode: open it when it is ready; letters go to the review address until an admin
          turns on live delivery.
        </p>
      )}
      {readOnly ? (
        <p class="notice" role="note">
          You can read this but not change it: your role does not allow managing letter campaigns.
        </p>
      ) : null}
      <Form action={campaign ? `/admin/letters/${campaign.id}` : '/admin/letters/new'} token={props.token}>
        <fieldset class="plain" disabled={readOnly}>
          <legend class="visually-hidden">The campaign</legend>
          <Addressees values={values} errors={errors} roster={props.roster} committees={props.committees} />
          <Words locale="en" values={values} errors={errors} />
          <Words locale="es" values={values} errors={errors} />
        </fieldset>
        {readOnly ? null : (
          <div class="form-actions">
            <button type="submit" class="button">
              {campaign ? 'Save' : 'Create campaign'}
            </button>
          </div>
        )}
      </Form>
    </>
  );
}
