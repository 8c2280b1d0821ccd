import { Hono, type Context } from 'hono';
import type { Logger } from 'pino';
import type { Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import type { FormGuard } from '../../platform/http/form-challenge.ts';
import { sendPrepared } from '../../platform/http/respond.ts';
import { contentSecurityPolicy } from '../../platform/http/security-headers.ts';
import { DEFAULT_TIME_ZONE, Layout, renderDocument, type SiteFrame } from '../../platform/web/layout.tsx';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import { districtMapSvg } from '../reference/service.ts';
import { normalizeDomain, signingIpHash } from './abuse.ts';
import { petitionScript, petitionStyles } from './assets.ts';
import { listPublicPetitions, petitionsMenuItem, publicPetitionsStamp } from './listing.ts';
import { LivePages, Recent } from './live-pages.ts';
import { petitionMessages } from './messages.ts';
import {
  CountCache,
  nextThreshold,
  petitionBySlug,
  petitionWords,
  recentSigners,
  SignatureBatcher,
  SigningGuard,
  signingState,
  TallyCache,
  ZipFactsCache,
  type Geocoder,
  type Petition,
  type SigningState,
} from './service.ts';
import { PetitionListPage } from './views/petition-list.tsx';
import { EmbedDocument, PetitionPage, petitionHead, type PetitionView } from './views/petition-page.tsx';
import { PreviewBanner } from './views/preview-banner.tsx';

export type PetitionDeps = {
  db: Db;
  databaseKind: 'pglite' | 'postgres';
  secrets: Secrets;
  secure: boolean;
  publicUrl: string;
  logger: Logger;
  siteFrame: () => Promise<SiteFrame>;
  /** Tells the email worker there is something to send now. */
  emailQueued: () => void;
  /** The same proof-of-work and no-JavaScript limit as the newsletter form (ADR 019). */
  formGuard: FormGuard;
  clientIp: (c: Context) => string;
  /** The Census geocoder, when CENSUS_GEOCODER_URL is set. */
  geocoder: Geocoder | undefined;
  notFound: (c: Context<AppEnv>) => Promise<Response>;
};

export const SLUG = '{[a-z0-9-]{1,80}}';

/**
 * What the public petition routes share in one process: caches of moving numbers, the abuse guard and the group-commit
 * batcher.
 */
export class PetitionPublic {
  readonly counts: CountCache;
  readonly tallies: TallyCache;
  readonly zips: ZipFactsCache;
  readonly guard: SigningGuard;
  readonly pages = new LivePages(1000);
  readonly petitions: Recent<Petition | undefined>;
  readonly batcher: SignatureBatcher;

  constructor(readonly deps: PetitionDeps) {
    const { db } = deps;
    this.counts = new CountCache(db, 1000);
    this.tallies = new TallyCache(db);
    this.zips = new ZipFactsCache(db);
    this.guard = new SigningGuard(db);
    this.petitions = new Recent((slug) => petitionBySlug(db, slug), 1000);
    this.batcher = new SignatureBatcher({
      db,
      secrets: deps.secrets,
      emailDomain: new URL(deps.publicUrl).hostname,
      maxInFlight: deps.databaseKind === 'pglite' ? 1 : 4,
      onBatchError: (error, size) =>
        deps.logger.error({ code: error.code, size }, 'a batch of signatures failed; writing them one by one'),
    });
  }

  /** A petition the public may see, or undefined (missing, or still a draft). */
  async visible(slug: string): Promise<Petition | undefined> {
    const petition = await this.petitions.get(slug);
    return petition && signingState(petition) !== 'hidden' ? petition : undefined;
  }

  /**
   * Whether staff's block lists refuse this client address or email address: the lists are kept for signing, and
   * the app applies them to the newsletter sign-up too.
   */
  blocks(ip: string, email: string): Promise<boolean> {
    return this.guard.blocks(signingIpHash(this.deps.secrets, ip), normalizeDomain(email));
  }

  /** After a confirmation here, or a staff change: the next look shows it (the signer sees their signature counted). */
  counted(petition: Pick<Petition, 'id' | 'slug'>): void {
    this.petitions.forget(petition.slug);
    this.counts.forget(petition.id);
    this.tallies.forget(petition.id);
    this.pages.forget(`page:${petition.slug}:`);
    this.pages.forget(`embed:${petition.slug}:`);
  }

  shareUrl(locale: Locale, slug: string): string {
    return this.deps.publicUrl + localizedPath(locale, `/petitions/${slug}`);
  }

  async view(petition: Petition, locale: Locale, state = signingState(petition)): Promise<PetitionView> {
    const count = await this.counts.get(petition.id);
    const { words, lang } = petitionWords(petition, locale);
    return {
      locale,
      slug: petition.slug,
      // Who it is addressed to goes with the words: in Spanish when they are.
      target: (lang === 'es' && words.target) || petition.target,
      words,
      lang,
      state,
      count,
      goal: petition.goal,
      next: nextThreshold(petition, count),
      countUrl: `/petitions/${petition.slug}/count.json`,
      shareUrl: this.shareUrl(locale, petition.slug),
    };
  }

  async renderPage(slug: string, locale: Locale): Promise<string | null> {
    const petition = await this.visible(slug);
    return petition ? this.renderPetition(petition, locale) : null;
  }

  /**
   * The public page of any petition, a draft too, for signed-in staff: as
   * visitors will see it once open, under a banner saying it is a preview.
   * Never cached here (the workspace sends it with no-store), never public.
   */
  preview(petition: Petition, locale: Locale): Promise<string> {
    const asOpen = signingState({ ...petition, status: 'open' });
    return this.renderPetition(petition, locale, {
      state: asOpen,
      banner: <PreviewBanner id={petition.id} status={petition.status} />,
    });
  }

  private async renderPetition(
    petition: Petition,
    locale: Locale,
    preview?: { state: SigningState; banner: unknown },
  ): Promise<string> {
    const { db } = this.deps;
    const slug = petition.slug;
    const t = petitionMessages(locale).page;
    const [view, tally, recent, site] = await Promise.all([
      this.view(petition, locale, preview?.state),
      this.tallies.get(petition.id),
      recentSigners(db, petition.id),
      this.deps.siteFrame(),
    ]);
    const mapSvg = await districtMapSvg(db, 'upper', tally.byDistrict, {
      title: t.mapTitle,
      describedBy: 'district-table',
      locale,
    });
    // A ZIP names no one city: without the geocoder's city, the county the ZIP mostly lies in is the place shown.
    const countyOf = async (zip: string) => (await this.zips.get(zip).catch(() => undefined))?.counties.at(0);
    const entries = await Promise.all(
      recent.map(async (r) => {
        const county = r.city ? undefined : await countyOf(r.zip);
        return { name: r.givenName, place: r.city ?? (county ? t.county(county) : null) };
      }),
    );
    return renderDocument(
      <Layout
        locale={locale}
        path={`/petitions/${slug}`}
        title={view.words.title}
        description={view.words.summary || undefined}
        publicUrl={this.deps.publicUrl}
        site={site}
        head={petitionHead(view)}
        noindex={Boolean(preview)}
      >
        {preview?.banner as never}
        <PetitionPage
          {...view}
          recent={entries}
          mapSvg={mapSvg}
          byDistrict={tally.byDistrict}
          unknown={tally.unknown}
          geocoder={this.deps.geocoder !== undefined}
          preview={Boolean(preview)}
        />
      </Layout>,
    );
  }

  /** /petitions: every public petition with its count, open ones first. */
  async renderList(locale: Locale): Promise<string> {
    const t = petitionMessages(locale).list;
    const [listed, site] = await Promise.all([listPublicPetitions(this.deps.db), this.deps.siteFrame()]);
    const withCounts = await Promise.all(listed.map(async (p) => ({ ...p, count: await this.counts.get(p.id) })));
    return renderDocument(
      <Layout
        locale={locale}
        path="/petitions"
        title={t.title}
        description={t.description}
        publicUrl={this.deps.publicUrl}
        site={site}
        current={petitionsMenuItem.key}
      >
        <PetitionListPage locale={locale} petitions={withCounts} timeZone={site.timeZone ?? DEFAULT_TIME_ZONE} />
      </Layout>,
    );
  }

  async renderEmbed(slug: string, locale: Locale): Promise<string | null> {
    const petition = await this.visible(slug);
    if (!petition) return null;
    const [view, site] = await Promise.all([this.view(petition, locale), this.deps.siteFrame()]);
    return renderDocument(<EmbedDocument {...view} siteName={site.name} />);
  }
}

/** Framing by any site, for the embed only: the rest of the site keeps frame-ancestors 'none' (ADR 008). */
const embedPolicy = contentSecurityPolicy.replace("frame-ancestors 'none'", 'frame-ancestors *');

/**
 * Routes outside the language middleware, because they must set no cookie
 * and never redirect: the embed (framed by other sites), the count as JSON
 * (polled by petition.js) and the two static files.
 */
export function petitionOpenRoutes(p: PetitionPublic): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const asset of [petitionStyles, petitionScript]) {
    app.get(asset.path, (c) => sendPrepared(c, asset, { cacheControl: 'public, max-age=31536000, immutable' }));
  }

  app.get(`/petitions/:slug${SLUG}/count.json`, async (c) => {
    const petition = await p.visible(c.req.param('slug'));
    if (!petition) return c.json({ error: 'not found' }, 404, { 'Cache-Control': 'no-store' });
    const count = await p.counts.get(petition.id);
    // One second fresh, then served stale while a cache refreshes it: a spike of pollers costs one read a second.
    return c.json({ count, goal: petition.goal }, 200, {
      'Cache-Control': 'public, max-age=1, stale-while-revalidate=30',
    });
  });

  for (const [prefix, locale] of [
    ['', 'en'],
    ['/es', 'es'],
  ] as const) {
    app.get(`${prefix}/petitions/:slug${SLUG}/embed`, async (c) => {
      const slug = c.req.param('slug');
      const body = await p.pages.get(`embed:${slug}:${locale}`, () => p.renderEmbed(slug, locale));
      if (!body) return p.deps.notFound(c);
      c.header('Content-Security-Policy', embedPolicy);
      return sendPrepared(c, body);
    });
  }
  return app;
}

/** The petition page itself, for one language: the same for everyone, re-rendered at most once a second. */
export function petitionPageRoute(p: PetitionPublic, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The list's counts move like each petition's: rendered at most once a second as well, and at once when a
  // petition is published, opened or closed (the stamp is in the key).
  app.get('/petitions', async (c) => {
    const key = `list:${locale}:${await publicPetitionsStamp(p.deps.db)}`;
    return sendPrepared(c, (await p.pages.get(key, () => p.renderList(locale)))!);
  });
  app.get(`/petitions/:slug${SLUG}`, async (c) => {
    const slug = c.req.param('slug');
    const body = await p.pages.get(`page:${slug}:${locale}`, () => p.renderPage(slug, locale));
    if (!body) return p.deps.notFound(c);
    return sendPrepared(c, body);
  });
  return app;
}
