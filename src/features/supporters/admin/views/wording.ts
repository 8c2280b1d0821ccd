import type { Locale } from '../../../../platform/web/locale.ts';
import type { SupporterStatus, TimelineEntry } from '../../records.ts';
import type { Topic } from '../../schema.ts';

/** How the supporter screens say things, in the workspace's English. */

export const topicLabel: Record<Topic, string> = {
  newsletter: 'Newsletter',
  'action-alerts': 'Action alerts',
  events: 'Events',
};
export const languageLabel: Record<Locale, string> = { en: 'English', es: 'Spanish' };
export const statusLabel: Record<SupporterStatus, string> = {
  subscribed: 'Subscribed',
  pending: 'Waiting to confirm',
  unsubscribed: 'Unsubscribed',
  suppressed: 'Do not email',
};
export const subscriptionLabel: Record<string, string> = {
  subscribed: 'Subscribed',
  pending: 'Waiting to confirm',
  unsubscribed: 'Unsubscribed',
};
export const methodLabel: Record<string, string> = {
  'web-form': 'web form',
  import: 'import',
  api: 'API',
  staff: 'told staff',
};
/** The details form's fields, as a timeline entry names what changed. */
const fieldLabel: Record<string, string> = {
  givenName: 'first name',
  familyName: 'last name',
  email: 'email address',
  phone: 'phone number',
  zip: 'ZIP code',
  language: 'language',
};
export const suppressionLabel: Record<string, string> = {
  'hard-bounce': 'an email to this address bounced permanently',
  complaint: 'they reported our email as spam',
  manual: 'staff stopped email to this address',
};

export const templateLabel: Record<string, string> = {
  'signup-confirm': 'confirmation link',
  welcome: 'welcome',
  broadcast: 'broadcast',
  'preferences-link': 'new link to their preferences, at their request',
  'event-rsvp-confirmed': 'RSVP confirmation',
  'event-rsvp-waitlisted': 'place on an event’s waitlist',
  'event-rsvp-promoted': 'a place at an event opened up for them',
  'event-rsvp-cancelled': 'RSVP cancelled',
  'letter-copy': 'copy of their letter to legislators, and thanks',
};

function topicsOf(detail: Record<string, unknown>): string {
  const topics = Array.isArray(detail.topics) ? detail.topics : [];
  return topics.map((t) => topicLabel[t as Topic] ?? String(t)).join(', ');
}

function via(detail: Record<string, unknown>): string {
  return typeof detail.method === 'string' ? ` (${methodLabel[detail.method] ?? detail.method})` : '';
}

/**
 * One line for a timeline entry. Kinds added by later features fall back to
 * their own name, so a new kind never breaks the page.
 */
export function describeEntry(entry: TimelineEntry): string {
  if (entry.source === 'email') {
    const what = templateLabel[entry.template] ?? entry.template;
    if (entry.status === 'sent') return `Email sent: ${what}`;
    if (entry.status === 'failed') return `Email could not be delivered: ${what}`;
    if (entry.status === 'suppressed') return `Email held back (unsubscribed or on the do-not-email list): ${what}`;
    return `Email waiting to be sent: ${what}`;
  }
  if (entry.source === 'note')
    return `Note by ${entry.author ?? 'a former member of staff'}${entry.editedAt ? ' (corrected since)' : ''}`;
  const d = entry.detail;
  const topics = topicsOf(d);
  switch (entry.kind) {
    case 'subscribe-requested':
      return `Asked to subscribe${topics ? ` to ${topics}` : ''}${via(d)}`;
    case 'confirmed':
      return `Confirmed by email${topics ? `: ${topics}` : ''}`;
    case 'added-by-staff':
      return `Added by staff${topics ? `, subscribed to ${topics}` : ''}${via(d)}`;
    case 'subscribed':
      return `Subscribed${topics ? ` to ${topics}` : ''}${via(d)}`;
    case 'details-changed': {
      const fields = Array.isArray(d.fields) ? d.fields.map((f) => fieldLabel[String(f)] ?? String(f)) : [];
      return `Staff changed their ${fields.length > 0 ? fields.join(', ') : 'details'}`;
    }
    case 'merged':
      return `Merged with supporter #${String(d.mergedId)}: that record's history is part of this one`;
    case 'unsubscribed':
      return `Unsubscribed${topics ? ` from ${topics}` : ''}${via(d)}`;
    case 'bounced':
      return 'An email to them bounced';
    case 'complained':
      return 'Reported our email as spam';
    case 'links-stopped':
      return d.by === 'staff'
        ? 'Staff stopped the links in emails sent so far'
        : 'Stopped the links in emails sent so far';
    case 'preferences-link-sent':
      return 'Asked for a new link to their preferences';
    // The events feature's RSVPs: the event by its address, as the entry keeps it.
    case 'rsvp':
      return d.status === 'waitlisted'
        ? `RSVP to the event “${String(d.slug)}”: on the waitlist, number ${String(d.position)}`
        : `RSVP to the event “${String(d.slug)}”: has a place`;
    case 'rsvp-changed':
      return `Changed their RSVP to the event “${String(d.slug)}”`;
    case 'rsvp-cancelled':
      return `${d.by === 'staff' ? 'Staff cancelled their' : 'Cancelled their'} RSVP to the event “${String(d.slug)}”`;
    case 'rsvp-promoted':
      return `Moved up from the waitlist: has a place at the event “${String(d.slug)}”`;
    // The letters feature: a letter to legislators, by its campaign's address.
    case 'letter': {
      const n = Number(d.legislators);
      return `Wrote to ${n === 1 ? 'a legislator' : `${n} legislators`} in the letter campaign “${String(d.slug)}”`;
    }
    default: {
      const words = entry.kind.replace(/[-_]+/g, ' ');
      return words.charAt(0).toUpperCase() + words.slice(1) + (topics ? `: ${topics}` : '');
    }
  }
}
