import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { escapeHtml } from '../../platform/web/escape.ts';
import { MAP_HEIGHT, MAP_WIDTH, SHADES } from './map.ts';
import { legislativeDistricts, type Chamber } from './schema.ts';

// The one district in the brand's darkest teal, the rest in a pale wash: the pair has over 3:1 contrast (WCAG 1.4.11).
const HIGHLIGHT = SHADES[4];
const OTHERS = '#d5e3e8';

/**
 * One district picked out on the map of its chamber, as an image named by `title` (a legislator's
 * page says whose district it is). Undefined when the districts are not imported or it is not there.
 */
export async function districtHighlightSvg(
  db: Db,
  chamber: Chamber,
  district: string,
  title: string,
): Promise<string | undefined> {
  const rows = await db
    .select({ district: legislativeDistricts.district, svgPath: legislativeDistricts.svgPath })
    .from(legislativeDistricts)
    .where(eq(legislativeDistricts.chamber, chamber));
  const own = rows.find((r) => r.district === district);
  if (!own) return undefined;
  const rest = rows
    .filter((r) => r !== own)
    .map((r) => `<path d="${r.svgPath}" fill="${OTHERS}"/>`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" ` +
    `aria-label="${escapeHtml(title)}" class="district-map"><title>${escapeHtml(title)}</title>` +
    `<g stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round">${rest}` +
    `<path d="${own.svgPath}" fill="${HIGHLIGHT}"/></g></svg>`
  );
}
