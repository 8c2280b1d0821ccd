import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * API keys hand the whole list, or the right to add to it, to another program: admins only, the role that
 * already answers for the data (as for erasure and retention rules).
 */
export const apiPermissions = {
  manageKeys: (actor: Actor) => roles.isAdmin(actor),
};
