import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/** Webhooks send news of every person to another system, and their secrets sign as the site: admins only. */
export const webhookPermissions = {
  view: (actor: Actor) => roles.isAdmin(actor),
  change: (actor: Actor) => roles.isAdmin(actor),
};
