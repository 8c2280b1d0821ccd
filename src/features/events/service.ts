// The events feature's public surface: other features, and the app, use only what is exported here.

// H1: reading events, the RSVP form's checks, RSVPs and their emails, calendar files
export { eventById, eventBySlug, listEvents, rsvpOpen, type EventDetails } from './events-read.ts';
export {
  rsvpChangeFor,
  rsvpInputFor,
  rsvpInputMessages,
  type RsvpChange,
  type RsvpInput,
  type RsvpNeeds,
} from './rsvp-inputs.ts';
export {
  cancelRsvp,
  cancelRsvpById,
  changeRsvp,
  EVENTS_TOPIC_WORDING_VERSION,
  promoteWaitlist,
  rsvpByToken,
  rsvpManagePath,
  rsvpManageToken,
  submitRsvp,
  type RsvpDeps,
  type RsvpOutcome,
  type RsvpView,
} from './rsvp.ts';
export { rsvpTemplates, whenText } from './rsvp-emails.ts';
export { eventCalendar, eventUrl, webCalendarLinks } from './calendar.ts';
// A person's data (issue 18): their RSVPs.
export { rsvpPersonalData } from './personal-data.ts';
// RSVPs as they are made, a change feed for the webhooks (issue 20).
export { rsvpsCreated } from './change-feed.ts';
export { rsvpPersonRows } from './person-merge.ts';
// Who RSVPed, for the supporter list's filters and segments (issue 18).
export { rsvpActions } from './supporter-actions.ts';
// For the privacy purge: an RSVP keeps its person.
export { hasRsvp } from './rsvp-records.ts';

// H4: reminders a week and a day before, exactly once each, through the outbox
export { eventReminderSchedule, queueDueReminders, type ReminderPass } from './reminders.ts';
export { eventReminderTemplates, type ReminderEmailDeps } from './reminder-emails.ts';

// H3: the staff side (editing, attendees, check-in) and the audit log's words for it.
export {
  createEvent,
  eventTitle,
  getEventForStaff,
  listEventsForStaff,
  saveEvent,
  setEventStatus,
  type EventDraft,
  type EventOutcome,
  type StaffEvent,
} from './event-editing.ts';
export { eventPermissions } from './permissions.ts';
export { eventAuditWords } from './audit-words.ts';

// H2: the public pages' offers to the rest of the site: link targets, search, site map, sitemap paths, cache stamp
export { eventLinkTargets, publicEventsStamp } from './link-targets.ts';
export { searchEvents } from './search.ts';
export { eventsSiteMapSection, listPublicEventPaths } from './site-map.ts';
export { forgetRsvpsToPastEvents } from './forgetting.ts';

// The OSDI API's events and attendances (issue 20): pages in the order of their last change, and an RSVP made
// by the web form's rules.
export {
  apiAttendance,
  apiAttendancesPage,
  apiEvent,
  apiEventsPage,
  apiRsvp,
  type ApiAttendance,
  type ApiEvent,
  type ApiRsvpOutcome,
  type ApiRsvpRequest,
} from './api-attendances.ts';

// Staff cancel an event: everyone coming or waiting is emailed, in the same transaction.
export { cancellationTemplate, EVENT_CANCELLED_TEMPLATE, queueCancellationEmails } from './cancellation-emails.ts';
