import type { Locale } from './schema.ts';
import { isSectionKind, type SectionLink } from './sections.ts';
import type { SectionSnapshot } from './versions.ts';

/**
 * Sections as versions taken before sections had kinds hold them (the old home page's values,
 * pillars, impact, testimonial, teasers…), rewritten as the kinds they became. Migration 0019 does
 * the same to the rows; this does it to a version being restored, so putting an old home page back
 * gives the home page back, not rows no view reads. A list already of known kinds is left as it is.
 */
export function upgradeSections(sections: readonly SectionSnapshot[], locale: Locale): SectionSnapshot[] {
  if (sections.every((s) => isSectionKind(s.kind))) return [...sections];
  const out: SectionSnapshot[] = [];
  const words = (s: SectionSnapshot, name: string) =>
    typeof s.data[name] === 'string' ? (s.data[name] as string) : '';
  for (const s of sections) {
    const base = { key: s.key, position: out.length, heading: s.heading, bodyMd: s.bodyMd, hidden: s.hidden ?? false };
    const cardKind = s.kind === 'values-intro' ? 'value' : s.kind === 'change-intro' ? 'pillar' : undefined;
    const last = out.at(-1);
    if (s.kind === 'value' || s.kind === 'pillar') {
      const card = { title: s.heading, text: s.bodyMd, imageId: null };
      // Cards join the intro (or the cards) just before them, as the old view showed them.
      if (last?.kind === 'cards' && (last.data as { of?: string }).of === s.kind)
        (last.data.cards as unknown[]).push(card);
      else out.push({ ...base, kind: 'cards', heading: '', bodyMd: '', data: { cards: [card], of: s.kind } });
      continue;
    }
    if (cardKind) out.push({ ...base, kind: 'cards', data: { cards: [], of: cardKind } });
    else if (s.kind === 'impact')
      out.push({ ...base, kind: 'figure', data: { figure: words(s, 'figure'), caption: words(s, 'figureLabel') } });
    else if (s.kind === 'testimonial')
      out.push({ ...base, kind: 'quote', data: { attribution: words(s, 'attribution') } });
    else if (s.kind === 'newsletter-cta')
      out.push({
        ...base,
        kind: 'cta',
        data: {
          link: { kind: 'list', ref: 'join' },
          linkLabel: locale === 'es' ? 'Suscríbete a nuestros correos' : 'Sign up for our email',
        },
      });
    else if (s.kind === 'petition-cta')
      out.push({
        ...base,
        kind: 'cta',
        data: { link: linkOf(words(s, 'href')), linkLabel: words(s, 'linkLabel') || s.heading },
      });
    else if (s.kind === 'teaser')
      out.push({
        ...base,
        kind: 'text',
        data: { style: 'plain', link: linkOf(words(s, 'href')), linkLabel: words(s, 'linkLabel') || s.heading },
      });
    else if (isSectionKind(s.kind)) out.push({ ...s, position: out.length });
    else {
      const style = s.kind === 'tip' ? 'step' : s.kind === 'note' ? 'note' : 'plain';
      out.push({ ...base, kind: 'text', data: { style, link: null, linkLabel: '' } });
    }
  }
  // The marker of which cards an intro gathers is the upgrade's own; it is not stored.
  return out.map((s) => {
    if (s.kind !== 'cards') return s;
    const { of: _of, ...data } = s.data;
    return { ...s, data };
  });
}

/** An old link address as what it leads to, as migration 0019 reads it. */
export function linkOf(href: string): SectionLink | null {
  if (!href) return null;
  if (/^https?:\/\//.test(href)) return { kind: 'url', url: href };
  if (href === '/join') return { kind: 'list', ref: 'join' };
  if (href === '/policies' || href === '/resources') return { kind: 'list', ref: href.slice(1) };
  const match = /^\/(petitions|policies|resources)\/([a-z0-9-]+)$/.exec(href);
  if (match) {
    const kinds = { petitions: 'petition', policies: 'policy', resources: 'resource' } as const;
    return { kind: kinds[match[1] as keyof typeof kinds], ref: match[2]! };
  }
  if (href === '/') return { kind: 'page', ref: 'home' };
  if (/^\/[a-z0-9-]+$/.test(href)) return { kind: 'page', ref: href.slice(1) };
  return null;
}
