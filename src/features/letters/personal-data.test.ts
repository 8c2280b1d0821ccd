import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { emailOutbox } from '../email/schema.ts';
import { supporters } from '../supporters/schema.ts';
import { letterPersonalData, sendLetter } from './service.ts';
import { letterDeps, letterInput, makeCampaign, REVIEW_ADDRESS, seedRoster } from './test-support.ts';

describeEachDatabase("letters' part of a person's data", (database) => {
  const db = () => database().db;
  beforeAll(async () => seedRoster(db()));

  it('gives a writer their words, address, districts and each recipient with its state, and no one else’s', async () => {
    const campaign = await makeCampaign(db());
    const input = letterInput('data-me', { story: 'My rent doubled.' });
    const outcome = await sendLetter(db(), letterDeps(), campaign.id, input, { locale: 'en' });
    const letterId = (outcome as { letterId: number }).letterId;
    const sentAt = new Date();
    await db()
      .update(emailOutbox)
      .set({ status: 'sent', sentAt })
      .where(eq(emailOutbox.idempotencyKey, `letter:${letterId}:ocd-person/test-sen-10`));
    await sendLetter(db(), letterDeps(), campaign.id, letterInput('data-other', { body: 'Not their words.' }), {
      locale: 'en',
    });
    const [writer] = await db().select({ id: supporters.id }).from(supporters).where(eq(supporters.email, input.email));

    expect(letterPersonalData.name).toBe('letters');
    expect(letterPersonalData.erase).toBeUndefined();
    const copy = await letterPersonalData.export(db(), { supporterId: writer!.id, emails: [input.email] });
    expect(copy).toEqual([
      {
        campaign: { slug: campaign.slug, title: expect.stringMatching(/^Sample: homes people can afford/) },
        language: 'en',
        subject: input.subject,
        body: input.body,
        story: 'My rent doubled.',
        address: { street: '100 Sample St NE', city: 'Salem', zip: '97301' },
        districts: { senate: '10', house: '19', foundBy: 'map' },
        sentAt: expect.any(String),
        recipients: [
          {
            legislator: 'Sample Representative Cruz',
            chamber: 'lower',
            district: '19',
            live: false,
            state: 'queued',
            deliveredAt: null,
          },
          {
            legislator: 'Sample Senator Avery',
            chamber: 'upper',
            district: '10',
            live: false,
            state: 'sent',
            deliveredAt: sentAt.toISOString(),
          },
        ],
      },
    ]);
    const text = JSON.stringify(copy);
    expect(text).not.toContain('Not their words.');
    expect(text).not.toContain(REVIEW_ADDRESS);
    expect(text).not.toMatch(/token|nonce|hash/i);
  });
});
