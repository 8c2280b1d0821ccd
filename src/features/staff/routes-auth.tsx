import { Hono } from 'hono';
import type { Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../platform/http/admin.tsx';
import { rotateCsrf } from '../../platform/http/csrf.ts';
import { fieldErrors, type FieldErrors } from '../../platform/web/forms.tsx';
import { recordAudit } from '../audit/service.ts';
import { clearSessionCookie, setSessionCookie } from './middleware.ts';
import { completeSecondFactor, endAllSessions, endSession, getStaff, signIn, signInInput, verifySecondFactor } from './service.ts';
import { SecondFactorPage, SignInPage } from './views/auth.tsx';

/** `issuer` names the organisation in authenticator apps. */
export type StaffRouteDeps = { db: Db; secrets: Secrets; secure: boolean; frame: AdminFrame; issuer: () => Promise<string> };

/** Only same-site workspace paths are followed after sign-in, never another host. */
function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/[\w\-/]*)?$/.test(next) ? next : '/admin';
}

export function authRoutes(deps: StaffRouteDeps): Hono<AdminEnv> {
  const { db, secrets, secure, frame } = deps;
  const app = new Hono<AdminEnv>();

  app.get('/sign-in', async (c) => {
    const staff = c.get('staff');
    if (staff && !staff.awaitingSecondFactor) return c.redirect(safeNext(c.req.query('next')), 303);
    return frame.render(c, { title: 'Sign in', body: <SignInPage token={frame.csrfToken(c)} email="" errors={{}} next={c.req.query('next') ?? ''} /> });
  });

  app.post('/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const typed = typeof body.email === 'string' ? body.email : '';
    const next = safeNext(c.req.query('next'));
    const again = (status: 400 | 429, errors: FieldErrors, message?: string) =>
      frame.render(c, { title: 'Error: Sign in', status, body: <SignInPage token={frame.csrfToken(c)} email={typed} errors={errors} next={next} message={message} /> });
    const parsed = signInInput.safeParse({ email: typed, password: typeof body.password === 'string' ? body.password : '' });
    if (!parsed.success) return again(400, fieldErrors(parsed.error.issues));
    const form = parsed.data;
    const result = await signIn(db, secrets, { email: form.email, password: form.password, ip: c.get('ip'), userAgent: c.req.header('user-agent') ?? '' });
    if (result.outcome === 'throttled') {
      return again(429, { email: 'Too many attempts to sign in. Wait 15 minutes, then try again.' });
    }
    if (result.outcome === 'refused') return again(400, { email: 'The email address or password is not right' });
    // A new session id and a new CSRF value at every sign-in.
    setSessionCookie(c, result.token, secure);
    rotateCsrf(c, secure);
    const staff = await getStaff(db, result.staffId);
    await recordAudit(db, { staffId: result.staffId, email: staff?.email ?? '', ip: c.get('ip') }, { action: 'staff.sign-in', subjectType: 'staff', subjectId: result.staffId, note: result.awaitingSecondFactor ? 'password accepted; second step pending' : undefined });
    return c.redirect(result.awaitingSecondFactor ? '/admin/sign-in/two-step' : next, 303);
  });

  app.get('/sign-in/two-step', async (c) => {
    const staff = c.get('staff');
    if (!staff) return c.redirect('/admin/sign-in', 303);
    if (!staff.awaitingSecondFactor) return c.redirect('/admin', 303);
    return frame.render(c, { title: 'Two-step sign-in', body: <SecondFactorPage token={frame.csrfToken(c)} errors={{}} /> });
  });

  app.post('/sign-in/two-step', async (c) => {
    const staff = c.get('staff');
    if (!staff?.awaitingSecondFactor) return c.redirect('/admin/sign-in', 303);
    const body = await c.req.parseBody();
    const code = typeof body.code === 'string' ? body.code.slice(0, 40) : '';
    const used = code ? await verifySecondFactor(db, secrets, staff.id, code) : false;
    if (!used) {
      const errors = { code: code ? 'That code is not right. Codes change every 30 seconds: try the current one.' : 'Enter the code from your app' };
      return frame.render(c, { title: 'Error: Two-step sign-in', status: 400, body: <SecondFactorPage token={frame.csrfToken(c)} errors={errors} /> });
    }
    const token = await completeSecondFactor(db, staff.sessionIdHash);
    setSessionCookie(c, token, secure);
    rotateCsrf(c, secure);
    await recordAudit(db, { staffId: staff.id, email: staff.email, ip: c.get('ip') }, { action: 'staff.sign-in', subjectType: 'staff', subjectId: staff.id, note: used === 'recovery' ? 'second step with a recovery code' : 'second step with the app' });
    return c.redirect('/admin', 303);
  });

  app.post('/sign-out', async (c) => {
    const staff = c.get('staff');
    if (staff) await endSession(db, staff.sessionIdHash);
    clearSessionCookie(c);
    rotateCsrf(c, secure);
    return c.redirect('/admin/sign-in', 303);
  });

  app.post('/sign-out-everywhere', frame.requireSignedIn(), async (c) => {
    const staff = c.get('staff')!;
    const ended = await endAllSessions(db, staff.id);
    await recordAudit(db, frame.actor(c), { action: 'staff.sign-out-everywhere', subjectType: 'staff', subjectId: staff.id, note: `${ended} sessions ended` });
    clearSessionCookie(c);
    rotateCsrf(c, secure);
    return c.redirect('/admin/sign-in', 303);
  });

  return app;
}
