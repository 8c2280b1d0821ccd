import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { siteState } from './schema.ts';

/**
 * What makes the site one organisation's rather than another's: name,
 * contact details, address. Editing these (not code) is how another group
 * runs Groundswell.
 */
export const siteSettingsSchema = z.object({
  name: z.string().trim().min(1).max(120).default('Groundswell'),
  shortName: z.string().trim().min(1).max(40).default('Groundswell'),
  tagline: z.object({ en: z.string().max(200).optional(), es: z.string().max(200).optional() }).default({}),
  contactEmail: z.string().trim().max(200).default(''),
  phone: z.string().trim().max(40).default(''),
  postalAddress: z.string().trim().max(300).default(''),
  /** Where the organisation is: staff enter and read times (scheduled broadcasts, events) in this zone. */
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as America/Los_Angeles')
    .default('America/Los_Angeles'),
  /** Public profiles, listed as sameAs in the home page's structured data. */
  profiles: z.array(z.url()).max(10).default([]),
  /** True while the content is the demo seed, so pages can say so. */
  demo: z.boolean().default(false),
});
export type SiteSettings = z.infer<typeof siteSettingsSchema>;

export async function getSiteSettings(db: Db): Promise<SiteSettings> {
  const [row] = await db.select({ settings: siteState.settings }).from(siteState).where(eq(siteState.id, 1));
  return siteSettingsSchema.parse(row?.settings ?? {});
}

export async function updateSiteSettings(db: Db, patch: Partial<SiteSettings>): Promise<SiteSettings> {
  const next = siteSettingsSchema.parse({ ...(await getSiteSettings(db)), ...patch });
  await db
    .insert(siteState)
    .values({ id: 1, settings: next })
    .onConflictDoUpdate({
      target: siteState.id,
      set: { settings: next, contentVersion: sql`${siteState.contentVersion} + 1` },
    });
  return next;
}

/**
 * Rendered pages are cached in memory and keyed to this number; every content
 * write bumps it inside its own transaction, so no cache outlives a change.
 */
export async function getContentVersion(db: Db): Promise<number> {
  const [row] = await db.select({ v: siteState.contentVersion }).from(siteState).where(eq(siteState.id, 1));
  return row?.v ?? 0;
}

export async function bumpContentVersion(db: Db): Promise<void> {
  await db
    .insert(siteState)
    .values({ id: 1 })
    .onConflictDoUpdate({ target: siteState.id, set: { contentVersion: sql`${siteState.contentVersion} + 1` } });
}
