import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../platform/http/admin.tsx';
import { recordAudit } from '../audit/service.ts';
import { verifyPassword } from './passwords.ts';
import type { StaffRouteDeps } from './routes-auth.tsx';
import { disableTotp, enableTotp, findStaffByEmail, listSessions, newTotpSetup, remainingRecoveryCodes, setPassword, StaffInputError } from './service.ts';
import { AccountPage, RecoveryCodesPage, TotpSetupPage } from './views/account.tsx';

/** Each person's own account: password, two-step sign-in, sessions. */
export function accountRoutes(deps: StaffRouteDeps): Hono<AdminEnv> {
  const { db, secrets, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn());

  async function accountPage(c: Context<AdminEnv>, errors: Record<string, string> = {}, status = 200) {
    const staff = c.get('staff')!;
    const [recoveryLeft, sessions] = await Promise.all([remainingRecoveryCodes(db, staff.id), listSessions(db, staff.id)]);
    return frame.render(c, {
      title: Object.keys(errors).length ? 'Error: Your account' : 'Your account',
      current: 'account',
      status,
      body: <AccountPage token={frame.csrfToken(c)} staff={staff} recoveryLeft={recoveryLeft} sessions={sessions.length} errors={errors} />,
    });
  }

  async function passwordIsRight(email: string, password: unknown): Promise<boolean> {
    const user = await findStaffByEmail(db, email);
    return typeof password === 'string' && (await verifyPassword(user?.passwordHash, password.slice(0, 200)));
  }

  app.get('/', (c) => accountPage(c));

  app.post('/password', async (c) => {
    const staff = c.get('staff')!;
    const body = await c.req.parseBody();
    if (!(await passwordIsRight(staff.email, body.current))) return accountPage(c, { current: 'Your current password is not right' }, 400);
    try {
      await setPassword(db, staff.id, typeof body.password === 'string' ? body.password : '', { keepSession: staff.sessionIdHash });
    } catch (error) {
      if (error instanceof StaffInputError) return accountPage(c, { password: error.message }, 400);
      throw error;
    }
    await recordAudit(db, frame.actor(c), { action: 'staff.password-change', subjectType: 'staff', subjectId: staff.id });
    return c.redirect('/admin/account?notice=password-changed', 303);
  });

  app.get('/two-step', async (c) => {
    const staff = c.get('staff')!;
    const setup = await newTotpSetup(staff.email, await siteIssuer(deps));
    return frame.render(c, {
      title: 'Set up two-step sign-in',
      current: 'account',
      body: <TotpSetupPage token={frame.csrfToken(c)} setupToken={secrets.encrypt('totp', setup.secret)} secret={setup.secret} qrSvg={setup.qrSvg} errors={{}} />,
    });
  });

  app.post('/two-step', async (c) => {
    const staff = c.get('staff')!;
    const body = await c.req.parseBody();
    let secret: string;
    try {
      secret = secrets.decrypt('totp', String(body.setup ?? ''));
    } catch {
      return c.redirect('/admin/account/two-step', 303);
    }
    const codes = await enableTotp(db, secrets, staff.id, secret, String(body.code ?? '').slice(0, 20));
    if (!codes) {
      const setup = await newTotpSetup(staff.email, await siteIssuer(deps), secret);
      return frame.render(c, {
        title: 'Error: Set up two-step sign-in',
        current: 'account',
        status: 400,
        body: <TotpSetupPage token={frame.csrfToken(c)} setupToken={String(body.setup)} secret={setup.secret} qrSvg={setup.qrSvg} errors={{ code: 'That code is not right. Check the time on your phone, then try the code the app shows now.' }} />,
      });
    }
    await recordAudit(db, frame.actor(c), { action: 'staff.two-step-on', subjectType: 'staff', subjectId: staff.id });
    const res = await frame.render(c, { title: 'Recovery codes', current: 'account', body: <RecoveryCodesPage codes={codes} /> });
    return res;
  });

  app.post('/two-step/disable', async (c) => {
    const staff = c.get('staff')!;
    const body = await c.req.parseBody();
    if (!(await passwordIsRight(staff.email, body['disable-password']))) {
      return accountPage(c, { 'disable-password': 'Your password is not right' }, 400);
    }
    await disableTotp(db, staff.id);
    await recordAudit(db, frame.actor(c), { action: 'staff.two-step-off', subjectType: 'staff', subjectId: staff.id });
    return c.redirect('/admin/account?notice=totp-disabled', 303);
  });

  return app;
}

async function siteIssuer(deps: StaffRouteDeps): Promise<string> {
  return deps.issuer();
}
