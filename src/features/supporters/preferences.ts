/** What a person receives, as they (or a tool acting on their word) set it. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { consents, subscriptions, supporterEvents, supporters, type ConsentMethod, type Topic } from './schema.ts';

export type Preferences = {
  email: string;
  givenName: string;
  locale: Locale;
  subscriptions: Partial<Record<Topic, 'pending' | 'subscribed' | 'unsubscribed'>>;
};

export async function getPreferences(db: Db, supporterId: number): Promise<Preferences | undefined> {
  const [person] = await db.select().from(supporters).where(eq(supporters.id, supporterId));
  if (!person) return undefined;
  const subs = await db.select().from(subscriptions).where(eq(subscriptions.supporterId, supporterId));
  return {
    email: person.email,
    givenName: person.givenName,
    locale: person.locale,
    subscriptions: Object.fromEntries(subs.map((s) => [s.topic, s.status])),
  };
}

/**
 * Sets what a person receives. Topics they leave become unsubscribed at once,
 * with a consent withdrawal on record; a topic can only be turned back on by
 * one they had confirmed before (new ones go through double opt-in).
 */
export async function updatePreferences(
  db: Db,
  supporterId: number,
  change: { topics: Topic[]; locale: Locale },
  ctx: { method: ConsentMethod; wordingVersion: string; now?: Date },
): Promise<void> {
  const now = ctx.now ?? new Date();
  await db.transaction(async (tx) => {
    const current = await tx.select().from(subscriptions).where(eq(subscriptions.supporterId, supporterId));
    const unsubscribed: Topic[] = [];
    for (const sub of current) {
      const wanted = change.topics.includes(sub.topic);
      if (!wanted && sub.status !== 'unsubscribed') {
        unsubscribed.push(sub.topic);
        await tx
          .update(subscriptions)
          .set({ status: 'unsubscribed', updatedAt: now })
          .where(and(eq(subscriptions.supporterId, supporterId), eq(subscriptions.topic, sub.topic)));
        await tx.insert(consents).values({
          supporterId,
          topic: sub.topic,
          granted: 'no',
          wordingVersion: ctx.wordingVersion,
          method: ctx.method,
          at: now,
        });
      }
    }
    await tx.update(supporters).set({ locale: change.locale, updatedAt: now }).where(eq(supporters.id, supporterId));
    if (unsubscribed.length > 0)
      await tx
        .insert(supporterEvents)
        .values({ supporterId, kind: 'unsubscribed', detail: { topics: unsubscribed, method: ctx.method }, at: now });
  });
}

/** One-click unsubscribe (RFC 8058): everything, at once. */
export async function unsubscribeAll(
  db: Db,
  supporterId: number,
  ctx: { method: ConsentMethod; wordingVersion: string },
): Promise<void> {
  const person = await getPreferences(db, supporterId);
  if (person) await updatePreferences(db, supporterId, { topics: [], locale: person.locale }, ctx);
}
