import { createHash } from 'node:crypto';
import { formatHex, parse, wcagContrast } from 'culori';

/** WCAG 2.2 AA for normal text (1.4.3): what every pairing of text and background must reach. */
export const MINIMUM_CONTRAST = 4.5;

/**
 * The backgrounds and texts site.css pairs with the brand colours: white
 * text on buttons, the header and highlighted figures; the colour itself as
 * link and heading text on white, and as links on the footer's pale wash.
 * Contrast is symmetric, so "white on X" also covers "X on white".
 */
const pairings = [
  { against: '#ffffff', says: (hex: string) => `white text on ${hex}` },
  { against: '#f4f1ea', says: (hex: string) => `${hex} text on the pale background (#f4f1ea) of the footer` },
] as const;

/** A ratio as people read it, never rounded up past the line: 4.49 shows as 4.4, not 4.5. */
export function formatRatio(ratio: number): string {
  return `${Math.floor(ratio * 10) / 10}:1`;
}

/**
 * A brand colour as typed: "" keeps the built-in colour; otherwise a hex
 * code, returned lower-case with six digits, or the reason it is refused
 * (not a colour, or text on it would be hard to read).
 */
export function checkBrandColour(typed: string): { hex: string } | { error: string } {
  const value = typed.trim();
  if (value === '') return { hex: '' };
  if (!/^#?[0-9a-f]{3}(?:[0-9a-f]{3})?$/i.test(value))
    return { error: 'Enter a colour as a hex code of 6 digits after #, such as #124e66' };
  const colour = parse(value.startsWith('#') ? value : `#${value}`);
  if (!colour) return { error: 'Enter a colour as a hex code of 6 digits after #, such as #124e66' };
  const hex = formatHex(colour);
  for (const pairing of pairings) {
    const ratio = wcagContrast(hex, pairing.against);
    if (ratio < MINIMUM_CONTRAST)
      return {
        error:
          `${capitalise(pairing.says(hex))} has a contrast of ${formatRatio(ratio)}; it needs at least ` +
          `${MINIMUM_CONTRAST}:1. Choose a darker colour.`,
      };
  }
  return { hex };
}

export type Theme = { path: string; css: string };

/**
 * The brand colours as a small stylesheet of our own (the CSP forbids inline
 * style), named after a hash of its text so it can be cached for a year;
 * undefined when neither colour is set and the built-in ones stand.
 */
export function themeOf(colours: { brandColour: string; brandDarkColour: string }): Theme | undefined {
  const declarations = [
    colours.brandColour ? `--brand: ${colours.brandColour};` : '',
    colours.brandDarkColour ? `--brand-dark: ${colours.brandDarkColour};` : '',
  ].filter(Boolean);
  if (declarations.length === 0) return undefined;
  const css = `:root { ${declarations.join(' ')} }\n`;
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 12);
  return { path: `/theme-${hash}.css`, css };
}

const knownHosts: [RegExp, string][] = [
  [/(^|\.)facebook\.com$|^fb\.com$/, 'Facebook'],
  [/(^|\.)instagram\.com$/, 'Instagram'],
  [/(^|\.)youtube\.com$|^youtu\.be$/, 'YouTube'],
  [/(^|\.)bsky\.app$/, 'Bluesky'],
  [/(^|\.)linkedin\.com$/, 'LinkedIn'],
  [/(^|\.)threads\.net$/, 'Threads'],
  [/(^|\.)tiktok\.com$/, 'TikTok'],
  [/^(x|twitter)\.com$/, 'X (Twitter)'],
  [/mastodon|^mstdn\.|^fosstodon\.org$|^hachyderm\.io$/, 'Mastodon'],
];

/** What a profile's link says: the network's name ("Instagram"), else the host without "www.". */
export function profileLabel(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
  host = host.replace(/^(www|m)\./, '');
  return knownHosts.find(([pattern]) => pattern.test(host))?.[1] ?? host;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
