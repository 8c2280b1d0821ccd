import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/** Retention rules change a promise made in the privacy notice and delete data for good: admins only. */
export const retentionPermissions = {
  view: (actor: Actor) => roles.isAdmin(actor),
  change: (actor: Actor) => roles.isAdmin(actor),
};
