import { boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { staffUsers } from '../staff/schema.ts';

/** The formats variants are made in: AVIF and WebP for browsers that read them, JPEG (or PNG) for the rest. */
export const variantFormats = ['avif', 'webp', 'jpeg', 'png'] as const;
export type VariantFormat = (typeof variantFormats)[number];

/**
 * An image in the media library. `originalKey` is the file as uploaded, but turned upright and with its
 * metadata (EXIF, GPS) stripped: kept so variants can be made again, never served. The words are what
 * pages show with it; an image is placeable only once it has alt text in both languages.
 */
export const images = pgTable('images', {
  id: serial('id').primaryKey(),
  originalKey: text('original_key').notNull(),
  /** Upright, as uploaded. */
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  altEn: text('alt_en').notNull().default(''),
  altEs: text('alt_es').notNull().default(''),
  captionEn: text('caption_en').notNull().default(''),
  captionEs: text('caption_es').notNull().default(''),
  credit: text('credit').notNull().default(''),
  uploadedBy: integer('uploaded_by').references(() => staffUsers.id, { onDelete: 'set null' }),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  isDemo: boolean('is_demo').notNull().default(false),
});

/**
 * One size of an image in one format, as a file in the file store. Served at /media/<key>; a key not in
 * this table is not served, whatever else the store holds (resources' files live there too).
 */
export const imageVariants = pgTable(
  'image_variants',
  {
    key: text('key').primaryKey(),
    imageId: integer('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    format: text('format').$type<VariantFormat>().notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
  },
  (t) => [index('image_variants_image_idx').on(t.imageId)],
);
