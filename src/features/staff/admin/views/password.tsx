import { BackLink } from '../../../../platform/web/components.tsx';
import { ErrorSummary, Field, Form, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { MIN_PASSWORD_LENGTH } from '../../passwords.ts';
import type { PasswordLinkPurpose } from '../../schema.ts';

export function ForgotPasswordPage(props: { token: string; email: string; errors: FieldErrors }) {
  return (
    <div class="narrow">
      <BackLink href="/admin/sign-in">Back to sign in</BackLink>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>Reset your password</h1>
      <p>
        Enter the email address you sign in with. If it belongs to an account, we will email it a link to choose a new
        password.
      </p>
      <Form action="/admin/forgot-password" token={props.token}>
        <Field
          name="email"
          label="Email address"
          type="email"
          autocomplete="username"
          value={props.email}
          error={props.errors.email}
        />
        <button class="button" type="submit">
          Send me a link
        </button>
      </Form>
    </div>
  );
}

export function ResetSentPage() {
  return (
    <div class="narrow">
      <h1>Check your email</h1>
      <p>
        If an account uses that address, we have sent it a link to choose a new password. The link works once, for 1
        hour.
      </p>
      <p>Nothing after a few minutes? Look in your spam folder, check the address, or ask again.</p>
      <p>
        <a href="/admin/sign-in">Back to sign in</a>
      </p>
    </div>
  );
}

export function ChoosePasswordPage(props: {
  token: string;
  action: string;
  purpose: PasswordLinkPurpose;
  name: string;
  errors: FieldErrors;
}) {
  const invitation = props.purpose === 'invitation';
  return (
    <div class="narrow">
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>{invitation ? 'Choose your password' : 'Choose a new password'}</h1>
      <p>
        {invitation
          ? `Welcome, ${props.name}. Choose the password you will sign in with.`
          : `Hello, ${props.name}. Choose a new password. You will be signed out everywhere else.`}
      </p>
      <Form action={props.action} token={props.token}>
        <Field
          name="password"
          label={invitation ? 'Password' : 'New password'}
          hint={
            `At least ${MIN_PASSWORD_LENGTH} characters. ` +
            `A few unrelated words make a password that is strong and easy to remember.`
          }
          type="password"
          autocomplete="new-password"
          error={props.errors.password}
        />
        <button class="button" type="submit">
          Set my password
        </button>
      </Form>
    </div>
  );
}

const problems = {
  expired: {
    title: 'This link has expired',
    body: 'For your safety, the link works for a short time only.',
  },
  used: {
    title: 'This link has already been used',
    body: 'Each link works once. If you have chosen your password, sign in with it.',
  },
  unknown: {
    title: 'This link does not work',
    body: 'It may have been copied only in part, or replaced by a newer one.',
  },
};

/** A link that cannot be used, and what to do instead: ask for a new reset link, or a new invitation. */
export function LinkProblemPage(props: { state: keyof typeof problems; purpose?: PasswordLinkPurpose | undefined }) {
  const problem = problems[props.state];
  return (
    <div class="narrow">
      <h1>{problem.title}</h1>
      <p>{problem.body}</p>
      {props.purpose === 'invitation' ? (
        <p>Ask the admin who invited you to send a new invitation.</p>
      ) : (
        <p>
          <a href="/admin/forgot-password">Ask for a new link</a> or <a href="/admin/sign-in">sign in</a>.
        </p>
      )}
    </div>
  );
}
