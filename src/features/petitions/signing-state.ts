import type { Locale } from '../../platform/web/locale.ts';
import type { petitions, PetitionVersion } from './schema.ts';

type Petition = typeof petitions.$inferSelect;

/**
 * What the public may do with a petition now. Drafts are not public at all; archived ones stay readable, like closed
 * ones.
 */
export type SigningState = 'hidden' | 'not-yet-open' | 'open' | 'closed';

export function signingState(
  petition: Pick<Petition, 'status' | 'opensAt' | 'closesAt'>,
  now = new Date(),
): SigningState {
  if (petition.status === 'draft') return 'hidden';
  if (petition.status !== 'open') return 'closed';
  if (petition.opensAt && petition.opensAt > now) return 'not-yet-open';
  if (petition.closesAt && petition.closesAt <= now) return 'closed';
  return 'open';
}

/** The petition's words in a language, falling back to English; `lang` says which one it is. */
export function petitionWords(
  petition: Pick<Petition, 'en' | 'es'>,
  locale: Locale,
): { words: PetitionVersion; lang: Locale } {
  if (locale === 'es' && petition.es?.title) return { words: petition.es, lang: 'es' };
  return { words: petition.en, lang: 'en' };
}
