import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * May this staff member do this to the agenda, votes and scorecards? Everyone in the workspace may
 * read them (viewers see the forms disabled); admins, organizers and editors, who write what the
 * public site says, edit them, as a scorecard is published content.
 */
export const legislatorPermissions = {
  view: (_actor: Actor) => true,
  edit: (actor: Actor) => roles.canWriteContent(actor),
};
