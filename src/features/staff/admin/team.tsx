import { Hono } from 'hono';
import { z } from 'zod';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { recordAudit } from '../../audit/service.ts';
import type { StaffRouteDeps } from './auth.tsx';
import {
  countActiveAdmins,
  createStaff,
  getStaff,
  listStaff,
  staffPermissions,
  staffRoles,
  StaffInputError,
  updateStaff,
} from '../service.ts';
import { NewStaffPage, StaffMemberPage, TeamPage } from './views/team.tsx';

const memberChange = z.object({
  role: z.enum(staffRoles, { error: 'Choose a role' }),
  disabled: z.literal('on').optional(),
});

/** Admins manage staff accounts here. */
export function teamRoutes(deps: StaffRouteDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(staffPermissions.manageStaff));

  app.get('/', async (c) =>
    frame.render(c, { title: 'Staff', current: 'staff', body: <TeamPage staff={await listStaff(db)} /> }),
  );

  app.get('/new', async (c) =>
    frame.render(c, {
      title: 'Add a staff member',
      current: 'staff',
      body: <NewStaffPage token={frame.csrfToken(c)} values={{}} errors={{}} />,
    }),
  );

  app.post('/', async (c) => {
    const body = await c.req.parseBody();
    const values = {
      displayName: typeof body.displayName === 'string' ? body.displayName : '',
      email: typeof body.email === 'string' ? body.email : '',
      role: typeof body.role === 'string' ? body.role : '',
    };
    try {
      const member = await db.transaction(async (tx) => {
        const created = await createStaff(tx, {
          ...values,
          role: values.role as never,
          password: typeof body.password === 'string' ? body.password : '',
        });
        await recordAudit(tx, frame.actor(c), {
          action: 'staff.create',
          subjectType: 'staff',
          subjectId: created.id,
          after: { email: created.email, displayName: created.displayName, role: created.role },
        });
        return created;
      });
      return c.redirect(`/admin/staff/${member.id}?notice=created`, 303);
    } catch (error) {
      if (!(error instanceof StaffInputError)) throw error;
      return frame.render(c, {
        title: 'Error: Add a staff member',
        current: 'staff',
        status: 400,
        body: <NewStaffPage token={frame.csrfToken(c)} values={values} errors={{ [error.field]: error.message }} />,
      });
    }
  });

  app.get('/:id{[0-9]{1,9}}', async (c) => {
    const member = await getStaff(db, Number(c.req.param('id')));
    if (!member) return c.notFound();
    return frame.render(c, {
      title: member.displayName,
      current: 'staff',
      body: <StaffMemberPage token={frame.csrfToken(c)} member={member} errors={{}} />,
    });
  });

  app.post('/:id{[0-9]{1,9}}', async (c) => {
    const before = await getStaff(db, Number(c.req.param('id')));
    if (!before) return c.notFound();
    const parsed = memberChange.safeParse(await c.req.parseBody());
    const refuse = (message: string) =>
      frame.render(c, {
        title: `Error: ${before.displayName}`,
        current: 'staff',
        status: 400,
        body: <StaffMemberPage token={frame.csrfToken(c)} member={before} errors={{ role: message }} />,
      });
    if (!parsed.success) return refuse('Choose a role');
    const change = { role: parsed.data.role, disabled: parsed.data.disabled === 'on' };
    const losesAdmin = before.role === 'admin' && !before.disabledAt && (change.role !== 'admin' || change.disabled);
    if (losesAdmin && (await countActiveAdmins(db)) <= 1)
      return refuse('This is the only active admin. Make someone else an admin first.');
    await db.transaction(async (tx) => {
      const after = await updateStaff(tx, before.id, change);
      await recordAudit(tx, frame.actor(c), {
        action: 'staff.update',
        subjectType: 'staff',
        subjectId: before.id,
        before: { role: before.role, disabled: Boolean(before.disabledAt) },
        after: { role: after?.role, disabled: Boolean(after?.disabledAt) },
      });
    });
    return c.redirect(`/admin/staff/${before.id}?notice=saved`, 303);
  });

  return app;
}
