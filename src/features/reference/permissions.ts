import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * Who may load Oregon's reference data (districts, legislators, ZIP areas).
 * It replaces every district and legislator the site shows, and reads a folder
 * on the server: admins only, as with the staff accounts. Everyone signed in
 * is told when it is missing (the workspace home), so they know whom to ask.
 */
export const referencePermissions = {
  import: (actor: Actor) => roles.isAdmin(actor),
};
