import type { NeedKind } from './attendees.ts';
import type { EventFormat, EventStatus, QuestionKind, RsvpStatus } from './schema.ts';

// The words the event screens share. The workspace speaks English, as every other workspace screen does.

export const statusLabels: Record<EventStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  cancelled: 'Cancelled',
};

export const formatLabels: Record<EventFormat, string> = {
  'in-person': 'In person',
  online: 'Online',
};

export const questionKindLabels: Record<QuestionKind, string> = {
  text: 'A short answer they type',
  'yes-no': 'Yes or no',
  choice: 'One of several choices',
};

export const rsvpStatusLabels: Record<RsvpStatus, string> = {
  confirmed: 'Coming',
  waitlisted: 'On the waitlist',
  cancelled: 'Cancelled',
};

export const needLabels: Record<NeedKind, string> = {
  interpretation: 'Interpretation',
  accessibility: 'Accessibility needs',
  childcare: 'Childcare',
  travel: 'Travel help',
};

export const interpretationLabels: Record<string, string> = {
  spanish: 'Spanish',
  asl: 'ASL',
  other: 'Other',
};

/** "1 person", "3,214 people". */
export function people(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'person' : 'people'}`;
}

/** "12 of 50 seats taken", or "12 coming (no limit)". */
export function seatsLine(confirmed: number, capacity: number | null): string {
  return capacity === null
    ? `${confirmed.toLocaleString('en-US')} coming (no limit)`
    : `${confirmed.toLocaleString('en-US')} of ${capacity.toLocaleString('en-US')} seats taken`;
}
