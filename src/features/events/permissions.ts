import { roles, type StaffRole } from '../staff/service.ts';

type Actor = { role: StaffRole };

/**
 * May this staff member do this to events?
 *
 * An event's page is content, like a news post: every staff member may read events and drafts (the editor shown
 * disabled), and those who write content write and publish them. Who is coming is personal data (names, needs,
 * districts), so the attendee list, its export, the check-in sheet and page, and messages to attendees follow the
 * supporter list's rule: those who run campaigns (admins and organizers). Cancelling an event lets down everyone
 * who said they would come, and only those who can see and message them can tell them, so it follows that rule too.
 * A screen whose only purpose is a change needs that change's permission even to open.
 */
export const eventPermissions = {
  view: (_actor: Actor) => true,
  edit: (actor: Actor) => roles.canWriteContent(actor),
  publish: (actor: Actor) => roles.canWriteContent(actor),
  cancel: (actor: Actor) => roles.canRunCampaigns(actor),
  attendees: (actor: Actor) => roles.canRunCampaigns(actor),
  checkIn: (actor: Actor) => roles.canRunCampaigns(actor),
  message: (actor: Actor) => roles.canRunCampaigns(actor),
};
