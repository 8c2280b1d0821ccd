import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageRefused, MAX_VARIANT_BYTES, processImage, variantWidths, type MadeVariant } from './processing.ts';
import { htmlPage, noisyPhoto, pngBomb, sidewaysPhoneJpeg, smallPng, svgImage, transparentPng } from './test-images.ts';

const formatsAt = (variants: MadeVariant[], width: number) =>
  variants
    .filter((v) => v.width === width)
    .map((v) => v.format)
    .sort();

describe('making an upload into the library’s files', () => {
  it('keeps every variant of a large noisy photo within 150 KB, at each width up to 1600, in three formats', async () => {
    const processed = await processImage(await noisyPhoto());
    expect([processed.width, processed.height]).toEqual([2400, 1600]);
    for (const v of processed.variants) {
      expect(v.bytes.byteLength, `${v.format} at ${v.width}`).toBeLessThanOrEqual(MAX_VARIANT_BYTES);
      // What each file says it is, by its own bytes: the format and the size recorded.
      const read = await sharp(v.bytes).metadata();
      expect(read.format === 'heif' ? 'avif' : read.format).toBe(v.format);
      expect([read.width, read.height]).toEqual([v.width, v.height]);
      expect(Math.abs(v.height - (v.width * 1600) / 2400)).toBeLessThanOrEqual(1);
    }
    for (const width of [400, 800, 1200])
      expect(formatsAt(processed.variants, width)).toEqual(['avif', 'jpeg', 'webp']);
    // The widest fits in AVIF, which nearly every browser takes; grain this strong may leave WebP or JPEG without it.
    expect(formatsAt(processed.variants, 1600)).toContain('avif');
  }, 120_000);

  it('never enlarges an image: a narrow one is made at its own width only', async () => {
    expect(variantWidths(3000)).toEqual([400, 800, 1200, 1600]);
    expect(variantWidths(1000)).toEqual([400, 800, 1000]);
    expect(variantWidths(800)).toEqual([400, 800]);
    expect(variantWidths(250)).toEqual([250]);
    const processed = await processImage(await smallPng(640, 480));
    expect([...new Set(processed.variants.map((v) => v.width))]).toEqual([400, 640]);
    expect(Math.max(...processed.variants.map((v) => v.width))).toBe(640);
  });

  it('turns a sideways phone photo upright and strips its EXIF, GPS position and camera name', async () => {
    const upload = await sidewaysPhoneJpeg();
    const before = await sharp(upload).metadata();
    // The test's photo really does carry what must go.
    expect(before.orientation).toBe(6);
    expect(Buffer.from(before.exif!).toString('latin1')).toContain('Secret Phone 12');
    expect(Buffer.from(before.exif!).toString('latin1')).toContain('WGS-84-HOME');
    const processed = await processImage(upload);
    expect([processed.width, processed.height]).toEqual([400, 1200]);
    for (const file of [processed.original.bytes, ...processed.variants.map((v) => v.bytes)]) {
      const after = await sharp(file).metadata();
      expect(after.exif).toBeUndefined();
      expect(after.orientation).toBeUndefined();
      expect(after.icc).toBeUndefined();
      expect(Buffer.from(file).toString('latin1')).not.toMatch(/Secret Phone|PhoneMaker|WGS-84-HOME/);
    }
    // Upright: what was stored on the left (red) is now at the top, the right (blue) at the bottom.
    const jpeg = processed.variants.find((v) => v.format === 'jpeg' && v.width === 400)!;
    expect([jpeg.width, jpeg.height]).toEqual([400, 1200]);
    const { data } = await sharp(jpeg.bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * 400 + x) * 3, (y * 400 + x) * 3 + 3)];
    expect(pixel(200, 100)[0]).toBeGreaterThan(200);
    expect(pixel(200, 100)[2]).toBeLessThan(60);
    expect(pixel(200, 1100)[2]).toBeGreaterThan(200);
    expect(pixel(200, 1100)[0]).toBeLessThan(60);
  });

  it('takes WebP and AVIF uploads, keeping each original in its own format', async () => {
    const picture = sharp({ create: { width: 500, height: 400, channels: 3, background: '#aa5533' } });
    for (const [format, type] of [
      ['webp', 'image/webp'],
      ['avif', 'image/avif'],
    ] as const) {
      const processed = await processImage(await picture.clone().toFormat(format).toBuffer());
      expect(processed.original.contentType).toBe(type);
      expect(formatsAt(processed.variants, 400)).toEqual(['avif', 'jpeg', 'webp']);
      expect(formatsAt(processed.variants, 500)).toEqual(['avif', 'jpeg', 'webp']);
    }
  });

  it('keeps transparency: a PNG fallback instead of JPEG', async () => {
    const processed = await processImage(await transparentPng());
    expect(formatsAt(processed.variants, 400)).toEqual(['avif', 'png', 'webp']);
    const png = processed.variants.find((v) => v.format === 'png' && v.width === 400)!;
    expect((await sharp(png.bytes).stats()).isOpaque).toBe(false);
  });

  it('takes only the first frame of an animated GIF, as a PNG', async () => {
    // Two frames, 300 × 300 each: red, then green.
    const pixels = Buffer.alloc(300 * 600 * 3);
    for (let i = 0; i < 300 * 600; i++) pixels[i * 3 + (i < 300 * 300 ? 0 : 1)] = 255;
    const gif = await sharp(pixels, { raw: { width: 300, height: 600, channels: 3, pageHeight: 300 } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const processed = await processImage(gif);
    expect(processed.original.contentType).toBe('image/png');
    expect([processed.width, processed.height]).toEqual([300, 300]);
    const first = await sharp(processed.original.bytes).raw().toBuffer();
    expect([first[0], first[1]]).toEqual([255, 0]);
  });

  it('refuses SVG, HTML and a decompression bomb with words for the person, never a crash', async () => {
    await expect(processImage(svgImage)).rejects.toThrow(ImageRefused);
    await expect(processImage(svgImage)).rejects.toThrow(/SVG is not accepted/);
    await expect(processImage(htmlPage)).rejects.toThrow(/JPEG, PNG, WebP, AVIF or GIF/);
    await expect(processImage(pngBomb())).rejects.toThrow(/too large: 30,000 × 30,000 pixels/);
    // A file that starts like a JPEG and then is not one.
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(200).fill(7)]);
    await expect(processImage(broken)).rejects.toThrow(ImageRefused);
  });
});
