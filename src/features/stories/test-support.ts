import { randomBytes } from 'node:crypto';
import { sha256 } from '../../platform/crypto.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { enqueueEmail } from '../email/service.ts';
import { storyMailPrefix } from './erasure.ts';
import { withStoryKeyLock } from './rotation.ts';
import { stories, type PublishConsent, type StoryStatus } from './schema.ts';
import type { StoryDeps, StoryTranslation, Teller } from './story-records.ts';

/** The template tests queue a story's confirmation under (the real one is the share feature's). */
export const TEST_RECEIVED_TEMPLATE = 'story-received';

export type TestStory = {
  original?: string;
  teller?: Partial<Teller>;
  locale?: Locale;
  status?: StoryStatus;
  publishConsent?: PublishConsent;
  testimonyConsent?: boolean;
  redacted?: string | null;
  title?: string | null;
  contentNotes?: string | null;
  translation?: StoryTranslation | null;
  submittedAt?: Date;
  /** Queue the confirmation to the teller's email, as a submission does (default: when there is an email). */
  queueConfirmation?: boolean;
};

/**
 * A story written as a submission writes it, for tests of any stories helper: every value sealed, the email's keyed
 * hash, a deletion token, and the confirmation queued under `story:<publicId>:received` to be forgotten when sent.
 * Returns the sealed values too, so a test can look for them after a deletion.
 */
export async function insertTestStory(
  deps: StoryDeps,
  partial: TestStory = {},
): Promise<{ id: number; publicId: string; token: string; sealed: string[] }> {
  const teller: Teller = {
    name: 'Rosa',
    email: '',
    phone: '',
    county: 'Pima',
    kinds: ['survivor'],
    topics: ['healing'],
    contentNotes: '',
    ...partial.teller,
  };
  const publicId = randomBytes(12).toString('base64url');
  const token = randomBytes(24).toString('base64url');
  const locale = partial.locale ?? 'en';
  return deps.db.transaction(async (tx) => {
    await withStoryKeyLock(tx);
    const { vault } = deps;
    const values = {
      originalSealed: vault.seal(partial.original ?? 'What happened to my family, told in my own words.'),
      tellerSealed: vault.sealJson(teller),
      redactedSealed: partial.redacted == null ? null : vault.seal(partial.redacted),
      titleSealed: partial.title == null ? null : vault.seal(partial.title),
      contentNotesSealed: partial.contentNotes == null ? null : vault.seal(partial.contentNotes),
      translationSealed: partial.translation == null ? null : vault.sealJson(partial.translation),
    };
    const [row] = await tx
      .insert(stories)
      .values({
        publicId,
        locale,
        status: partial.status ?? 'new',
        ...values,
        emailHash: teller.email ? vault.lookupHash(teller.email) : null,
        publishConsent: partial.publishConsent ?? 'anonymous',
        testimonyConsent: partial.testimonyConsent ?? false,
        consentWordingVersion: 'test-1',
        deletionTokenHash: sha256(token),
        ...(partial.submittedAt ? { submittedAt: partial.submittedAt, consentedAt: partial.submittedAt } : {}),
      })
      .returning({ id: stories.id });
    if (teller.email && (partial.queueConfirmation ?? true))
      await enqueueEmail(
        tx,
        {
          idempotencyKey: `${storyMailPrefix(publicId)}received`,
          to: teller.email,
          kind: 'transactional',
          template: TEST_RECEIVED_TEMPLATE,
          locale,
          data: { deleteUrl: `http://localhost/share-your-story/delete/${token}` },
          forgetWhenSent: true,
        },
        { domain: 'localhost' },
      );
    const sealed = Object.values(values).filter((v): v is string => v !== null);
    return { id: row!.id, publicId, token, sealed };
  });
}
