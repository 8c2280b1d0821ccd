import { eq } from 'drizzle-orm';
import * as fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { emailOutbox } from '../email/schema.ts';
import { consents, signupConfirmations, supporters } from './schema.ts';
import {
  checkConfirmation,
  confirmSignup,
  CONFIRMATIONS_PER_DAY,
  requestSignup,
  subscriptionsOf,
  timelineOf,
} from './service.ts';

const ctx = { method: 'web-form' as const, wordingVersion: 'newsletter-2026-11', emailDomain: 'psj.example' };

describeEachDatabase('newsletter double opt-in', (database) => {
  const db = () => database().db;

  async function tokenSentTo(email: string): Promise<string> {
    const rows = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    const confirm = rows.filter((r) => r.template === 'signup-confirm').at(-1);
    return String(confirm!.data.token);
  }

  it('keeps the address pending until the emailed link is used, then records consent, queues a welcome', async () => {
    await requestSignup(
      db(),
      {
        givenName: 'Rosa',
        email: '  Rosa.Pérez@Example.org ',
        locale: 'es',
        topics: ['newsletter', 'events'],
        source: 'spring-mailer',
      },
      ctx,
    );
    const email = 'rosa.pérez@example.org';
    expect(await subscriptionsOf(db(), email)).toEqual({ newsletter: 'pending', events: 'pending' });
    const [person] = await db().select().from(supporters).where(eq(supporters.email, email));
    expect(person).toMatchObject({
      emailAsTyped: 'Rosa.Pérez@Example.org',
      locale: 'es',
      firstSource: 'spring-mailer',
    });

    const token = await tokenSentTo(email);
    expect(await checkConfirmation(db(), token)).toEqual({ state: 'valid', locale: 'es' });
    // Looking at the page does not confirm: only the POST does.
    expect(await subscriptionsOf(db(), email)).toEqual({ newsletter: 'pending', events: 'pending' });

    expect(await confirmSignup(db(), token, ctx)).toEqual({ state: 'valid', locale: 'es' });
    expect(await subscriptionsOf(db(), email)).toEqual({ newsletter: 'subscribed', events: 'subscribed' });
    const agreed = await db().select().from(consents).where(eq(consents.supporterId, person!.id));
    expect(agreed.map((c) => [c.topic, c.granted, c.wordingVersion, c.method]).sort()).toEqual([
      ['events', 'yes', 'newsletter-2026-11', 'web-form'],
      ['newsletter', 'yes', 'newsletter-2026-11', 'web-form'],
    ]);
    const queued = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(queued.map((q) => q.template).sort()).toEqual(['signup-confirm', 'welcome']);
    expect((await timelineOf(db(), email)).map((e) => e.kind)).toEqual(['subscribe-requested', 'confirmed']);

    // Single use.
    expect(await confirmSignup(db(), token, ctx)).toEqual({ state: 'used' });
    expect((await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))).length).toBe(2);
  });

  it('refuses an expired link and an unknown one', async () => {
    const past = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    await requestSignup(
      db(),
      { givenName: 'Old', email: 'old@example.org', topics: ['newsletter'] },
      { ...ctx, now: past },
    );
    const token = await tokenSentTo('old@example.org');
    expect(await confirmSignup(db(), token, ctx)).toEqual({ state: 'expired' });
    expect(await subscriptionsOf(db(), 'old@example.org')).toEqual({ newsletter: 'pending' });
    expect(await confirmSignup(db(), 'not-a-real-token', ctx)).toEqual({ state: 'unknown' });
  });

  it('sends at most three confirmations a day to one address, and never downgrades a subscription', async () => {
    for (let i = 0; i < 6; i++)
      await requestSignup(db(), { givenName: 'Lee', email: 'lee@example.org', topics: ['newsletter'] }, ctx);
    const sent = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'lee@example.org'));
    expect(sent).toHaveLength(CONFIRMATIONS_PER_DAY);
    await confirmSignup(db(), await tokenSentTo('lee@example.org'), ctx);
    await requestSignup(
      db(),
      { givenName: 'Lee', email: 'LEE@example.org', topics: ['newsletter', 'action-alerts'] },
      { ...ctx, now: new Date(Date.now() + 25 * 60 * 60 * 1000) },
    );
    expect(await subscriptionsOf(db(), 'lee@example.org')).toEqual({
      newsletter: 'subscribed',
      'action-alerts': 'pending',
    });
  });

  it('refuses bad input without writing anything', async () => {
    const before = (await db().select().from(supporters)).length;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          givenName: fc.string({ maxLength: 120 }),
          email: fc.oneof(fc.string({ maxLength: 60 }), fc.emailAddress()),
          zip: fc.string({ maxLength: 8 }),
          topics: fc.array(fc.string({ maxLength: 15 }), { maxLength: 3 }),
        }),
        async (input) => {
          try {
            await requestSignup(db(), input as never, ctx);
          } catch {
            // Refused at validation: nothing may have been written.
          }
        },
      ),
      { numRuns: 300 },
    );
    const after = await db().select().from(supporters);
    // Whatever random input got through was complete: a name, a real-looking address, and a pending confirmation.
    for (const person of after.slice(before)) {
      expect(person.givenName.trim()).not.toBe('');
      expect(person.email).toContain('@');
      expect(
        await db().select().from(signupConfirmations).where(eq(signupConfirmations.supporterId, person.id)),
      ).not.toHaveLength(0);
    }
  });
});
