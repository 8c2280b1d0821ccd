import { fileTypeFromBuffer } from 'file-type';
import { loadSharp } from '../../platform/image-library.ts';
import { newFileKey, type FileStore } from '../../platform/storage.ts';
import type { SiteFavicon, SiteLogo } from './settings.ts';

/** The logo's height in the header, in CSS pixels; it is made at twice that for sharp screens. */
export const LOGO_HEIGHT = 48;
/** The widest a logo may show, so a long one still fits a 390 px phone beside the menu button. */
const LOGO_MAX_WIDTH = 280;
const FAVICON_SIZES = { small: 32, large: 180 } as const;

const acceptedImages = new Set(['image/png', 'image/jpeg', 'image/webp']);
const NOT_AN_IMAGE =
  'The file must be a PNG, JPEG or WebP image. This file’s contents are not one of those, whatever its name says.';

type Made<T> = { image?: T; error?: string };

/**
 * The image an upload holds, checked by its bytes (the name and the type the
 * browser claims are whatever the sender chose); nothing when no file was sent.
 */
async function readImage(entry: ReturnType<FormData['get']>, maxBytes: number) {
  // An empty file input still sends a part, with no name and no bytes.
  if (!entry || typeof entry === 'string' || entry.size === 0) return {};
  if (entry.size > maxBytes)
    return { error: `The file is too large: it must be ${Math.round(maxBytes / 104857.6) / 10} MB or smaller.` };
  const bytes = new Uint8Array(await entry.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !acceptedImages.has(detected.mime)) return { error: NOT_AN_IMAGE };
  try {
    // Reading the header proves little; decoding the pixels is what finds a truncated or damaged file.
    const sharp = await loadSharp();
    const { info } = await sharp(bytes).rotate().raw().toBuffer({ resolveWithObject: true });
    return { bytes, width: info.width, height: info.height };
  } catch {
    return { error: 'This image could not be read: it may be damaged. Save it again and upload that copy.' };
  }
}

/**
 * A logo for the header: made LOGO_HEIGHT × 2 pixels tall (never enlarged),
 * at most LOGO_MAX_WIDTH × 2 wide, as WebP, and stored. Its width and height
 * are what the page shows, so nothing shifts as it loads.
 */
export async function makeLogo(
  entry: ReturnType<FormData['get']>,
  maxBytes: number,
  files: FileStore,
): Promise<Made<SiteLogo>> {
  const read = await readImage(entry, maxBytes);
  if (!read.bytes) return { error: read.error };
  const sharp = await loadSharp();
  const { data, info } = await sharp(read.bytes)
    .rotate()
    .resize({ height: LOGO_HEIGHT * 2, width: LOGO_MAX_WIDTH * 2, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 90, alphaQuality: 100 })
    .toBuffer({ resolveWithObject: true });
  const key = newFileKey('webp');
  await files.put(key, data, 'image/webp');
  // As tall as the header allows (half its pixels once it has enough of them), never wider than a phone allows.
  const scale = Math.min(LOGO_HEIGHT / info.height, LOGO_MAX_WIDTH / info.width);
  return {
    image: {
      key,
      width: Math.max(1, Math.round(info.width * scale)),
      height: Math.max(1, Math.round(info.height * scale)),
    },
  };
}

/**
 * A favicon from a square-ish image: PNGs of 32 and 180 pixels (the browser
 * tab, and a phone's home screen), each stored. A long, thin image would be
 * unreadable at 32 pixels, so it is refused with a word on why.
 */
export async function makeFavicon(
  entry: ReturnType<FormData['get']>,
  maxBytes: number,
  files: FileStore,
): Promise<Made<SiteFavicon>> {
  const read = await readImage(entry, maxBytes);
  if (!read.bytes) return { error: read.error };
  const ratio = Math.max(read.width, read.height) / Math.min(read.width, read.height);
  if (ratio > 1.25)
    return { error: `The icon must be about square: this image is ${read.width} × ${read.height} pixels.` };
  if (Math.min(read.width, read.height) < FAVICON_SIZES.small)
    return { error: `The icon must be at least ${FAVICON_SIZES.small} pixels wide and tall.` };
  const made = {} as Record<keyof typeof FAVICON_SIZES, string>;
  const sharp = await loadSharp();
  for (const [name, size] of Object.entries(FAVICON_SIZES) as [keyof typeof FAVICON_SIZES, number][]) {
    const png = await sharp(read.bytes)
      .rotate()
      .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer();
    const key = newFileKey('png');
    await files.put(key, png, 'image/png');
    made[name] = key;
  }
  return { image: made };
}

/** Where the public site serves the logo and icons (site-files.ts). */
export const brandFilePath = (key: string) => `/brand/${key}`;

/** Every file key the settings point at: the ones the site serves at /brand/<key>. */
export function brandFileKeys(settings: { logo: SiteLogo | null; favicon: SiteFavicon | null }): string[] {
  return [settings.logo?.key, settings.favicon?.small, settings.favicon?.large].filter((k): k is string => !!k);
}
