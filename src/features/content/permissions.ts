import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * May this staff member do this to the site's content (pages, policies, resources)?
 *
 * How the content screens use it, the same way everywhere:
 * - `view` opens every screen that shows content: the lists, a page's two
 *   languages side by side, the edit forms, history and comparisons. Someone
 *   who may not `edit` sees the edit forms disabled, without Save, so a
 *   viewer can still read drafts and Spanish text the public site hides.
 * - A screen whose only purpose is a change needs that change's permission
 *   even to open: the "new" forms (`edit`) and delete confirmations
 *   (`remove`), so nobody is handed a form they are not allowed to send.
 * - Every POST asks for its own permission: saving, preview and adding a
 *   translation (`edit`), publish and unpublish (`publish`), delete
 *   (`remove`), and putting an earlier version back (`restoreVersion`).
 */
export const contentPermissions = {
  view: (_actor: Actor) => true,
  edit: (actor: Actor) => roles.canWriteContent(actor),
  publish: (actor: Actor) => roles.canWriteContent(actor),
  remove: (actor: Actor) => roles.canWriteContent(actor),
  restoreVersion: (actor: Actor) => roles.canWriteContent(actor),
  /**
   * The organisation's settings (its name, contacts, donate link, colours, logo) are part of running the
   * public site, which is what content writers do (issue 14: an editor changes the name and contact); a
   * viewer, who changes nothing, does not open them. Every change is versioned and audited like a page.
   */
  settings: (actor: Actor) => roles.canWriteContent(actor),
};
