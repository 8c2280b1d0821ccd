import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { safeEqual, type Secrets } from '../../platform/crypto.ts';
import { enqueueEmail } from '../email/service.ts';
import { supporterEvents, supporters } from './schema.ts';

/**
 * The link in every email to a person's preferences, and the one-click
 * unsubscribe URL of list mail (docs/decisions/028-preferences-links.md). It
 * needs no account: the supporter's id, the second it was issued and an HMAC
 * of both, so it cannot be made for anyone else. What it opens depends on its age:
 * - unsubscribing (RFC 8058, mail clients POST it): a year, whatever else happened;
 * - the preferences page: 90 days, and only if issued after the person last
 *   asked that older links stop working (`supporters.links_valid_from`);
 * - downloading or erasing the person's data: one hour, so only a link just
 *   emailed to them at their request can do it, not an old email someone else finds.
 */
export const UNSUBSCRIBE_LINK_VALID_MS = 365 * 24 * 60 * 60 * 1000;
export const PREFERENCES_LINK_VALID_MS = 90 * 24 * 60 * 60 * 1000;
export const FRESH_LINK_VALID_MS = 60 * 60 * 1000;
/** New links emailed per person per day, whatever is asked: the button cannot be used to flood someone. */
export const FRESH_LINKS_PER_DAY = 3;

/** Seconds since 1970 in base 36, seven characters (until the year 4400), then 25 of HMAC: 150 bits. */
const issuedLength = 7;
const macLength = 25;

const macOf = (secrets: Secrets, supporterId: number, issued: string) =>
  secrets.hmac('links', `preferences:${supporterId}:${issued}`).slice(0, macLength);

export function preferencesToken(secrets: Secrets, supporterId: number, issuedAt = new Date()): string {
  const issued = Math.floor(issuedAt.getTime() / 1000)
    .toString(36)
    .padStart(issuedLength, '0');
  return `${supporterId}.${issued}${macOf(secrets, supporterId, issued)}`;
}

/** Links sent before lifetimes existed: id and 32 characters of HMAC, no time. They can still unsubscribe. */
const legacyToken = (secrets: Secrets, supporterId: number) =>
  `${supporterId}.${secrets.hmac('links', `preferences:${supporterId}`).slice(0, 32)}`;

/**
 * Whose link this is and when it was issued (undefined for a link from before lifetimes); undefined for a forged one.
 */
export type PreferencesLink = { supporterId: number; issuedAt: Date | undefined };

export function readPreferencesLink(secrets: Secrets, token: string): PreferencesLink | undefined {
  const match = /^(\d{1,10})\.([0-9a-z]{7})([A-Za-z0-9_-]{25})$/.exec(token);
  if (match) {
    const supporterId = Number(match[1]);
    if (safeEqual(macOf(secrets, supporterId, match[2]!), match[3]!))
      return { supporterId, issuedAt: new Date(parseInt(match[2]!, 36) * 1000) };
  }
  const legacy = /^(\d{1,10})\.[A-Za-z0-9_-]{32}$/.exec(token);
  if (legacy && safeEqual(legacyToken(secrets, Number(legacy[1])), token))
    return { supporterId: Number(legacy[1]), issuedAt: undefined };
  return undefined;
}

/**
 * True when an RFC 8058 POST with this link may unsubscribe its holder. Stopping older links does not stop this: it
 * only ever sends less mail.
 */
export function unsubscribes(link: PreferencesLink, now = new Date()): boolean {
  return link.issuedAt === undefined || now.getTime() - link.issuedAt.getTime() <= UNSUBSCRIBE_LINK_VALID_MS;
}

/**
 * What a genuine link opens now: `gone` when the person erased themselves,
 * `stale` when it is too old or issued before they stopped older links,
 * `fresh` when it may also download or erase their data, else `current`.
 */
export type LinkStanding = 'gone' | 'stale' | 'current' | 'fresh';

export async function linkStanding(db: Db, link: PreferencesLink, now = new Date()): Promise<LinkStanding> {
  const [person] = await db
    .select({ validFrom: supporters.linksValidFrom })
    .from(supporters)
    .where(eq(supporters.id, link.supporterId));
  if (!person) return 'gone';
  if (!link.issuedAt) return 'stale';
  const age = now.getTime() - link.issuedAt.getTime();
  // A minute's allowance for clocks; a link from further in the future was never issued by us.
  if (age < -60_000 || age > PREFERENCES_LINK_VALID_MS) return 'stale';
  if (person.validFrom && link.issuedAt < person.validFrom) return 'stale';
  return age <= FRESH_LINK_VALID_MS ? 'fresh' : 'current';
}

type LinkContext = { secrets: Secrets; emailDomain: string; now?: Date };

/**
 * Emails the person a new link to their preferences, at the address on
 * record, at most three times a day. Whoever presses the button only causes
 * a message to the owner's own mailbox.
 */
export async function emailFreshLink(db: Db, supporterId: number, ctx: LinkContext): Promise<{ queued: boolean }> {
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ email: supporters.email, locale: supporters.locale, validFrom: supporters.linksValidFrom })
      .from(supporters)
      .where(eq(supporters.id, supporterId))
      .for('update');
    if (!person) return { queued: false };
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(supporterEvents)
      .where(
        and(
          eq(supporterEvents.supporterId, supporterId),
          eq(supporterEvents.kind, 'preferences-link-sent'),
          gte(supporterEvents.at, new Date(now.getTime() - 24 * 60 * 60 * 1000)),
        ),
      );
    if ((recent?.n ?? 0) >= FRESH_LINKS_PER_DAY) return { queued: false };
    // Issued no earlier than the moment older links stopped, which may be this very second.
    const issuedAt = person.validFrom && person.validFrom > now ? person.validFrom : now;
    const token = preferencesToken(ctx.secrets, supporterId, issuedAt);
    const [sent] = await tx
      .insert(supporterEvents)
      .values({ supporterId, kind: 'preferences-link-sent', detail: {}, at: now })
      .returning({ id: supporterEvents.id });
    await enqueueEmail(
      tx,
      {
        idempotencyKey: `preferences-link:${sent!.id}`,
        to: person.email,
        kind: 'transactional',
        template: 'preferences-link',
        locale: person.locale,
        data: { token },
      },
      { domain: ctx.emailDomain },
    );
    return { queued: true };
  });
}

/** Links carry their issue time in whole seconds: those issued before the next whole second are the ones to stop. */
export function linksStopAfter(now: Date): Date {
  return new Date((Math.floor(now.getTime() / 1000) + 1) * 1000);
}

/**
 * Every link issued before the next whole second stops opening the
 * preferences page; unsubscribing from old mail still works, and any old link
 * can still ask for a new one to be emailed. By the person (actor null) or by
 * staff, noted in their timeline and the audit log. False when nobody has that id.
 */
export async function stopLinksIssuedSoFar(
  db: Db,
  supporterId: number,
  actor: AuditActor | null,
  now = new Date(),
): Promise<boolean> {
  const validFrom = linksStopAfter(now);
  return db.transaction(async (tx) => {
    const [found] = await tx
      .update(supporters)
      .set({ linksValidFrom: validFrom, updatedAt: now })
      .where(eq(supporters.id, supporterId))
      .returning({ id: supporters.id });
    if (!found) return false;
    await tx
      .insert(supporterEvents)
      .values({ supporterId, kind: 'links-stopped', detail: { by: actor ? 'staff' : 'supporter' }, at: now });
    await recordAudit(tx, actor, {
      action: 'supporter.links-stop',
      subjectType: 'supporter',
      subjectId: String(supporterId),
      note: actor ? 'by staff' : 'by the supporter',
    });
    return true;
  });
}

/**
 * "Stop older links working" on the preferences page: older links stop, and a new one is emailed to the address on
 * record.
 */
export async function stopOlderLinks(db: Db, supporterId: number, ctx: LinkContext): Promise<{ queued: boolean }> {
  await stopLinksIssuedSoFar(db, supporterId, null, ctx.now);
  return emailFreshLink(db, supporterId, ctx);
}
