import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * May this staff member do this to news posts? As content's: every staff member may read posts and
 * drafts (the edit form shown disabled); those who write content write, publish and delete posts.
 * A screen whose only purpose is a change (a new post, a delete's question) needs that change's
 * permission even to open.
 */
export const newsPermissions = {
  view: (_actor: Actor) => true,
  edit: (actor: Actor) => roles.canWriteContent(actor),
  publish: (actor: Actor) => roles.canWriteContent(actor),
  remove: (actor: Actor) => roles.canWriteContent(actor),
};
