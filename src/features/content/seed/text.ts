import { readFileSync } from 'node:fs';

/**
 * The demo's long texts live in Markdown files under `text/`, so the prose
 * reads (and is reviewed) as prose while the TypeScript keeps only the site's
 * shape: slugs, titles, order. A file holds named blocks, each opened by a
 * line such as `<!-- summary -->`, which a Markdown preview does not show.
 * The blank lines around a block are layout, not text, and are left out.
 */

export const seedTextFolder = new URL('./text/', import.meta.url);
const blockMarker = /^<!-- ([a-z0-9-]+) -->$/;

/** The blocks a file must have, and those it may leave out (read as ''). */
export type SeedBlocks = { required: readonly string[]; optional?: readonly string[] };

/** Reads `text/<path>` (for example `pages/home.en.md`) and returns its blocks by name. */
export function readSeedText(path: string, blocks: SeedBlocks): (block: string) => string {
  return parseSeedText(path, readFileSync(new URL(path, seedTextFolder), 'utf8'), blocks);
}

/**
 * Splits one file's Markdown into its blocks ('' for an optional block it
 * leaves out). A missing, empty, repeated or unexpected block fails the seed,
 * so no text is lost to a typo.
 */
export function parseSeedText(
  path: string,
  markdown: string,
  { required, optional = [] }: SeedBlocks,
): (block: string) => string {
  const fail = (problem: string): never => {
    throw new Error(`Seed text ${path}: ${problem}`);
  };
  const blocks = new Map<string, string>();
  let name: string | undefined;
  let lines: string[] = [];
  const close = () => {
    if (name === undefined) return;
    const text = lines.join('\n').replace(/^\n+|\n+$/g, '');
    if (!text) fail(`block "${name}" is empty`);
    blocks.set(name, text);
  };
  for (const line of markdown.split('\n')) {
    const opened = blockMarker.exec(line)?.[1];
    if (opened !== undefined) {
      close();
      if (blocks.has(opened)) fail(`block "${opened}" appears twice`);
      if (!required.includes(opened) && !optional.includes(opened)) fail(`unexpected block "${opened}"`);
      [name, lines] = [opened, []];
    } else if (name !== undefined) lines.push(line);
    else if (line.trim()) fail('text before the first block');
  }
  close();
  for (const needed of required) if (!blocks.has(needed)) fail(`block "${needed}" is missing`);
  return (block) => blocks.get(block) ?? '';
}
