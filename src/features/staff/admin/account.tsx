import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { recordAudit } from '../../audit/service.ts';
import type { StaffRouteDeps } from './auth.tsx';
import {
  confirmWithCode,
  disableTotp,
  enableTotp,
  listSessions,
  newTotpSetup,
  recheckPassword,
  remainingRecoveryCodes,
  setPassword,
  StaffInputError,
  totpMatches,
} from '../service.ts';
import { AccountPage, RecoveryCodesPage, TotpSetupPage } from './views/account.tsx';

const codeProblems = {
  missing: 'Enter the code your app shows now, or a recovery code',
  wrong: 'That code is not right. Enter the code your app shows now, or a recovery code.',
  throttled: 'Too many wrong codes. Wait 15 minutes, then try again.',
} as const;

/** Each person's own account: password, two-step sign-in, sessions. */
export function accountRoutes(deps: StaffRouteDeps): Hono<AdminEnv> {
  const { db, secrets, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn());

  async function accountPage(c: Context<AdminEnv>, errors: Record<string, string> = {}, status = 200) {
    const staff = c.get('staff')!;
    const [recoveryLeft, sessions] = await Promise.all([
      remainingRecoveryCodes(db, staff.id),
      listSessions(db, staff.id),
    ]);
    return frame.render(c, {
      title: Object.keys(errors).length ? 'Error: Your account' : 'Your account',
      current: 'account',
      status,
      body: (
        <AccountPage
          token={frame.csrfToken(c)}
          staff={staff}
          recoveryLeft={recoveryLeft}
          sessions={sessions.length}
          errors={errors}
        />
      ),
    });
  }

  const passwordProblems = {
    wrong: 'Your password is not right',
    throttled: 'Too many wrong passwords. Wait 15 minutes, then try again.',
  } as const;
  /** Undefined when the password is right; else the message for its field and the status to answer with. */
  async function passwordProblem(staff: { id: number; email: string }, password: unknown) {
    const result = await recheckPassword(db, secrets, staff, password);
    if (result === 'right') return undefined;
    return { message: passwordProblems[result], status: result === 'throttled' ? (429 as const) : (400 as const) };
  }

  app.get('/', (c) => accountPage(c));

  app.post('/password', async (c) => {
    const staff = c.get('staff')!;
    const body = await c.req.parseBody();
    const wrong = await passwordProblem(staff, body.current);
    if (wrong)
      return accountPage(c, { current: wrong.message.replace('Your password', 'Your current password') }, wrong.status);
    try {
      await setPassword(db, staff.id, typeof body.password === 'string' ? body.password : '', {
        keepSession: staff.sessionIdHash,
      });
    } catch (error) {
      if (error instanceof StaffInputError) return accountPage(c, { password: error.message }, 400);
      throw error;
    }
    await recordAudit(db, frame.actor(c), {
      action: 'staff.password-change',
      subjectType: 'staff',
      subjectId: staff.id,
    });
    return c.redirect('/admin/account?notice=password-changed', 303);
  });

  // Setting up an app, or moving to a new one, and turning it off are what a stolen session would do first to
  // keep its hold: each asks for the password, and, once two-step is on, a current code (or a recovery code).
  async function setupPage(
    c: Context<AdminEnv>,
    secret: string | undefined,
    errors: Record<string, string> = {},
    status = 400,
  ) {
    const staff = c.get('staff')!;
    const setup = await newTotpSetup(staff.email, await deps.issuer(), secret);
    const failed = Object.keys(errors).length > 0;
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}Set up two-step sign-in`,
      current: 'account',
      status: failed ? status : 200,
      body: (
        <TotpSetupPage
          token={frame.csrfToken(c)}
          setupToken={secrets.encrypt('totp', setup.secret)}
          secret={setup.secret}
          qrSvg={setup.qrSvg}
          replacing={staff.totpEnabled}
          errors={errors}
        />
      ),
    });
  }

  app.get('/two-step', (c) => setupPage(c, undefined));

  app.post('/two-step', async (c) => {
    const staff = c.get('staff')!;
    const body = await c.req.parseBody();
    let secret: string;
    try {
      secret = secrets.decrypt('totp', String(body.setup ?? ''));
    } catch {
      return c.redirect('/admin/account/two-step', 303);
    }
    const code = String(body.code ?? '').slice(0, 20);
    const errors: Record<string, string> = {};
    const wrongPassword = await passwordProblem(staff, body.password);
    if (wrongPassword) errors.password = wrongPassword.message;
    if (!totpMatches(secret, code))
      errors.code = 'That code is not right. Check the time on your phone, then try the code the app shows now.';
    // The current code is spent only once all else is right, so a typo elsewhere does not use it up.
    const current =
      staff.totpEnabled && Object.keys(errors).length === 0
        ? await currentCode(staff.id, body['current-code'])
        : 'right';
    if (current !== 'right') errors['current-code'] = codeProblems[current];
    const codes = Object.keys(errors).length === 0 ? await enableTotp(db, secrets, staff.id, secret, code) : undefined;
    if (!codes)
      return setupPage(
        c,
        secret,
        Object.keys(errors).length ? errors : { code: 'That code is not right. Try the code the app shows now.' },
        current === 'throttled' || wrongPassword?.status === 429 ? 429 : 400,
      );
    await recordAudit(db, frame.actor(c), {
      action: 'staff.two-step-on',
      subjectType: 'staff',
      subjectId: staff.id,
      note: staff.totpEnabled ? 'moved to a new authenticator app' : undefined,
    });
    return frame.render(c, { title: 'Recovery codes', current: 'account', body: <RecoveryCodesPage codes={codes} /> });
  });

  app.post('/two-step/disable', async (c) => {
    const staff = c.get('staff')!;
    const body = await c.req.parseBody();
    const wrong = await passwordProblem(staff, body['disable-password']);
    if (wrong) return accountPage(c, { 'disable-password': wrong.message }, wrong.status);
    const current = await currentCode(staff.id, body['disable-code']);
    if (current !== 'right')
      return accountPage(c, { 'disable-code': codeProblems[current] }, current === 'throttled' ? 429 : 400);
    await disableTotp(db, staff.id);
    await recordAudit(db, frame.actor(c), { action: 'staff.two-step-off', subjectType: 'staff', subjectId: staff.id });
    return c.redirect('/admin/account?notice=totp-disabled', 303);
  });

  async function currentCode(staffId: number, code: unknown): Promise<'right' | 'wrong' | 'missing' | 'throttled'> {
    if (typeof code !== 'string' || code.trim() === '') return 'missing';
    return confirmWithCode(db, secrets, staffId, code.slice(0, 40));
  }

  return app;
}
