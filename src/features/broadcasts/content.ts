import { eq } from 'drizzle-orm';
import { LoadingCache } from '../../platform/cache.ts';
import type { Db } from '../../platform/db/client.ts';
import { renderMarkdown } from '../../platform/web/markdown.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { escapeHtml, type EmailTemplate } from '../email/service.ts';
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

/** Markdown to email HTML: relative links become absolute, in the version's language. */
export function renderVersion(version: BroadcastVersion, locale: Locale, publicUrl: string): BroadcastContent {
  const html = renderMarkdown(version.body, {
    languagePrefix: locale === 'es' ? '/es' : '',
    absoluteBase: publicUrl.replace(/\/$/, ''),
  });
  return { subject: version.subject, preheader: version.preheader, bodyHtml: html, bodyText: version.body, locale };
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

/** The outbox template 'broadcast': the staff-written words, merged for each reader, inside the email layout. */
export function broadcastTemplate(cache: BroadcastContentCache): EmailTemplate {
  return {
    async render(row) {
      const content = await cache.get(Number(row.data.broadcastId), row.locale);
      if (!content) throw new Error('the broadcast no longer exists');
      const fields = { givenName: String(row.data.givenName ?? '') };
      return {
        subject: (row.data.test ? '[Test] ' : '') + mergeFields(content.subject, fields),
        preheader: mergeFields(content.preheader, fields),
        bodyHtml: mergeFields(content.bodyHtml, fields, escapeHtml),
        bodyText: mergeFields(content.bodyText, fields),
      };
    },
  };
}
