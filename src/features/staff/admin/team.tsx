import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import type { StaffRouteDeps } from './auth.tsx';
import {
  editStaff,
  getStaff,
  inviteAgain,
  inviteStaff,
  LAST_ADMIN,
  listStaff,
  setAccountDisabled,
  staffDetailsInput,
  staffPermissions,
  type AdminActor,
  type StaffListing,
} from '../service.ts';
import { InviteStaffPage, StaffMemberPage, TeamPage } from './views/team.tsx';

/** The details form as typed, every value a string, for showing back. */
function typedDetails(body: Record<string, unknown>) {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  return {
    displayName: text('displayName'),
    email: text('email'),
    role: text('role'),
    storiesAccess: body.storiesAccess === 'on' ? 'on' : '',
  };
}

/** Admins manage staff accounts here: invite, edit, disable and enable. */
export function teamRoutes(deps: StaffRouteDeps): Hono<AdminEnv> {
  const { db, secrets, frame } = deps;
  const email = { queue: deps.queueEmail };
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(staffPermissions.manageStaff));

  const actor = (c: Context<AdminEnv>): AdminActor => ({ ...frame.actor(c), name: c.get('staff')!.displayName });
  const memberId = (c: Context<AdminEnv>) => Number(c.req.param('id'));
  const memberPage = (
    c: Context<AdminEnv>,
    member: StaffListing,
    refused?: { values?: Record<string, string>; errors: FieldErrors; status: 400 | 422 | 429 },
  ) =>
    frame.render(c, {
      title: `${refused ? 'Error: ' : ''}${member.displayName}`,
      current: 'staff',
      status: refused?.status ?? 200,
      body: (
        <StaffMemberPage
          token={frame.csrfToken(c)}
          member={member}
          values={refused?.values}
          errors={refused?.errors ?? {}}
          notice={c.req.query('notice')}
        />
      ),
    });

  app.get('/', async (c) =>
    frame.render(c, { title: 'Staff', current: 'staff', body: <TeamPage staff={await listStaff(db)} /> }),
  );

  const invitePage = (c: Context<AdminEnv>, values: Record<string, string>, errors: FieldErrors, status = 200) =>
    frame.render(c, {
      title: `${status === 200 ? '' : 'Error: '}Invite a staff member`,
      current: 'staff',
      status,
      body: <InviteStaffPage token={frame.csrfToken(c)} values={values} errors={errors} />,
    });

  app.get('/new', (c) => invitePage(c, {}, {}));

  app.post('/', async (c) => {
    const values = typedDetails(await c.req.parseBody());
    const parsed = staffDetailsInput.safeParse(values);
    if (!parsed.success) return invitePage(c, values, fieldErrors(parsed.error.issues), 400);
    const result = await inviteStaff(db, secrets, actor(c), parsed.data, email);
    if (result.outcome === 'refused')
      return invitePage(
        c,
        values,
        { [result.field]: result.message },
        result.message.startsWith('Too many') ? 429 : 400,
      );
    deps.emailQueued();
    return c.redirect(`/admin/staff/${result.staffId}?notice=invited`, 303);
  });

  app.get('/:id{[0-9]{1,9}}', async (c) => {
    const member = await getStaff(db, memberId(c));
    return member ? memberPage(c, member) : c.notFound();
  });

  app.post('/:id{[0-9]{1,9}}', async (c) => {
    const before = await getStaff(db, memberId(c));
    if (!before) return c.notFound();
    const values = typedDetails(await c.req.parseBody());
    const parsed = staffDetailsInput.safeParse(values);
    if (!parsed.success)
      return memberPage(c, before, { values, errors: fieldErrors(parsed.error.issues), status: 400 });
    // An unticked box is not sent at all: its absence takes the access away, as the form shows it.
    const result = await editStaff(db, actor(c), before.id, {
      ...parsed.data,
      storiesAccess: values.storiesAccess === 'on',
    });
    if (result.outcome === 'not-found') return c.notFound();
    if (result.outcome === 'refused')
      return memberPage(c, before, { values, errors: { [result.field]: result.message }, status: 422 });
    return c.redirect(`/admin/staff/${before.id}?notice=saved`, 303);
  });

  app.get('/:id{[0-9]{1,9}}/disable', async (c) => {
    const member = await getStaff(db, memberId(c));
    if (!member) return c.notFound();
    if (member.disabledAt) return c.redirect(`/admin/staff/${member.id}`, 303);
    const self = member.id === c.get('staff')!.id;
    return frame.render(c, {
      title: `Disable ${member.displayName}'s account?`,
      current: 'staff',
      body: (
        <ConfirmationPage
          title={`Disable ${member.displayName}'s account?`}
          consequences={[
            `${self ? 'You' : member.displayName} will be signed out everywhere at once ` +
              'and will not be able to sign in.',
            'Links already emailed to them stop working. ' +
              'Nothing they did is deleted, and you can enable the account again.',
          ]}
          action={`/admin/staff/${member.id}/disable`}
          token={frame.csrfToken(c)}
          confirmLabel="Yes, disable the account"
          cancelHref={`/admin/staff/${member.id}`}
          destructive
        />
      ),
    });
  });

  app.post('/:id{[0-9]{1,9}}/disable', async (c) => {
    const id = memberId(c);
    const body = await c.req.parseBody();
    // Without the confirmation page's answer nothing happens: a stray post only leads to the question.
    if (body.confirmed !== 'yes') return c.redirect(`/admin/staff/${id}/disable`, 303);
    return accessChanged(c, id, true);
  });

  app.post('/:id{[0-9]{1,9}}/enable', (c) => accessChanged(c, memberId(c), false));

  async function accessChanged(c: Context<AdminEnv>, id: number, disabled: boolean) {
    const result = await setAccountDisabled(db, actor(c), id, disabled);
    if (result === 'not-found') return c.notFound();
    if (result === 'last-admin') {
      const member = (await getStaff(db, id))!;
      return memberPage(c, member, { errors: { role: LAST_ADMIN }, status: 422 });
    }
    return c.redirect(
      `/admin/staff/${id}${result === 'done' ? `?notice=${disabled ? 'disabled' : 'enabled'}` : ''}`,
      303,
    );
  }

  app.post('/:id{[0-9]{1,9}}/invitation', async (c) => {
    const id = memberId(c);
    const result = await inviteAgain(db, secrets, actor(c), id, email);
    if (result === 'throttled') {
      const member = await getStaff(db, id);
      if (!member) return c.notFound();
      const errors = { email: 'Too many invitations at once. Wait 15 minutes, then try again.' };
      return memberPage(c, member, { errors, status: 429 });
    }
    if (result === 'invited') deps.emailQueued();
    return c.redirect(`/admin/staff/${id}${result === 'invited' ? '?notice=invited' : ''}`, 303);
  });

  return app;
}
