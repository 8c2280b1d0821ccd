import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/** May this staff member do this to the site's content (pages, policies, resources)? */
export const contentPolicy = {
  view: (_actor: Actor) => true,
  edit: (actor: Actor) => roles.canWriteContent(actor),
  publish: (actor: Actor) => roles.canWriteContent(actor),
  remove: (actor: Actor) => roles.canWriteContent(actor),
  restoreVersion: (actor: Actor) => roles.canWriteContent(actor),
};
