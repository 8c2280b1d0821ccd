import { ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { LinkTarget } from '../../platform/web/link-targets.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { listOpenCampaigns } from './campaigns-read.ts';
import { letterPublicMessages } from './public-messages.ts';
import { letterCampaigns } from './schema.ts';

/** The site map's section for letters: the list, then each open campaign (the app hands it to content). */
export async function lettersSiteMapSection(db: Db, locale: Locale) {
  const t = letterPublicMessages(locale);
  const open = await listOpenCampaigns(db, locale);
  return {
    title: t.title,
    links: [
      { path: '/letters', label: t.title },
      ...open.map((c) => ({
        path: `/letters/${c.slug}`,
        label: c.text.title,
        lang: c.text.locale !== locale ? c.text.locale : undefined,
      })),
    ],
  };
}

/** The open campaigns' addresses, for sitemap.xml. */
export async function listPublicLetterPaths(db: Db): Promise<string[]> {
  const open = await listOpenCampaigns(db, 'en');
  return ['/letters', ...open.map((c) => `/letters/${c.slug}`)];
}

/** The list of campaigns as a menu may link to it; empty (left out of menus) while none is open. */
export async function letterLinkTargets(db: Db): Promise<LinkTarget[]> {
  const open = await listOpenCampaigns(db, 'en');
  return [
    {
      kind: 'list',
      ref: 'letters',
      path: '/letters',
      label: { en: letterPublicMessages('en').title, es: letterPublicMessages('es').title },
      empty: open.length === 0,
    },
  ];
}

/**
 * A number that changes whenever a campaign's public facts would (opened, closed, edited, its dates
 * passed), and not with each letter: the app folds it into the page cache's version, as it does the
 * events' and petitions' stamps, so menus and the site map never show a campaign's old state for long.
 */
export async function publicLettersStamp(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .select({
      id: letterCampaigns.id,
      status: letterCampaigns.status,
      updatedAt: letterCampaigns.updatedAt,
      opensAt: letterCampaigns.opensAt,
      closesAt: letterCampaigns.closesAt,
      words: sql<string>`(select coalesce(max(t.updated_at), 'epoch')::text from letter_campaign_translations t where t.campaign_id = ${letterCampaigns.id})`,
    })
    .from(letterCampaigns)
    .where(ne(letterCampaigns.status, 'draft'))
    .orderBy(letterCampaigns.id);
  const listed = rows
    .map((r) => {
      const open =
        r.status === 'open' &&
        (!r.opensAt || r.opensAt.getTime() <= now.getTime()) &&
        (!r.closesAt || r.closesAt.getTime() > now.getTime());
      return `${r.id}:${r.status}:${r.updatedAt.getTime()}:${r.words}:${open ? 'open' : 'shut'}`;
    })
    .join('|');
  // FNV-1a, 32 bits, as the petitions' and events' stamps.
  let hash = 0x811c9dc5;
  for (let i = 0; i < listed.length; i++) hash = Math.imul(hash ^ listed.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
