import type { Child } from 'hono/jsx';

/**
 * Form parts in the GOV.UK pattern: a visible label, an optional hint, the
 * error message tied to its field with aria-describedby, and the value the
 * person typed always put back.
 */
export type FieldErrors = Record<string, string | undefined>;

function describedBy(name: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'url' | 'date' | 'datetime-local' | 'number' | 'search';
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'text' | 'email';
  maxlength?: number;
  lang?: string | undefined;
};

/** Label, hint and error message around one control: the part every field shares. */
function FieldFrame(props: {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children?: Child;
}) {
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={props.name}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? <ErrorMessage name={props.name} message={props.error} /> : null}
      {props.children}
    </div>
  );
}

/** The attributes that tie a control to its hint and error. */
function a11y(props: { name: string; hint?: string | undefined; error?: string | undefined }) {
  return {
    id: props.name,
    name: props.name,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(props.name, Boolean(props.hint), Boolean(props.error)),
  };
}

export function Field(props: FieldProps) {
  return (
    <FieldFrame {...props}>
      <input
        {...a11y(props)}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        required={props.required}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        lang={props.lang}
      />
    </FieldFrame>
  );
}

export function TextArea(props: Omit<FieldProps, 'type' | 'autocomplete' | 'inputmode'> & { rows?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        {...a11y(props)}
        rows={props.rows ?? 6}
        required={props.required}
        maxlength={props.maxlength}
        lang={props.lang}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function Select(props: {
  name: string;
  label: string;
  options: readonly (readonly [value: string, label: string])[];
  value?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <FieldFrame {...props}>
      <select {...a11y(props)}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Checkbox(props: { name: string; label: string; checked?: boolean; hint?: string }) {
  return (
    <div class="field checkbox">
      <input
        type="checkbox"
        id={props.name}
        name={props.name}
        value="on"
        checked={props.checked}
        aria-describedby={props.hint ? `${props.name}-hint` : undefined}
      />
      <label for={props.name}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

function ErrorMessage(props: { name: string; message: string }) {
  return (
    <p class="error-message" id={`${props.name}-error`}>
      <span class="visually-hidden">Error: </span>
      {props.message}
    </p>
  );
}

/** Lists every problem at the top of a failed form, each linking to its field. Focus goes here (autofocus). */
export function ErrorSummary(props: { errors: FieldErrors; title: string }) {
  const entries = Object.entries(props.errors).filter((e): e is [string, string] => Boolean(e[1]));
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="error-summary-title" autofocus>
      <h2 id="error-summary-title">{props.title}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export function Form(props: { action: string; token: string; children?: Child; multipart?: boolean; class?: string }) {
  return (
    <form
      method="post"
      action={props.action}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
      class={props.class}
      novalidate
    >
      <CsrfField token={props.token} />
      {props.children}
    </form>
  );
}

/** Turns zod's issues into one message per field: the first problem found. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const name = issue.path.map(String).join('.') || 'form';
    errors[name] ??= issue.message;
  }
  return errors;
}
