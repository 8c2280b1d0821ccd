import type { Db } from '../../platform/db/client.ts';
import { enqueueEmail, paragraphs, type EmailContent, type EmailTemplate } from '../email/service.ts';
import { listStaff } from '../staff/service.ts';

export const PAUSED_TEMPLATE = 'webhook-paused';

const text = (data: Record<string, unknown>, name: string) => (typeof data[name] === 'string' ? data[name] : '');

/** The admins' message when an endpoint was paused for failing: which one, why, and where to resume it. */
export function webhookTemplates(): Record<string, EmailTemplate> {
  return {
    [PAUSED_TEMPLATE]: {
      render: (row, ctx): EmailContent => {
        const name = text(row.data, 'description');
        const host = text(row.data, 'host');
        const lines = [
          'Hello,',
          `The webhook endpoint “${name}” (${host}) has failed every delivery for ${text(row.data, 'days')} days, ` +
            'so it is paused: nothing more is sent to it until an admin resumes it.',
          'Its page shows each delivery with the answer it got. Once the receiver works again, resume it there: ' +
            'what is queued is sent, and changes from then on. Changes made while it was paused are not sent.',
        ];
        return {
          subject: `Webhook paused: ${name}`,
          preheader: lines[1]!,
          ...paragraphs(lines),
          action: { label: 'Open the endpoint', url: ctx.link(`/admin/webhooks/${Number(row.data.endpointId)}`) },
        };
      },
    },
  };
}

/**
 * Queues the message to every admin with a working account, in the caller's transaction. Keyed by the endpoint and
 * the start of its failing streak, so each streak is told once however many workers see it.
 */
export async function tellAdminsPaused(
  tx: Db,
  endpoint: { id: number; description: string; host: string; failingSince: Date; days: number },
  domain: string,
): Promise<number> {
  const admins = (await listStaff(tx)).filter((s) => s.role === 'admin' && !s.disabledAt && s.passwordSet);
  let queued = 0;
  for (const admin of admins) {
    const fresh = await enqueueEmail(
      tx,
      {
        idempotencyKey: `webhook-paused:${endpoint.id}:${endpoint.failingSince.getTime()}:${admin.id}`,
        to: admin.email,
        kind: 'transactional',
        template: PAUSED_TEMPLATE,
        locale: 'en',
        data: {
          endpointId: endpoint.id,
          description: endpoint.description,
          host: endpoint.host,
          days: String(endpoint.days),
        },
      },
      { domain },
    );
    if (fresh) queued += 1;
  }
  return queued;
}
