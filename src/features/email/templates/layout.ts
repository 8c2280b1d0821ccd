import type { Locale } from '../../../platform/web/locale.ts';
import { actionEnd, actionStart, layoutWords, slots, type LayoutName, type SlotName } from './layout-source.ts';
import { compiledLayouts } from './layouts.generated.ts';

/** What a layout needs for one message. Everything but `bodyHtml` is plain text and is escaped here. */
export type LayoutInput = {
  subject: string;
  preheader: string;
  orgName: string;
  postalAddress: string;
  /** Trusted HTML: the template escaped whatever it merged in. */
  bodyHtml: string;
  bodyText: string;
  action?: { label: string; url: string } | undefined;
  /** List mail only. */
  preferencesUrl?: string | undefined;
};

export { escapeHtml } from '../../../platform/web/escape.ts';
import { escapeHtml } from '../../../platform/web/escape.ts';

/** Compiled HTML cut at its slots: filling it is one pass of joins, which is all a message costs. */
type Filler = { parts: string[]; names: SlotName[] };

const slotPattern = new RegExp(Object.values(slots).join('|'), 'g');
const slotByMarker = new Map<string, SlotName>(
  Object.entries(slots).map(([name, marker]) => [marker, name as SlotName]),
);

function filler(html: string): Filler {
  const parts: string[] = [];
  const names: SlotName[] = [];
  let last = 0;
  for (const match of html.matchAll(slotPattern)) {
    parts.push(html.slice(last, match.index));
    names.push(slotByMarker.get(match[0])!);
    last = match.index + match[0].length;
  }
  parts.push(html.slice(last));
  return { parts, names };
}

function fill(f: Filler, values: Record<SlotName, string>): string {
  let out = f.parts[0]!;
  for (let i = 0; i < f.names.length; i++) out += values[f.names[i]!] + f.parts[i + 1]!;
  return out;
}

type Prepared = { before: Filler; action: Filler; after: Filler };
const prepared = new Map<string, Prepared>();

/** Cuts a compiled layout into fillers the first time it is used, then keeps them. */
function preparedLayout(layout: LayoutName, locale: Locale): Prepared {
  const key = `${layout}:${locale}`;
  let p = prepared.get(key);
  if (!p) {
    const html = compiledLayouts[key];
    if (html === undefined) throw new Error(`no compiled email layout ${key}: run npm run email:layouts`);
    const start = html.indexOf(actionStart);
    const end = html.indexOf(actionEnd);
    if (start < 0 || end < start) throw new Error(`email layout ${key} has lost its action markers`);
    p = {
      before: filler(html.slice(0, start)),
      action: filler(html.slice(start + actionStart.length, end)),
      after: filler(html.slice(end + actionEnd.length)),
    };
    prepared.set(key, p);
  }
  return p;
}

// Inboxes show the preheader and then whatever text comes next; invisible
// spacing after it keeps the body's first words out of that preview.
const preheaderSpacing = '&#847;&zwnj;&nbsp;'.repeat(40);

export function layoutHtml(layout: LayoutName, locale: Locale, input: LayoutInput): string {
  const p = preparedLayout(layout, locale);
  const values: Record<SlotName, string> = {
    subject: escapeHtml(input.subject),
    preheader: input.preheader ? escapeHtml(input.preheader) + preheaderSpacing : '',
    orgName: escapeHtml(input.orgName),
    signature: escapeHtml([input.orgName, input.postalAddress].filter(Boolean).join(' · ')),
    body: input.bodyHtml,
    actionUrl: escapeHtml(input.action?.url ?? ''),
    actionLabel: escapeHtml(input.action?.label ?? ''),
    preferencesUrl: escapeHtml(input.preferencesUrl ?? ''),
  };
  return fill(p.before, values) + (input.action ? fill(p.action, values) : '') + fill(p.after, values);
}

/** The plain-text part: the same message and footer, with links written out. */
export function layoutText(layout: LayoutName, locale: Locale, input: LayoutInput): string {
  const words = layoutWords[locale];
  const blocks = [input.bodyText.trim()];
  if (input.action) blocks.push(`${input.action.label}: ${input.action.url}`);
  const footer: string[] = [];
  if (layout === 'list') {
    footer.push(words.listReason(input.orgName));
    footer.push(`${words.preferencesText}: ${input.preferencesUrl ?? ''}`);
  }
  footer.push([input.orgName, input.postalAddress].filter(Boolean).join(' · '));
  // "-- " is the signature separator mail clients recognise and fold away.
  blocks.push(`-- \n${footer.join('\n')}`);
  return blocks.join('\n\n') + '\n';
}
