import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * May this staff member see or change petitions and their signatures?
 *
 * A petition itself (its words, goal, dates, status and verified count) is
 * public once it opens, so viewers may read it, and the delivery packets,
 * which hold only what a legislator is handed anyway. Changing a petition
 * is running a campaign: admins and organizers, as with broadcasts.
 *
 * Signatures are personal data (names, addresses, emails), so the list, the
 * export and the abuse screens follow the supporter records' rule: only
 * the roles that run campaigns with that list see them. Viewers read the
 * campaign, not the people in it. Editors write the website and see none of
 * this, not even read-only.
 *
 * - `view`: the petition list, a petition's settings and counts, packets.
 * - `edit`: create and edit petitions, change their status.
 * - `viewSignatures`: the signature list and its filters.
 * - `exportSignatures`: the CSV with emails and addresses. Organizers hand
 *   petitions on to coalition partners and to Action Network, so they need
 *   it; each download is in the audit log.
 * - `invalidate`: strike signatures out in bulk; it lowers the public count.
 * - `manageAbuse`: rate limits, blocked IPs and email domains, and the view
 *   of what is trending in the last hour (hashed IPs and email domains).
 */
export const petitionPermissions = {
  view: (actor: Actor) => roles.canRunCampaigns(actor) || actor.role === 'viewer',
  // The public page before it opens: any signed-in staff member, so an editor can check the words.
  preview: (_actor: Actor) => true,
  edit: (actor: Actor) => roles.canRunCampaigns(actor),
  viewSignatures: (actor: Actor) => roles.canRunCampaigns(actor),
  exportSignatures: (actor: Actor) => roles.canRunCampaigns(actor),
  invalidate: (actor: Actor) => roles.canRunCampaigns(actor),
  manageAbuse: (actor: Actor) => roles.canRunCampaigns(actor),
};
