import type { Locale } from './locale.ts';

/**
 * An image from the media library as a page places it: the sizes and formats made when it was
 * uploaded, and its words in the page's language. Features that show images (sections, news,
 * settings) are handed an `ImageLibrary` by the app; only the media feature knows where images live.
 */
export type PlacedImage = {
  id: number;
  /** Alt text in the asked-for language (both languages are required before an image can be placed). */
  alt: string;
  caption: string;
  credit: string;
  /** The language the words above are in. */
  lang: Locale;
  /** The caption's language when it differs from `lang`: a Spanish page showing the English caption it fell back to. */
  captionLang?: Locale | undefined;
  /** The largest variant's size: the img element carries it so nothing shifts as the image arrives. */
  width: number;
  height: number;
  /** The fallback file (JPEG or PNG) and its widths, for browsers that take neither source below. */
  src: string;
  srcset: string;
  /** Modern formats, best first: `{ type: 'image/avif', srcset: '/media/… 400w, …' }`. */
  sources: readonly { type: string; srcset: string }[];
};

/** An image staff may choose when placing one: only those with alt text in both languages. */
export type ImageChoice = { id: number; label: string; thumbnail: string };

export interface ImageLibrary {
  choices(): Promise<ImageChoice[]>;
  /** The placeable images with these ids, in a language; an unknown or unplaceable id is left out. */
  find(ids: readonly number[], locale: Locale): Promise<Map<number, PlacedImage>>;
}

/** A library with no images, for a site (or a test) composed without the media feature. */
export const noImages: ImageLibrary = {
  choices: async () => [],
  find: async () => new Map(),
};

/**
 * One image, responsive: the browser picks the format it reads and the width the layout needs
 * (`sizes` says how wide it is shown). Lazy unless it is the first thing on the page.
 */
export function Picture(props: { image: PlacedImage; sizes: string; eager?: boolean; class?: string }) {
  const { image } = props;
  return (
    <picture>
      {image.sources.map((source) => (
        <source type={source.type} srcset={source.srcset} sizes={props.sizes} />
      ))}
      <img
        src={image.src}
        srcset={image.srcset}
        sizes={props.sizes}
        width={image.width}
        height={image.height}
        alt={image.alt}
        lang={image.lang}
        class={props.class}
        loading={props.eager ? undefined : 'lazy'}
        decoding="async"
      />
    </picture>
  );
}

/** An image with its caption and credit beneath, as a figure. */
export function Figure(props: { image: PlacedImage; sizes: string; eager?: boolean }) {
  const { image } = props;
  const words = [image.caption, image.credit].filter(Boolean);
  return (
    <figure class="picture">
      <Picture image={image} sizes={props.sizes} eager={props.eager} />
      {words.length > 0 ? <figcaption lang={image.captionLang ?? image.lang}>{words.join(' · ')}</figcaption> : null}
    </figure>
  );
}
