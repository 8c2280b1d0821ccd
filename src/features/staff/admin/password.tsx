import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { typedPassword } from '../../../platform/plain-text.ts';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import type { StaffRouteDeps } from './auth.tsx';
import { choosePassword, openPasswordLink, requestPasswordReset, signInInput, type OpenedLink } from '../service.ts';
import { ChoosePasswordPage, ForgotPasswordPage, LinkProblemPage, ResetSentPage } from './views/password.tsx';

const forgotInput = signInInput.pick({ email: true });
const passwordInput = typedPassword({ required: 'Enter a password' });

/**
 * "Forgot your password?" and the page an emailed link opens (an invitation
 * or a reset), for people who are not signed in. The token is in the path,
 * which the request log never records (it logs the route's pattern).
 */
export function passwordRoutes(deps: StaffRouteDeps): Hono<AdminEnv> {
  const { db, secrets, frame } = deps;
  const email = { queue: deps.queueEmail };
  const app = new Hono<AdminEnv>();

  const forgotPage = (c: Context<AdminEnv>, email: string, errors: FieldErrors, status = 200) =>
    frame.render(c, {
      title: `${status === 200 ? '' : 'Error: '}Reset your password`,
      status,
      body: <ForgotPasswordPage token={frame.csrfToken(c)} email={email} errors={errors} />,
    });

  app.get('/forgot-password', (c) => forgotPage(c, '', {}));

  app.post('/forgot-password', async (c) => {
    const body = await c.req.parseBody();
    const typed = typeof body.email === 'string' ? body.email : '';
    const parsed = forgotInput.safeParse({ email: typed });
    if (!parsed.success) return forgotPage(c, typed, fieldErrors(parsed.error.issues), 400);
    const outcome = await requestPasswordReset(db, secrets, { email: parsed.data.email, ip: c.get('ip') }, email);
    if (outcome === 'throttled')
      return forgotPage(c, typed, { email: 'Too many requests for a link. Wait 15 minutes, then try again.' }, 429);
    deps.emailQueued();
    return c.redirect('/admin/forgot-password/sent', 303);
  });

  app.get('/forgot-password/sent', (c) => frame.render(c, { title: 'Check your email', body: <ResetSentPage /> }));

  /** 410 for a link that was good once, 404 for one that never was (or whose account is disabled). */
  const linkProblem = (c: Context<AdminEnv>, opened: Exclude<OpenedLink, { state: 'valid' }>) =>
    frame.render(c, {
      title:
        opened.state === 'unknown'
          ? 'This link does not work'
          : `This link has ${opened.state === 'used' ? 'already been used' : 'expired'}`,
      status: opened.state === 'unknown' ? 404 : 410,
      body: <LinkProblemPage state={opened.state} purpose={'purpose' in opened ? opened.purpose : undefined} />,
    });

  const choosePage = (
    c: Context<AdminEnv>,
    opened: Extract<OpenedLink, { state: 'valid' }>,
    errors: FieldErrors,
    status = 200,
  ) => {
    const title = opened.purpose === 'invitation' ? 'Choose your password' : 'Choose a new password';
    return frame.render(c, {
      title: `${status === 200 ? '' : 'Error: '}${title}`,
      status,
      body: (
        <ChoosePasswordPage
          token={frame.csrfToken(c)}
          action={`/admin/password/${c.req.param('token')}`}
          purpose={opened.purpose}
          name={opened.staff.name}
          errors={errors}
        />
      ),
    });
  };

  app.get('/password/:token', async (c) => {
    const opened = await openPasswordLink(db, c.req.param('token'));
    // The page holds a live token: no cache keeps it, and no other site learns it from a Referer.
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return opened.state === 'valid' ? choosePage(c, opened, {}) : linkProblem(c, opened);
  });

  app.post('/password/:token', async (c) => {
    const token = c.req.param('token');
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    const body = await c.req.parseBody();
    const parsed = passwordInput.safeParse(typeof body.password === 'string' ? body.password : '');
    const opened = await openPasswordLink(db, token);
    if (opened.state !== 'valid') return linkProblem(c, opened);
    if (!parsed.success) return choosePage(c, opened, { password: parsed.error.issues[0]!.message }, 400);
    const chosen = await choosePassword(db, secrets, token, parsed.data, { ip: c.get('ip') });
    if ('state' in chosen) return linkProblem(c, chosen);
    if (chosen.outcome !== 'chosen')
      return choosePage(c, opened, { password: chosen.message }, chosen.outcome === 'throttled' ? 429 : 400);
    // To the sign-in form, which asks for the second step when it is on: a link proves an inbox, not a phone.
    return c.redirect(`/admin/sign-in?notice=${chosen.purpose === 'invitation' ? 'welcome' : 'password-reset'}`, 303);
  });

  return app;
}
