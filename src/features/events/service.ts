// The events feature's public surface: other features, and the app, use only what is exported here.

// H1: reading events, the RSVP form's checks, RSVPs, calendar files
export { eventById, eventBySlug, listEvents, rsvpOpen, type EventDetails } from './events-read.ts';
export {
  rsvpChangeFor,
  rsvpInputFor,
  rsvpInputMessages,
  type RsvpChange,
  type RsvpInput,
  type RsvpNeeds,
} from './rsvp-inputs.ts';

// H4: reminders a week and a day before, exactly once each, through the outbox
export { eventReminderSchedule, queueDueReminders, type ReminderPass } from './reminders.ts';
export { eventReminderTemplates, type ReminderEmailDeps } from './reminder-emails.ts';
