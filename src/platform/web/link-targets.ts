import type { Locale } from './locale.ts';

/** What a menu item or a call to action can lead to on this site. */
export const linkTargetKinds = ['page', 'list', 'petition', 'event', 'resource', 'policy', 'post'] as const;
export type LinkTargetKind = (typeof linkTargetKinds)[number];

/**
 * One published thing a link can point to: `kind` and `ref` (a slug, or a list's name) are what a menu
 * item or a section stores, so a renamed title follows; `path` is language-neutral ("/about"), and the
 * link puts the language in front. Each feature offers its own (content its pages and lists, petitions
 * its open ones) and the app hands them all to the editors that make links.
 */
export type LinkTarget = {
  kind: LinkTargetKind;
  ref: string;
  path: string;
  label: Record<Locale, string>;
  /**
   * A list with nothing in it for now (petitions while none takes signatures): a link to it is left out of the
   * menus until it fills, without being called broken.
   */
  empty?: boolean;
};

export type LinkTargets = () => Promise<LinkTarget[]>;
