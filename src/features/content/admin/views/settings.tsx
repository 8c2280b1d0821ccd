import {
  Checkbox,
  ErrorSummary,
  Field,
  Form,
  Select,
  TextArea,
  type FieldErrors,
} from '../../../../platform/web/forms.tsx';

/** What the settings screen shows of the stored images: where staff can see them. */
export type BrandImages = { logo?: { src: string; width: number; height: number }; favicon?: string };

const languageOptions = [
  ['en', 'English'],
  ['es', 'Spanish'],
] as const;

/** Mirrors brand-images.ts: what an upload may be. */
const acceptedImages = 'image/png,image/jpeg,image/webp';

/**
 * The organisation's settings in groups: who it is, how to reach it, where it
 * is, links, and how the site looks. Text fields are shown as typed; images
 * are uploaded with the form and kept only when it is saved.
 */
export function SettingsFormView(props: {
  values: Record<string, string>;
  errors: FieldErrors;
  token: string;
  timeZones: readonly string[];
  images: BrandImages;
  maxMegabytes: number;
}) {
  const { values, errors } = props;
  const failed = Object.values(errors).some(Boolean);
  return (
    <>
      <h1>Settings</h1>
      {failed ? <ErrorSummary errors={errors} title="There is a problem" /> : null}
      <p>
        What the public site says about the organisation, on every page. Each change is kept:{' '}
        <a href="/admin/content/history/settings/site">earlier versions of the settings</a> can be compared and put
        back.
      </p>
      <Form action="/admin/settings" token={props.token} multipart>
        <fieldset>
          <legend>The organisation</legend>
          <Field name="name" label="Name" value={values.name} error={errors.name} required maxlength={120} />
          <Field
            name="shortName"
            label="Short name (optional)"
            hint="An abbreviation, such as PSJ."
            value={values.shortName}
            error={errors.shortName}
            maxlength={40}
          />
          <Field
            name="legalName"
            label="Legal name (optional)"
            hint="As registered, if it differs from the name. Shown at the foot of every page."
            value={values.legalName}
            error={errors.legalName}
            maxlength={200}
          />
          <TextArea
            name="description.en"
            label="Short description in English (optional)"
            hint="One or two sentences, for search engines and link previews."
            value={values['description.en']}
            error={errors['description.en']}
            rows={3}
            lang="en"
          />
          <TextArea
            name="description.es"
            label="Short description in Spanish (optional)"
            value={values['description.es']}
            error={errors['description.es']}
            rows={3}
            lang="es"
          />
        </fieldset>
        <fieldset>
          <legend>Contact</legend>
          <Field
            name="contactEmail"
            label="Contact email (optional)"
            type="email"
            value={values.contactEmail}
            error={errors.contactEmail}
            maxlength={200}
          />
          <Field name="phone" label="Phone (optional)" value={values.phone} error={errors.phone} maxlength={40} />
          <TextArea
            name="postalAddress"
            label="Postal address (optional)"
            value={values.postalAddress}
            error={errors.postalAddress}
            rows={3}
          />
        </fieldset>
        <fieldset>
          <legend>Time and language</legend>
          <Select
            name="timeZone"
            label="Time zone"
            hint="Every time in the workspace, and dates on the public site, are in this zone."
            options={props.timeZones.map((zone) => [zone, zone.replaceAll('_', ' ')] as const)}
            value={values.timeZone}
            error={errors.timeZone}
          />
          <Select
            name="defaultLanguage"
            label="Default language"
            hint={
              'The language a first-time visitor sees when their browser asks for neither English nor Spanish, ' +
              'and the one search engines are pointed to first.'
            }
            options={languageOptions}
            value={values.defaultLanguage}
            error={errors.defaultLanguage}
          />
        </fieldset>
        <fieldset>
          <legend>Links</legend>
          <TextArea
            name="profiles"
            label="Social profiles (optional)"
            hint="Up to 8 full addresses, one a line, each starting https://. Shown as links at the foot of every page."
            value={values.profiles}
            error={errors.profiles}
            rows={4}
          />
          <Field
            name="donateUrl"
            label="Donate link (optional)"
            hint="The full address of the organisation’s payment page, starting https://. A Donate button links there."
            type="url"
            value={values.donateUrl}
            error={errors.donateUrl}
            maxlength={500}
          />
        </fieldset>
        <fieldset>
          <legend>Look</legend>
          <Field
            name="brandColour"
            label="Brand colour (optional)"
            hint="A hex code such as #124e66, for buttons and links. Empty keeps the built-in colour."
            value={values.brandColour}
            error={errors.brandColour}
            maxlength={20}
          />
          <Field
            name="brandDarkColour"
            label="Brand dark colour (optional)"
            hint="A hex code such as #0b3445, for the header. Both need white text on them to be easy to read."
            value={values.brandDarkColour}
            error={errors.brandDarkColour}
            maxlength={20}
          />
          <ImageField
            name="logo"
            label="Logo (optional)"
            hint={`A PNG, JPEG or WebP image up to ${props.maxMegabytes} MB, shown in the header 48 pixels tall.`}
            error={errors.logo}
          />
          {props.images.logo ? (
            <>
              <p>
                Current logo:{' '}
                <img
                  src={props.images.logo.src}
                  width={props.images.logo.width}
                  height={props.images.logo.height}
                  alt={`${values.name ?? ''} logo`}
                  class="settings-logo"
                />
              </p>
              <Checkbox name="removeLogo" label="Take the logo off" checked={values.removeLogo === 'on'} />
            </>
          ) : null}
          <ImageField
            name="favicon"
            label="Site icon (optional)"
            hint="A square PNG, JPEG or WebP image, at least 32 pixels wide: shown in browser tabs and on phones."
            error={errors.favicon}
          />
          {props.images.favicon ? (
            <>
              <p>
                Current icon: <img src={props.images.favicon} width={32} height={32} alt="Site icon" />
              </p>
              <Checkbox name="removeFavicon" label="Take the icon off" checked={values.removeFavicon === 'on'} />
            </>
          ) : null}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button">
            Save settings
          </button>
        </div>
      </Form>
    </>
  );
}

/** A file input with its label, hint and error, as the form components lay out the others. */
function ImageField(props: { name: string; label: string; hint: string; error?: string | undefined }) {
  const { name } = props;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={name}>{props.label}</label>
      <p class="hint" id={`${name}-hint`}>
        {props.hint} A file is kept only when you save: after a problem, choose it again.
      </p>
      {props.error ? (
        <p class="error-message" id={`${name}-error`}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      ) : null}
      <input
        type="file"
        id={name}
        name={name}
        accept={acceptedImages}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${name}-hint ${name}-error` : `${name}-hint`}
      />
    </div>
  );
}
