import type { AuditFacts, AuditWords } from '../audit/service.ts';

/** The audit log's sentences for staff's actions: "Ana Flores signed in", "Sam made Rosa an admin". */

function member(e: AuditFacts): string {
  const named = e.after.displayName ?? e.before.displayName;
  return e.staffName(e.subjectId) ?? (typeof named === 'string' ? named : `staff member ${e.subjectId}`);
}

// The command line acts as no one; say where it came from rather than "The system".
function byAdmin(e: AuditFacts): string {
  return e.actor === 'The system' ? 'An admin at the command line' : e.actor;
}

function changedDetails(e: AuditFacts): string {
  const name = e.after.displayName !== undefined && e.after.displayName !== e.before.displayName;
  const email = e.after.email !== undefined && e.after.email !== e.before.email;
  return name && email ? 'name and email address' : email ? 'email address' : 'name';
}

function accountChange(e: AuditFacts): string {
  const changes: string[] = [];
  if (e.after.role !== undefined && e.after.role !== e.before.role)
    changes.push(`gave ${member(e)} the role ${e.after.role}`);
  if (e.after.disabled === true) changes.push(`disabled ${member(e)}’s account`);
  if (e.after.disabled === false && e.before.disabled === true) changes.push(`re-enabled ${member(e)}’s account`);
  return changes.length > 0 ? `${e.actor} ${changes.join(' and ')}` : `${e.actor} changed ${member(e)}’s account`;
}

export const staffAuditWords: AuditWords = {
  actions: {
    'staff.create': {
      label: 'Added a staff account',
      sentence: (e) => `${byAdmin(e)} added ${member(e)} to the staff${e.after.role ? ` as ${e.after.role}` : ''}`,
    },
    'staff.update': { label: 'Changed a staff account', sentence: accountChange },
    'staff.sign-in': {
      label: 'Signed in',
      sentence: (e) =>
        e.note?.includes('second step pending')
          ? `${e.actor} entered the right password, with the second step of signing in to come`
          : e.note?.includes('recovery code')
            ? `${e.actor} signed in with a recovery code`
            : `${e.actor} signed in`,
    },
    'staff.sign-in-failed': {
      label: 'Failed to sign in',
      sentence: (e) =>
        e.note?.startsWith('no account')
          ? 'Someone tried to sign in with an address that has no account'
          : 'Someone tried to sign in with a wrong password, or to a disabled account',
    },
    'staff.sign-in-throttled': {
      label: 'Too many sign-in attempts',
      sentence: () => 'Someone was stopped after too many attempts to sign in with one address',
    },
    'staff.two-step-failed': {
      label: 'Entered a wrong two-step code',
      sentence: (e) => `${e.actor} entered a wrong code at the second step of signing in`,
    },
    'staff.two-step-locked': {
      label: 'Entered too many wrong two-step codes',
      sentence: (e) => `${e.actor} entered too many wrong codes, so that sign-in was ended`,
    },
    'staff.sign-out': { label: 'Signed out', sentence: (e) => `${e.actor} signed out` },
    'staff.sign-out-everywhere': {
      label: 'Signed out of every other browser',
      sentence: (e) => `${e.actor} signed out of every other browser`,
    },
    'staff.password-change': {
      label: 'Changed their password',
      sentence: (e) => `${e.actor} changed their password`,
    },
    'staff.password-reset': {
      label: 'Reset a password',
      sentence: (e) =>
        e.note?.includes('emailed link')
          ? `${e.actor} chose a new password through an emailed link, and was signed out everywhere else`
          : `${byAdmin(e)} reset ${member(e)}’s password and signed them out everywhere`,
    },
    // Recorded by staff invitations and password resets (issue 13's staff branch).
    'staff.invited': {
      label: 'Invited someone to the staff',
      sentence: (e) =>
        e.note?.includes('sent again')
          ? `${e.actor} sent ${member(e)}’s invitation again`
          : `${e.actor} invited ${member(e)} to join the staff${e.after.role ? ` as ${e.after.role}` : ''}`,
    },
    'staff.invitation-accepted': {
      label: 'Accepted an invitation',
      sentence: (e) => `${e.actor} accepted their invitation and chose a password`,
    },
    'staff.edited': {
      label: 'Changed a staff member’s name or email',
      sentence: (e) => `${e.actor} changed ${member(e)}’s ${changedDetails(e)}`,
    },
    'staff.role-changed': {
      label: 'Changed a staff member’s role',
      sentence: (e) => `${e.actor} gave ${member(e)} the role ${e.after.role ?? 'they have now'}`,
    },
    'staff.stories-access': {
      label: 'Changed who may read survivors’ stories',
      sentence: (e) =>
        e.after.storiesAccess === true
          ? `${e.actor} let ${member(e)} read survivors’ stories`
          : `${e.actor} took away ${member(e)}’s access to survivors’ stories`,
    },
    'staff.disabled': { label: 'Disabled an account', sentence: (e) => `${e.actor} disabled ${member(e)}’s account` },
    'staff.enabled': {
      label: 'Re-enabled an account',
      sentence: (e) => `${e.actor} re-enabled ${member(e)}’s account`,
    },
    'staff.reset-requested': {
      label: 'Asked for a password reset',
      sentence: (e) =>
        e.subjectType === 'staff'
          ? `Someone asked for a password reset link for ${member(e)}, and it was emailed to them`
          : 'Someone asked for a password reset for an address with no working account; nothing was sent',
    },
    'staff.reset-throttled': {
      label: 'Too many password reset requests',
      sentence: () => 'Someone was stopped after asking for too many password reset links for one address',
    },
    'staff.two-step-on': {
      label: 'Turned on two-step sign-in',
      sentence: (e) =>
        e.note?.includes('new authenticator')
          ? `${e.actor} moved their two-step sign-in to a new authenticator app`
          : `${e.actor} turned on two-step sign-in`,
    },
    'staff.two-step-off': {
      label: 'Turned off two-step sign-in',
      sentence: (e) =>
        e.note === 'from the command line'
          ? `Two-step sign-in was turned off for ${member(e)} from the server's command line`
          : `${e.actor} turned off two-step sign-in`,
    },
  },
  subjectHref: (type, id) => (type === 'staff' && /^\d+$/.test(id) ? `/admin/staff/${id}` : undefined),
  fieldLabel: (name) =>
    ({ displayName: 'Name', email: 'Email address', storiesAccess: 'May read survivors’ stories' })[name],
};
