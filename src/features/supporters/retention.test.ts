import { eq, inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { retention } from '../../platform/retention.ts';
import { emailOutbox } from '../email/schema.ts';
import { ERASED_ADDRESS } from './data-rights.ts';
import { signupConfirmations, supporters, supporterTags } from './schema.ts';
import {
  confirmSignup,
  purgeUnconfirmedSignups,
  requestSignup,
  subscriptionsOf,
  updatePreferences,
} from './service.ts';

const ctx = { method: 'web-form' as const, wordingVersion: 'retention-test', emailDomain: 'psj.example' };
const DAY = 24 * 60 * 60 * 1000;

describeEachDatabase('sign-ups nobody confirmed', (database) => {
  const db = () => database().db;
  const ask = (email: string, topics: ('newsletter' | 'events')[], now?: Date) =>
    requestSignup(db(), { givenName: 'Sam', email, topics }, { ...ctx, ...(now ? { now } : {}) });
  /** The token requestSignup emailed, read back from the outbox. */
  const linkFor = async (email: string) => {
    const rows = await db()
      .select({ data: emailOutbox.data })
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, email));
    return (rows.at(-1)!.data as { token: string }).token;
  };
  const idOf = async (email: string) =>
    (await db().select({ id: supporters.id }).from(supporters).where(eq(supporters.email, email)))[0]?.id;

  it('erases the people who never confirmed and nothing of anyone who did, or who is still in time', async () => {
    // The purge runs as if its period had passed since these people asked.
    const later = new Date(Date.now() + retention.unconfirmedDays * DAY + 60_000);
    await ask('forgot@example.org', ['newsletter']);
    await ask('confirmed@example.org', ['newsletter']);
    await confirmSignup(db(), await linkFor('confirmed@example.org'), ctx);
    await ask('mixed@example.org', ['newsletter']);
    await confirmSignup(db(), await linkFor('mixed@example.org'), ctx);
    await ask('mixed@example.org', ['events']);
    await ask('left@example.org', ['newsletter']);
    await confirmSignup(db(), await linkFor('left@example.org'), ctx);
    await updatePreferences(db(), (await idOf('left@example.org'))!, { topics: [], locale: 'en' }, ctx);
    await ask('tagged@example.org', ['newsletter']);
    await db()
      .insert(supporterTags)
      .values({ supporterId: (await idOf('tagged@example.org'))!, tag: 'volunteer' });
    await ask('held@example.org', ['newsletter']);
    await ask('in-time@example.org', ['newsletter']);
    await ask('in-time@example.org', ['newsletter'], new Date(later.getTime() - DAY));
    // One welcome went out already: sent mail stays, without its address.
    await db()
      .update(emailOutbox)
      .set({ status: 'sent', sentAt: new Date() })
      .where(eq(emailOutbox.toAddress, 'forgot@example.org'));
    await ask('forgot@example.org', ['newsletter']);

    const held = (await idOf('held@example.org'))!;
    const result = await purgeUnconfirmedSignups(db(), {
      now: later,
      batchSize: 1,
      keptBy: [(id) => sql`${id} = ${held}`],
    });
    expect(result).toEqual({ pendingTopics: 4, links: 6, people: 1 });

    expect(await idOf('forgot@example.org')).toBeUndefined();
    const forgotMail = await db()
      .select({ to: emailOutbox.toAddress, status: emailOutbox.status, data: emailOutbox.data })
      .from(emailOutbox)
      .where(inArray(emailOutbox.toAddress, ['forgot@example.org', ERASED_ADDRESS]));
    expect(forgotMail).toEqual([{ to: ERASED_ADDRESS, status: 'sent', data: {} }]);
    expect(await subscriptionsOf(db(), 'confirmed@example.org')).toEqual({ newsletter: 'subscribed' });
    expect(await subscriptionsOf(db(), 'mixed@example.org')).toEqual({ newsletter: 'subscribed' });
    expect(await subscriptionsOf(db(), 'left@example.org')).toEqual({ newsletter: 'unsubscribed' });
    expect(await subscriptionsOf(db(), 'tagged@example.org')).toEqual({});
    expect(await idOf('tagged@example.org')).toBeDefined();
    expect(await subscriptionsOf(db(), 'held@example.org')).toEqual({});
    expect(await idOf('held@example.org')).toBeDefined();
    expect(await subscriptionsOf(db(), 'in-time@example.org')).toEqual({ newsletter: 'pending' });
    // The links people used stay (a second press says "already confirmed"); unused ones past the period go.
    const links = await db()
      .select({ supporterId: signupConfirmations.supporterId, used: signupConfirmations.usedAt })
      .from(signupConfirmations);
    expect(links.filter((l) => l.used !== null)).toHaveLength(3);
    expect(links.filter((l) => l.used === null).map((l) => l.supporterId)).toEqual([await idOf('in-time@example.org')]);

    expect(await purgeUnconfirmedSignups(db(), { now: later, keptBy: [(id) => sql`${id} = ${held}`] })).toEqual({
      pendingTopics: 0,
      links: 0,
      people: 0,
    });
  });
});
