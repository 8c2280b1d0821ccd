import type { Db } from '../../platform/db/client.ts';
import { legislators } from '../reference/schema.ts';
import type { LetterDeps } from './letter.ts';
import type { LetterInput } from './letter-inputs.ts';
import { letterCampaignTranslations, letterCampaigns, type DeliveryMode, type TargetKind } from './schema.ts';

// Shared by the letters tests (and the public and staff helpers' tests): a roster whose addresses look
// like the Legislature's, a campaign, a letter.

export const testPublicUrl = 'https://psj.example';
export const REVIEW_ADDRESS = 'letters-review@psj.example';

/**
 * Legislators with addresses shaped like the real roster's (the Legislature's domain), so a test can
 * prove none of them is ever written to: a few senators and representatives, and one seat without an
 * address. Test data, not real people.
 */
export const testRoster = [
  {
    id: 'ocd-person/test-sen-10',
    name: 'Sample Senator Avery',
    chamber: 'upper',
    district: '10',
    email: 'sen.avery@oregonlegislature.gov',
  },
  {
    id: 'ocd-person/test-sen-11',
    name: 'Sample Senator Brook',
    chamber: 'upper',
    district: '11',
    email: 'sen.brook@oregonlegislature.gov',
  },
  {
    id: 'ocd-person/test-rep-19',
    name: 'Sample Representative Cruz',
    chamber: 'lower',
    district: '19',
    email: 'rep.cruz@oregonlegislature.gov',
  },
  {
    id: 'ocd-person/test-rep-20',
    name: 'Sample Representative Dale',
    chamber: 'lower',
    district: '20',
    email: 'rep.dale@oregonlegislature.gov',
  },
  {
    id: 'ocd-person/test-rep-21',
    name: 'Sample Representative Ellis',
    chamber: 'lower',
    district: '21',
    email: 'rep.ellis@oregonlegislature.gov',
  },
  { id: 'ocd-person/test-rep-22', name: 'Sample Representative Fox', chamber: 'lower', district: '22', email: null },
] as const;

export const rosterAddresses = testRoster.flatMap((l) => (l.email ? [l.email] : []));

/** A committee: its members by roster id (the roster's committees are the legislators feature's). */
export const testCommittee = {
  name: 'Sample Committee on Housing',
  members: ['ocd-person/test-sen-11', 'ocd-person/test-rep-21'],
};
export const committeeMembers = async (_db: Db, name: string) =>
  name === testCommittee.name ? testCommittee.members : [];

export async function seedRoster(db: Db): Promise<void> {
  await db
    .insert(legislators)
    .values(testRoster.map((l) => ({ ...l, email: l.email })))
    .onConflictDoNothing();
}

let made = 0;

/** A campaign with English and Spanish words; open unless told, writing to "my senator" and "my representative". */
export async function makeCampaign(
  db: Db,
  opts: {
    status?: 'draft' | 'open' | 'closed';
    targetKinds?: TargetKind[];
    deliveryMode?: DeliveryMode;
    live?: boolean;
    allowStory?: boolean;
    legislatorIds?: string[];
    committee?: string;
    opensAt?: Date;
    closesAt?: Date;
    reviewAddress?: string;
  } = {},
) {
  made += 1;
  const [row] = await db
    .insert(letterCampaigns)
    .values({
      slug: `sample-letters-${made}-${Math.random().toString(36).slice(2, 8)}`,
      status: opts.status ?? 'open',
      targetKinds: opts.targetKinds ?? ['my-senator', 'my-representative'],
      deliveryMode: opts.deliveryMode ?? 'each',
      reviewAddress: opts.reviewAddress ?? REVIEW_ADDRESS,
      liveDeliveryAt: opts.live ? new Date() : null,
      allowStory: opts.allowStory ?? true,
      legislatorIds: opts.legislatorIds ?? [],
      committee: opts.committee ?? '',
      opensAt: opts.opensAt ?? null,
      closesAt: opts.closesAt ?? null,
      isDemo: true,
    })
    .returning();
  await db.insert(letterCampaignTranslations).values([
    {
      campaignId: row!.id,
      locale: 'en',
      title: `Sample: homes people can afford ${made}`,
      subject: 'Please support the sample housing bill',
      greeting: 'Dear {legislator},',
      body: 'As your constituent, I ask you to support the sample housing bill.',
      closing: 'Thank you for your time.',
      storyPrompt: 'Tell them what housing costs mean for you.',
    },
    {
      campaignId: row!.id,
      locale: 'es',
      title: `Muestra: viviendas al alcance ${made}`,
      subject: 'Apoye el proyecto de vivienda de muestra',
      greeting: 'Estimado(a) {legislator}:',
      body: 'Como su elector(a), le pido que apoye el proyecto de vivienda de muestra.',
      closing: 'Gracias por su tiempo.',
    },
  ]);
  return row!;
}

export function letterInput(tag: string, more: Partial<LetterInput> = {}): LetterInput {
  return {
    givenName: 'Sample',
    familyName: `Writer ${tag}`,
    email: `writer-${tag}@example.org`,
    street: '100 Sample St NE',
    city: 'Salem',
    zip: '97301',
    subject: 'Please support the sample housing bill',
    body: 'As your constituent, I ask you to support it.\n\nRent took half my pay this year.',
    story: '',
    senate: '10',
    house: '19',
    foundBy: 'map',
    ...more,
  };
}

export function letterDeps(now?: () => Date): LetterDeps {
  return { publicUrl: testPublicUrl, committeeMembers, ...(now ? { now } : {}) };
}
