import type { AuditFacts, AuditWords } from '../audit/service.ts';

/** The audit log's sentences for events: "Rosa Martinez published the event Advocacy Day". */
function event(e: AuditFacts): string {
  return `the event ${e.subject ?? e.subjectId}`;
}

const fieldLabels: Record<string, string> = {
  slug: 'Address',
  format: 'In person or online',
  startsAt: 'Starts',
  endsAt: 'Ends',
  timeZone: 'Time zone',
  venue: 'Place',
  address: 'Street address',
  joinUrl: 'Join link',
  capacity: 'Seats',
  rsvpDeadline: 'RSVP deadline',
  meetsLegislators: 'Meets legislators',
  imageId: 'Image',
  status: 'State',
  sessions: 'Sessions',
  questions: 'Questions',
  'en.title': 'Title (English)',
  'en.summary': 'Summary (English)',
  'en.descriptionMd': 'Description (English)',
  'en.accessibilityNotes': 'Accessibility (English)',
  'es.title': 'Title (Spanish)',
  'es.summary': 'Summary (Spanish)',
  'es.descriptionMd': 'Description (Spanish)',
  'es.accessibilityNotes': 'Accessibility (Spanish)',
  rsvp: 'RSVP',
  checkedIn: 'Checked in',
};

export const eventAuditWords: AuditWords = {
  actions: {
    'event.create': { label: 'Created an event', sentence: (e) => `${e.actor} created ${event(e)}` },
    'event.update': { label: 'Edited an event', sentence: (e) => `${e.actor} edited ${event(e)}` },
    'event.publish': { label: 'Published an event', sentence: (e) => `${e.actor} published ${event(e)}` },
    'event.unpublish': {
      label: 'Took an event back to draft',
      sentence: (e) => `${e.actor} took ${event(e)} back to draft`,
    },
    'event.cancel': { label: 'Cancelled an event', sentence: (e) => `${e.actor} cancelled ${event(e)}` },
    'event.check-in': {
      label: 'Checked in an attendee',
      sentence: (e) => `${e.actor} checked in an attendee at ${event(e)}`,
    },
    'event.undo-check-in': {
      label: 'Undid a check-in',
      sentence: (e) => `${e.actor} undid an attendee’s check-in at ${event(e)}`,
    },
    'event.export': {
      label: 'Downloaded an attendee list',
      sentence: (e) => `${e.actor} downloaded the attendee list of ${event(e)}`,
    },
  },
  subjectHref: (type, id) => (type === 'event' && /^[0-9]{1,9}$/.test(id) ? `/admin/events/${id}` : undefined),
  fieldLabel: (name) => fieldLabels[name],
};
