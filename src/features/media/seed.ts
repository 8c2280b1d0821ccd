import { count } from 'drizzle-orm';
import { loadSharp } from '../../platform/image-library.ts';
import type { Db } from '../../platform/db/client.ts';
import type { FileStore } from '../../platform/storage.ts';
import type { ImageWords } from './inputs.ts';
import { addImage } from './library.ts';
import { images } from './schema.ts';

/**
 * The demo's images. The organisation's real home page has photos of its Advocacy Day, which we do not have
 * and must not fake: these are plain drawings, made here, that say on their face and in their alt text that
 * they are samples. Staff replace them with their own photos.
 */
const samples: readonly { svg: string; words: ImageWords }[] = [
  {
    svg: drawing(1600, 1000, {
      sky: '#dbe9f4',
      ground: '#6b8f71',
      shapes: [
        // A domed building, and people standing in front of it.
        '<rect x="500" y="420" width="600" height="300" fill="#f4efe6"/>',
        '<ellipse cx="800" cy="420" rx="180" ry="150" fill="#efe7d8"/>',
        '<rect x="780" y="220" width="40" height="70" fill="#efe7d8"/>',
        ...[560, 640, 720, 880, 960, 1040].map(
          (x) => `<rect x="${x - 15}" y="480" width="30" height="240" fill="#ddd3c2"/>`,
        ),
        ...[300, 420, 1180, 1300].flatMap((x, i) => person(x, 860, ['#b5523b', '#2f5d8a', '#8a5a9e', '#d9a441'][i]!)),
      ],
    }),
    words: {
      altEn: 'Sample illustration: a simple drawing of a domed capitol building with four people in front of it',
      altEs: 'Ilustración de muestra: un dibujo sencillo de un capitolio con cúpula y cuatro personas delante',
      captionEn: 'A sample illustration, standing in for a photo of our advocacy day at the Capitol.',
      captionEs: 'Una ilustración de muestra, en lugar de una foto de nuestro día de abogacía en el Capitolio.',
      credit: 'Sample image made by Groundswell',
    },
  },
  {
    svg: drawing(1200, 800, {
      sky: '#f6e7d8',
      ground: '#c98b5a',
      shapes: [
        // A group holding a blank sign.
        '<rect x="380" y="260" width="440" height="200" rx="12" fill="#ffffff" stroke="#5a3e2b" stroke-width="8"/>',
        ...[420, 600, 780].flatMap((x, i) => person(x, 660, ['#2f5d8a', '#b5523b', '#3d7a5a'][i]!)),
      ],
    }),
    words: {
      altEn: 'Sample illustration: a simple drawing of three people holding up a blank sign together',
      altEs: 'Ilustración de muestra: un dibujo sencillo de tres personas que sostienen juntas un cartel en blanco',
      captionEn: 'A sample illustration: replace it with a photo of your own.',
      captionEs: 'Una ilustración de muestra: cámbiala por una foto propia.',
      credit: 'Sample image made by Groundswell',
    },
  },
];

function person(x: number, feet: number, colour: string): string[] {
  return [
    `<rect x="${x - 35}" y="${feet - 170}" width="70" height="170" rx="30" fill="${colour}"/>`,
    `<circle cx="${x}" cy="${feet - 210}" r="38" fill="#8d5b3f"/>`,
  ];
}

function drawing(width: number, height: number, scene: { sky: string; ground: string; shapes: string[] }): string {
  const horizon = Math.round(height * 0.72);
  const label = Math.round(height * 0.09);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${scene.sky}"/>`,
    `<rect y="${horizon}" width="${width}" height="${height - horizon}" fill="${scene.ground}"/>`,
    ...scene.shapes,
    `<rect x="${width / 2 - label * 4}" y="${label * 0.5}" width="${label * 8}" height="${label * 1.5}" rx="12" ` +
      'fill="#1f2937" fill-opacity="0.85"/>',
    `<text x="${width / 2}" y="${label * 1.55}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${label}" ` +
      'font-weight="bold" fill="#ffffff" text-anchor="middle">Sample image</text>',
    '</svg>',
  ].join('');
}

/**
 * Adds the sample images to an empty library, once: a library with any image (a sample or staff's own) is
 * left as it is. Returns the new images' ids, in the order above (the first is the home page's).
 */
export async function seedDemoImages(db: Db, files: FileStore): Promise<{ seeded: boolean; ids: number[] }> {
  const [row] = await db.select({ n: count() }).from(images);
  if ((row?.n ?? 0) > 0) return { seeded: false, ids: [] };
  const ids: number[] = [];
  for (const sample of samples) {
    const sharp = await loadSharp();
    const png = await sharp(Buffer.from(sample.svg)).png().toBuffer();
    ids.push((await addImage(db, files, png, sample.words, null, { isDemo: true })).id);
  }
  return { seeded: true, ids };
}
