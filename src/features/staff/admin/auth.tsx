import { Hono } from 'hono';
import type { Secrets } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { bindCsrfToSession, rotateCsrf } from '../../../platform/http/csrf.ts';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { recordAudit } from '../../audit/service.ts';
import { newDeviceCookie, readDeviceCookie, setDeviceCookie } from '../devices.ts';
import { clearSessionCookie, setSessionCookie } from '../middleware.ts';
import type { QueueStaffEmail } from '../password-links.ts';
import { endAllSessions, endSession, getStaff, normalizeEmail, secondStep, signIn, signInInput } from '../service.ts';
import { SecondFactorPage, SignInPage } from './views/auth.tsx';

/**
 * `issuer` names the organisation in authenticator apps; `queueEmail` puts a
 * message in the outbox and `emailQueued` wakes the email worker after.
 */
export type StaffRouteDeps = {
  db: Db;
  secrets: Secrets;
  secure: boolean;
  frame: AdminFrame;
  issuer: () => Promise<string>;
  queueEmail: QueueStaffEmail;
  emailQueued: () => void;
};

/** Only same-site workspace paths are followed after sign-in, never another host. */
function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/[\w\-/]*)?$/.test(next) ? next : '/admin';
}

/** What the sign-in page says after an emailed link set a password. */
const signInNotices: Record<string, string | undefined> = {
  welcome: 'Your password is set. Sign in with it to start.',
  'password-reset':
    'Your password is changed, and you were signed out everywhere else. Sign in with your new password.',
};

export function authRoutes(deps: StaffRouteDeps): Hono<AdminEnv> {
  const { db, secrets, secure, frame } = deps;
  const app = new Hono<AdminEnv>();

  app.get('/sign-in', async (c) => {
    const staff = c.get('staff');
    if (staff && !staff.awaitingSecondFactor) return c.redirect(safeNext(c.req.query('next')), 303);
    const asked = c.req.query('notice') ?? '';
    const notice = Object.hasOwn(signInNotices, asked) ? signInNotices[asked] : undefined;
    return frame.render(c, {
      title: 'Sign in',
      body: (
        <SignInPage token={frame.csrfToken(c)} email="" errors={{}} next={c.req.query('next') ?? ''} message={notice} />
      ),
    });
  });

  app.post('/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const typed = typeof body.email === 'string' ? body.email : '';
    const next = safeNext(c.req.query('next'));
    const again = (status: 400 | 429, errors: FieldErrors, message?: string) =>
      frame.render(c, {
        title: 'Error: Sign in',
        status,
        body: <SignInPage token={frame.csrfToken(c)} email={typed} errors={errors} next={next} message={message} />,
      });
    const parsed = signInInput.safeParse({
      email: typed,
      password: typeof body.password === 'string' ? body.password : '',
    });
    if (!parsed.success) return again(400, fieldErrors(parsed.error.issues));
    const form = parsed.data;
    const ip = c.get('ip');
    const result = await signIn(db, secrets, {
      email: form.email,
      password: form.password,
      ip,
      userAgent: c.req.header('user-agent') ?? '',
      device: readDeviceCookie(c, secure),
    });
    if (result.outcome !== 'signed-in') {
      // ASVS 7.2.1: every failed sign-in is recorded, naming the address typed only by its keyed hash.
      const hashedEmail = secrets.hmac('audit', normalizeEmail(form.email).slice(0, 254));
      const refused = result.outcome === 'refused';
      await recordAudit(
        db,
        { staffId: null, email: '', ip },
        {
          action: refused ? 'staff.sign-in-failed' : 'staff.sign-in-throttled',
          subjectType: 'sign-in-email',
          subjectId: hashedEmail,
          note: refused
            ? result.staffId
              ? `wrong password, or account disabled (staff ${result.staffId})`
              : 'no account has this address'
            : 'too many attempts; password not checked',
        },
      );
      if (refused) return again(400, { email: 'The email address or password is not right' });
      return again(429, { email: 'Too many attempts to sign in. Wait 15 minutes, then try again.' });
    }
    // A new session id and a new CSRF value at every sign-in.
    setSessionCookie(c, result.token, secure);
    rotateCsrf(c, secure);
    if (!result.awaitingSecondFactor) setDeviceCookie(c, result.device, secure);
    const staff = await getStaff(db, result.staffId);
    await recordAudit(
      db,
      { staffId: result.staffId, email: staff?.email ?? '', ip: c.get('ip') },
      {
        action: 'staff.sign-in',
        subjectType: 'staff',
        subjectId: result.staffId,
        note: result.awaitingSecondFactor ? 'password accepted; second step pending' : undefined,
      },
    );
    return c.redirect(result.awaitingSecondFactor ? '/admin/sign-in/two-step' : next, 303);
  });

  app.get('/sign-in/two-step', async (c) => {
    const staff = c.get('staff');
    if (!staff) return c.redirect('/admin/sign-in', 303);
    if (!staff.awaitingSecondFactor) return c.redirect('/admin', 303);
    return frame.render(c, {
      title: 'Two-step sign-in',
      body: <SecondFactorPage token={frame.csrfToken(c)} errors={{}} />,
    });
  });

  app.post('/sign-in/two-step', async (c) => {
    const staff = c.get('staff');
    if (!staff?.awaitingSecondFactor) return c.redirect('/admin/sign-in', 303);
    const body = await c.req.parseBody();
    const code = typeof body.code === 'string' ? body.code.slice(0, 40) : '';
    if (!code)
      return frame.render(c, {
        title: 'Error: Two-step sign-in',
        status: 400,
        body: <SecondFactorPage token={frame.csrfToken(c)} errors={{ code: 'Enter the code from your app' }} />,
      });
    const ip = c.get('ip');
    const result = await secondStep(db, secrets, { staffId: staff.id, idHash: staff.sessionIdHash }, code);
    // Its cookie is left alone: the same name may already hold the session the first copy started.
    if (result.outcome === 'gone') return c.redirect('/admin', 303);
    if (result.outcome !== 'signed-in') {
      // The password was right, so the account is known; still only its id, never its address, for a failure.
      const ended = result.outcome === 'ended';
      await recordAudit(
        db,
        { staffId: null, email: '', ip },
        {
          action: ended ? 'staff.two-step-locked' : 'staff.two-step-failed',
          subjectType: 'staff',
          subjectId: staff.id,
          note: ended ? 'too many wrong codes; the half-signed-in session was ended' : 'wrong code',
        },
      );
      if (!ended) {
        const errors = { code: 'That code is not right. Codes change every 30 seconds: try the current one.' };
        return frame.render(c, {
          title: 'Error: Two-step sign-in',
          status: 400,
          body: <SecondFactorPage token={frame.csrfToken(c)} errors={errors} />,
        });
      }
      clearSessionCookie(c);
      bindCsrfToSession(c, undefined);
      c.set('staff', undefined);
      const message = 'Too many wrong codes. For your safety you were signed out. Wait 15 minutes, then sign in again.';
      // No field was wrong, so a notice rather than an error summary: there is nothing to correct, only to wait.
      return frame.render(c, {
        title: 'Sign in',
        status: 429,
        body: <SignInPage token={frame.csrfToken(c)} email="" errors={{}} next="" message={message} />,
      });
    }
    setSessionCookie(c, result.token, secure);
    rotateCsrf(c, secure);
    setDeviceCookie(c, newDeviceCookie(secrets, staff.email), secure);
    await recordAudit(
      db,
      { staffId: staff.id, email: staff.email, ip },
      {
        action: 'staff.sign-in',
        subjectType: 'staff',
        subjectId: staff.id,
        note: result.used === 'recovery' ? 'second step with a recovery code' : 'second step with the app',
      },
    );
    return c.redirect('/admin', 303);
  });

  app.post('/sign-out', async (c) => {
    const staff = c.get('staff');
    if (staff) {
      await endSession(db, staff.sessionIdHash);
      await recordAudit(
        db,
        { staffId: staff.id, email: staff.email, ip: c.get('ip') },
        {
          action: 'staff.sign-out',
          subjectType: 'staff',
          subjectId: staff.id,
          note: staff.awaitingSecondFactor ? 'before the second step' : undefined,
        },
      );
    }
    clearSessionCookie(c);
    rotateCsrf(c, secure);
    return c.redirect('/admin/sign-in', 303);
  });

  app.post('/sign-out-everywhere', frame.requireSignedIn(), async (c) => {
    const staff = c.get('staff')!;
    const ended = await endAllSessions(db, staff.id);
    await recordAudit(db, frame.actor(c), {
      action: 'staff.sign-out-everywhere',
      subjectType: 'staff',
      subjectId: staff.id,
      note: `${ended} sessions ended`,
    });
    clearSessionCookie(c);
    rotateCsrf(c, secure);
    return c.redirect('/admin/sign-in', 303);
  });

  return app;
}
