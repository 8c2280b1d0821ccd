import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { newFileKey, type FileStore } from '../../platform/storage.ts';
import type { ImageChoice, ImageLibrary, PlacedImage } from '../../platform/web/images.tsx';
import type { Locale } from '../../platform/web/locale.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { bumpContentVersion } from '../content/service.ts';
import type { ImageWords } from './inputs.ts';
import { contentTypes, extensions, processImage, type ProcessedImage } from './processing.ts';
import { images, imageVariants, type VariantFormat } from './schema.ts';

type ImageRow = typeof images.$inferSelect;
type VariantRow = typeof imageVariants.$inferSelect;

/** An image as the workspace lists it: its words, what it still needs, and a small picture of it. */
export type StaffImage = ImageRow & {
  variants: VariantRow[];
  /** The smallest JPEG or PNG, for the workspace's lists. */
  thumbnail: VariantRow | undefined;
  /** Alt text in both languages: only then may it be placed on a page. */
  placeable: boolean;
};

export function mediaPath(key: string): string {
  return `/media/${key}`;
}

/** The languages an image still needs alt text in, by name. */
export function missingAlt(image: Pick<ImageRow, 'altEn' | 'altEs'>): ('English' | 'Spanish')[] {
  const missing: ('English' | 'Spanish')[] = [];
  if (!image.altEn.trim()) missing.push('English');
  if (!image.altEs.trim()) missing.push('Spanish');
  return missing;
}

const fallbackFormats: readonly VariantFormat[] = ['jpeg', 'png'];

function staffImage(row: ImageRow, variants: VariantRow[]): StaffImage {
  const own = variants.filter((v) => v.imageId === row.id).sort((a, b) => a.width - b.width);
  return {
    ...row,
    variants: own,
    thumbnail: own.find((v) => fallbackFormats.includes(v.format)),
    placeable: missingAlt(row).length === 0,
  };
}

async function withVariants(db: Db, rows: ImageRow[]): Promise<StaffImage[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const variants = await db.select().from(imageVariants).where(inArray(imageVariants.imageId, ids));
  return rows.map((row) => staffImage(row, variants));
}

/** Every image, newest first. */
export async function listImagesForStaff(db: Db): Promise<StaffImage[]> {
  return withVariants(db, await db.select().from(images).orderBy(desc(images.uploadedAt), desc(images.id)));
}

export async function getImageForStaff(db: Db, id: number): Promise<StaffImage | undefined> {
  const rows = await db.select().from(images).where(eq(images.id, id));
  return (await withVariants(db, rows))[0];
}

/**
 * Adds an image to the library: made into its variants (processing.ts), its files stored, then its row,
 * its variants and the audit entry in one transaction. If that fails, the files just stored go again.
 * Throws ImageRefused (words for the file field) when the bytes are not an image the library takes.
 */
export async function addImage(
  db: Db,
  files: FileStore,
  bytes: Uint8Array,
  words: ImageWords,
  actor: AuditActor | null,
  options: { isDemo?: boolean } = {},
): Promise<{ id: number }> {
  const processed = await processImage(bytes);
  const stored = await storeFiles(files, processed);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(images)
        .values({
          originalKey: stored.originalKey,
          width: processed.width,
          height: processed.height,
          ...words,
          uploadedBy: actor?.staffId ?? null,
          isDemo: options.isDemo ?? false,
        })
        .returning({ id: images.id });
      const id = row!.id;
      await tx.insert(imageVariants).values(stored.variants.map((v) => ({ ...v, imageId: id })));
      await recordAudit(tx, actor, {
        action: 'image.upload',
        subjectType: 'image',
        subjectId: id,
        subjectLabel: imageLabel({ id, ...words }),
        after: { ...words, width: processed.width, height: processed.height, files: stored.variants.length },
      });
      return { id };
    });
  } catch (error) {
    await Promise.all(stored.keys.map((key) => files.delete(key).catch(() => {})));
    throw error;
  }
}

async function storeFiles(files: FileStore, processed: ProcessedImage) {
  const originalKey = newFileKey(processed.original.extension);
  const variants = processed.variants.map((v) => ({
    key: newFileKey(extensions[v.format]),
    format: v.format,
    width: v.width,
    height: v.height,
    bytes: v.bytes.byteLength,
    data: v.bytes,
  }));
  const keys = [originalKey, ...variants.map((v) => v.key)];
  try {
    await files.put(originalKey, processed.original.bytes, processed.original.contentType);
    for (const v of variants) await files.put(v.key, v.data, contentTypes[v.format]);
  } catch (error) {
    await Promise.all(keys.map((key) => files.delete(key).catch(() => {})));
    throw error;
  }
  return { originalKey, keys, variants: variants.map(({ data: _data, ...v }) => v) };
}

/** How the audit log names an image: its English alt text, else its number. */
function imageLabel(image: { id: number; altEn: string }): string {
  const alt = image.altEn.trim();
  return alt ? `“${alt.length > 80 ? `${alt.slice(0, 79)}…` : alt}”` : `#${image.id}`;
}

const wordsOf = (row: ImageRow): ImageWords => ({
  altEn: row.altEn,
  altEs: row.altEs,
  captionEn: row.captionEn,
  captionEs: row.captionEs,
  credit: row.credit,
});

/** Saves an image's words; pages that show it change with it, so the content version moves. False if it is gone. */
export async function saveImageWords(db: Db, id: number, words: ImageWords, actor: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(images).where(eq(images.id, id)).for('update');
    if (!before) return false;
    await tx
      .update(images)
      .set({ ...words, updatedAt: new Date() })
      .where(eq(images.id, id));
    await bumpContentVersion(tx);
    await recordAudit(tx, actor, {
      action: 'image.update',
      subjectType: 'image',
      subjectId: id,
      subjectLabel: imageLabel({ id, ...words }),
      before: wordsOf(before),
      after: words,
    });
    return true;
  });
}

/**
 * Removes an image and then its files. A page that placed it shows nothing there from then on (the library's
 * `find` leaves unknown ids out). False if it was already gone.
 */
export async function deleteImage(db: Db, files: FileStore, id: number, actor: AuditActor): Promise<boolean> {
  const keys = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(images).where(eq(images.id, id)).for('update');
    if (!before) return undefined;
    const variants = await tx
      .delete(imageVariants)
      .where(eq(imageVariants.imageId, id))
      .returning({ key: imageVariants.key });
    await tx.delete(images).where(eq(images.id, id));
    await bumpContentVersion(tx);
    await recordAudit(tx, actor, {
      action: 'image.delete',
      subjectType: 'image',
      subjectId: id,
      subjectLabel: imageLabel(before),
      before: wordsOf(before),
    });
    return [before.originalKey, ...variants.map((v) => v.key)];
  });
  if (!keys) return false;
  // After the commit: a file that outlives a failed delete is only wasted space, a row without its file a hole.
  await Promise.all(keys.map((key) => files.delete(key).catch(() => {})));
  return true;
}

/** A variant's file by its key, for /media/<key>; undefined for any key that is not a variant in the library. */
export async function mediaFile(
  db: Db,
  files: FileStore,
  key: string,
): Promise<{ bytes: Uint8Array; contentType: string } | undefined> {
  const [variant] = await db.select().from(imageVariants).where(eq(imageVariants.key, key));
  if (!variant) return undefined;
  const stored = await files.get(key);
  return stored ? { bytes: stored.bytes, contentType: contentTypes[variant.format] } : undefined;
}

function srcset(variants: readonly VariantRow[]): string {
  return variants.map((v) => `${mediaPath(v.key)} ${v.width}w`).join(', ');
}

/** An image as a page in this language places it; undefined unless it has alt text in both languages. */
export function placedImage(image: StaffImage, locale: Locale): PlacedImage | undefined {
  if (!image.placeable) return undefined;
  const of = (format: VariantFormat) => image.variants.filter((v) => v.format === format);
  const fallback = of('jpeg').length > 0 ? of('jpeg') : of('png');
  if (fallback.length === 0) return undefined;
  const largest = image.variants.reduce((a, b) => (b.width > a.width ? b : a));
  const words =
    locale === 'es'
      ? { alt: image.altEs, caption: image.captionEs || image.captionEn }
      : { alt: image.altEn, caption: image.captionEn };
  return {
    id: image.id,
    alt: words.alt,
    caption: words.caption,
    credit: image.credit,
    lang: locale,
    // A Spanish page whose image has no Spanish caption shows the English one, marked as English.
    captionLang: locale === 'es' && !image.captionEs && image.captionEn ? 'en' : undefined,
    width: largest.width,
    height: largest.height,
    src: mediaPath(fallback[fallback.length - 1]!.key),
    srcset: srcset(fallback),
    sources: (['avif', 'webp'] as const)
      .map((format) => ({ type: contentTypes[format], srcset: srcset(of(format)) }))
      .filter((source) => source.srcset !== ''),
  };
}

/** The media library as features that show images see it (the app hands it to them). */
export function mediaLibrary(db: Db): ImageLibrary {
  return {
    async choices(): Promise<ImageChoice[]> {
      const rows = await db.select().from(images).orderBy(asc(images.altEn), asc(images.id));
      const listed = await withVariants(db, rows);
      return listed
        .filter((image) => image.placeable && image.thumbnail)
        .map((image) => ({ id: image.id, label: image.altEn, thumbnail: mediaPath(image.thumbnail!.key) }));
    },
    async find(ids, locale) {
      const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647);
      const found = new Map<number, PlacedImage>();
      if (wanted.length === 0) return found;
      const rows = await db.select().from(images).where(inArray(images.id, wanted));
      for (const image of await withVariants(db, rows)) {
        const placed = placedImage(image, locale);
        if (placed) found.set(image.id, placed);
      }
      return found;
    },
  };
}
