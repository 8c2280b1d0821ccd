import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * May this staff member see or change supporter records?
 *
 * Every screen here shows personal data: names, addresses, phone numbers,
 * what each person agreed to and every message we sent them. So only the
 * people who run campaigns with that list (admins and organizers) see it.
 * Editors write the website and viewers only read it; neither needs to know
 * who is on the list, so they see none of it, not even read-only. Fewer
 * eyes on the list is also fewer ways for it to leak.
 *
 * - `view`: the list, its search and filters, and a person's page.
 * - `tag`: add and remove the labels that narrow broadcast audiences.
 * - `exportRecord`: download everything we hold about one person (to answer
 *   their request). It shows nothing the person's page does not, so it
 *   follows `view`; each download is noted in the audit log.
 * - `stopLinks`: make the preferences links in every email sent so far stop
 *   opening their page (ADR 028), when someone fears another person reads
 *   their email. It reveals nothing and only takes a key away, so it follows `view`.
 * - `add`: put someone on the list by hand, with the consent they gave staff.
 *   Those who already see the list and email it answer for what it holds.
 * - `edit`: change a person's details and subscriptions (each change in their
 *   timeline and the audit log). The same people as `add`: someone who may
 *   add a person may correct them.
 * - `note`: write on a person's timeline. Notes are read where the record is,
 *   so they follow `view`.
 * - `importList`: add and fill in people from a CSV file (admin/import.tsx).
 *   It adds people and records consent the file carries, as `add` does by hand,
 *   so the same people.
 * - `exportList`: download the list, as filtered, as CSV. The same people as
 *   `exportSignatures` on petitions: organizers hand lists on to coalition
 *   partners and to Action Network. Each download is in the audit log.
 * - `merge`: make two records of one person one, and undo that within 30 days (ADR 069). Like `edit`: it
 *   changes records and loses nothing, as the undo gives back both.
 * - `segments`: save, rename, change and delete named sets of the list's filters. A segment holds no one's data,
 *   only filters, and who sees the list may already filter it, so it follows `view`.
 * - `erase`: admins only. It cannot be undone and there is no history to
 *   restore from, so it sits with the role that already answers for the
 *   data. Supporters can still erase themselves from their preferences page.
 */
export const supporterPermissions = {
  view: (actor: Actor) => roles.canRunCampaigns(actor),
  tag: (actor: Actor) => roles.canRunCampaigns(actor),
  add: (actor: Actor) => roles.canRunCampaigns(actor),
  edit: (actor: Actor) => roles.canRunCampaigns(actor),
  note: (actor: Actor) => roles.canRunCampaigns(actor),
  exportRecord: (actor: Actor) => roles.canRunCampaigns(actor),
  stopLinks: (actor: Actor) => roles.canRunCampaigns(actor),
  importList: (actor: Actor) => roles.canRunCampaigns(actor),
  exportList: (actor: Actor) => roles.canRunCampaigns(actor),
  merge: (actor: Actor) => roles.canRunCampaigns(actor),
  segments: (actor: Actor) => roles.canRunCampaigns(actor),
  erase: (actor: Actor) => roles.isAdmin(actor),
};
