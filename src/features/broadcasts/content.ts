import { eq } from 'drizzle-orm';
import { LoadingCache } from '../../platform/cache.ts';
import type { Db } from '../../platform/db/client.ts';
import { renderMarkdown, type SiteLinks } from '../../platform/web/markdown.ts';
import { markdownToText } from '../../platform/web/markdown-text.ts';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import {
  composeEmail,
  escapeHtml,
  type ComposedEmail,
  type EmailContent,
  type EmailTemplate,
  type Sender,
} from '../email/service.ts';
import { broadcasts, type BroadcastVersion } from './schema.ts';

export type BroadcastContent = {
  subject: string;
  preheader: string;
  bodyHtml: string;
  bodyText: string;
  locale: Locale;
};

/**
 * A broadcast's words in a reader's language, rendered from Markdown once
 * and kept: a send to 100,000 people renders it twice, not 100,000 times.
 * Spanish readers get the English version when there is no Spanish one.
 */
export class BroadcastContentCache {
  private readonly kept: LoadingCache<string, BroadcastContent | undefined>;

  constructor(
    private readonly db: Db,
    private readonly publicUrl: string,
    max = 50,
  ) {
    this.kept = new LoadingCache({ max });
  }

  get(broadcastId: number, locale: Locale): Promise<BroadcastContent | undefined> {
    return this.kept.get(`${broadcastId}:${locale}`, () => this.load(broadcastId, locale));
  }

  private async load(broadcastId: number, locale: Locale): Promise<BroadcastContent | undefined> {
    const [row] = await this.db
      .select({ en: broadcasts.en, es: broadcasts.es })
      .from(broadcasts)
      .where(eq(broadcasts.id, broadcastId));
    if (!row) return undefined;
    const useEs = locale === 'es' && row.es !== null;
    return renderVersion(useEs ? row.es! : row.en, useEs ? 'es' : 'en', this.publicUrl);
  }
}

/**
 * Markdown to both parts of an email: HTML, and plain text a mail client
 * shows as it is (no Markdown left, each link's address written out).
 * Relative links become absolute, in the version's language, in both.
 */
export function renderVersion(version: BroadcastVersion, locale: Locale, publicUrl: string): BroadcastContent {
  const links: SiteLinks = { languagePrefix: locale === 'es' ? '/es' : '', absoluteBase: publicUrl.replace(/\/$/, '') };
  return {
    subject: version.subject,
    preheader: version.preheader,
    bodyHtml: renderMarkdown(version.body, links),
    bodyText: markdownToText(version.body, links),
    locale,
  };
}

/** Fills {{givenName}} and friends; values are escaped for HTML where the target is HTML. */
export function mergeFields(
  template: string,
  fields: Record<string, string>,
  escapeValue: (value: string) => string = (v) => v,
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) =>
    name in fields ? escapeValue(fields[name]!) : placeholder,
  );
}

/** The words as one reader gets them: their fields merged into every part. */
function personalized(content: BroadcastContent, fields: Record<string, string>, test = false): EmailContent {
  return {
    subject: (test ? '[Test] ' : '') + mergeFields(content.subject, fields),
    preheader: mergeFields(content.preheader, fields),
    bodyHtml: mergeFields(content.bodyHtml, fields, escapeHtml),
    bodyText: mergeFields(content.bodyText, fields),
  };
}

/** The outbox template 'broadcast': the staff-written words, merged for each reader, inside the email layout. */
export function broadcastTemplate(cache: BroadcastContentCache): EmailTemplate {
  return {
    async render(row) {
      const content = await cache.get(Number(row.data.broadcastId), row.locale);
      if (!content) throw new Error('the broadcast no longer exists');
      return personalized(content, { givenName: String(row.data.givenName ?? '') }, Boolean(row.data.test));
    },
  };
}

/** Who a preview is shown to: a made-up reader in each language, whose links lead nowhere real. */
export const sampleReader: Record<Locale, { givenName: string }> = {
  en: { givenName: 'Alex' },
  es: { givenName: 'Sofía' },
};

/**
 * A version as a sample reader's mail client will get it: the same layout,
 * footer and plain text as the sender builds for each person, with the
 * sample reader's name and a sample preferences link in place of theirs.
 */
export function previewBroadcast(
  version: BroadcastVersion,
  locale: Locale,
  sender: Pick<Sender, 'name' | 'postalAddress' | 'publicUrl'>,
): ComposedEmail {
  const content = personalized(renderVersion(version, locale, sender.publicUrl), sampleReader[locale]);
  const preferencesUrl = sender.publicUrl.replace(/\/$/, '') + localizedPath(locale, '/preferences/sample');
  return composeEmail(content, { locale, sender: { ...sender, address: '' }, preferencesUrl });
}
