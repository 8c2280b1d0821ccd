import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import { webhookEvents, type WebhookEvent } from './events.ts';

/** The add-an-endpoint form as typed: the address, what it is, and one checkbox per event (`event-person-created`). */
export type EndpointFormValues = { url: string; description: string; events: WebhookEvent[] };

/** The checkbox of an event, named without dots so its id is a plain fragment. */
export const eventField = (event: WebhookEvent) => `event-${event.replace('.', '-')}`;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An endpoint's address: https, or plain http to this machine (a receiver beside the site) or anywhere while the
 * site is not in production (a developer's receiver on the local network). No user name or password in it: the
 * signature is how a receiver knows the sender, and an address is shown on screens and in the audit log.
 */
export function endpointUrl(options: { httpAllowed: boolean }) {
  return plainText({ max: 2000, required: 'Enter the address that receives the deliveries' }).superRefine(
    (typed, ctx) => {
      if (typed === '') return;
      let url: URL;
      try {
        url = new URL(typed);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Enter a full address, starting https://' });
        return;
      }
      const loopback = LOOPBACK.has(url.hostname);
      if (url.protocol === 'http:' && !loopback && !options.httpAllowed)
        ctx.addIssue({ code: 'custom', message: 'Use an https:// address (plain http only to this machine)' });
      else if (url.protocol !== 'https:' && url.protocol !== 'http:')
        ctx.addIssue({ code: 'custom', message: 'Enter a full address, starting https://' });
      else if (url.username || url.password)
        ctx.addIssue({
          code: 'custom',
          message: 'Leave out the user name and password: deliveries are signed instead',
        });
    },
  );
}

/** The add-an-endpoint form, checked. */
export function endpointInput(options: { httpAllowed: boolean }) {
  return z.object({
    url: endpointUrl(options),
    description: plainText({ max: 200, required: 'Say what receives the deliveries (a tool, a partner)' }),
    events: z.array(z.enum(webhookEvents)).min(1, 'Choose at least one event to send'),
  });
}

export type EndpointInput = z.infer<ReturnType<typeof endpointInput>>;

/** The form's fields as typed: a checkbox counts as ticked only with the value a browser sends for it. */
export function endpointFormValues(field: (name: string) => string): EndpointFormValues {
  return {
    url: field('url'),
    description: field('description'),
    events: webhookEvents.filter((event) => field(eventField(event)) === 'on'),
  };
}
