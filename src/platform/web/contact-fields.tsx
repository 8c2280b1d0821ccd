import type { Child } from 'hono/jsx';
import { Field, type FieldErrors } from './forms.tsx';

/**
 * Groups of form parts that the public forms (the newsletter sign-up, a
 * petition's sign form) ask the same way, built from the parts in forms.tsx.
 */

export type ContactWords = { givenName: string; familyName: string; email: string; zip: string; zipHint: string };
export type ContactValues = { givenName?: string; familyName?: string; email?: string; zip?: string };

/** Each field's control, as browsers and password managers understand it. */
const contactFields = [
  { name: 'givenName', autocomplete: 'given-name', maxlength: 100 },
  { name: 'familyName', autocomplete: 'family-name', maxlength: 100 },
  { name: 'email', type: 'email', autocomplete: 'email', maxlength: 254 },
  { name: 'zip', autocomplete: 'postal-code', inputmode: 'numeric', maxlength: 10, hint: 'zipHint' },
] as const;

/** First and last name, email and ZIP code: who a person is and where, the way every public form asks it. */
export function ContactFields(props: { words: ContactWords; values: ContactValues; errors: FieldErrors }) {
  return (
    <>
      {contactFields.map((f) => (
        <Field
          name={f.name}
          label={props.words[f.name]}
          hint={'hint' in f ? props.words[f.hint] : undefined}
          type={'type' in f ? f.type : 'text'}
          value={props.values[f.name]}
          error={props.errors[f.name]}
          autocomplete={f.autocomplete}
          inputmode={'inputmode' in f ? f.inputmode : undefined}
          maxlength={f.maxlength}
        />
      ))}
    </>
  );
}

/** Hidden from people by CSS and from assistive technology; bots that fill every field give themselves away. */
export function TrapField(props: { id: string; label: string }) {
  return (
    <div class="trap" aria-hidden="true">
      <label for={props.id}>{props.label}</label>
      <input id={props.id} name="website" type="text" tabindex={-1} autocomplete="off" />
    </div>
  );
}

/** Why the details are asked, and the way to the privacy notice, just above the button. */
export function ConsentNote(props: { text: string; linkLabel: string; privacyHref: string }) {
  return (
    <p class="hint">
      {props.text} <a href={props.privacyHref}>{props.linkLabel}</a>.
    </p>
  );
}

/** Checkboxes under one question (GOV.UK): the legend asks it, and its error is tied to the group. */
export function CheckboxGroup(props: { id: string; legend: string; error?: string | undefined; children?: Child }) {
  return (
    <fieldset
      class={props.error ? 'field field-error' : 'field'}
      id={props.id}
      aria-describedby={props.error ? `${props.id}-error` : undefined}
    >
      <legend>{props.legend}</legend>
      {props.error ? (
        <p class="error-message" id={`${props.id}-error`}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </fieldset>
  );
}
