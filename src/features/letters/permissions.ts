import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * May this staff member do this to letter campaigns?
 *
 * Every staff member may read campaigns (the editor shown disabled). A campaign speaks to legislators in
 * supporters' names, and its targets and delivery decide which offices hear from them, so making and changing
 * one is for those who run campaigns (admins and organizers); editors, who write the site's pages, do not.
 * Reports and the lobby packet hold writers' names and letters: personal data, the supporter list's rule.
 * Live delivery is what lets mail reach a real legislator's office, so only admins turn it on or off.
 * A screen whose only purpose is a change needs that change's permission even to open.
 */
export const letterPermissions = {
  view: (_actor: Actor) => true,
  manage: (actor: Actor) => roles.canRunCampaigns(actor),
  reports: (actor: Actor) => roles.canRunCampaigns(actor),
  liveDelivery: (actor: Actor) => roles.isAdmin(actor),
};
