import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import type { EmailFeedback } from '../email/service.ts';
import { supporterEvents, supporters } from './schema.ts';

/**
 * A bounce or complaint reported by the relay, on the timeline of the
 * person with that address: 'bounced' (hard or soft) or 'complained'.
 * A report delivered twice is recorded once. Addresses that belong to no
 * supporter (a staff test send) are left alone. Returns true when an
 * entry was added.
 */
export async function recordEmailFeedback(db: Db, feedback: EmailFeedback): Promise<boolean> {
  const [person] = await db
    .select({ id: supporters.id })
    .from(supporters)
    .where(eq(supporters.email, normalizeEmail(feedback.email)));
  if (!person) return false;
  const kind = feedback.type === 'complaint' ? 'complained' : 'bounced';
  const [already] = await db
    .select({ id: supporterEvents.id })
    .from(supporterEvents)
    .where(
      and(
        eq(supporterEvents.supporterId, person.id),
        eq(supporterEvents.kind, kind),
        sql`${supporterEvents.detail}->>'reportKey' = ${feedback.key}`,
      ),
    )
    .limit(1);
  if (already) return false;
  await db.insert(supporterEvents).values({
    supporterId: person.id,
    kind,
    detail: {
      ...(feedback.bounceType ? { bounceType: feedback.bounceType } : {}),
      // A hard bounce or a complaint stops all bulk mail to the address (email suppressions).
      suppressesBulkMail: feedback.type === 'complaint' || feedback.bounceType === 'hard',
      source: feedback.source,
      ...(feedback.providerType ? { providerType: feedback.providerType } : {}),
      ...(feedback.messageId ? { messageId: feedback.messageId } : {}),
      reportKey: feedback.key,
    },
    at: feedback.at,
  });
  return true;
}
