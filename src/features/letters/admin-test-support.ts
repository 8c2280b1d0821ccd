import type { Db } from '../../platform/db/client.ts';
import { supporters } from '../supporters/schema.ts';
import type { CampaignDraft } from './campaign-editing.ts';
import { letterDeliveries, letters, type DeliveryStatus } from './schema.ts';

let made = 0;

/** A campaign's editor draft: to the writer's senator and representative, one letter each, in test mode. */
export function sampleCampaign(
  more: Partial<CampaignDraft['facts']> = {},
  title = 'Sample clean water letters',
): CampaignDraft {
  return {
    facts: {
      slug: `sample-letters-${Date.now().toString(36)}-${made++}`,
      targetKinds: ['my-senator', 'my-representative'],
      committee: '',
      legislatorIds: [],
      deliveryMode: 'each',
      reviewAddress: 'letters-review@example.org',
      allowStory: true,
      goal: 100,
      opensAt: null,
      closesAt: null,
      ...more,
    },
    words: {
      en: {
        title,
        summary: 'A sample campaign.',
        subjectMatter: 'The sample clean water bill',
        talkingPointsMd: '- Water is **life**',
        subject: 'Please support clean water',
        greeting: 'Dear',
        body: 'I am writing as your constituent.',
        closing: 'Sincerely,',
        storyPrompt: 'How does water matter to you?',
      },
    },
  };
}

/**
 * A letter written straight into the tables with its deliveries, as the letter side would leave them: the staff
 * reports are tested without the public form. Each recipient is a legislator's seat as written down when sent.
 */
export async function addLetter(
  db: Db,
  campaignId: number,
  writer: { givenName: string; familyName: string; senate?: string; house?: string; body?: string; city?: string },
  to: {
    id: string;
    name: string;
    chamber: 'upper' | 'lower';
    district: string;
    live?: boolean;
    status?: DeliveryStatus;
  }[],
) {
  const email = `${writer.givenName}.${writer.familyName}.${made++}@example.org`
    .toLowerCase()
    .replace(/[^a-z0-9.@]/g, 'x');
  const [supporter] = await db
    .insert(supporters)
    .values({ email, emailAsTyped: email, givenName: writer.givenName, familyName: writer.familyName, zip: '97301' })
    .returning({ id: supporters.id });
  const [letter] = await db
    .insert(letters)
    .values({
      campaignId,
      supporterId: supporter!.id,
      subject: 'Please support clean water',
      body: writer.body ?? 'I am writing as your constituent.',
      street: '1 Sample Street',
      city: writer.city ?? 'Salem',
      zip: '97301',
      senateDistrict: writer.senate ?? null,
      houseDistrict: writer.house ?? null,
      foundBy: 'zip',
    })
    .returning({ id: letters.id });
  for (const t of to)
    await db.insert(letterDeliveries).values({
      letterId: letter!.id,
      legislatorId: t.id,
      legislatorName: t.name,
      chamber: t.chamber,
      district: t.district,
      toAddress: t.live ? `${t.id}@legislature.example` : 'letters-review@example.org',
      live: t.live ?? false,
      status: t.status ?? 'queued',
    });
  return { letterId: letter!.id, supporterId: supporter!.id, email };
}
