import { escapeHtml } from '../../platform/web/escape.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { Chamber } from './schema.ts';

/**
 * The map's own coordinates. An equirectangular projection with longitude
 * scaled by cos(44°), Oregon's middle latitude, keeps the state's shape
 * honest at this size without a projection library; paths are stored in these
 * units at import, so drawing a map is only string work.
 */
const WEST = -124.8;
const EAST = -116.4;
const NORTH = 46.35;
const SOUTH = 41.9;
const LONGITUDE_SCALE = Math.cos((44 * Math.PI) / 180);
export const MAP_WIDTH = 1000;
const UNITS_PER_DEGREE = MAP_WIDTH / ((EAST - WEST) * LONGITUDE_SCALE);
export const MAP_HEIGHT = Math.ceil((NORTH - SOUTH) * UNITS_PER_DEGREE);

export type Position = [number, number];

export function project([lon, lat]: Position): Position {
  return [(lon - WEST) * LONGITUDE_SCALE * UNITS_PER_DEGREE, (NORTH - lat) * UNITS_PER_DEGREE];
}

/**
 * Rings already projected and simplified → a compact SVG path: whole units
 * (one unit is under a kilometre) and relative steps, which is what keeps the
 * 30-district map small. Steps that round to nothing are dropped.
 */
export function ringsToPath(rings: Position[][]): string {
  const parts: string[] = [];
  for (const ring of rings) {
    const points = ring.map(([x, y]) => [Math.round(x), Math.round(y)] as Position);
    if (points.length < 4) continue;
    let [px, py] = points[0]!;
    let d = `M${px} ${py}`;
    let steps = 0;
    for (const [x, y] of points.slice(1, -1)) {
      const dx = x - px;
      const dy = y - py;
      if (dx === 0 && dy === 0) continue;
      d += `l${dx}${dy < 0 ? '' : ' '}${dy}`;
      px = x;
      py = y;
      steps++;
    }
    if (steps >= 2) parts.push(`${d}z`);
  }
  return parts.join('');
}

/**
 * Sequential shades from the brand's teal, light to dark. Each one, and the
 * grey for "none yet", has at least 3:1 contrast against both the page's
 * white and its warm wash (WCAG 1.4.11), and the white borders between
 * districts keep that contrast with every fill.
 */
export const SHADES = ['#4e8fa6', '#3a7d96', '#266a83', '#124e66', '#082f40'] as const;
export const NO_SIGNATURES = '#868686';

export function shadeFor(value: number, max: number): string {
  if (!(value > 0) || !(max > 0)) return NO_SIGNATURES;
  const step = Math.min(SHADES.length, Math.ceil((value / max) * SHADES.length));
  return SHADES[Math.max(1, step) - 1]!;
}

const districtWords: Record<Locale, Record<Chamber, string>> = {
  en: { upper: 'Senate District', lower: 'House District' },
  es: { upper: 'Distrito del Senado', lower: 'Distrito de la Cámara' },
};

function countWords(locale: Locale, n: number): string {
  const number = n.toLocaleString(locale === 'es' ? 'es-ES' : 'en-US');
  if (locale === 'es') return `${number} ${n === 1 ? 'firma' : 'firmas'}`;
  return `${number} ${n === 1 ? 'signature' : 'signatures'}`;
}

export function districtLabel(locale: Locale, chamber: Chamber, district: string): string {
  return `${districtWords[locale][chamber]} ${district}`;
}

const escapeXml = escapeHtml;

export type MapOptions = {
  title: string;
  describedBy?: string;
  locale?: Locale;
  /**
   * Makes the map a chooser: each district a link to this address, reachable by Tab and announced by its name
   * ("Senate District 17"). The page keeps a list of the same links beside it for whoever cannot use a map.
   */
  linkFor?: (district: string) => string;
};

/** The whole map as one inline SVG string; the page puts the same numbers in a table beside it. */
export function renderDistrictMap(
  chamber: Chamber,
  districts: { district: string; svgPath: string }[],
  shade: Map<string, number>,
  options: MapOptions,
): string {
  const locale = options.locale ?? 'en';
  const max = Math.max(0, ...shade.values());
  const described = options.describedBy ? ` aria-describedby="${escapeXml(options.describedBy)}"` : '';
  const paths = [...districts]
    .sort((a, b) => Number(a.district) - Number(b.district))
    .map(({ district, svgPath }) => {
      const n = shade.get(district) ?? 0;
      if (options.linkFor) {
        // A link's name is the district alone: a chooser counts nothing.
        const name = escapeXml(districtLabel(locale, chamber, district));
        return (
          `<a href="${escapeXml(options.linkFor(district))}" aria-label="${name}">` +
          `<path d="${svgPath}" fill="${shadeFor(n, max)}"><title>${name}</title></path></a>`
        );
      }
      const label = `${districtLabel(locale, chamber, district)}: ${countWords(locale, n)}`;
      return `<path d="${svgPath}" fill="${shadeFor(n, max)}"><title>${escapeXml(label)}</title></path>`;
    })
    .join('');
  // An image's parts are hidden from screen readers; a map of links is a group whose links they list.
  const role = options.linkFor ? 'group' : 'img';
  const kind = options.linkFor ? 'district-map district-chooser' : 'district-map';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" ` +
    `role="${role}" aria-label="${escapeXml(options.title)}"${described} class="${kind}">` +
    `<title>${escapeXml(options.title)}</title>` +
    `<g stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round">${paths}</g></svg>`
  );
}
