import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import { linkTargetKinds, type LinkTargetKind } from '../../platform/web/link-targets.ts';
import { menuNames } from './schema.ts';

/** The longest label a menu item may have: a menu is read at a glance, and it has to fit at 390 px. */
export const LABEL_MAX = 60;
const URL_MAX = 2000;

/** The target select's value for "an address on another site". */
export const URL_TARGET = 'url';

const targetPattern = new RegExp(`^(${linkTargetKinds.join('|')}):[a-z0-9][a-z0-9-]{0,79}$`);

/** An address people may be sent to: web pages and email only, never `javascript:` or `data:`. */
export function isSafeUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'mailto:') return url.pathname.includes('@');
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * A menu item as the editor's form sends it: its words, and what it points to, as "kind:ref" of something the
 * site offers or "url" with the address typed beside it. Whether the target still exists is the route's question.
 */
export const menuItemInput = z
  .object({
    labelEn: plainText({ max: LABEL_MAX, required: 'Enter the words people see, in English' }),
    labelEs: plainText({ max: LABEL_MAX }).default(''),
    target: z.string().default(''),
    url: plainText({ max: URL_MAX }).default(''),
    hidden: z.literal('on').optional(),
  })
  .superRefine((item, ctx) => {
    if (!(item.target === URL_TARGET || targetPattern.test(item.target)))
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'Choose what the item leads to' });
    if (item.target !== URL_TARGET) return;
    if (item.url === '') ctx.addIssue({ code: 'custom', path: ['url'], message: 'Enter the address it leads to' });
    else if (!isSafeUrl(item.url))
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'Enter a full web address starting https:// (or http://), or an email address starting mailto:',
      });
  });
export type MenuItemForm = z.input<typeof menuItemInput>;

/** What a menu item points to, once the form has been read. */
export type MenuTarget = { kind: LinkTargetKind; ref: string } | { url: string };

export type MenuItemFields = {
  labelEn: string;
  labelEs: string;
  target: MenuTarget;
  hidden: boolean;
};

/** The form's answer as the service stores it. */
export function itemFields(parsed: z.output<typeof menuItemInput>): MenuItemFields {
  const target: MenuTarget =
    parsed.target === URL_TARGET
      ? { url: parsed.url }
      : {
          kind: parsed.target.split(':')[0] as LinkTargetKind,
          ref: parsed.target.slice(parsed.target.indexOf(':') + 1),
        };
  return { labelEn: parsed.labelEn, labelEs: parsed.labelEs, target, hidden: parsed.hidden === 'on' };
}

export const menuName = z.enum(menuNames);
