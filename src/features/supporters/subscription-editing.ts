import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { consents, subscriptions, subscriptionTopics, supporterEvents, supporters, type Topic } from './schema.ts';
import { STAFF_CONSENT } from './staff-consent.ts';

export type SubscriptionsEdit =
  | { outcome: 'saved'; subscribed: Topic[]; unsubscribed: Topic[] }
  | { outcome: 'missing' }
  /** Topics ticked that they are not subscribed to, without the box saying they agreed: nothing was changed. */
  | { outcome: 'needs-consent'; topics: Topic[] };

/**
 * Staff change what a person gets, as the person asked them to. A topic
 * unticked stops at once, with the withdrawal on record. A topic ticked that
 * they do not get (never had, or unsubscribed from) starts only with a new
 * consent, the box that says they agreed in the words shown: staff cannot
 * put back what someone stopped. With that box, a topic still waiting for
 * their emailed confirmation starts too; without it, it keeps waiting.
 */
export async function changeSubscriptionsByStaff(
  db: Db,
  id: number,
  change: { topics: Topic[]; consent: boolean },
  actor: AuditActor,
  now = new Date(),
): Promise<SubscriptionsEdit> {
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ id: supporters.id }).from(supporters).where(eq(supporters.id, id)).for('update');
    if (!person) return { outcome: 'missing' };
    const current = new Map(
      (await tx.select().from(subscriptions).where(eq(subscriptions.supporterId, id))).map((s) => [s.topic, s.status]),
    );
    const starting: Topic[] = [];
    const unsubscribed: Topic[] = [];
    const needsConsent: Topic[] = [];
    for (const topic of subscriptionTopics) {
      const status = current.get(topic);
      const wanted = change.topics.includes(topic);
      const getsOrAwaits = status === 'subscribed' || status === 'pending';
      if (!wanted && getsOrAwaits) unsubscribed.push(topic);
      if (wanted && !getsOrAwaits) needsConsent.push(topic);
      // A pending topic ticked without the box keeps waiting for their own confirmation.
      if (wanted && status !== 'subscribed' && change.consent) starting.push(topic);
    }
    if (needsConsent.length > 0 && !change.consent) return { outcome: 'needs-consent', topics: needsConsent };
    const ctx = { supporterId: id, wordingVersion: STAFF_CONSENT.version, method: 'staff' as const, at: now };
    for (const topic of starting) await setStatus(tx, id, topic, 'subscribed', now);
    for (const topic of unsubscribed) await setStatus(tx, id, topic, 'unsubscribed', now);
    const agreements = [
      ...starting.map((topic) => ({ ...ctx, topic, granted: 'yes' as const })),
      ...unsubscribed.map((topic) => ({ ...ctx, topic, granted: 'no' as const })),
    ];
    if (agreements.length === 0) return { outcome: 'saved', subscribed: [], unsubscribed: [] };
    await tx.insert(consents).values(agreements);
    if (starting.length > 0)
      await tx
        .insert(supporterEvents)
        .values({ supporterId: id, kind: 'subscribed', detail: { topics: starting, method: 'staff' }, at: now });
    if (unsubscribed.length > 0)
      await tx
        .insert(supporterEvents)
        .values({ supporterId: id, kind: 'unsubscribed', detail: { topics: unsubscribed, method: 'staff' }, at: now });
    await recordAudit(tx, actor, {
      action: 'supporter.subscriptions-change',
      subjectType: 'supporter',
      subjectId: id,
      after: { subscribed: starting, unsubscribed },
    });
    await tx.update(supporters).set({ updatedAt: now }).where(eq(supporters.id, id));
    return { outcome: 'saved', subscribed: starting, unsubscribed };
  });
}

async function setStatus(tx: Db, supporterId: number, topic: Topic, status: 'subscribed' | 'unsubscribed', at: Date) {
  await tx
    .insert(subscriptions)
    .values({ supporterId, topic, status, updatedAt: at })
    .onConflictDoUpdate({ target: [subscriptions.supporterId, subscriptions.topic], set: { status, updatedAt: at } });
}
