import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { LocalFileStore } from '../../platform/storage.ts';
import { listAudit } from '../audit/service.ts';
import { getContentVersion } from '../content/service.ts';
import { postForm } from '../content/admin-test-support.ts';
import { imageVariants, images } from './schema.ts';
import { addImage, mediaLibrary, seedDemoImages } from './service.ts';
import { htmlPage, pngBomb, sidewaysPhoneJpeg, smallPng, svgImage } from './test-images.ts';

const words = {
  altEn: 'Volunteers at a table',
  altEs: 'Voluntarias en una mesa',
  captionEn: 'Phone bank night',
  captionEs: '',
  credit: 'Sample credit',
};

describeEachDatabase('the media library in the workspace', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let dataDir: string;
  let files: LocalFileStore;
  let editor: Browser & { staffId: number };
  let token: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'groundswell-media-'));
    files = new LocalFileStore(join(dataDir, 'uploads'));
    ({ app } = createTestApp(database(), { DATA_DIR: dataDir, UPLOAD_MAX_MB: '2' }));
    editor = await signedInAs(app, database(), 'editor');
    token = await editor.csrf('/admin/account');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const upload = (bytes: Uint8Array, fields: Record<string, string> = words, as: Browser = editor) =>
    postForm(as, '/admin/media/new', token, { ...fields, file: new Blob([bytes]) });
  const idFrom = (res: Response) => Number(/\/admin\/media\/(\d+)/.exec(res.headers.get('location') ?? '')![1]);
  const variantsOf = (id: number) => database().db.select().from(imageVariants).where(eq(imageVariants.imageId, id));
  const storedFiles = () => readdirSync(join(dataDir, 'uploads')).filter((name) => !name.endsWith('.type'));

  it('uploads a phone photo: upright, stripped, in sizes and formats served from our origin', async () => {
    const res = await upload(await sidewaysPhoneJpeg());
    expect(res.status).toBe(303);
    const id = idFrom(res);
    expect(res.headers.get('location')).toBe(`/admin/media/${id}?notice=uploaded`);
    const [row] = await database().db.select().from(images).where(eq(images.id, id));
    expect(row).toMatchObject({ ...words, width: 400, height: 1200, uploadedBy: editor.staffId, isDemo: false });
    const variants = await variantsOf(id);
    expect(new Set(variants.map((v) => v.format))).toEqual(new Set(['avif', 'webp', 'jpeg']));
    // 400 wide: one width only, never enlarged to 800.
    expect(new Set(variants.map((v) => v.width))).toEqual(new Set([400]));
    for (const variant of variants) {
      const served = await app.request(`/media/${variant.key}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(`image/${variant.format}`);
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      const etag = served.headers.get('etag')!;
      expect(etag).toBe(`"${variant.key}"`);
      const bytes = new Uint8Array(await served.arrayBuffer());
      expect(bytes.byteLength).toBe(variant.bytes);
      expect(bytes.byteLength).toBeLessThanOrEqual(150 * 1024);
      const metadata = await sharp(bytes).metadata();
      expect(metadata.exif).toBeUndefined();
      expect([metadata.width, metadata.height]).toEqual([400, 1200]);
      expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/Secret Phone|WGS-84-HOME/);
      // A browser that has it asks again only to hear that nothing changed.
      const again = await app.request(`/media/${variant.key}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
    const audit = (await listAudit(database().db, { action: 'image.upload' })).rows[0]!;
    expect(audit).toMatchObject({ subjectType: 'image', subjectId: String(id), actorId: editor.staffId });
    expect(audit.summary.subject).toBe('“Volunteers at a table”');
    // The list shows it, ready to place, with a picture of it.
    const list = await (await editor.request('/admin/media')).text();
    expect(list).toContain(`<a href="/admin/media/${id}">Volunteers at a table</a>`);
    expect(list).toMatch(/<img src="\/media\/[a-f0-9]{32}\.jpg" width="80" height="240" alt="" loading="lazy"/);
  });

  it('serves only the library’s variants: unknown keys, originals and other files are 404', async () => {
    expect((await app.request(`/media/${'0'.repeat(32)}.jpg`)).status).toBe(404);
    expect((await app.request('/media/../../etc/passwd')).status).toBe(404);
    expect((await app.request('/media/not-a-key.png')).status).toBe(404);
    // The original (kept to make sizes again) and a resource's file live in the same store; neither is served here.
    const { id } = await addImage(database().db, files, await smallPng(), words, null);
    const [row] = await database().db.select().from(images).where(eq(images.id, id));
    expect((await app.request(`/media/${row!.originalKey}`)).status).toBe(404);
    await files.put(`${'a'.repeat(32)}.pdf`, new Uint8Array([1, 2, 3]), 'application/pdf');
    expect((await app.request(`/media/${'a'.repeat(32)}.pdf`)).status).toBe(404);
  });

  it('refuses SVG, HTML, a decompression bomb and a missing file with the form back and the words kept', async () => {
    const before = storedFiles().length;
    const uploads = (await listAudit(database().db, { action: 'image.upload' })).total;
    const typed = { ...words, altEn: 'Kept <as> typed', captionEs: 'Pie de foto' };
    for (const [bytes, message] of [
      [svgImage, 'SVG is not accepted'],
      [htmlPage, 'JPEG, PNG, WebP, AVIF or GIF'],
      [pngBomb(), 'The image is too large: 30,000 × 30,000 pixels'],
    ] as const) {
      const res = await upload(bytes, typed);
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('<title>Error: Upload an image');
      expect(html).toContain(message);
      expect(html).toContain('aria-describedby="file-hint file-error"');
      expect(html).toContain('value="Kept &lt;as&gt; typed"');
      expect(html).toContain('value="Pie de foto"');
    }
    const empty = await postForm(editor, '/admin/media/new', token, typed);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Choose an image to upload.');
    // A file over the limit is refused before anything reads it.
    const huge = await upload(new Uint8Array(3 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(storedFiles().length).toBe(before);
    expect((await listAudit(database().db, { action: 'image.upload' })).total).toBe(uploads);
  });

  it('takes an upload past the workspace’s 1 MB form limit, up to UPLOAD_MAX_MB', async () => {
    const grain = await sharp({
      create: {
        width: 900,
        height: 600,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(grain.byteLength).toBeGreaterThan(1024 * 1024);
    expect(grain.byteLength).toBeLessThan(2 * 1024 * 1024);
    const res = await upload(grain);
    expect(res.status).toBe(303);
    const variants = await variantsOf(idFrom(res));
    expect(variants.every((v) => v.bytes <= 150 * 1024)).toBe(true);
  }, 60_000);

  it('keeps an image without alt text, says what it needs, and does not offer it to be placed', async () => {
    const res = await upload(await smallPng(900, 600), { ...words, altEs: '' });
    expect(res.status).toBe(303);
    const id = idFrom(res);
    expect(await (await editor.request('/admin/media')).text()).toContain('Needs Spanish alt text');
    const library = mediaLibrary(database().db);
    expect((await library.choices()).map((c) => c.id)).not.toContain(id);
    expect((await library.find([id], 'en')).has(id)).toBe(false);
    // Once it has Spanish alt text, it may be placed, and the public pages that show it refresh.
    const version = await getContentVersion(database().db);
    const saved = await postForm(editor, `/admin/media/${id}`, token, { ...words, altEs: 'Voluntarias' });
    expect(saved.status).toBe(303);
    expect(await getContentVersion(database().db)).toBeGreaterThan(version);
    const choice = (await library.choices()).find((c) => c.id === id)!;
    expect(choice).toMatchObject({ label: 'Volunteers at a table' });
    expect(choice.thumbnail).toMatch(/^\/media\/[a-f0-9]{32}\.jpg$/);
    const audit = (await listAudit(database().db, { action: 'image.update' })).rows[0]!;
    expect(audit.summary).toMatchObject({ before: { altEs: '' }, after: { altEs: 'Voluntarias' } });
  });

  it('finds placeable images in a language: modern formats first, JPEG fallback, the largest size', async () => {
    const { id } = await addImage(database().db, files, await smallPng(1000, 500), words, null);
    const library = mediaLibrary(database().db);
    const found = await library.find([id, 999_999, -1, id], 'es');
    expect([...found.keys()]).toEqual([id]);
    const placed = found.get(id)!;
    expect(placed).toMatchObject({ alt: 'Voluntarias en una mesa', lang: 'es', width: 1000, height: 500 });
    // No Spanish caption: the English one, marked as English.
    expect(placed).toMatchObject({ caption: 'Phone bank night', captionLang: 'en', credit: 'Sample credit' });
    expect(placed.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
    expect(placed.sources[0]!.srcset).toMatch(/^\/media\/[a-f0-9]{32}\.avif 400w, \/media\/[a-f0-9]{32}\.avif 800w, /);
    expect(placed.srcset).toMatch(/\.jpg 400w, .+\.jpg 800w, .+\.jpg 1000w$/);
    expect(placed.src).toBe(placed.srcset.split(', ').at(-1)!.split(' ')[0]);
    const english = (await library.find([id], 'en')).get(id)!;
    expect(english).toMatchObject({ alt: 'Volunteers at a table', caption: 'Phone bank night', lang: 'en' });
    expect(english.captionLang).toBeUndefined();
  });

  it('asks before deleting, then removes the image and its files, and audits it', async () => {
    const res = await upload(await smallPng());
    const id = idFrom(res);
    const keys = [
      (await database().db.select().from(images).where(eq(images.id, id)))[0]!.originalKey,
      ...(await variantsOf(id)).map((v) => v.key),
    ];
    expect(keys.every((key) => storedFiles().includes(key))).toBe(true);
    const question = await editor.request(`/admin/media/${id}/delete`);
    expect(await question.text()).toContain('Delete the image “Volunteers at a table”?');
    // Without the question's answer, nothing happens.
    expect((await postForm(editor, `/admin/media/${id}/delete`, token, {})).status).toBe(200);
    expect(await variantsOf(id)).toHaveLength(keys.length - 1);
    const deleted = await postForm(editor, `/admin/media/${id}/delete`, token, { confirmed: 'yes' });
    expect(deleted.headers.get('location')).toBe('/admin/media?notice=deleted');
    expect(await database().db.select().from(images).where(eq(images.id, id))).toEqual([]);
    expect(keys.some((key) => storedFiles().includes(key))).toBe(false);
    expect((await app.request(`/media/${keys[1]}`)).status).toBe(404);
    const audit = (await listAudit(database().db, { action: 'image.delete' })).rows[0]!;
    expect(audit).toMatchObject({ subjectId: String(id), actorId: editor.staffId });
  });

  describe('who may do what', () => {
    it('lets a viewer look, read-only, and nothing more', async () => {
      const viewer = await signedInAs(app, database(), 'viewer');
      const list = await (await viewer.request('/admin/media')).text();
      expect(list).toContain('<h1>Media</h1>');
      expect(list).not.toContain('Upload an image');
      expect(list).toContain('href="/admin/media"');
      const [first] = await database().db.select().from(images).limit(1);
      const page = await (await viewer.request(`/admin/media/${first!.id}`)).text();
      expect(page).toContain('<fieldset class="plain" disabled="">');
      expect(page).not.toContain('Delete this image');
      expect((await viewer.request('/admin/media/new')).status).toBe(403);
      const viewerToken = await viewer.csrf('/admin/account');
      expect((await upload(await smallPng(), words, viewer)).status).toBe(403);
      expect((await postForm(viewer, `/admin/media/${first!.id}`, viewerToken, words)).status).toBe(403);
      expect(
        (await postForm(viewer, `/admin/media/${first!.id}/delete`, viewerToken, { confirmed: 'yes' })).status,
      ).toBe(403);
    });
  });

  it('adds the demo’s sample images once, marked as samples, placeable in both languages', async () => {
    const empty = await database().db.select().from(images);
    // The library is not empty here, so nothing is added.
    expect(empty.length).toBeGreaterThan(0);
    expect((await seedDemoImages(database().db, files)).seeded).toBe(false);
    await database().db.delete(images);
    const seeded = await seedDemoImages(database().db, files);
    expect(seeded.ids).toHaveLength(2);
    const placed = await mediaLibrary(database().db).find(seeded.ids, 'es');
    expect(placed.size).toBe(2);
    for (const image of placed.values()) expect(image.alt).toMatch(/^Ilustración de muestra/);
    const rows = await database().db.select().from(images);
    expect(rows.every((row) => row.isDemo && row.altEn.startsWith('Sample illustration'))).toBe(true);
    expect((await seedDemoImages(database().db, files)).seeded).toBe(false);
  }, 60_000);
});
