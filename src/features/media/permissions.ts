import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * Who may do what in the media library. Everyone signed in may look at it (a viewer checks the alt text);
 * those who write the site's content upload images, edit their words and delete them, as they place them
 * on pages. The upload form and the delete question need their permission even to open.
 */
export const mediaPermissions = {
  view: (_actor: Actor) => true,
  upload: (actor: Actor) => roles.canWriteContent(actor),
  edit: (actor: Actor) => roles.canWriteContent(actor),
  remove: (actor: Actor) => roles.canWriteContent(actor),
};
