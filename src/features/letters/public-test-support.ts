import type { Db } from '../../platform/db/client.ts';
import { legislativeDistricts, legislators, zipAreas } from '../reference/schema.ts';
import { letterCampaignTranslations, letterCampaigns } from './schema.ts';

// Test helpers for the public letter pages; imported by tests only.

/** Senate district n spans a fifth of a degree of longitude from 124°W eastwards, between 44°N and 45°N. */
const westOf = (senate: number) => -124 + (senate - 1) * 0.2;
const box = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

/** A point inside House district `house` (and so its Senate district), as [lon, lat]. */
export function pointIn(house: number): [number, number] {
  const senate = Math.ceil(house / 2);
  return [westOf(senate) + 0.1, house % 2 === 1 ? 44.25 : 44.75];
}

/**
 * A made-up roster: 30 Senate and 60 House districts in strips (each House district the south or
 * north half of its Senate one), a member for each seat with an example.org address (Senate 30
 * vacant), and two ZIP areas: 97301 wholly in House 33 (Senate 17), 97005 across Senate 3 and 4.
 */
export async function seedTestRoster(db: Db): Promise<void> {
  const senate = Array.from({ length: 30 }, (_, i) => i + 1);
  await db
    .insert(legislativeDistricts)
    .values([
      ...senate.map((n) => ({
        chamber: 'upper' as const,
        district: String(n),
        name: `Senate District ${n}`,
        geometry: box(westOf(n), 44, westOf(n) + 0.2, 45),
        svgPath: `M${n * 30} 100l25 0l0 200l-25 0z`,
      })),
      ...senate.flatMap((n) =>
        [2 * n - 1, 2 * n].map((h) => ({
          chamber: 'lower' as const,
          district: String(h),
          name: `House District ${h}`,
          geometry: box(westOf(n), h % 2 === 1 ? 44 : 44.5, westOf(n) + 0.2, h % 2 === 1 ? 44.5 : 45),
          svgPath: `M${n * 30} ${h % 2 === 1 ? 200 : 100}l25 0l0 100l-25 0z`,
        })),
      ),
    ])
    .onConflictDoNothing();
  await db
    .insert(legislators)
    .values([
      ...senate
        .filter((n) => n !== 30)
        .map((n) => ({
          id: `test-senator-${n}`,
          name: `Senator Sample ${n}`,
          chamber: 'upper' as const,
          district: String(n),
          email: `senator${n}@example.org`,
        })),
      ...Array.from({ length: 60 }, (_, i) => ({
        id: `test-rep-${i + 1}`,
        name: `Representative Sample ${i + 1}`,
        chamber: 'lower' as const,
        district: String(i + 1),
        email: `rep${i + 1}@example.org`,
      })),
    ])
    .onConflictDoNothing();
  await db
    .insert(zipAreas)
    .values([
      { zip: '97301', counties: ['Marion'], senateDistricts: ['17'], houseDistricts: ['33'] },
      { zip: '97005', counties: ['Washington'], senateDistricts: ['3', '4'], houseDistricts: ['5', '7'] },
    ])
    .onConflictDoNothing();
}

let made = 0;

/** An open campaign to the writer's senator and representative, in English and Spanish; returns its id and slug. */
export async function makeLetterCampaign(
  db: Db,
  extra: Partial<typeof letterCampaigns.$inferInsert> = {},
): Promise<{ id: number; slug: string }> {
  const [row] = await db
    .insert(letterCampaigns)
    .values({
      slug: `test-campaign-${process.pid}-${++made}`,
      status: 'open',
      targetKinds: ['my-senator', 'my-representative'],
      reviewAddress: 'review@example.org',
      allowStory: true,
      ...extra,
    })
    .returning();
  await db.insert(letterCampaignTranslations).values([
    {
      campaignId: row!.id,
      locale: 'en',
      title: 'Test campaign',
      summary: 'Write about the test bill.',
      talkingPointsMd: '- A point',
      subject: 'Please support the test bill',
      greeting: 'Dear legislator,',
      body: 'I am writing about the test bill.',
      closing: 'Thank you.',
      storyPrompt: 'Tell us why.',
    },
    {
      campaignId: row!.id,
      locale: 'es',
      title: 'Campaña de prueba',
      subject: 'Apoye el proyecto de prueba',
      greeting: 'Estimado legislador:',
      body: 'Le escribo sobre el proyecto de prueba.',
      closing: 'Gracias.',
    },
  ]);
  return { id: row!.id, slug: row!.slug };
}
