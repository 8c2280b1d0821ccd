import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * May this staff member see or answer privacy requests? Admins only: the log names people who asked for their data
 * or its deletion, and a decision on it answers for the organisation under the law. Erasing a person from the
 * workspace is also theirs alone (supporters/permissions.ts), and so is deciding what a request gets.
 */
export const privacyPermissions = {
  view: (actor: Actor) => roles.isAdmin(actor),
  decide: (actor: Actor) => roles.isAdmin(actor),
};
