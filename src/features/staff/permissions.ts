import type { StaffRole } from './schema.ts';

/**
 * Who may do what with staff accounts and the audit log. Routes ask these
 * questions; they never compare roles themselves.
 *
 *   admin      everything, and manages staff
 *   organizer  campaigns, supporters and content
 *   editor     content only
 *   viewer     reads, changes nothing
 */
type Actor = { role: StaffRole };

export const staffPermissions = {
  /** Anyone signed in may open the workspace and manage their own sign-in and second factor. */
  useWorkspace: (_actor: Actor) => true,
  manageStaff: (actor: Actor) => actor.role === 'admin',
  viewAudit: (actor: Actor) => actor.role === 'admin',
};

/** Role checks shared with other features' permissions, so the list of roles lives in one place. */
export const roles = {
  canWriteContent: (actor: Actor) => actor.role === 'admin' || actor.role === 'organizer' || actor.role === 'editor',
  canRunCampaigns: (actor: Actor) => actor.role === 'admin' || actor.role === 'organizer',
  isAdmin: (actor: Actor) => actor.role === 'admin',
};
