import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * Who may see and change the public menus. The menus are content: whoever writes content arranges them; every
 * member of staff may look. The screens that exist only to change something (adding, editing's form is shown
 * read-only, removing) ask for `edit` even to open.
 */
export const navigationPermissions = {
  view: (_actor: Actor) => true,
  edit: (actor: Actor) => roles.canWriteContent(actor),
};
