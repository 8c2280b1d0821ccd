import { Notice } from '../../../../platform/web/components.tsx';
import { Checkbox, ErrorSummary, Field, Form, Select, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';
import type { StaffListing } from '../../accounts.ts';
import { staffRoles } from '../../schema.ts';

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

/** Where an account stands, in one word the list and the person's page share. */
export function accountStatus(member: StaffListing): string {
  if (member.disabledAt) return 'Disabled';
  return member.passwordSet ? 'Active' : 'Invited';
}

const notices: Record<string, string> = {
  invited: 'Invitation sent. The link in it works for 72 hours.',
  saved: 'Changes saved.',
  disabled: 'Account disabled. This person was signed out everywhere.',
  enabled: 'Account enabled. This person can sign in again.',
};

export function TeamPage(props: { staff: StaffListing[] }) {
  return (
    <>
      <h1>Staff</h1>
      <p>
        <a class="button" href="/admin/staff/new">
          Invite a staff member
        </a>
      </p>
      <DataTable caption="Staff accounts" columns={['Name', 'Email', 'Role', 'Stories', 'Two-step', 'Status']}>
        {props.staff.map((s) => (
          <tr>
            <td>
              <a href={`/admin/staff/${s.id}`}>{s.displayName}</a>
            </td>
            <td>{s.email}</td>
            <td>{s.role}</td>
            <td>{s.storiesAccess ? 'May read' : 'No'}</td>
            <td>{s.totpEnabledAt ? 'On' : 'Off'}</td>
            <td>{accountStatus(s)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** Name, email and role: the fields inviting and editing share. */
function DetailsFields(props: {
  values: { displayName?: string; email?: string; role?: string };
  errors: FieldErrors;
}) {
  return (
    <>
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
    </>
  );
}

export function InviteStaffPage(props: { token: string; values: Record<string, string>; errors: FieldErrors }) {
  return (
    <>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>Invite a staff member</h1>
      <p>
        They get an email with a link to choose their own password. The link works once, for 72 hours. Nobody else ever
        sees their password.
      </p>
      <Form action="/admin/staff" token={props.token}>
        <DetailsFields values={props.values} errors={props.errors} />
        <button class="button" type="submit">
          Send the invitation
        </button>
      </Form>
    </>
  );
}

export function StaffMemberPage(props: {
  token: string;
  member: StaffListing;
  values?: Record<string, string>;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const m = props.member;
  const notice = props.notice && Object.hasOwn(notices, props.notice) ? notices[props.notice] : undefined;
  return (
    <>
      <ErrorSummary errors={props.errors} title="There is a problem" />
      <h1>{m.displayName}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <p>
        {accountStatus(m)} · two-step sign-in {m.totpEnabledAt ? 'on' : 'off'} ·{' '}
        {m.storiesAccess ? 'may read survivors’ stories' : 'no access to survivors’ stories'}
      </p>
      <h2>Details</h2>
      <Form action={`/admin/staff/${m.id}`} token={props.token}>
        <DetailsFields values={props.values ?? m} errors={props.errors} />
        <Checkbox
          name="storiesAccess"
          label="May read survivors’ stories"
          checked={props.values ? props.values.storiesAccess === 'on' : m.storiesAccess}
          hint="Only for the few who moderate stories or prepare testimony: every story they open is in the audit log."
        />
        <button class="button" type="submit">
          Save changes
        </button>
      </Form>
      <h2>Access</h2>
      {!m.passwordSet && !m.disabledAt ? (
        <Form action={`/admin/staff/${m.id}/invitation`} token={props.token}>
          <p>They have not chosen a password yet. A new invitation replaces the one sent before.</p>
          <button class="button secondary" type="submit">
            Send the invitation again
          </button>
        </Form>
      ) : null}
      {m.disabledAt ? (
        <Form action={`/admin/staff/${m.id}/enable`} token={props.token}>
          <p>This account is disabled: nobody can sign in to it.</p>
          <button class="button secondary" type="submit">
            Enable this account
          </button>
        </Form>
      ) : (
        <p>
          <a class="button danger" href={`/admin/staff/${m.id}/disable`}>
            Disable this account
          </a>
        </p>
      )}
      <p>
        <a href={`/admin/audit?actor=${m.id}`}>What this person did (audit log)</a>
      </p>
    </>
  );
}
