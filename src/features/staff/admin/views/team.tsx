import { Checkbox, ErrorSummary, Field, Form, Select, type FieldErrors } from '../../../../platform/web/forms.tsx';
import type { StaffMember } from '../../accounts.ts';
import { staffRoles } from '../../schema.ts';
import { DataTable } from '../../../../platform/web/tables.tsx';

const roleOptions = staffRoles.map((r) => [r, roleLabel(r)] as const);

function roleLabel(role: string): string {
  return (
    (
      {
        admin: 'Admin: everything, including staff accounts',
        organizer: 'Organizer: campaigns, supporters and content',
        editor: 'Editor: content only',
        viewer: 'Viewer: can look, cannot change anything',
      } as Record<string, string>
    )[role] ?? role
  );
}

export function TeamPage(props: { staff: StaffMember[] }) {
  return (
    <>
      <h1>Staff</h1>
      <p>
        <a class="button" href="/admin/staff/new">
          Add a staff member
        </a>
      </p>
      <DataTable caption="Staff accounts" columns={['Name', 'Email', 'Role', 'Two-step', 'Status']}>
        {props.staff.map((s) => (
          <tr>
            <td>
              <a href={`/admin/staff/${s.id}`}>{s.displayName}</a>
            </td>
            <td>{s.email}</td>
            <td>{s.role}</td>
            <td>{s.totpEnabledAt ? 'On' : 'Off'}</td>
            <td>{s.disabledAt ? 'Disabled' : 'Active'}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export function NewStaffPage(props: { token: string; values: Record<string, string>; errors: FieldErrors }) {
  return (
    <>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>Add a staff member</h1>
      <Form action="/admin/staff" token={props.token}>
        <Field
          name="displayName"
          label="Name"
          value={props.values.displayName}
          error={props.errors.displayName}
          autocomplete="off"
        />
        <Field
          name="email"
          label="Email address"
          type="email"
          value={props.values.email}
          error={props.errors.email}
          autocomplete="off"
        />
        <Select
          name="role"
          label="Role"
          options={roleOptions}
          value={props.values.role ?? 'editor'}
          error={props.errors.role}
        />
        <Field
          name="password"
          label="First password"
          hint="At least 12 characters. Give it to them in person or by phone; they can change it under Your account."
          type="password"
          autocomplete="new-password"
          error={props.errors.password}
        />
        <button class="button" type="submit">
          Add staff member
        </button>
      </Form>
    </>
  );
}

export function StaffMemberPage(props: { token: string; member: StaffMember; errors: FieldErrors }) {
  const m = props.member;
  return (
    <>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>{m.displayName}</h1>
      <p>
        {m.email} · two-step sign-in {m.totpEnabledAt ? 'on' : 'off'} · {m.disabledAt ? 'disabled' : 'active'}
      </p>
      <Form action={`/admin/staff/${m.id}`} token={props.token}>
        <Select name="role" label="Role" options={roleOptions} value={m.role} error={props.errors.role} />
        <Checkbox
          name="disabled"
          label="Disabled (cannot sign in; signed out everywhere now)"
          checked={Boolean(m.disabledAt)}
        />
        <button class="button" type="submit">
          Save
        </button>
      </Form>
      <p>
        <a href={`/admin/audit?actor=${m.id}`}>What this person did (audit log)</a>
      </p>
    </>
  );
}
