import type { Audience } from '../../service.ts';

// The words the broadcast screens share for topics, states and counts.

export const topicLabels: Record<string, string> = {
  newsletter: 'Newsletter subscribers',
  'action-alerts': 'Action alert subscribers',
  events: 'Event news subscribers',
};

export const statusLabels: Record<string, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  sent: 'Sent',
  cancelled: 'Cancelled',
};

export function describeAudience(a: Audience): string {
  const topic = topicLabels[a.topic] ?? a.topic;
  // People chosen elsewhere (an event's attendees) who also get this topic.
  const parts = [a.label ? `${a.label}, among ${topic.toLowerCase()}` : topic];
  if (a.tag) parts.push(`tagged “${a.tag}”`);
  if (a.county) parts.push(`in ${a.county} County`);
  if (a.locale) parts.push(a.locale === 'es' ? 'who read Spanish' : 'who read English');
  return parts.join(', ');
}

/** "1 person", "3,214 people". */
export function people(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'person' : 'people'}`;
}
