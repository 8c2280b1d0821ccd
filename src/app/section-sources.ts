import { contentLinkTargets, type SectionSources } from '../features/content/service.ts';
import { listPublicPetitions, readCount } from '../features/petitions/service.ts';
import type { Db } from '../platform/db/client.ts';
import { noImages, type ImageLibrary } from '../platform/web/images.tsx';
import type { LinkTarget } from '../platform/web/link-targets.ts';

/**
 * What a page's sections show from other features: images from the media library, links to
 * content's pages and lists and to public petitions, and a petition's count for a progress bar.
 * The same for the public site and the workspace's section editor, so a link staff can choose
 * is one visitors can follow.
 */
export function sectionSourcesFor(db: Db, images: ImageLibrary = noImages): SectionSources {
  return {
    images,
    targets: async () => {
      const [own, petitions] = await Promise.all([contentLinkTargets(db), listPublicPetitions(db)]);
      const petitionTargets = petitions.map(
        (p): LinkTarget => ({
          kind: 'petition',
          ref: p.slug,
          path: `/petitions/${p.slug}`,
          label: { en: p.en.title, es: p.es?.title ?? p.en.title },
        }),
      );
      return [...own, ...petitionTargets];
    },
    petitionProgress: async (slug, locale) => {
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
    },
  };
}
