import { fileTypeFromBuffer } from 'file-type';
import type { Sharp } from 'sharp';
import { loadSharp } from '../../platform/image-library.ts';
import type { VariantFormat } from './schema.ts';

/** The widths the layouts show images at, at most: an image narrower than one is never enlarged to it. */
export const VARIANT_WIDTHS = [400, 800, 1200, 1600] as const;
/** What each image may weigh at the size the layout shows it (the page budget). */
export const MAX_VARIANT_BYTES = 150 * 1024;
/**
 * The most pixels an upload may decode to: a 50-megapixel phone photo passes; a "decompression bomb" (a few
 * kilobytes of PNG that would open into gigabytes) is refused before it is decoded.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

/** What may be uploaded, by the type its bytes show (never its name), with the extension its original keeps. */
const accepted: Record<string, { extension: string; format: 'jpeg' | 'png' | 'webp' | 'avif' }> = {
  'image/jpeg': { extension: 'jpg', format: 'jpeg' },
  'image/png': { extension: 'png', format: 'png' },
  'image/webp': { extension: 'webp', format: 'webp' },
  'image/avif': { extension: 'avif', format: 'avif' },
  // Only its first frame is kept, so it becomes a PNG.
  'image/gif': { extension: 'png', format: 'png' },
};

export const contentTypes: Record<VariantFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

export const extensions: Record<VariantFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg', png: 'png' };

// Qualities tried in turn, best first, until a variant fits in MAX_VARIANT_BYTES. Most photos fit at the first.
const qualities: Record<VariantFormat, readonly number[]> = {
  avif: [55, 45, 35, 28, 20],
  webp: [80, 70, 60, 50, 40, 30, 20],
  jpeg: [80, 70, 60, 50, 40, 30],
  // PNG keeps transparency: reduced to a palette of fewer colours instead.
  png: [100, 80, 60, 40, 20],
};

export type MadeVariant = { format: VariantFormat; width: number; height: number; bytes: Uint8Array };
export type ProcessedImage = {
  original: { bytes: Uint8Array; contentType: string; extension: string };
  width: number;
  height: number;
  variants: MadeVariant[];
};

/** Why an upload was refused, in words for the field. */
export class ImageRefused extends Error {}

export const REFUSED_TYPE =
  'The file must be a photo or picture in JPEG, PNG, WebP, AVIF or GIF. ' +
  'This file’s contents are not one of those, whatever its name says (SVG is not accepted).';

/** The content type an upload's bytes show, if it is one the library takes. */
export async function acceptedType(bytes: Uint8Array): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(bytes);
  return detected && accepted[detected.mime] ? detected.mime : undefined;
}

// One image at a time per process: each may decode to a few hundred megabytes, and requests must not add up.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes the library's files from an upload: the original turned upright (EXIF orientation) with its metadata
 * stripped (a phone photo's GPS position must never reach the site), and each width in VARIANT_WIDTHS it is
 * wide enough for, in AVIF, WebP and JPEG (PNG when it has transparency), each within MAX_VARIANT_BYTES.
 * Throws ImageRefused, with words for the person, for anything it cannot or will not read.
 */
export function processImage(bytes: Uint8Array): Promise<ProcessedImage> {
  const turn = queue.then(() => processNow(bytes));
  queue = turn.catch(() => {});
  return turn;
}

async function processNow(bytes: Uint8Array): Promise<ProcessedImage> {
  const type = await acceptedType(bytes);
  if (!type) throw new ImageRefused(REFUSED_TYPE);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sharp = await loadSharp();
  const open = () => sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).autoOrient();
  // Reading the header decodes nothing, so no limit yet: the pixel count is checked next, with words for it.
  const metadata = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined);
  if (!metadata?.width || !metadata.height)
    throw new ImageRefused('The image could not be read: it may be damaged. Try saving it again, as a JPEG or PNG.');
  if (metadata.width * metadata.height > MAX_INPUT_PIXELS)
    throw new ImageRefused(
      `The image is too large: ${metadata.width.toLocaleString('en-US')} × ${metadata.height.toLocaleString('en-US')} ` +
        'pixels. Make it smaller than 50 megapixels (for example 8,000 × 6,000) and upload it again.',
    );
  try {
    const target = accepted[type]!;
    const { width, height } = metadata.autoOrient;
    const original = await encode(open(), target.format, target.format === 'png' ? 100 : 92);
    // Decoded once, upright, at the widest size any variant needs; every variant is made from this.
    const widths = variantWidths(width);
    const master = await open()
      .resize({ width: Math.max(...widths) })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = {
      width: master.info.width,
      height: master.info.height,
      channels: master.info.channels as 1 | 2 | 3 | 4,
    };
    const fromMaster = () => sharp(master.data, { raw });
    const transparent = master.info.channels === 4 && !(await fromMaster().stats()).isOpaque;
    const formats: VariantFormat[] = ['avif', 'webp', transparent ? 'png' : 'jpeg'];
    const variants: MadeVariant[] = [];
    for (const format of formats) {
      // A wider variant rarely fits at a better quality than a narrower one did: each starts where the last fitted.
      let start = 0;
      for (const w of widths) {
        const made = await fitting(() => fromMaster().resize({ width: w }), format, start);
        if (!made) break;
        start = made.step;
        variants.push({ format, width: made.info.width, height: made.info.height, bytes: made.bytes });
      }
    }
    return {
      original: { bytes: original.bytes, contentType: contentTypes[target.format], extension: target.extension },
      width,
      height,
      variants,
    };
  } catch (error) {
    if (error instanceof ImageRefused) throw error;
    throw new ImageRefused('The image could not be read: it may be damaged. Try saving it again, as a JPEG or PNG.');
  }
}

/** The widths to make for an image this wide: each of VARIANT_WIDTHS it reaches, or its own width if narrower. */
export function variantWidths(width: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w <= width);
  const widest = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!;
  if (width < widest && !widths.includes(width)) widths.push(width);
  return widths;
}

/** The variant at the best quality (from step `start` on) that fits; undefined if even the lowest does not. */
async function fitting(pipeline: () => Sharp, format: VariantFormat, start: number) {
  const ladder = qualities[format];
  for (let step = start; step < ladder.length; step++) {
    const made = await encode(pipeline(), format, ladder[step]!);
    if (made.bytes.byteLength <= MAX_VARIANT_BYTES) return { ...made, step };
  }
  return undefined;
}

async function encode(image: Sharp, format: VariantFormat, quality: number) {
  const encoded =
    format === 'avif'
      ? image.avif({ quality, effort: 2 })
      : format === 'webp'
        ? image.webp({ quality, effort: 4 })
        : format === 'jpeg'
          ? image.flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true, progressive: true })
          : image.png(quality >= 100 ? { compressionLevel: 9 } : { palette: true, quality, compressionLevel: 9 });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), info };
}
