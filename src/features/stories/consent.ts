import { and, eq } from 'drizzle-orm';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { enqueueEmail } from '../email/service.ts';
import { stories } from './schema.ts';
import { STORY_CONSENT_WORDING_VERSION, type ConsentInput } from './story-inputs.ts';
import { storyConsentEmail } from './story-emails.ts';
import type { StoryDeps, Teller } from './story-records.ts';

export type ConsentDeps = StoryDeps & { publicUrl: string; emailQueued?: () => void };

/**
 * Staff ask the teller to choose their consent again (ADR 063: staff cannot change it themselves). The story waits
 * in 'consent-asked', where nothing publishes it, until the teller answers by the emailed link. 'no-email' when the
 * teller gave no address (nothing changes); 'gone' when the story is not there.
 */
export async function askForConsentAgain(
  deps: ConsentDeps,
  storyId: number,
  actor: AuditActor,
): Promise<'asked' | 'no-email' | 'gone'> {
  const outcome = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        publicId: stories.publicId,
        locale: stories.locale,
        tellerSealed: stories.tellerSealed,
        status: stories.status,
      })
      .from(stories)
      .where(eq(stories.id, storyId))
      .for('update');
    if (!row) return 'gone' as const;
    const email = deps.vault.openJson<Teller>(row.tellerSealed).email;
    if (!email) return 'no-email' as const;
    const token = randomToken(32);
    const now = new Date();
    await tx
      .update(stories)
      .set({ status: 'consent-asked', consentTokenHash: sha256(token), consentAskedAt: now, updatedAt: now })
      .where(eq(stories.id, storyId));
    await recordAudit(tx, actor, {
      action: 'story.ask-consent',
      subjectType: 'story',
      subjectId: storyId,
      subjectLabel: row.publicId,
      before: { status: row.status },
      after: { status: 'consent-asked' },
    });
    await enqueueEmail(
      tx,
      storyConsentEmail({ to: email, publicId: row.publicId, token, locale: row.locale, asked: now.getTime() }),
      { domain: new URL(deps.publicUrl).hostname },
    );
    return 'asked' as const;
  });
  if (outcome === 'asked') deps.emailQueued?.();
  return outcome;
}

/** Whether a consent link is one waiting for its teller's answer. */
export async function consentLinkWaiting(deps: StoryDeps, token: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: stories.id })
    .from(stories)
    .where(and(eq(stories.consentTokenHash, sha256(token)), eq(stories.status, 'consent-asked')));
  return Boolean(row);
}

/**
 * The teller's answer by the emailed link: their new consent, on the words shown now, and the story back in the
 * queue. The link works once. False when it is not (or no longer) a waiting link.
 */
export async function answerConsent(deps: StoryDeps, token: string, consent: ConsentInput): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .update(stories)
      .set({
        publishConsent: consent.publishConsent,
        testimonyConsent: consent.testimonyConsent,
        contactBeforePublishing: consent.contactBeforePublishing,
        consentWordingVersion: STORY_CONSENT_WORDING_VERSION,
        consentedAt: now,
        consentTokenHash: null,
        status: 'new',
        updatedAt: now,
      })
      .where(and(eq(stories.consentTokenHash, sha256(token)), eq(stories.status, 'consent-asked')))
      .returning({ id: stories.id, publicId: stories.publicId });
    if (!row) return false;
    await recordAudit(tx, null, {
      action: 'story.consent',
      subjectType: 'story',
      subjectId: row.id,
      subjectLabel: row.publicId,
      after: { publishConsent: consent.publishConsent, testimonyConsent: consent.testimonyConsent },
    });
    return true;
  });
}
