import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { pageSections, pages, siteState } from '../schema.ts';
import {
  createPage,
  createPolicy,
  createResource,
  createTopic,
  bumpContentVersion,
  updateSiteSettings,
  type SiteSettings,
} from '../service.ts';
import { demoPolicies, demoResources, demoTopics } from './library.ts';
import { demoPages } from './pages.ts';

/** The demo organisation. Contact details use the reserved .example domain on purpose. */
export const demoSettings: Partial<SiteSettings> = {
  name: 'Partnership for Safety and Justice',
  shortName: 'PSJ',
  description: {
    en: 'Safety and justice for survivors of crime, people convicted of crime, and the families of both.',
    es: 'Seguridad y justicia para sobrevivientes de delitos, personas condenadas y las familias de ambos.',
  },
  contactEmail: 'hello@safetyandjustice.example',
  postalAddress: 'Portland, Oregon',
  // A sample address on the reserved domain: the demo shows the Donate button without sending anyone anywhere real.
  donateUrl: 'https://donate.safetyandjustice.example/',
  demo: true,
};

/**
 * Fills an empty database with the demo site, through the same service
 * functions staff use. It runs once: after that (or when staff have already
 * written pages) it does nothing, so it never overwrites anyone's edits.
 */
export async function seedDemoContent(db: Db): Promise<{ seeded: boolean }> {
  const [state] = await db.select({ seededAt: siteState.demoSeededAt }).from(siteState).where(eq(siteState.id, 1));
  if (state?.seededAt) return { seeded: false };
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(pages);
  if ((existing?.n ?? 0) > 0) return { seeded: false };

  await updateSiteSettings(db, demoSettings);
  for (const topic of demoTopics) await createTopic(db, topic);
  for (const page of demoPages) await createPage(db, page);
  for (const policy of demoPolicies) await createPolicy(db, policy);
  for (const resource of demoResources) await createResource(db, resource);
  await db.update(siteState).set({ demoSeededAt: new Date() }).where(eq(siteState.id, 1));
  return { seeded: true };
}

/**
 * Puts the demo's sample image in the home page's opening, in both languages, once the media library has
 * made it (images are seeded after content). Only a hero that has no image yet gets it: an editor's choice,
 * or their removing it, stands.
 */
export async function placeDemoHeroImage(db: Db, imageId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const placed = await tx
      .update(pageSections)
      .set({ data: sql`jsonb_set(${pageSections.data}, '{imageId}', to_jsonb(${imageId}::int))` })
      .where(
        sql`${pageSections.kind} = 'hero' and ${pageSections.data}->'imageId' = 'null'::jsonb
            and ${pageSections.pageId} in (select ${pages.id} from ${pages} where ${pages.slug} = 'home')`,
      )
      .returning({ id: pageSections.id });
    if (placed.length > 0) await bumpContentVersion(tx);
  });
}
