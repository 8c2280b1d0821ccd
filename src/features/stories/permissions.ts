import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole; storiesAccess: boolean };

/**
 * May this staff member do this with survivors' stories? (ADR 063)
 *
 * A teller trusted a few people with the hardest thing that happened to them, not everyone who can sign in: reading
 * a story needs the stories access an admin grants, whatever the role, and every read is audited. Deciding what is
 * published (redacting, approving, rejecting, asking for consent again, translating, choosing stories for testimony)
 * also needs a role that writes (not a viewer). Granting access is for admins; deleting a story is for moderators.
 */
export const storyPermissions = {
  read: (actor: Actor) => actor.storiesAccess,
  moderate: (actor: Actor) => actor.storiesAccess && roles.canWriteContent(actor),
  grantAccess: (actor: Actor) => roles.isAdmin(actor),
};
