import { ErrorSummary, Field, Form, type FieldErrors } from '../../../../platform/web/forms.tsx';

export function SignInPage(props: {
  token: string;
  email: string;
  errors: FieldErrors;
  next: string;
  message?: string | undefined;
}) {
  return (
    <div class="narrow">
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>Sign in to the workspace</h1>
      {props.message ? <p class="notice">{props.message}</p> : null}
      <Form action={`/admin/sign-in${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`} token={props.token}>
        <Field
          name="email"
          label="Email address"
          type="email"
          autocomplete="username"
          value={props.email}
          error={props.errors.email}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          error={props.errors.password}
        />
        <button class="button" type="submit">
          Sign in
        </button>
      </Form>
      <p>
        <a href="/admin/forgot-password">Forgot your password?</a>
      </p>
    </div>
  );
}

export function SecondFactorPage(props: { token: string; errors: FieldErrors }) {
  return (
    <div class="narrow">
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>Two-step sign-in</h1>
      <Form action="/admin/sign-in/two-step" token={props.token}>
        <Field
          name="code"
          label="Code from your authenticator app"
          hint="The 6 digits your app shows now. Lost your phone? Enter one of your recovery codes instead."
          autocomplete="one-time-code"
          error={props.errors.code}
          maxlength={20}
        />
        <button class="button" type="submit">
          Continue
        </button>
      </Form>
      <Form action="/admin/sign-out" token={props.token}>
        <button class="link-button" type="submit">
          Cancel and sign out
        </button>
      </Form>
    </div>
  );
}
