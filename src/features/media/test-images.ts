import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Images made for the media library's tests: a large, noisy photo-like picture (the hardest kind to keep small),
 * a phone photo lying on its side with its GPS position in EXIF, and files that are not what they claim.
 */

/** A photo-like picture: a gradient and shapes under strong grain, as a dim phone photo has. */
export async function noisyPhoto(width = 2400, height = 1600): Promise<Uint8Array> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">' +
    '<stop offset="0" stop-color="#2a6"/><stop offset="1" stop-color="#e83"/></linearGradient></defs>' +
    '<rect width="100%" height="100%" fill="url(#g)"/>' +
    `<circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#359"/></svg>`;
  const grain = await sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: grain, blend: 'overlay' }])
    .jpeg({ quality: 92 })
    .toBuffer();
}

/**
 * A JPEG stored sideways (EXIF orientation 6: turn it a quarter clockwise to see it upright), red on its stored
 * left and blue on its right, carrying a GPS position and the camera's name.
 */
export async function sidewaysPhoneJpeg(): Promise<Uint8Array> {
  const half = { width: 600, height: 400, channels: 3 as const };
  return sharp({ create: { ...half, width: 1200, background: '#0000ff' } })
    .composite([{ input: { create: { ...half, background: '#ff0000' } }, left: 0, top: 0 }])
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'PhoneMaker', Model: 'Secret Phone 12' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '45/1 31/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '122/1 40/1 0/1',
        GPSMapDatum: 'WGS-84-HOME',
      },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A PNG whose left half is transparent. */
export async function transparentPng(): Promise<Uint8Array> {
  const width = 500;
  const height = 300;
  const pixels = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    pixels[i * 4 + 1] = 128;
    pixels[i * 4 + 3] = i % width < width / 2 ? 0 : 255;
  }
  return sharp(pixels, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

/** A small opaque PNG, quick to process: what most tests upload. */
export async function smallPng(width = 640, height = 480): Promise<Uint8Array> {
  return sharp({ create: { width, height, channels: 3, background: '#3366aa' } })
    .png()
    .toBuffer();
}

/**
 * A decompression bomb: a real PNG header claiming 30,000 × 30,000 pixels (900 megapixels) over a few bytes of
 * compressed data, as an attacker sends to make a server decode gigabytes. Built by hand: making a real one
 * would itself take the gigabytes.
 */
export function pngBomb(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(30_000, 0);
  header.writeUInt32BE(30_000, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(30_001 * 64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const svgImage = new TextEncoder().encode(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
);
export const htmlPage = new TextEncoder().encode('<!doctype html><html><body><script>alert(1)</script></body></html>');
