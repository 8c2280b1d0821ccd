import { testConfig } from '../../../test/support/app.ts';
import { createApp } from '../../app/app.tsx';
import type { Database } from '../../platform/db/client.ts';
import { createLogger } from '../../platform/logger.ts';
import type { ImageLibrary, PlacedImage } from '../../platform/web/images.tsx';

/**
 * A media library of one placeable image (id 7), as the media feature will answer: news is written
 * against the ImageLibrary contract only, so its tests need nothing more.
 */
export const fakeImages: ImageLibrary = {
  choices: async () => [{ id: 7, label: 'Advocates on the Capitol steps', thumbnail: '/media/7-160.jpg' }],
  find: async (ids, locale) => {
    const image: PlacedImage = {
      id: 7,
      alt: locale === 'es' ? 'Defensores en las escaleras del Capitolio' : 'Advocates on the Capitol steps',
      caption: '',
      credit: 'Sample photo',
      lang: locale,
      width: 1200,
      height: 800,
      src: '/media/7-1200.jpg',
      srcset: '/media/7-400.jpg 400w, /media/7-1200.jpg 1200w',
      sources: [{ type: 'image/avif', srcset: '/media/7-400.avif 400w, /media/7-1200.avif 1200w' }],
    };
    return new Map(ids.includes(7) ? [[7, image]] : []);
  },
};

/** The real app over a test database, composed with the fake library. */
export function createNewsTestApp(database: Database) {
  return createApp({
    config: testConfig(),
    database,
    logger: createLogger({ level: 'silent', pretty: false }),
    images: fakeImages,
  });
}
