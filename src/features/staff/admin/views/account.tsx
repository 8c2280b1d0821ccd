import { raw } from 'hono/html';
import { ErrorSummary, Field, Form, type FieldErrors } from '../../../../platform/web/forms.tsx';

export function AccountPage(props: {
  token: string;
  staff: { displayName: string; email: string; role: string; totpEnabled: boolean };
  recoveryLeft: number;
  sessions: number;
  errors: FieldErrors;
}) {
  const { staff } = props;
  return (
    <>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>Your account</h1>
      <dl class="meta">
        <dt>Name:</dt>
        <dd>{staff.displayName}</dd>
        <dt>Email:</dt>
        <dd>{staff.email}</dd>
        <dt>Role:</dt>
        <dd>{staff.role}</dd>
      </dl>

      <section class="section" aria-labelledby="two-step">
        <h2 id="two-step">Two-step sign-in</h2>
        {staff.totpEnabled ? (
          <>
            <p>On. You have {props.recoveryLeft} unused recovery codes.</p>
            <p>
              New phone? <a href="/admin/account/two-step">Move two-step sign-in to a new app</a>.
            </p>
            <h3>Turn it off</h3>
            <Form action="/admin/account/two-step/disable" token={props.token}>
              <Field
                name="disable-password"
                label="Your password"
                type="password"
                autocomplete="current-password"
                error={props.errors['disable-password']}
              />
              <CurrentCodeField
                name="disable-code"
                label="Code from your app"
                hint="The 6 digits your app shows now, or one of your recovery codes."
                errors={props.errors}
              />
              <button class="button secondary" type="submit">
                Turn off two-step sign-in
              </button>
            </Form>
          </>
        ) : (
          <p>
            Off. <a href="/admin/account/two-step">Set up an authenticator app</a> so that a stolen password is not
            enough to get in.
          </p>
        )}
      </section>

      <section class="section" aria-labelledby="password">
        <h2 id="password">Change your password</h2>
        <Form action="/admin/account/password" token={props.token}>
          <Field
            name="current"
            label="Current password"
            type="password"
            autocomplete="current-password"
            error={props.errors.current}
          />
          <Field
            name="password"
            label="New password"
            hint="At least 12 characters. A few unrelated words make a good one."
            type="password"
            autocomplete="new-password"
            error={props.errors.password}
          />
          <button class="button" type="submit">
            Change password
          </button>
        </Form>
      </section>

      <section class="section" aria-labelledby="sessions">
        <h2 id="sessions">Where you are signed in</h2>
        <p>You are signed in on {props.sessions === 1 ? '1 browser' : `${props.sessions} browsers`}.</p>
        <Form action="/admin/sign-out-everywhere" token={props.token}>
          <button class="button secondary" type="submit">
            Sign out everywhere
          </button>
        </Form>
      </section>
    </>
  );
}

/** A code from the authenticator app already in use (or a recovery code), asked for before two-step is changed. */
function CurrentCodeField(props: { name: string; label: string; hint: string; errors: FieldErrors }) {
  return (
    <Field
      name={props.name}
      label={props.label}
      hint={props.hint}
      autocomplete="off"
      maxlength={20}
      error={props.errors[props.name]}
    />
  );
}

/** `replacing`: two-step is on already and this moves it to a new app, so the current app's code is asked for too. */
export function TotpSetupPage(props: {
  token: string;
  setupToken: string;
  secret: string;
  qrSvg: string;
  replacing: boolean;
  errors: FieldErrors;
}) {
  return (
    <>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>Set up two-step sign-in</h1>
      {props.replacing ? (
        <p>
          Two-step sign-in is on. Setting up a new app here replaces the old one, and your old recovery codes stop
          working.
        </p>
      ) : null}
      <ol>
        <li>Open an authenticator app on your phone (for example a password manager, or FreeOTP).</li>
        <li>
          Scan this code, or type in the key: <code class="secret">{props.secret}</code>
        </li>
        <li>Enter the 6-digit code the app then shows.</li>
      </ol>
      <div class="qr" role="img" aria-label="QR code holding the same key as the text above">
        {raw(props.qrSvg)}
      </div>
      <Form action="/admin/account/two-step" token={props.token}>
        <input type="hidden" name="setup" value={props.setupToken} />
        <Field
          name="code"
          label="Code from the app"
          autocomplete="one-time-code"
          inputmode="numeric"
          maxlength={10}
          error={props.errors.code}
        />
        <Field
          name="password"
          label="Your password"
          hint="We ask again so that someone at a browser you left signed in cannot do this."
          type="password"
          autocomplete="current-password"
          error={props.errors.password}
        />
        {props.replacing ? (
          <CurrentCodeField
            name="current-code"
            label="Code from your current app"
            hint="The 6 digits your old app shows now, or one of your recovery codes if you no longer have it."
            errors={props.errors}
          />
        ) : null}
        <button class="button" type="submit">
          {props.replacing ? 'Use the new app' : 'Turn on two-step sign-in'}
        </button>
      </Form>
    </>
  );
}

export function RecoveryCodesPage(props: { codes: string[] }) {
  return (
    <>
      <h1>Two-step sign-in is on</h1>
      <p>
        <strong>Save these recovery codes now.</strong> Each one signs you in once if you lose your phone. They are
        shown only this once.
      </p>
      <ul class="codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href="/admin/account">
          I have saved them
        </a>
      </p>
    </>
  );
}
