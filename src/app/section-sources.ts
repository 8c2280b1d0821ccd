import { listPublicPetitions, readCount } from '../features/petitions/service.ts';
import { retentionRulesNotice } from '../features/retention/service.ts';
import type { Locale } from '../platform/web/locale.ts';
import type { PetitionProgressOf, SectionSources } from '../features/content/service.ts';
import type { Db } from '../platform/db/client.ts';
import type { ImageLibrary } from '../platform/web/images.tsx';
import type { LinkTargets } from '../platform/web/link-targets.ts';

/**
 * What a page's sections show from other features: images from the media library, links to anything the
 * menus may link to, a petition's count for a progress bar, and the retention rules the privacy notice states. The same for the public site and the
 * workspace's section editor, so a link staff can choose is one visitors can follow.
 */
export function sectionSourcesFor(db: Db, images: ImageLibrary, targets: LinkTargets): SectionSources {
  const petitionProgress: PetitionProgressOf = async (slug, locale) => {
    const petition = (await listPublicPetitions(db)).find((p) => p.slug === slug);
    if (!petition) return undefined;
    const words = locale === 'es' && petition.es ? petition.es : petition.en;
    return {
      title: words.title,
      lang: words === petition.es ? 'es' : 'en',
      count: await readCount(db, petition.id),
      goal: petition.goal ?? null,
      path: `/petitions/${petition.slug}`,
    };
  };
  // The privacy notice states the retention rules that are on (issue 18).
  const placeholders = async (locale: Locale) => ({ '{{retention-rules}}': await retentionRulesNotice(db, locale) });
  return { images, targets, petitionProgress, placeholders };
}
